"""The tokens of a document as one reusable list.

Every ``for t in doc`` makes new :class:`~spacy.tokens.Token` views, and kg walks each document many times (one
pass per kind of entity, mention and relation). The passes share one list of views per document instead; a
view reads the document's current annotation, so the list stays right while components set entities or types.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

_LAST: list = [None, []]


def doc_tokens(doc: Doc) -> list[Token]:
    """The tokens of ``doc`` (cached for the document being processed; rebuilt if its length changed)."""
    if _LAST[0] is not doc or len(_LAST[1]) != len(doc):
        _LAST[0] = doc
        _LAST[1] = list(doc)
    return _LAST[1]


_SENTS: list = [None, -1, [], []]  # document, its length, sentence number of each token, sentence spans


def sent_of(x: Token | Span) -> Span:
    """The sentence of token ``x`` (of a span's first token): ``x.sent`` without spaCy's walk to the sentence's
    edges on every call (the sentences of the document being processed are cached, as its tokens are)."""
    doc = x.doc
    if _SENTS[0] is not doc or _SENTS[1] != len(doc):
        spans = list(doc.sents)
        index: list[int] = []
        for k, s in enumerate(spans):
            index.extend([k] * len(s))
        _SENTS[:] = [doc, len(doc), index, spans]
    return _SENTS[3][_SENTS[2][x.i if isinstance(x, Token) else x.start]]
