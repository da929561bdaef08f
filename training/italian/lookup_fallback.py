"""Experimental lemma fallback: morph-it lookup tables for words the trainable lemmatizer leaves unchanged.

Measured in ``benchmarks/italian_model/results.md`` and NOT part of the shipped pipeline: it needs code
registered at load time, the ``spacy-lookups-data`` package at run time and morph-it's licence (CC BY-SA 2.0
/ LGPL). Importing this module registers the ``kg_it_lemma_lookup_fallback`` component.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.lookups import Lookups, load_lookups
from spacy.tokens import Doc, Token

#: UPOS with a part-of-speech specific table in spacy-lookups-data (``it_lemma_lookup_<pos>``).
TABLE_POS = ("noun", "verb", "adj", "adv", "aux", "det", "pron", "adp", "num")


class LemmaLookupFallback:
    """Replace a lemma equal to the word form by the POS-specific lookup lemma, when the table knows it."""

    def __init__(self, lookups: Lookups) -> None:
        self.lookups = lookups

    def table_lemma(self, token: Token) -> str | None:
        """The lookup table's lemma for ``token`` given its predicted UPOS, if any."""
        pos = token.pos_.lower()
        if pos not in TABLE_POS:
            return None
        return self.lookups.get_table(f"lemma_lookup_{pos}").get(token.text.lower())

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            if token.lemma_.lower() != token.text.lower():
                continue
            lemma = self.table_lemma(token)
            if lemma:
                token.lemma_ = lemma
        return doc


@Language.factory("kg_it_lemma_lookup_fallback")
def make_lemma_lookup_fallback(nlp: Language, name: str) -> LemmaLookupFallback:
    """Factory: load the Italian POS-specific tables from spacy-lookups-data."""
    return LemmaLookupFallback(load_lookups("it", [f"lemma_lookup_{pos}" for pos in TABLE_POS]))
