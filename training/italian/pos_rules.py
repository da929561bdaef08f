"""UPOS corrections from the dependency parse, shipped as a spaCy ``attribute_ruler`` (``pos_rules``).

The morphologizer tags each word before the parse is known; a few frequent ambiguities are decided by the
function the parser gives the word:

- ``che`` is a relative pronoun (PRON) when it is a subject or object of the relative clause and a
  subordinating conjunction (SCONJ) when it marks a clause (``mark``);
- a possessive or demonstrative tagged PRON that the parser attaches as a determiner (``la sua società``,
  ``questa settimana``) is DET;
- a determiner tagged DET that the parser makes a subject, object or oblique (``questo è``, ``i suoi``)
  is a pronoun, unless it is an article.

A lexicon rule fixes open-class confusions (NOUN/ADJ/VERB) on words the treebanks rarely or never show:
when the morph-it lexicon (``spacy-lookups-data``, CC BY-SA 2.0 / LGPL) lists a word form under exactly one
of noun, adjective and verb, and the tagger chose another of the three, the lexicon's class wins
(``svuota`` NOUN -> VERB, ``miracolosa`` NOUN -> ADJ). Only forms with a wordfreq Zipf frequency of at
least ``MIN_ZIPF`` are kept (57k of 391k forms), and forms the training treebanks tag with another open
class are left out. The lexicon is built when the model is written, so neither package is needed at run time.

Rules and threshold were chosen on MarkIT dev predictions of a model that had not seen MarkIT dev (never
on ISDT). The ruler is a built-in spaCy component, so the pipeline loads with a plain ``spacy.load``.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Mapping, Set
from pathlib import Path
from typing import Any

from spacy.language import Language

#: Name of the component in the shipped pipeline.
RULER_NAME = "pos_rules"
#: Relations of a pronoun argument.
ARGUMENT_DEPS = ["nsubj", "nsubj:pass", "obj", "iobj", "obl"]
#: Relations of a determiner.
DETERMINER_DEPS = ["det", "det:poss", "det:predet"]
#: Possessives and demonstratives, which are DET before a noun and PRON on their own.
DETERMINER_PRONOUNS = [
    "mio",
    "mia",
    "miei",
    "mie",
    "tuo",
    "tua",
    "tuoi",
    "tue",
    "suo",
    "sua",
    "suoi",
    "sue",
    "nostro",
    "nostra",
    "nostri",
    "nostre",
    "vostro",
    "vostra",
    "vostri",
    "vostre",
    "loro",
    "proprio",
    "propria",
    "propri",
    "proprie",
    "questo",
    "questa",
    "questi",
    "queste",
    "quello",
    "quella",
    "quelli",
    "quelle",
    "quel",
    "quei",
    "quegli",
]
#: Articles, which stay DET whatever the parser attaches them as.
ARTICLES = ["il", "lo", "la", "i", "gli", "le", "l'", "un", "uno", "una", "un'"]

#: Open word classes the lexicon rule chooses between, with their morph-it table names.
OPEN_CLASSES = {"NOUN": "noun", "ADJ": "adj", "VERB": "verb"}
#: Lowest wordfreq Zipf frequency of a form the lexicon rule keeps (chosen on MarkIT dev: 1.5-2.5 are equal).
MIN_ZIPF = 2.0
#: One UPOS -> word forms mapping: forms that only the lexicon's class of that UPOS lists.
Lexicon = Mapping[str, list[str]]

#: (patterns, attributes) pairs of the ruler, applied in this order.
POS_RULES: list[tuple[list[list[dict[str, Any]]], dict[str, str]]] = [
    ([[{"LOWER": "che", "DEP": {"IN": ARGUMENT_DEPS}}]], {"POS": "PRON"}),
    ([[{"LOWER": "che", "DEP": "mark"}]], {"POS": "SCONJ"}),
    (
        [[{"LOWER": {"IN": DETERMINER_PRONOUNS}, "POS": "PRON", "DEP": {"IN": DETERMINER_DEPS}}]],
        {"POS": "DET"},
    ),
    (
        [[{"LOWER": {"NOT_IN": ARTICLES}, "POS": "DET", "DEP": {"IN": ARGUMENT_DEPS}}]],
        {"POS": "PRON"},
    ),
]


def morph_it_open_class_forms() -> dict[str, set[str]]:
    """Word forms of morph-it's noun, adjective and verb tables (from ``spacy-lookups-data``), by UPOS."""
    import spacy_lookups_data  # training-time dependency only

    data = Path(spacy_lookups_data.__file__).parent / "data"
    forms: dict[str, set[str]] = {}
    for upos, table in OPEN_CLASSES.items():
        with gzip.open(data / f"it_lemma_lookup_{table}.json.gz", "rt", encoding="utf-8") as handle:
            forms[upos] = set(json.load(handle))
    return forms


def build_lexicon(
    forms: Mapping[str, Set[str]],
    treebank_upos: Mapping[str, Set[str]],
    min_zipf: float = MIN_ZIPF,
) -> dict[str, list[str]]:
    """Forms listed under exactly one open class, frequent enough and not contradicted by the treebanks.

    ``forms`` maps each open-class UPOS to the lexicon's forms; ``treebank_upos`` maps a lower-cased form to
    the UPOS the training treebanks give it. A form is dropped when the treebanks tag it with another open
    class (``universo`` is only an adjective in morph-it, a noun in the treebanks).
    """
    from wordfreq import zipf_frequency  # training-time dependency only

    lexicon: dict[str, list[str]] = {}
    for upos, own in forms.items():
        others = [forms[other] for other in forms if other != upos]
        rivals = set(OPEN_CLASSES) - {upos}
        lexicon[upos] = sorted(
            form
            for form in own
            if not any(form in other for other in others)
            and not (treebank_upos.get(form, set()) & rivals)
            and zipf_frequency(form, "it") >= min_zipf
        )
    return lexicon


def lexicon_rules(lexicon: Lexicon) -> list[tuple[list[list[dict[str, Any]]], dict[str, str]]]:
    """Ruler entries: an open-class word tagged with a class the lexicon does not list gets the lexicon's."""
    return [
        (
            [[{"LOWER": {"IN": forms}, "POS": {"IN": sorted(set(OPEN_CLASSES) - {upos})}}]],
            {"POS": upos},
        )
        for upos, forms in lexicon.items()
        if forms
    ]


def add_pos_rules(nlp: Language, lexicon: Lexicon | None = None) -> None:
    """Append the ``pos_rules`` attribute ruler (after the parser) to ``nlp``, with the lexicon rule if given."""
    ruler = nlp.add_pipe("attribute_ruler", name=RULER_NAME, last=True)
    for patterns, attrs in [*POS_RULES, *lexicon_rules(lexicon or {})]:
        ruler.add(patterns=patterns, attrs=attrs)  # type: ignore[attr-defined]
