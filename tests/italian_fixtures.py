"""A helper shared by the Italian entity tests: the mentions the pipeline finds in a pre-tokenised text."""

from __future__ import annotations

from spacy.tokens import Doc


def ents(nlp, text: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Mentions (text -> kg type) of a text given as space-separated tokens."""
    doc = nlp(Doc(nlp.vocab, words=text.split(" ")))
    return {e.text: e.label_ for e in doc.ents}
