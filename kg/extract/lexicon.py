"""Per-language extraction knowledge, loaded from ``ontologies/lexicon/<lang>.toml``.

The code is the same for every language; everything language-specific (trigger lemmas and their
argument slots, role titles, coreference cues, money and date words, modality cues, stop entities)
is data. See ``ontologies/lexicon/README.md`` for the format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from kg.resources import load_toml

if TYPE_CHECKING:
    from spacy.tokens import Token


_ROUND_LETTERS = frozenset("ABCDEFGH")


@dataclass(frozen=True, slots=True)
class Trigger:
    """A word that signals a relation, with where its arguments sit in the parse."""

    lemmas: tuple[str, ...]
    predicate: str
    subject: tuple[str, ...]
    object: tuple[str, ...]
    pos: str = "VERB"  # VERB or NOUN
    confidence: float = 0.8
    modality: str | None = None  # default modality the trigger itself carries ("bid" -> announced)
    stative: bool = False  # a state ("deve fare i conti con X"): modal verbs make no plan of it
    requires: tuple[str, ...] = ()  # extra conditions, e.g. "money", "stake"
    object_lemmas: tuple[str, ...] = ()  # the object noun must be one of these (e.g. "supply X with chips")
    via_product: bool = False  # an argument may be a product/offering of the entity ("uses Nvidia's chips")
    orient: tuple[str, ...] = ()  # symmetric wording, direction by gazetteer category: subject is the one in these
    subject_types: tuple[str, ...] = ()  # narrower than the predicate's domain ("the Nscale site": not a place)
    names_products: bool = False  # the wording says its product slot holds a product ("the maker of Jira")
    name: str = ""


@dataclass(frozen=True, slots=True)
class Title:
    words: tuple[str, ...]
    predicate: str
    confidence: float = 0.85


@dataclass(frozen=True, slots=True)
class Lexicon:
    lang: str
    triggers: tuple[Trigger, ...]
    titles: tuple[Title, ...]
    preposition_map: dict[str, str]
    complex_prepositions: tuple[str, ...]
    agent_prepositions: frozenset[str]
    relative_pronouns: frozenset[str]
    pronouns: dict[str, str]  # lower form -> "Organization" | "Person" | "any"
    plural_pronouns: frozenset[str]  # stand for every name of a coordination ("they", "their")
    cue_nouns: dict[str, tuple[str, ...]]  # "chipmaker" -> ("Organization", "chipmaker")
    title_connectors: frozenset[str]  # words between an org and a title: "of", "at", "di", "del"
    modality_cues: dict[str, str]  # lemma -> modality
    rumour_phrases: tuple[str, ...]
    negations: frozenset[str]
    currency_words: dict[str, str]
    scale_words: dict[str, float]
    month_names: dict[str, int]
    decimal_comma: bool
    stop_entities: frozenset[str]
    org_suffixes: tuple[str, ...]
    person_cues: frozenset[str]
    place_cues: frozenset[str]
    org_cues: frozenset[str]
    given_names: frozenset[str] = field(default_factory=frozenset)
    pro_drop: bool = False
    imperfect_ends: frozenset[str] = frozenset()  # predicates a verb in the imperfect states as over
    past_ends: frozenset[str] = frozenset()  # verbs whose past tense states a fact that is over ("worked at X")
    continuation_verbs: frozenset[str] = frozenset()  # "will keep running X": a state that holds now
    role_predicates: frozenset[str] = frozenset()  # roles: "after working at X" / "dopo aver lavorato" ends them
    after_words: frozenset[str] = frozenset()  # "after", "dopo": a role in such a clause is a past one
    past_adverbials: frozenset[str] = frozenset()  # "previously", "in passato": a role so qualified is over
    pronoun_gender: dict[str, str] = field(default_factory=dict)  # "she" -> "f"
    object_pronouns: frozenset[str] = frozenset()  # left unresolved as objects ("bought it": the deal, a product)
    reflexive_pronouns: frozenset[str] = frozenset()  # "itself": its own clause's subject
    person_possessions: frozenset[str] = frozenset()  # "al suo posto", "il suo predecessore": a person's
    impersonal_idioms: frozenset[str] = frozenset()  # "si tratta di": no modality cue in that form
    stake_words: frozenset[str] = field(default_factory=frozenset)
    relative_date_words: dict[str, int] = field(default_factory=dict)
    funding_nouns: frozenset[str] = field(default_factory=frozenset)
    duration_words: frozenset[str] = field(default_factory=frozenset)  # "spent three years at X": time spans
    facility_words: frozenset[str] = field(default_factory=frozenset)  # "a plant in Ohio": sites that have a place
    office_words: frozenset[str] = field(default_factory=frozenset)  # "opened an office in Paris": places a company
    seat_phrases: tuple[str, ...] = ()  # "con sede a", "headquartered in": the name described is based there
    ellipsis_phrases: tuple[str, ...] = ()  # "X joined the round, as did Y": Y did what X did
    until_words: frozenset[str] = field(default_factory=frozenset)  # "led it until 2023": a past role is over
    officer_titles: frozenset[str] = field(default_factory=frozenset)  # "the CFO, X,": of the company in question
    past_copulas: frozenset[str] = field(default_factory=frozenset)  # "X, che ne era il presidente": a past role
    ongoing_words: frozenset[str] = field(default_factory=frozenset)  # "che era già presidente dal 2018": still is
    unit_words: frozenset[str] = field(default_factory=frozenset)  # "runs Meta's AI unit": a part of a company
    nationality_words: frozenset[str] = field(default_factory=frozenset)  # "l'israeliana Annapurna Labs"
    statement_verbs: frozenset[str] = field(default_factory=frozenset)  # "X said it would buy Y": announced
    tense_only: frozenset[str] = field(default_factory=frozenset)  # "will", "would": a future, not a plan word
    done_in_past: frozenset[str] = field(default_factory=frozenset)  # "ha dovuto cedere": it had to, and did
    platforms: frozenset[str] = field(default_factory=frozenset)  # "LinkedIn": a company, not "on LinkedIn"
    venue_before: frozenset[str] = field(default_factory=frozenset)  # "on", "su": a platform as a venue
    venue_after: frozenset[str] = field(default_factory=frozenset)  # "post", "account": a platform as a venue
    supply_words: frozenset[str] = field(default_factory=frozenset)
    public_categories: frozenset[str] = field(default_factory=frozenset)
    title_glue: frozenset[str] = field(default_factory=frozenset)
    article_titles: frozenset[str] = frozenset()  # titles that are also words ("ad"): only in capitals or after an article
    title_modifiers: dict[str, str] = field(default_factory=dict)
    verb_stems: tuple[str, ...] = ()
    noun_plurals: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "ista" -> ("isti", "iste")
    prepositions: frozenset[str] = field(default_factory=frozenset)  # words that may mark a case (UD "case")  # infinitive endings whose stems may match unlemmatised verb forms
    demonyms: dict[str, str] = field(default_factory=dict)  # "milanese" -> place key
    nationalities: dict[str, str] = field(default_factory=dict)  # "taiwanese" -> country key
    agreement_phrases: tuple[str, ...] = ()  # "under the agreement": a "will" there is an agreed term, not a plan
    lemma_fixes: dict[str, str] = field(default_factory=dict)  # irregular forms the lemmatizer misses: "concesso"
    product_heads: frozenset[str] = field(default_factory=frozenset)  # "the Safari browser": offering nouns
    np_openers: frozenset[str] = field(default_factory=frozenset)  # "the", "its", "il", "suo": open a noun phrase
    possessives: frozenset[str] = field(default_factory=frozenset)  # "its", "suo": say whose the offering is
    making_verbs: frozenset[str] = field(default_factory=frozenset)  # "the platform that X develops": an offering
    org_words: frozenset[str] = field(default_factory=frozenset)  # "Isomorphic Labs", "X, a company he ..."
    project_tails: frozenset[str] = field(default_factory=frozenset)  # "the Carbon Free Power Project"
    surname_mentions: bool = False  # a later bare surname of a person named in full is that person

    def lemma(self, t: Token) -> str:
        """The token's lemma, corrected for the irregular forms listed in ``[syntax.lemma_fixes]``."""
        if len(t.text) <= 2 and t.text[:1] in _ROUND_LETTERS and t.i > 0 and t.doc[t.i - 1].lower_ in {"series", "serie"}:
            return "series"  # "a Series B": the letter heads the phrase and names the round
        return self.lemma_fixes.get(t.lower_, t.lemma_.lower())

    def triggers_for(self, lemma: str, pos: str) -> list[Trigger]:
        return self._index().get((lemma, pos), [])

    def verb_by_stem(self, form: str) -> str | None:
        """Infinitive of a trigger verb whose stem starts ``form`` ("investiranno" -> "investire"), for
        forms the lemmatizer left unlemmatised. Only for languages with ``verb_stems`` in the lexicon."""
        if not self.verb_stems:
            return None
        return _verb_by_stem(self.lang, form.lower())

    def noun_by_plural(self, form: str) -> str | None:
        """The trigger noun a regular plural form belongs to ("azionisti" -> "azionista"), for plurals the
        lemmatizer mangled. Only for languages with ``noun_plurals`` in the lexicon."""
        if not self.noun_plurals:
            return None
        return _plural_index(self.lang).get(form.lower())

    def _index(self) -> dict[tuple[str, str], list[Trigger]]:
        return _trigger_index(self.lang)


def _tuple(v: object) -> tuple[str, ...]:
    if v is None:
        return ()
    if isinstance(v, str):
        return (v,)
    return tuple(v)  # type: ignore[arg-type]


@lru_cache(maxsize=4)
def load_lexicon(lang: str) -> Lexicon:
    """The lexicon of ``lang`` (``en`` or ``it``), merged with the shared ``common.toml``."""
    data = load_toml(f"lexicon/{lang}.toml")
    common = load_toml("lexicon/common.toml")
    triggers = []
    for kind in ("verb", "noun"):
        for i, t in enumerate(data.get(kind, [])):
            triggers.append(Trigger(
                lemmas=_tuple(t["lemmas"]), predicate=t["predicate"], subject=_tuple(t["subject"]),
                object=_tuple(t["object"]), pos="VERB" if kind == "verb" else "NOUN",
                confidence=float(t.get("confidence", 0.8)), modality=t.get("modality"),
                requires=_tuple(t.get("requires")), object_lemmas=_tuple(t.get("object_lemmas")),
                via_product=bool(t.get("via_product", False)), orient=_tuple(t.get("orient")),
                stative=bool(t.get("stative", False)), subject_types=_tuple(t.get("subject_types")),
                names_products=bool(t.get("names_products", False)),
                name=t.get("name", f"{lang}:{kind}{i}"),
            ))
    titles = tuple(
        Title(words=_tuple(t["words"]), predicate=t["predicate"], confidence=float(t.get("confidence", 0.85)))
        for t in data.get("title", [])
    )
    syn = data.get("syntax", {})
    ref = data.get("reference", {})
    money = data.get("money", {})
    ents = data.get("entities", {})
    modality_cues: dict[str, str] = {}
    for modality, lemmas in data.get("modality", {}).items():
        if modality in {"rumour_phrases", "agreement_phrases", "statement_verbs", "tense_only", "done_in_past"}:
            continue
        for lemma in lemmas:
            modality_cues[lemma] = modality
    cue_nouns = {k: tuple(v) for k, v in ref.get("cue_nouns", {}).items()}
    return Lexicon(
        lang=lang,
        triggers=tuple(triggers),
        titles=titles,
        preposition_map=dict(syn.get("preposition_map", {})),
        complex_prepositions=_tuple(syn.get("complex_prepositions")),
        agent_prepositions=frozenset(syn.get("agent_prepositions", [])),
        relative_pronouns=frozenset(syn.get("relative_pronouns", [])),
        pronouns=dict(ref.get("pronouns", {})),
        plural_pronouns=frozenset(ref.get("plural_pronouns", [])),
        object_pronouns=frozenset(ref.get("object_pronouns", [])),
        reflexive_pronouns=frozenset(ref.get("reflexive_pronouns", [])),
        person_possessions=frozenset(ref.get("person_possessions", [])),
        pronoun_gender=dict(ref.get("pronoun_gender", {})),
        impersonal_idioms=frozenset(syn.get("impersonal_idioms", [])),
        cue_nouns=cue_nouns,
        title_connectors=frozenset(syn.get("title_connectors", [])),
        modality_cues=modality_cues,
        rumour_phrases=_tuple(data.get("modality", {}).get("rumour_phrases")),
        negations=frozenset(syn.get("negations", [])),
        currency_words={**common.get("currency_symbols", {}), **money.get("currency_words", {})},
        scale_words={k: float(v) for k, v in money.get("scale_words", {}).items()},
        month_names={k: int(v) for k, v in data.get("dates", {}).get("months", {}).items()},
        decimal_comma=bool(money.get("decimal_comma", False)),
        stop_entities=frozenset(w.lower() for w in common.get("stop_entities", []) + ents.get("stop", [])),
        org_suffixes=_tuple(common.get("org_suffixes")),
        person_cues=frozenset(ents.get("person_cues", [])),
        place_cues=frozenset(ents.get("place_cues", [])),
        org_cues=frozenset(ents.get("org_cues", [])),
        given_names=frozenset(ents.get("given_names", [])) | _given_names(),
        pro_drop=bool(syn.get("pro_drop", False)),
        imperfect_ends=frozenset(syn.get("imperfect_ends", [])),
        past_ends=frozenset(syn.get("past_ends", [])),
        continuation_verbs=frozenset(syn.get("continuation_verbs", [])),
        role_predicates=frozenset(syn.get("role_predicates", [])),
        after_words=frozenset(syn.get("after_words", [])),
        past_adverbials=frozenset(syn.get("past_adverbials", [])),
        stake_words=frozenset(syn.get("stake_words", [])),
        relative_date_words={k: int(v) for k, v in data.get("dates", {}).get("relative", {}).items()},
        funding_nouns=frozenset(syn.get("funding_nouns", [])),
        duration_words=frozenset(syn.get("duration_words", [])),
        facility_words=frozenset(syn.get("facility_words", [])),
        office_words=frozenset(syn.get("office_words", [])),
        seat_phrases=tuple(syn.get("seat_phrases", [])),
        ellipsis_phrases=tuple(syn.get("ellipsis_phrases", [])),
        until_words=frozenset(syn.get("until_words", [])),
        officer_titles=frozenset(syn.get("officer_titles", [])),
        past_copulas=frozenset(syn.get("past_copulas", [])),
        ongoing_words=frozenset(syn.get("ongoing_words", [])),
        unit_words=frozenset(syn.get("unit_words", [])),
        nationality_words=frozenset(syn.get("nationality_words", [])) | frozenset(ref.get("demonyms", {})),
        statement_verbs=frozenset(data.get("modality", {}).get("statement_verbs", [])),
        tense_only=frozenset(data.get("modality", {}).get("tense_only", [])),
        done_in_past=frozenset(data.get("modality", {}).get("done_in_past", [])),
        platforms=frozenset(ents.get("platforms", [])),
        venue_before=frozenset(ents.get("venue_before", [])),
        venue_after=frozenset(ents.get("venue_after", [])),
        supply_words=frozenset(syn.get("supply_words", [])),
        public_categories=frozenset(syn.get("public_categories", [])),
        title_glue=frozenset(syn.get("title_glue", [])),
        article_titles=frozenset(syn.get("article_titles", [])),
        title_modifiers=dict(syn.get("title_modifiers", {})),
        demonyms=dict(ref.get("demonyms", {})),
        nationalities=dict(ref.get("nationalities", {})),
        verb_stems=_tuple(syn.get("verb_stems")),
        noun_plurals={k: _tuple(v) for k, v in syn.get("noun_plurals", {}).items()},
        prepositions=frozenset(syn.get("prepositions", [])),
        agreement_phrases=_tuple(data.get("modality", {}).get("agreement_phrases")),
        lemma_fixes=dict(syn.get("lemma_fixes", {})),
        product_heads=frozenset(w.lower() for w in ents.get("product_heads", [])),
        np_openers=frozenset(ents.get("np_openers", [])),
        possessives=frozenset(ents.get("possessives", [])),
        making_verbs=frozenset(ents.get("making_verbs", [])),
        org_words=frozenset(w.lower() for w in ents.get("org_words", [])),
        project_tails=frozenset(w.lower() for w in ents.get("project_tails", [])),
        surname_mentions=bool(ents.get("surname_mentions", False)),
    )


@lru_cache(maxsize=4)
def _stem_index(lang: str) -> list[tuple[str, str]]:
    """(stem, infinitive) of the trigger verbs, longest stems first; stems shorter than 4 letters are left out."""
    lex = load_lexicon(lang)
    out = set()
    for t in lex.triggers:
        if t.pos != "VERB":
            continue
        for lemma in t.lemmas:
            for ending in lex.verb_stems:
                if " " not in lemma and lemma.endswith(ending) and len(lemma) - len(ending) >= 4:
                    out.add((lemma[: -len(ending)], lemma))
    return sorted(out, key=lambda x: -len(x[0]))


@cache  # a closed set of names, read on hot paths
def word_set(name: str) -> frozenset[str]:
    """A closed word class of ``[word_sets]`` in ``ontologies/lexicon/common.toml`` (lowercase): list joins,
    articles, company-only apposition nouns, investment-arm words. Raises ``KeyError`` for an unknown class."""
    return frozenset(w.lower() for w in load_toml("lexicon/common.toml")["word_sets"][name])


@lru_cache(maxsize=1)
def count_words() -> dict[str, int]:
    """Counts written as words (``[count_words]`` in ``ontologies/lexicon/common.toml``): "three" -> 3."""
    return {k.lower(): int(v) for k, v in load_toml("lexicon/common.toml").get("count_words", {}).items()}


@lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    """Shared given-name list (``ontologies/lexicon/given_names.txt``)."""
    from kg.resources import ontologies_dir

    path = ontologies_dir() / "lexicon" / "given_names.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(x.strip() for x in lines if x.strip() and not x.startswith("#"))


@lru_cache(maxsize=1)
def name_genders() -> dict[str, str]:
    """Given name -> "f" or "m" for names of one gender only (``ontologies/lexicon/gendered_names.tsv``)."""
    from kg.resources import ontologies_dir

    path = ontologies_dir() / "lexicon" / "gendered_names.tsv"
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#") and "\t" in line:
            name, gender = line.split("\t", 1)
            out[name] = gender.strip()
    return out


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    """Family names (``ontologies/lexicon/surnames.txt``, from Faker's person providers)."""
    from kg.resources import ontologies_dir

    path = ontologies_dir() / "lexicon" / "surnames.txt"
    if not path.exists():
        return frozenset()
    return frozenset(line.strip() for line in path.read_text(encoding="utf-8").splitlines()
                     if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=4)
def _trigger_index(lang: str) -> dict[tuple[str, str], list[Trigger]]:
    index: dict[tuple[str, str], list[Trigger]] = {}
    for t in load_lexicon(lang).triggers:
        for lemma in t.lemmas:
            index.setdefault((lemma, t.pos), []).append(t)
    return index


@lru_cache(maxsize=4)
def _plural_index(lang: str) -> dict[str, str]:
    """Regular plural -> singular of every one-word trigger noun of ``lang`` (an existing form wins)."""
    lex = load_lexicon(lang)
    endings = sorted(lex.noun_plurals.items(), key=lambda kv: -len(kv[0]))
    out: dict[str, str] = {}
    for (lemma, pos) in _trigger_index(lang):
        if pos != "NOUN" or " " in lemma:
            continue
        for singular, plurals in endings:
            if lemma.endswith(singular):
                for plural in plurals:
                    out.setdefault(lemma[: len(lemma) - len(singular)] + plural, lemma)
                break
    return out


@lru_cache(maxsize=65536)
def _verb_by_stem(lang: str, low: str) -> str | None:
    for stem, lemma in _stem_index(lang):
        if low.startswith(stem) and len(low) - len(stem) <= 6:
            return lemma
    return None
