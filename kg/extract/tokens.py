"""The tokens of a document as one reusable list.

Every ``for t in doc`` makes new :class:`~spacy.tokens.Token` views, and kg walks each document many times (one
pass per kind of entity, mention and relation). The passes share one list of views per document instead; a
view reads the document's current annotation, so the list stays right while components set entities or types.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

_LAST: list = [None, []]


def doc_tokens(doc: Doc) -> list[Token]:
    """The tokens of ``doc`` (cached for the document being processed; rebuilt if its length changed)."""
    if _LAST[0] is not doc or len(_LAST[1]) != len(doc):
        _LAST[0] = doc
        _LAST[1] = list(doc)
    return _LAST[1]
