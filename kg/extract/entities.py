"""Entity mentions: gazetteer entity ruler, model NER clean-up, proper-noun chains and type correction.

Italian has no statistical NER in kg: its names are proper-noun chains from kg's parser (and capitalised words
inside a sentence that are no Italian word), bounded and typed by the data in
``ontologies/lexicon/name_cues.toml``, ``places.txt``, ``given_names.txt`` and ``it_common_words.txt`` (see
``benchmarks/kind/build_lexicons.py``):

- the name itself: institution and place head words, place and event last words ("Hyde Park", "Tony Award"),
  hyphenated places ("Milano-Malpensa"), a first word that is a given name ("Kanye West"), a capitalised
  common word alone ("Pontefice": no entity);
- the words around it (``person_context``, ``place_context``): people's nouns before it or in an apposition
  after it ("il pugile X", "X, drammaturgo statunitense"), an age, kinship and life-event nouns ("la moglie di
  X"), verbs of birth, death and arrest, places' nouns ("il sindaco di X", "in località X"), province codes
  ("X (MB)"), storms, works and vehicles before it ("l'uragano X": no entity);
- the rest of the document (``_type_from_document``), for a name nothing above types: the same name typed
  elsewhere, the surname of a person named in full, a list of places or people it belongs to;
- then the English NER model read over the same words, when asked for (only its organisation and place labels,
  and person for names of two or more words); an organisation otherwise.

A lowercase head noun or a compass word joins the name it governs ("golfo del Messico", "università di
Nottingham", "Ossezia del Sud").

After the ``kg_entities`` component runs, ``doc.ents`` holds only kg-typed mentions (labels are kg entity
types: Organization, Person, Product, Project, Place) with ``ent.ent_id_`` set to the gazetteer key when
the ruler recognised the name. Dates, amounts, titles, pronouns and generic nouns never survive.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.extract.datelines import in_dateline
from kg.extract.lexicon import Lexicon, load_lexicon, surnames, word_set
from kg.extract.syntax import is_participle
from kg.extract.tokens import doc_tokens, sent_of
from kg.resolve.gazetteer import Gazetteer, default_gazetteer
from kg.resolve.normalize import normalize_name

#: spaCy NER labels (OntoNotes) -> kg entity types; other labels are dropped.
NER_LABELS = {
    "ORG": "Organization",
    "PERSON": "Person",
    "PER": "Person",
    "PRODUCT": "Product",
    "GPE": "Place",
    "LOC": "Place",
    "FAC": "Place",
    "MISC": None,
}
#: the English model's labels, when it is asked to guess the type of an Italian name
_EN_NER_TYPES = {"PERSON": "Person", "GPE": "Place", "LOC": "Place", "FAC": "Place", "ORG": "Organization"}
KG_TYPES = ("Organization", "Person", "Product", "Project", "Place")
_CAMEL = re.compile(r"^[A-Z]?[a-z]+[A-Z][A-Za-z]*|^[A-Z]{2,}[a-z]+[A-Z]")
_JUNK = re.compile(
    r"^(?:series|serie)\s+[a-z](?:\d)?\b|(?:^|\s)(?:series|serie)\s+[a-h]\d?$|^[\W\d_]+$|\.(?:jpe?g|png|gif|webp|svg|html?|php)$|^(?:https?|www)\b|[<>{}=|\\›»«·•]|\s/\s",
    re.I,
)
#: a single letter with a period ("B." of "Serie B." at a sentence end, an initial alone)
_INITIAL = re.compile(r"^[A-Za-z]\.$")
#: a stock ticker with its exchange suffix ("NVDA.O", "MQG.AX", "2330.TW"), never a name of its own
_TICKER = re.compile(r"^[A-Z0-9]{1,6}\.[A-Z]{1,3}$")
#: an exchange and ticker in brackets ("(NASDAQ: NVDA)", "(KRX: 000660)", "(Euronext: ASML)"): no mention inside
_TICKER_BRACKET = re.compile(r"\(\s*[A-Za-z][A-Za-z .&]{1,24}:\s*[A-Z0-9][A-Z0-9.\-]{0,11}\s*\)")
#: an amount the model took for a name: "~$700M", "US$ 2bn", "100bn", "1,5 mld" (not "3M": a bare one-letter
#: scale after a number is a company's name as often as an amount)
_AMOUNT_SHAPE = re.compile(
    r"^[~≈<>]?\s?(?:[$€£¥]|us\$|a\$|c\$|hk\$)\s?\d[\d.,]*\s?[a-z]*$"
    r"|^\d[\d.,]*\s?(?:bn|mn|mln|mld|mrd|tn|billion|million|trillion|miliardi|milioni)$",
    re.I,
)
_COMMON_CASEFOLD_OK = re.compile(r"[A-Z].*[A-Z]|\d|[^\w\s]")
#: Entity id of a mention rebuilt from others with no gazetteer key (an empty id would keep the tokens' old one).
NO_KEY = "~ner"


@lru_cache(maxsize=1)
def _lowercase_ambiguous() -> frozenset[str]:
    from kg.resources import load_toml

    return frozenset(load_toml("lexicon/common.toml").get("lowercase_ambiguous", []))


#: Words that join the parts of a name ("Banca d'Italia", "Piazza del Campo", "Bank of England").
_OF = frozenset(
    {"di", "del", "della", "dello", "dei", "degli", "delle", "d'", "dell'", "d’", "dell’", "of", "de"}
)


@dataclass(frozen=True, slots=True)
class NameCues:
    """Words that type or bound a proper-noun chain nothing else recognised (``lexicon/name_cues.toml``)."""

    org_words: frozenset[str]
    place_heads: frozenset[str]
    event_heads: frozenset[str]
    never_names: frozenset[str]
    person_before: frozenset[str]
    person_speech_verbs: frozenset[str]
    place_before: frozenset[str]
    places: frozenset[str]  # exact spelling, from name_cues.toml and places.txt
    common_words: frozenset[str]  # lowercase ordinary words of the language (<lang>_common_words.txt)
    project_heads: frozenset[str] = frozenset()
    product_before: frozenset[str] = frozenset()
    org_tail_words: frozenset[str] = frozenset()
    person_nouns: frozenset[str] = frozenset()
    person_verbs: frozenset[str] = frozenset()
    person_of: frozenset[str] = frozenset()
    person_named_after: frozenset[str] = frozenset()
    place_of: frozenset[str] = frozenset()
    place_tails: frozenset[str] = frozenset()
    place_nouns: frozenset[str] = frozenset()
    place_features: frozenset[str] = frozenset()
    institution_heads: frozenset[str] = frozenset()
    institution_words: frozenset[str] = frozenset()
    event_tails: frozenset[str] = frozenset()
    event_before: frozenset[str] = frozenset()
    province_codes: frozenset[str] = frozenset()  # exact spelling ("MI", "RM")


@lru_cache(maxsize=1)
def known_place_names() -> frozenset[str]:
    """Names of countries, territories and cities (``ontologies/lexicon/places.txt``), exact spelling."""
    return _word_list("places.txt")


#: The line of ``given_names.txt`` after which the generated names (Faker's first names) start.
GENERATED_GIVEN_NAMES_MARKER = "# --- generated"


@lru_cache(maxsize=1)
def generated_given_names() -> frozenset[str]:
    """The given names of ``given_names.txt`` generated from a large first-name list (below its marker line):
    good evidence for a name of two or more words ("Kanye West"), too weak alone for a name of one word
    ("Mac", "Sierra")."""
    from kg.resources import ontologies_dir

    path = ontologies_dir() / "lexicon" / "given_names.txt"
    if not path.exists():
        return frozenset()
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next((i for i, x in enumerate(lines) if x.startswith(GENERATED_GIVEN_NAMES_MARKER)), len(lines))
    return frozenset(x.strip() for x in lines[start + 1 :] if x.strip() and not x.startswith("#"))


def single_given_name(t, lex: Lexicon) -> bool:  # type: ignore[no-untyped-def]
    """``t`` is a given name that makes a person even alone ("Paolo"): one the kg developers listed."""
    return t.text in lex.given_names and t.text not in generated_given_names()


@lru_cache(maxsize=4)
def common_words(lang: str) -> frozenset[str]:
    """Lowercase ordinary word forms of ``lang`` (``<lang>_common_words.txt``; empty for a language without one)."""
    return _word_list(f"{lang}_common_words.txt")


def _word_list(name: str) -> frozenset[str]:
    from kg.resources import ontologies_dir

    path = ontologies_dir() / "lexicon" / name
    if not path.exists():
        return frozenset()
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(x.strip() for x in lines if x.strip() and not x.startswith("#"))


@lru_cache(maxsize=4)
def name_cues(lang: str) -> NameCues | None:
    """The chain-typing cues of ``lang``; None for a language without a table in ``name_cues.toml``."""
    from kg.resources import load_toml

    data = load_toml("lexicon/name_cues.toml").get(lang)
    if data is None:
        return None

    def low(key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in data.get(key, []))

    return NameCues(
        org_words=low("org_words"),
        place_heads=low("place_heads"),
        event_heads=low("event_heads"),
        never_names=low("never_names"),
        person_before=low("person_before"),
        person_speech_verbs=low("person_speech_verbs"),
        place_before=low("place_before"),
        places=frozenset(data.get("places", [])) | known_place_names(),
        common_words=common_words(lang),
        project_heads=low("project_heads"),
        product_before=low("product_before"),
        # (and the company words noisy text misspells: "Lingotto Investment Management" ends like a company)
        org_tail_words=low("org_tail_words") | _company_words(),
        person_nouns=low("person_nouns"),
        person_verbs=low("person_verbs"),
        person_of=low("person_of"),
        person_named_after=low("person_named_after"),
        place_of=low("place_of"),
        place_tails=low("place_tails"),
        place_nouns=low("place_nouns"),
        place_features=low("place_features"),
        institution_heads=low("institution_heads"),
        institution_words=low("institution_words"),
        event_tails=low("event_tails"),
        event_before=low("event_before"),
        province_codes=frozenset(data.get("province_codes", [])),
    )


#: chain_type's answer for a name that nothing types: an organisation, unless the document says otherwise.
UNTYPED = ""
#: ``chain_type``'s answer for a name only a speech verb types ("Rossi ha dichiarato"): a person unless the name is
#: typed otherwise elsewhere in the document ("il gruppo norvegese Aker ... Aker ha detto in una nota")
SPEAKER = "~speaker"


#: words that make "a" a part of another preposition, not "in/at" a place ("insieme a", "grazie a", "oltre a")
_NOT_PLACE_BEFORE = frozenset({"insieme", "assieme", "grazie", "oltre", "rispetto", "fino", "accanto", "davanti",
                               "dietro", "intorno", "attorno", "contro", "aggiunta", "fronte", "pari", "simile",
                               "uguale", "affidato", "affidata", "venduto", "venduta", "ceduto", "ceduta"})


_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")
_CREDIT_LEFT = re.compile(r"(?:^|[(|;\-–—])\W*$")


def is_credit_label(t: Token) -> bool:
    """``t`` and the colon after it open a caption's credit ("Credit:", "Photo:", "Foto:"): a label, never the end
    of the name before it."""
    return t.i + 1 < len(t.doc) and t.doc[t.i + 1].text == ":" and f"{t.lower_}:" in word_set("credit_openers")


def in_credit_line(doc: Doc, i: int) -> bool:
    """The name at token ``i`` is a page's credit, not a mention: it follows a credit opener on its line with no
    sentence end between ("Photo: Marta Ilves/Bloomberg", "Foto: Helsing / Ufficio stampa", "© Reuters",
    "(Reporting by ...", "Lead analyst: ..."), or it is in a short byline, a line or sentence of 14 words at most
    that opens with a byline word and a name, with no verb ("By Jane Doe and John Roe, Technology Correspondents", "di Giulia
    Ferri, Redazione Economia"). The openers are ``[word_sets] credit_openers`` and ``byline_openers`` of
    ``ontologies/lexicon/common.toml``."""
    text = _text(doc)
    char = doc[i].idx
    start = text.rfind("\n", 0, char) + 1
    line = text[start:char].lower()
    for opener in _credit_openers_in(doc):
        k = line.rfind(opener)
        if k < 0 or (k > 0 and line[k - 1].isalnum()) or _SENTENCE_END.search(line, k + len(opener)):
            continue
        if ":" in opener or "©" in opener or _CREDIT_LEFT.search(line[:k]):
            return True
    return _in_byline(doc[i], start)


def _in_byline(tok: Token, line_start: int) -> bool:
    """The name at ``tok`` is in a line or sentence of 14 words at most, with no verb, that opens with a byline
    word followed by a capitalised name ("By Claire Dumont and Pieter van Leeuwen, Technology Correspondents.",
    "di Luca Bianchi")."""
    doc = tok.doc
    openers = _byline_opener_tokens(doc)
    k = bisect_left(openers, tok.i)
    if k == 0 or tok.i - openers[k - 1] > 20:
        return False  # (no byline word shortly before: most names, decided without the sentence)
    line_end = _text(doc).find("\n", tok.idx)
    sent = sent_of(tok)
    for first in {doc[_first_token_at(doc, line_start, sent.start)], sent[0]}:
        if first.i >= tok.i or first.lower_ not in word_set("byline_openers"):
            continue
        if not (first.idx == line_start or (first.is_sent_start and first.text[:1].isupper())):
            continue
        words = [t for t in doc[first.i : max(sent.end, tok.i + 1)]
                 if not (t.is_space or t.is_punct) and (line_end < 0 or t.idx < line_end)]
        if 2 <= len(words) <= 14 and words[1].text[:1].isupper() and \
                not any(t.pos_ in {"VERB", "AUX"} for t in words[1:]):
            return True
    return False


def _text(doc: Doc) -> str:
    """``doc.text``, built once (spaCy joins the tokens again on every access)."""
    text = doc.user_data.get("kg_text")
    if text is None:
        text = doc.user_data["kg_text"] = doc.text
    return text


def _credit_openers_in(doc: Doc) -> list[str]:
    """The credit openers that occur anywhere in ``doc`` (cached on the doc): most texts have none."""
    found = doc.user_data.get("kg_credit_openers")
    if found is None:
        low = _text(doc).lower()
        found = doc.user_data["kg_credit_openers"] = [o for o in word_set("credit_openers") if o in low]
    return found


def _byline_opener_tokens(doc: Doc) -> list[int]:
    """Indexes of the byline words that open a line or a capitalised sentence (cached on the doc)."""
    found = doc.user_data.get("kg_byline_openers")
    if found is None:
        words = word_set("byline_openers")
        found = doc.user_data["kg_byline_openers"] = [
            t.i for t in doc if t.lower_ in words and (t.i == 0 or "\n" in doc[t.i - 1].text_with_ws
                                                       or (t.is_sent_start and t.text[:1].isupper()))]
    return found


def _first_token_at(doc: Doc, char: int, default: int) -> int:
    """Index of the first token at or after character ``char``, else ``default``."""
    starts = doc.user_data.get("kg_token_starts")
    if starts is None or len(starts) != len(doc):
        starts = doc.user_data["kg_token_starts"] = [t.idx for t in doc]
    k = bisect_left(starts, char)
    return k if k < len(doc) else default


def _capitalised_adjective(span: Span, lex: Lexicon, cues: NameCues) -> bool:
    """ "la start-up Francese", "il produttore Coreano", "l'azienda Parigina": a nationality or city adjective
    that noisy text capitalises after the noun it qualifies is no name (a place noun before it makes one:
    "la regione Toscana")."""
    if len(span) != 1 or span.start == 0 or span[0].lower_ not in lex.nationality_words:
        return False
    prev = span.doc[span.start - 1]
    return prev.is_lower and prev.pos_ == "NOUN" and prev.lower_ not in cues.place_heads


def chain_type(  # type: ignore[no-untyped-def]
    span: Span, lex: Lexicon, cues: NameCues, guess=None, default: str = "Organization"
) -> str | None:
    """kg type of an unknown proper-noun chain from the words in and around it; None when it is no entity
    (an event or award, a time zone, a capitalised common word with nothing suggesting a name); ``default``
    when nothing types it (``UNTYPED`` lets the caller decide from the rest of the document)."""
    doc = span.doc
    words = [t.lower_ for t in span]
    if words[0] in cues.event_heads or span.text.lower() in cues.never_names or event_tail(span, cues):
        return None
    prev = doc[span.start - 1] if span.start > 0 else None
    if prev is not None and prev.is_lower and prev.lower_ in cues.event_before:
        return None  # "l'uragano Ike", "il brano Release Me"
    if _bracketed_province_code(span, cues) or _motorway(span):
        return "Place"  # "Biassono ( MB )", "sulla A14"
    if _counted(span):
        return "Product"  # "due Tornado", "tre Airbus A320": things counted are models, not companies
    if any(t.text in _TITLE_PRONOUNS for t in span[1:]) or _species(span, cues):
        return None  # "Release Me", "Our Planet": titles of works; "Escherichia coli": a species
    if _LOWER_CAMEL.match(span[0].text) and not any(w in cues.org_words for w in words):
        return "Product"  # "iOS", "macOS Sierra", "iCloud Drive"
    if len(words) > 1 and words[0] in cues.project_heads:
        return "Project"  # "Progetto Bromo", "Iniziativa Minerva"
    if any(w in cues.org_words for w in words):
        return "Organization"
    if len(words) > 1 and words[-1] in cues.org_tail_words:
        return "Organization"  # "Aurora Innovation": a company word ends it, even after a given name
    if person_context(span, cues):
        # before the place list, which holds many surnames ("l'estremo difensore Green"), and before place heads
        # that are surnames too ("l'amministratore delegato Park Sung-hyun")
        return "Person"
    if len(words) > 1 and words[0] in cues.place_heads:
        return "Place"
    if span.text in cues.places or place_shape(span, cues):
        return "Place"
    if prev is not None and prev.lower_ in cues.product_before:
        return "Product"  # "l'assistente Le Chat", "il modello Velvet"
    if span[0].text in lex.given_names and (len(span) > 1 or single_given_name(span[0], lex)):
        return "Person"
    if place_context(span, cues):
        return "Place"
    if len(span) == 1 and words[0] in cues.institution_words and span[0].is_title and not span[0].is_sent_start:
        return "Organization"  # "il Senato", "la Camera": the institution
    if len(span) == 1 and words[0] in cues.common_words and not span[0].text.isupper():
        return None  # "Pontefice", "Altra"; never an acronym ("CONI", "ANSA")
    if len(span) == 1 and span[0].text.isupper() and len(words[0]) >= 6 and words[0] in cues.common_words:
        return None  # a page's kicker or section ("ANALISI", "TECNOLOGIA"): a long word, not an acronym
    root = span.root
    if (
        (len(span) == 1 or root.head.i < span.start)
        and root.dep_ == "nsubj"
        and root.head.lemma_.lower() in cues.person_speech_verbs
    ):
        return SPEAKER if default == UNTYPED else "Person"  # "Rossi ha dichiarato", "ha aggiunto Ban Ki-moon"
    if (
        prev is not None
        and prev.lower_ in lex.title_connectors
        and span.start >= 2
        and doc[span.start - 2].lower_ in title_first_words(lex) | _title_last_words(lex)
    ):
        return "Organization"  # "amministratrice delegata di X"
    guessed = guess(span) if guess is not None else None
    if guessed == "Person" and len(span) == 1:
        guessed = None  # the English model calls too many unknown one-word brands people
    before_prev = doc[span.start - 2].lower_ if span.start >= 2 else ""
    if guessed is None and prev is not None and prev.lower_ in cues.place_before and \
            before_prev not in _NOT_PLACE_BEFORE:
        return "Place"  # "a Harare", not "insieme a Sehat Sutardja", "grazie a X"
    if guessed is None and len(span) == 1 and span[0].text in surnames() and not span[0].text.isupper() \
            and span[0].text not in lex.given_names:
        return "Person"  # "Scalzone": a known family name alone (not also a given name: "Sierra"), nothing
        # saying it is a company
    return guessed or default


#: Words between a person noun and the name it introduces ("l'ex calciatore X", "il portiere italiano X").
_PERSON_NOUN_GAP = frozenset({"ex", "neo", "già", "noto", "nota", "celebre", "famoso", "famosa", "grande"})
#: Words that may open an apposition after a name (", l'ex presidente ...", ", un attore ...").
_APPOSITION_OPENERS = frozenset(
    {"il", "lo", "la", "l'", "l’", "i", "gli", "le", "un", "uno", "una", "un'", "ex", "già", "noto", "nota"}
)
#: Person nouns that describe companies too (", leader mondiale dei chip"), never read after a name.
_AMBIGUOUS_AFTER = frozenset(
    {"leader", "campione", "campionessa", "collega", "tecnico", "pilota", "militare"}
)
_OF_WORDS = frozenset({"di", "del", "della", "dello", "dei", "degli", "delle", "d'", "d’", "dell'", "dell’"})


#: Words ending in "-enne" that are no age nouns.
_NOT_AGES = frozenset({"perenne", "solenne", "biennale", "antenne", "penne", "venne", "divenne", "avvenne"})


def _person_noun(t, cues: NameCues) -> bool:  # type: ignore[no-untyped-def]
    """A noun for a person, or an age noun ("il diciassettenne X", "una trentenne")."""
    low = t.lower_
    if low in cues.person_before or low in cues.person_nouns:
        return True
    return len(low) > 7 and low.endswith(("enne", "enni")) and low not in _NOT_AGES and t.pos_ != "VERB"


def _noun_before(span: Span) -> int:
    """Index of the word that introduces the name: the word right before it, past up to two lowercase
    adjectives or "ex" ("il portiere italiano X", "l'ex calciatore X"); -1 at the start of the text."""
    doc = span.doc
    k = span.start - 1
    for _ in range(2):
        cased = doc[k].is_lower or (doc[k].is_title and doc[k - 1].is_title)  # "L'Amministratore Delegato X"
        if k >= 1 and cased and (doc[k].pos_ == "ADJ" or doc[k].lower_ in _PERSON_NOUN_GAP):
            k -= 1
    return k


def _lower_or_determined(t: Token) -> bool:
    """``t`` is a lowercase word, or a capitalised one right after an article ("L'Amministratore Delegato"):
    noisy text capitalises titles, but a capitalised word opening a name has no article of its own."""
    return t.is_lower or (t.is_title and t.i > 0 and t.doc[t.i - 1].pos_ == "DET" and not t.is_sent_start)


def person_context(span: Span, cues: NameCues) -> bool:
    """Words around an unknown name that only a person has: a person noun before it ("il pugile X",
    "la nuotatrice italiana X") or heading an apposition after it (", drammaturgo statunitense"), an age
    (", 64 anni ,"), a kinship or life-event noun governing it ("la moglie di X", "i funerali di X"), or a
    verb of birth, death, arrest ... of which it is the subject ("è morto X", "X è stato arrestato")."""
    doc = span.doc
    prev = doc[span.start - 1] if span.start > 0 else None
    if prev is not None and prev.lower_ in cues.person_before:
        return True  # "il Presidente X", "sig. X"
    if prev is not None and _lower_or_determined(prev) and _person_noun(prev, cues):
        return True  # "il diciassettenne X"
    k = _noun_before(span)
    if k >= 0 and _lower_or_determined(doc[k]) and _person_noun(doc[k], cues):
        return True  # (also "L'Amministratore Delegato X" of noisy casing)
    k = _before_of_phrase(span)
    if k >= 0 and doc[k].is_lower and _person_noun(doc[k], cues):
        return True  # "l'ex presidente dell'Egitto X", "il presidente di Microsoft X"
    if _apposition_person(span, cues):
        return True
    if (
        span.start >= 2
        and doc[span.start - 1].lower_ in _OF_WORDS
        and doc[span.start - 2].lower_ in cues.person_of
    ):
        return True
    if (
        len(span) == 1
        and prev is not None
        and prev.is_lower
        and prev.lower_ in cues.person_named_after
        and span[0].lower_ not in cues.common_words
    ):
        return True  # "il governo Prodi", "l'amministrazione Bush"
    root = span.root
    verb = root.head
    if root.dep_ in {"nsubj", "nsubj:pass", "obj"} and (
        verb.lemma_.lower() in cues.person_verbs or verb.lower_ in cues.person_verbs
    ):
        return True  # "è morto X", "X è stato arrestato", "hanno arrestato X"
    if root.dep_ == "nsubj" and _person_noun(verb, cues) and any(c.dep_ == "cop" for c in verb.children):
        return True  # "X è un attore", "X era presidente"
    return any(c.dep_ == "acl" and c.lower_ in cues.person_verbs for c in root.children)


def _before_of_phrase(span: Span) -> int:
    """Index of the word before a "di" phrase naming a place or organisation, or a bare place, right before
    the name ("il presidente dell'Egitto X", "il presidente Usa X": the index of "presidente"); -1 when there
    is no such phrase."""
    doc = span.doc
    before = next(
        (e for e in doc.ents if e.end == span.start and e.label_ in {"Place", "Organization"}), None
    )
    if before is None and len(span) >= 2 and span.start >= 3 and doc[span.start - 1].text == ",":
        # "l'amministratore delegato di Rheinmetall, Armin Papperger": the title's organisation, then the name
        j = span.start - 2
        while j > 0 and span.start - 2 - j < 4 and doc[j].text[:1].isupper() and doc[j - 1].text[:1].isupper():
            j -= 1
        if doc[j].text[:1].isupper() and j >= 2 and doc[j - 1].lower_ in _OF_WORDS:
            return j - 2
        return -1
    if before is None or before.start < 1:
        return -1
    if doc[before.start - 1].lower_ not in _OF_WORDS:
        return before.start - 1 if before.label_ == "Place" else -1  # "il presidente Usa X"
    return before.start - 2


#: Copulas of a relative clause that states a role (", che è presidente", ", che ne era l'amministratore delegato").
_RELATIVE_COPULAS = frozenset({"è", "era", "sarà", "resta", "rimane", "diventerà", "fu"})


def _apposition_person(span: Span, cues: NameCues) -> bool:
    """ ", segretario generale dell'ONU", ", l'ex presidente", ", 64 anni ,", "( 45 anni )" after the name."""
    doc = span.doc
    k = span.end
    if k + 1 >= len(doc) or doc[k].text not in {",", "("}:
        return False
    j = k + 1
    # ", che ne è amministratore delegato": a relative clause stating the name's role
    relative = j + 1 < len(doc) and doc[j].lower_ == "che"
    if relative:
        j += 1
        j += doc[j].lower_ == "ne"
        if j >= len(doc) or doc[j].lower_ not in _RELATIVE_COPULAS:
            return False
        j += 1
    while j < len(doc) and j < k + 6 and doc[j].lower_ in _APPOSITION_OPENERS:
        j += 1
    if j >= len(doc):
        return False
    t = doc[j]
    if relative and any(doc[j : j + len(p.split())].text.lower() == p for p in _person_titles_of(doc.lang_)):
        return True  # ", che ne è amministratore delegato"
    if t.is_lower and _person_noun(t, cues) and t.lower_ not in _AMBIGUOUS_AFTER:
        return True
    return (
        t.like_num
        and j + 2 < len(doc)
        and doc[j + 1].lower_ in {"anni", "anno"}
        and doc[j + 2].text in {",", ")", ".", ";"}
    )


def place_context(span: Span, cues: NameCues) -> bool:
    """ "il comune di X", "nei pressi di X", "il sindaco di X", "in località X", "X ( MB )": words around an
    unknown name that only a place has."""
    doc = span.doc
    prev = doc[span.start - 1] if span.start > 0 else None
    if prev is not None and prev.is_lower and prev.lower_ in cues.place_nouns:
        return True
    if _compass_after(doc, span.end) > span.end + 1:
        return True  # "Ossezia del Sud"
    if prev is not None and span.start >= 2 and prev.lower_ in _OF_WORDS:
        k = span.start - 2
        if k >= 1 and doc[k].pos_ == "ADJ" and doc[k].is_lower:
            k -= 1  # "nello stato indiano dell'Assam", "la provincia autonoma di Trento"
        if doc[k].lower_ in cues.place_of:
            return True
    return province_code_after(span, cues)


def _bracketed_province_code(span: Span, cues: NameCues) -> bool:
    """ "( MB )" right after a name: the code of the province the named town is in."""
    doc = span.doc
    return (
        len(span) == 1
        and span.text in cues.province_codes
        and span.start >= 2
        and doc[span.start - 1].text == "("
        and doc[span.start - 2].text[:1].isupper()
        and span.end < len(doc)
        and doc[span.end].text == ")"
    )


#: Pronouns that make a capitalised phrase the title of a work ("Release Me", "Our Planet", "Tu Sei").
_TITLE_PRONOUNS = frozenset(
    {"Me", "My", "Our", "You", "Your", "We", "Us", "It", "Mi", "Ti", "Tu", "Noi", "Voi"}
)
_LOWER_CAMEL = re.compile(r"^[a-z]{1,5}[A-Z][A-Za-z]*$")
_LATIN_EPITHET = re.compile(r"^[a-z]+(?:i|ae|us|um|is|ex|ensis|oides)$")


def _species(span: Span, cues: NameCues) -> bool:
    """A genus and its species ("Escherichia coli", "Helicobacter pylori", "Tyrannosaurus rex"): a one-word
    name followed by a lowercase Latin word that is no Italian word."""
    doc = span.doc
    if len(span) != 1 or span.end >= len(doc):
        return False
    nxt = doc[span.end]
    return bool(_LATIN_EPITHET.match(nxt.text)) and nxt.lower_ not in cues.common_words and len(nxt.text) > 2


_MOTORWAY = re.compile(r"^A\d{1,2}$")
_FEMININE_BEFORE = frozenset(
    {"la", "sulla", "della", "dalla", "alla", "nella", "l'", "l’", "sull'", "dell'", "dall'", "all'", "nell'"}
)


def _motorway(span: Span) -> bool:
    """ "sulla A14", "dell'A4": an Italian motorway (feminine, "l'autostrada"), not a model or a paper size."""
    doc = span.doc
    return (
        len(span) == 1
        and bool(_MOTORWAY.match(span.text))
        and span.start > 0
        and doc[span.start - 1].lower_ in _FEMININE_BEFORE
    )


def _counted(span: Span) -> bool:
    """A number counts the name ("due Tornado", "3 Airbus A350"), which makes it a model of something."""
    return any(
        c.dep_ == "nummod" and c.i == span.start - 1 and not (c.text.isdigit() and len(c.text) == 4)
        for c in span.root.children
    )


def province_code_after(span: Span, cues: NameCues) -> bool:
    """The name is followed by an Italian province code in brackets ("Biassono ( MB )")."""
    doc = span.doc
    k = span.end
    return (
        k + 2 < len(doc)
        and doc[k].text == "("
        and doc[k + 1].text in cues.province_codes
        and doc[k + 2].text == ")"
    )


def place_shape(span: Span, cues: NameCues) -> bool:
    """Names shaped like places: two or more words ending in a place word ("Hyde Park", "Charles River",
    "Phillip Island"), or hyphenated names joining a known place ("Milano-Malpensa", "Roma-Lido")."""
    if len(span) > 1 and span[-1].lower_ in cues.place_tails and span[0].text[:1].isupper():
        return True
    text = span.text
    if "-" not in text:
        return False
    parts = [x.strip() for x in re.split(r"[-–]", text) if x.strip()]
    return (
        len(parts) >= 2
        and all(x[:1].isupper() for x in parts)
        and any(x in cues.places for x in parts)
        and not any(x.lower() in cues.org_words for x in parts)
    )


def event_tail(span: Span, cues: NameCues) -> bool:
    """The name ends in a word of events, awards and competitions ("Tony Award", "Eurovision Song Contest",
    "WineFestival")."""
    last = span[-1]
    low = last.lower_
    if len(span) > 1 and low in cues.event_tails:
        return True
    return bool(
        _CAMEL.match(last.text)
        and any(low.endswith(w) and len(low) > len(w) + 2 for w in cues.event_tails if " " not in w)
    )


def extend_of_phrase(span: Span, cues: NameCues, given_names: frozenset[str] = frozenset()) -> Span:
    """A chain headed by an institution or place word continues through capitalised words, "di"/"del"/"d'"
    and the capitalised words after it: "Banca d'Italia", "Società Europea di Cardiologia", "Piazza del Campo";
    a lone institution word takes the adjectives after it ("Corte suprema", "Banca centrale europea")."""
    doc = span.doc
    if not (any(t.lower_ in cues.org_words for t in span) or span[0].lower_ in cues.place_heads):
        return span
    end = span.end
    if len(span) == 1 and span[0].lower_ in cues.org_words:
        number = span[0].morph.get("Number")
        while (
            end < len(doc) and doc[end].pos_ == "ADJ" and doc[end].text.isalpha() and doc[end].text.islower()
            and (not number or doc[end].morph.get("Number") in ([], number))
        ):
            end += 1  # "Esercito italiano nuovi carri": "nuovi" agrees with the next noun, not the institution
    while True:
        k = end + 1 if end + 1 < len(doc) and doc[end].lower_ in _OF else end
        if k >= len(doc) or not doc[k].text[:1].isupper() or not doc[k].text[:1].isalpha():
            break
        while k < len(doc) and doc[k].text[:1].isupper() and doc[k].lower_ not in _OF:
            if doc[k].text in given_names and k + 1 < len(doc) and doc[k + 1].text[:1].isupper():
                break  # "Banca d'Italia Guido Carli": a person's name starts here
            k += 1
        if k == end or (k == end + 1 and doc[end].lower_ in _OF):
            break
        end = k
    if end == span.end:
        return span
    return Span(doc, span.start, end, label=span.label_, span_id=span.id_)


def trim_chain(span: Span, lex: Lexicon, cues: NameCues) -> tuple[Span, str | None]:
    """Drop a title ("Papa Francesco", "Principe Ranieri III": a person) or a sentence-initial common word
    ("Arrestato Gbagbo") from the start of a chain; the type the title gives, if any."""
    doc = span.doc
    if len(span) > 1 and span[0].lower_ in cues.person_before:
        return Span(doc, span.start + 1, span.end, label=span.label_, span_id=span.id_), "Person"
    company = span[-1].lower_ in cues.org_tail_words or span[-1].text in lex.org_suffixes
    if (
        len(span) > 2
        and span[0].is_sent_start
        and span[1].text in lex.given_names
        and span[0].text not in lex.given_names
        and not company
    ):
        return Span(doc, span.start + 1, span.end, label=span.label_, span_id=span.id_), "Person"
    if len(span) > 1 and span[0].is_sent_start and span[0].lower_ in cues.common_words and not company:
        # (not "Quantum Systems", "Black Forest Labs": a company word ends the name)
        return Span(doc, span.start + 1, span.end, label=span.label_, span_id=span.id_), None
    if (
        len(span) > 1
        and span.start >= 2
        and span[0].lower_ in cues.common_words
        and span[1].lower_ not in cues.common_words
        and doc[span.start - 1].lower_ in _OF_WORDS
        and _person_noun(doc[span.start - 2], cues)
    ):
        # "il ministro del Lavoro Poletti": the portfolio, then the person
        return Span(doc, span.start + 1, span.end, label=span.label_, span_id=span.id_), "Person"
    return span, None


def _variants(name: str) -> set[str]:
    """Surface variants of a gazetteer name the ruler should match exactly."""
    out = {name}
    if len(name) >= 5 and " " not in name and name.isalpha() and name.lower() not in _lowercase_ambiguous():
        out.add(name.lower())  # "nvidia", "google" in noisy text; never for names that are also words
    if len(name) > 3:
        out.add(name.upper())
        # Lowercase/title variants only for names that can't be ordinary words ("openai", "deepmind")
        if _COMMON_CASEFOLD_OK.search(name) or " " in name:
            out.add(name.lower())
            out.add(name.title())
        if " " in name and name[:1].isupper():
            out.add(
                name[:1].lower() + name[1:]
            )  # "ministero dell'Economia e delle Finanze" inside a sentence
            first, rest = name.split(" ", 1)
            if rest.replace(" ", "").isalpha() and rest != rest.lower():
                out.add(f"{first} {rest.lower()}")  # machine translation's "Jensen huang", "Elon musk"
    return out


def gazetteer_patterns(gaz: Gazetteer) -> list[dict]:
    """EntityRuler phrase patterns for every gazetteer name, with the entry key as pattern id."""
    patterns = []
    seen: set[tuple[str, str]] = set()
    from kg.resolve.normalize import normalize_name

    for e in gaz.entries.values():
        names = list(e.names())
        if e.type == "Organization":
            # "Arm" for "Arm Holdings", "SoftBank" for "SoftBank Group": the name without its corporate suffix,
            # as written (capitalised), when that is still a distinctive word
            for name in list(names):
                words = name.split()
                stripped = normalize_name(name)
                if (
                    len(words) > 1
                    and len(stripped) >= 3
                    and " " not in stripped
                    and words[0].lower() == stripped
                ):
                    hits = gaz.lookup(words[0])
                    if hits and hits[0].key == e.key:  # not when another entry owns the short name
                        names.append(words[0])
        if e.type == "Product":
            # "its iPhones", "Pixels", "Nvidia H100s": the plural of a product name
            names += [f"{n}s" for n in list(names)
                      if (n[-1:].isalpha() and n[-1:].lower() != "s" or n[-1:].isdigit() and any(c.isalpha() for c in n))
                      and len(n) >= 4 and not gaz.lookup(f"{n}s")]
        for name in names:
            for v in _variants(name):
                if (v, e.key) in seen:
                    continue
                seen.add((v, e.key))
                patterns.append({"label": e.type, "pattern": v, "id": e.key})
    return patterns


#: lowercase words of direction that the English model takes into a place's name ("northern California")
_COMPASS_WORDS = frozenset({"central", "northern", "southern", "eastern", "western", "north", "south", "east", "west",
                            "northeastern", "northwestern", "southeastern", "southwestern", "upstate", "downstate"})


def _strip_span(span: Span, lex: Lexicon) -> Span | None:
    """Drop leading determiners/punctuation and trailing possessives/punctuation from a mention."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (
        doc[start].lower_ in {"the", "a", "an", "la", "il", "lo", "l'", "i", "gli", "le", "un", "una"}
        or doc[start].is_punct
        or doc[start].is_space
        or (span.label_ in {"GPE", "LOC", "Place"} and doc[start].is_lower and doc[start].lower_ in _COMPASS_WORDS
            and end - start > 1)
    ):
        start += 1  # (and a lowercase compass word before a place: "central Illinois" is Illinois)
    while end > start and (
        doc[end - 1].lower_ in {"'s", "’s", "'"} or doc[end - 1].is_punct or doc[end - 1].is_space
        or (end - 1 > start and doc[end - 1].is_lower and doc[end - 1].pos_ in {"ADP", "CCONJ", "DET", "PART"})
    ):
        end -= 1  # (and a trailing lowercase function word: "Kontext into")
    if end - start >= 2 and is_credit_label(doc[end - 1]):
        end -= 1  # "... now runs Microsoft AI Credit: Tom Ashby/Bloomberg": the credit's label is not the name's
    if start >= end:
        return None
    return Span(doc, start, end, label=span.label_, kb_id=span.kb_id_, span_id=span.id_)


def _after_leading_title(span: Span, lex: Lexicon) -> Span | None:
    """The name after a role title the model took into the mention ("CFO Sven Schneider" -> "Sven Schneider"):
    the rest must be two or more capitalised words."""
    titles = _title_phrases(lex)
    doc = span.doc
    for k in range(min(4, len(span) - 2), 0, -1):
        head = " ".join(t.lower_ for t in span[:k])
        rest = doc[span.start + k : span.end]
        words = [t for t in rest if t.text != "-"]  # ("Founder Ming-Kai Tsai": a hyphenated given name)
        if head in titles and rest[0].text != "-" and rest[-1].text != "-" and \
                all(t.text[:1].isupper() and t.is_alpha for t in words):
            return Span(doc, rest.start, rest.end, label="Person")
    return None


def _title_phrases(lex: Lexicon) -> frozenset[str]:
    return _title_phrases_of(lex.lang)


@lru_cache(maxsize=4)
def _title_phrases_of(lang: str) -> frozenset[str]:
    from kg.extract.lexicon import load_lexicon

    return frozenset(w for t in load_lexicon(lang).titles for w in t.words)


def is_junk(text: str, lex: Lexicon) -> bool:
    """True for surface forms that must never become nodes (including role titles: "Chief Executive Officer")."""
    t = text.strip()
    low = t.lower()
    if low in _title_phrases(lex):
        return True
    if len(t) < 2 or low in lex.stop_entities or low in lex.month_names or _JUNK.search(t) or _INITIAL.match(t):
        return True
    if not any(ch.isalpha() for ch in t) or _AMOUNT_SHAPE.match(t) or _TICKER.match(t):
        return True
    if t in lex.org_suffixes or t.rstrip(".") in lex.org_suffixes:
        return True  # a corporate suffix alone ("S.p.A.", "Inc."): the end of the name before it
    if any(unicodedata.category(ch) in {"So", "Sk", "Cs", "Co"} for ch in t):
        return True  # emoji and pictographs are decoration, not names
    if t == low and not any(ch.isdigit() for ch in t) and " " not in t:
        return True  # a lowercase common word
    words = low.split()
    if len(words) == 2 and words[1] == "ai" and words[0] in _AI_FIELDS:
        return True  # "Generative AI", "Physical AI": a field, not a company
    # "AI start-up", "AI company": generic words and lowercase common nouns, however the NER cut them
    # (a name written all in lowercase, "governo italiano", is left to the rules above; "US government" is one)
    return t != low and all(
        w in lex.stop_entities or (w == orig and w in lex.cue_nouns and "government" not in lex.cue_nouns[w])
        for w, orig in zip(words, t.split(), strict=False))


def _platform_venue(span: Span, lex: Lexicon) -> bool:
    """A social platform named as the venue of a statement ("said on LinkedIn", "in a Twitter post"), not as
    the company it is."""
    if span.text.lower() not in lex.platforms:
        return False
    doc = span.doc
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    return before in lex.venue_before or after in lex.venue_after


def site_name(span: Span, lex: Lexicon) -> bool:
    """A name of two or more words ending in a project or site word: "Carbon Free Power Project", "Green Data
    Center", "Silicon Carbide Campus", "Ferrera AI Hub"."""
    if len(span) < 2 or not span[-1].text[:1].isupper():
        return False
    last = span[-1].lower_
    two = f"{span[-2].lower_} {last}"
    return last in lex.project_tails or (last in lex.facility_words and last not in lex.office_words) or (
        len(span) >= 3 and two in lex.facility_words)


def _context_type(span: Span, lex: Lexicon, current: str | None) -> str | None:
    """Type suggested by the words around a mention (suffixes, "-based", titles, cue nouns)."""
    doc = span.doc
    last = doc[span.end - 1]
    nxt = doc[span.end] if span.end < len(doc) else None
    nxt2 = doc[span.end + 1] if span.end + 1 < len(doc) else None
    prev = doc[span.start - 1] if span.start > 0 else None
    if last.text in lex.org_suffixes or (nxt is not None and nxt.text in lex.org_suffixes):
        return "Organization"
    if nxt is not None and nxt.text == "-" and nxt2 is not None and nxt2.lower_ in {"based", "headquartered"}:
        return "Place"
    if nxt is not None and nxt.lower_ in {"-based"}:
        return "Place"
    if prev is not None and prev.lower_ in {"the", "a", "an", "il", "lo", "la", "l'", "l’"} and nxt is not None \
            and nxt.lower_ in title_first_words(lex) and nxt.lower_ not in {"head", "capo", "guida", "leader", "partner"}:
        return "Organization"  # "the Napster co-founder", "the Instacart chief executive": a name before a title
    first = doc[span.start]
    if current != "Person" and site_name(span, lex):
        return "Project"  # "the Carbon Free Power Project", "il Green Data Center", "Silicon Carbide Campus"
    if current in (None, "Organization") and _owned_noun_right_before(span, lex):
        return "Product"  # "i climatizzatori WindFree di Samsung", "il suo assistente Le Chat"
    cues = name_cues(lex.lang)
    org_words = org_words_of(lex)
    if (
        current in ("Person", None)
        and len(span) >= 2
        and (last.lower_ in org_words or cues is not None and last.lower_ in cues.org_tail_words)
        and (not _known_given_name(first, lex) or last.lower_ in word_set("institution_name_words"))
    ):
        return "Organization"  # "Weta Digital", "Kairos Power": a company word ends the name, no given name opens it
    if (
        first.text in lex.given_names
        and len(span) >= 2
        and all(t.text[:1].isupper() for t in span)
        and not any(t.lower_ in org_words or t.lower_ in _company_words() for t in span)
        # a generated first name that is also a surname or a brand ("Wells Fargo", "Merlin Securities") does
        # not overrule a model that read an organisation
        and (current != "Organization" or first.text not in generated_given_names())
    ):
        return "Person"
    if (
        len(span) >= 2
        and current in (None, "Organization")
        and _name_cased(span)
        and _next_to_title(span, lex)
    ) or (len(span) == 1 and current in (None, "Organization") and span[0].is_title
          and _title_in_relative_after(span, lex)):
        return "Person"
    if current == "Person" and len(span) == 1 and prev is not None and (
            prev.lower_ == "-based" or prev.lower_ in {"based", "headquartered"} and span.start >= 2
            and doc[span.start - 2].text == "-") and not _known_given_name(first, lex):
        return "Organization"  # "Kyoto-based Nidec": a one-word name a place is the seat of
    if current == "Person" and len(span) == 1 and _site_preposition(prev, lex) and not _known_given_name(first, lex):
        return "Place"  # "its M15X fab in Cheongju", "offices in Espoo": a site is somewhere, not someone
    if current in (None, "Organization", "Place") and nxt is not None and nxt.text == "," and any(
            c.dep_ == "appos" and c.i > span.end and c.pos_ == "NOUN"
            and lex.cue_nouns.get(c.lemma_.lower(), ("",))[0] == "Person" for c in span.root.children):
        return "Person"  # "Bannon, a chip architect who joined Tesla", "Rossi, ingegnere di Intel"
    k = span.start - 1
    while k > 0 and span.start - k <= 3 and doc[k].is_lower and doc[k].pos_ == "ADJ" and \
            "VerbForm=Part" not in str(doc[k].morph):
        k -= 1  # "il gruppo industriale norvegese Aker": the cue noun before the name's adjectives
    cue = doc[k] if k >= 0 and prev is not None else None
    if (
        cue is not None
        and cue.lower_ in lex.org_cues
        and (current in (None, "Place") or (current == "Person" and not _known_given_name(first, lex)))
    ):
        return "Organization"  # "the startup Mistral", "la società Domyn", "visual-effects company Weta Digital"
    return current


def _site_preposition(prev, lex: Lexicon) -> bool:  # type: ignore[no-untyped-def]
    """``prev`` is a place preposition ("in", "a", "near") hanging on a site or office noun ("the fab in ...",
    "uffici a ...")."""
    if prev is None or prev.lower_ not in word_set("site_prepositions"):
        return False
    head = prev.head
    return head.i < prev.i and head.pos_ in {"NOUN", "PROPN"} and (
        head.lemma_.lower() in lex.facility_words or head.lemma_.lower() in lex.office_words)


def org_words_of(lex: Lexicon) -> frozenset[str]:
    """Words that make a name an organisation's: the lexicon's ``org_words`` and its language's name cues'."""
    cues = name_cues(lex.lang)
    return lex.org_words | cues.org_words if cues is not None else lex.org_words


def _known_given_name(t, lex: Lexicon) -> bool:  # type: ignore[no-untyped-def]
    """The word is a given name of the lexicon's list or of the generated first-name list."""
    return t.text in lex.given_names or t.text in generated_given_names()


@lru_cache(maxsize=4)
def _person_titles_of(lang: str) -> frozenset[str]:
    """Titles only a person holds: chief executives' and founders' (not "leader" or "partner", which describe
    companies too)."""
    return frozenset(w for t in load_lexicon(lang).titles if t.predicate in {"ceoOf", "founderOf"} for w in t.words)


def title_first_words(lex: Lexicon) -> frozenset[str]:
    """First words of the lexicon's role titles ("chief", "co-founder", "amministratore")."""
    return _title_first_words_of(lex.lang)


@lru_cache(maxsize=4)
def _title_first_words_of(lang: str) -> frozenset[str]:
    return frozenset(w.split()[0] for w in _title_phrases_of(lang))


@lru_cache(maxsize=4)
def _title_last_words_of(lang: str) -> frozenset[str]:
    return frozenset(w.split()[-1] for t in load_lexicon(lang).titles for w in t.words)


def _title_last_words(lex: Lexicon) -> frozenset[str]:
    return _title_last_words_of(lex.lang)


def _title_in_relative_after(span: Span, lex: Lexicon) -> bool:
    """ "Biewald, che è anche amministratore delegato,", "Lisa Su, who is chief executive": a copular relative
    clause right after the name makes it a role title's holder."""
    doc = span.doc
    i = span.end
    if i + 2 >= len(doc) or doc[i].text != "," or doc[i + 1].lower_ not in lex.relative_pronouns:
        return False
    words = title_first_words(lex)
    k = i + 2
    while k < min(len(doc), i + 8) and doc[k].lower_ in lex.title_glue and doc[k].lower_ not in words:
        k += 1
    return k < len(doc) and doc[k].lower_ in words and doc[k].lower_ not in {"head", "capo", "guida", "leader",
                                                                             "partner", "chief"} and \
        any(doc[x].lemma_.lower() in {"essere", "be"} for x in range(i + 2, k))


def _name_cased(span: Span) -> bool:
    """Every word of ``span`` is capitalised as a person's name is, a hyphenated given name's lowercase second
    half included ("Kwak Noh-jung")."""
    return all(t.is_title or (t.text == "-" and 0 < t.i - span.start < len(span) - 1)
               or (t.is_lower and t.i > span.start and t.doc[t.i - 1].text == "-") for t in span)


def _next_to_title(span: Span, lex: Lexicon) -> bool:
    """ "CEO Jensen Huang", "amministratore delegato Dario Scannapieco", "Christoph Aeschlimann, amministratore
    delegato di ..." : a name right before or after a role title is a person."""
    doc = span.doc
    words = title_first_words(lex)
    if _title_in_relative_after(span, lex):
        return True
    i = span.end
    if i < len(doc) and doc[i].text == ",":
        i += 1
        while i < min(len(doc), span.end + 4) and doc[i].lower_ not in words and (
                doc[i].lower_ in lex.title_modifiers or (doc[i].lower_ in lex.title_glue and doc[i].text != ",")):
            i += 1  # "Malte Kosub, oggi amministratore delegato", "X, ex presidente di Intel"
    if (
        i < len(doc)
        and doc[i].lower_ in words
        and doc[i].lower_ not in {"head", "capo", "guida", "leader", "partner", "chief"}
    ):
        return True
    if i < len(doc) and doc[i].lower_ == "chief" and i > span.end and \
            any(doc[i:k].text.lower() in _title_phrases(lex) for k in range(i + 2, min(len(doc), i + 4) + 1)):
        return True  # "Nikola Mrkšić, now chief executive": a whole title, set off after the name
    j = span.start - 1
    if j >= 2 and doc[j].text == "," and doc[j - 1].lower_ in _title_last_words(lex) and \
            doc[j - 2].pos_ == "DET" and span.end < len(doc) and doc[span.end].text == ",":
        return True  # "Il fondatore, Vijaye Raji, è diventato ...": a name set off after a title
    return j >= 0 and doc[j].lower_ in {
        w.split()[-1] for t in lex.titles for w in t.words if t.predicate == "ceoOf"
    }


def seen_mid_sentence(doc: Doc) -> set[str]:
    """Capitalised words that occur somewhere not at the start of a sentence (cached on the doc)."""
    key = "kg_mid_sentence_caps"
    if key not in doc.user_data:
        doc.user_data[key] = {t.text for t in doc if not t.is_sent_start and t.text[:1].isupper()}
    return doc.user_data[key]


def sentence_initial_word(t, lex: Lexicon) -> bool:  # type: ignore[no-untyped-def]
    """A capitalised word that is capitalised only because it starts a sentence ("Fondata nel 2023 ...")."""
    if not t.is_sent_start:
        return False
    if _CAMEL.match(t.text) or (t.text.isupper() and len(t.text) > 1) or any(ch.isdigit() for ch in t.text):
        return False
    if t.text in seen_mid_sentence(t.doc):
        return False
    cues = name_cues(lex.lang)
    return cues is None or not _unknown_word(t, cues)


def _unknown_word(t, cues: NameCues) -> bool:  # type: ignore[no-untyped-def]
    """A proper noun of the tagger that is no word of the language ("Köcher", "Mayweather"): a name even
    where only the start of a sentence capitalises it."""
    low = t.lower_
    return (
        t.pos_ == "PROPN"
        and t.is_alpha
        and len(low) >= 3
        and low not in cues.common_words
        and not low.endswith("mente")
        and not t.is_stop
    )


def _hyphen_syllable(doc: Doc, j: int, lex: Lexicon) -> bool:
    """ "Park Sung-hyun", "Kim Woo-jin": the short lowercase second half of a hyphenated given name, which no word
    of the language is ("Santa Clara-based" is not a name's part)."""
    t = doc[j]
    if j < 2 or doc[j - 1].text != "-" or doc[j - 1].whitespace_ or doc[j - 2].whitespace_:
        return False
    cues = name_cues(lex.lang)
    if not (t.is_alpha and t.is_lower and len(t.text) <= 5 and doc[j - 2].text[:1].isupper() and cues is not None):
        return False
    if t.lower_ not in cues.common_words and not t.is_stop:
        return True
    # "Chey Tae-won": a three-letter second syllable that happens to be a word, in a surname + syllable pair
    first, surname = doc[j - 2], doc[j - 3] if j >= 3 else None
    return (len(t.text) <= 3 and first.is_title and first.is_alpha and len(first.text) <= 4 and surname is not None
            and surname.is_title and surname.is_alpha and surname.whitespace_ != "")


def propn_chains(doc: Doc, lex: Lexicon, known=lambda text: False) -> list[Span]:  # type: ignore[no-untyped-def]
    """Proper-noun chains (PROPN runs, flat:name, CamelCase, ALL-CAPS) not covered by another mention.
    ``known(text)`` tells whether a name is a (possibly misspelled) gazetteer name."""
    taken = {t.i for e in doc.ents for t in e}
    toks = doc_tokens(doc)
    spans = []
    i = 0
    n = len(doc)
    while i < n:
        t = toks[i]
        if i in taken or not (_namey(t, lex) or _known_capitalised(t, lex, known)
                              or (_name_elision(t) and i + 1 < n and toks[i + 1].is_alpha)
                              or _capitalised_lead(doc, i, lex, taken)):
            i += 1
            continue
        if (
            i > 0
            and _name_article(toks[i - 1])
            and i - 1 not in taken
            and (not spans or spans[-1].end < i - 1)
        ):
            i -= 1  # "l'assistente Le Chat", "il quotidiano La Stampa": the article is part of the name
        j = i + 1
        while j < n and j not in taken and (_namey(toks[j], lex) or _chain_glue(doc, j, lex)
                                            or _company_tail(toks[j], lex) or _hyphen_syllable(doc, j, lex)):
            j += 1
        while j > i + 1 and not (_namey(toks[j - 1], lex) or _ROMAN.match(toks[j - 1].text)
                                 or _company_tail(toks[j - 1], lex) or _hyphen_syllable(doc, j - 1, lex)):
            j -= 1
        # "Repubblica Giorgio Napolitano", "Difesa Roberta Pinotti": a given name inside the chain starts a person
        company = _company_tail(toks[j - 1], lex) or toks[j - 1].lower_ in _org_tail_words(lex)
        for k in range(i + 1, j - 1):
            if not company and toks[k].text in lex.given_names and toks[k - 1].text not in lex.given_names \
                    and not _name_elision(toks[k - 1]):  # (not "Sant'Agata Bolognese")
                j = k
                break
        span = Span(doc, i, j, label="Organization")
        if j - i == 1 and sentence_initial_word(toks[i], lex) and not known(span.text):
            i = j
            continue
        if not is_junk(span.text, lex):
            spans.append(span)
        i = j
    return spans


def _capitalised_lead(doc: Doc, i: int, lex: Lexicon, taken: set[int]) -> bool:
    """ "un round guidato da Prima Materia": a capitalised common word inside running text (after a lowercase word
    or a preposition, so not a title-case headline) right before a proper noun starts the name."""
    t = doc[i]
    if not (t.text[:1].isupper() and t.text[1:].islower() and t.is_alpha) or t.is_sent_start or i == 0 or \
            i + 1 >= len(doc) or i + 1 in taken or t.pos_ not in {"ADV", "ADJ", "NOUN"}:
        return False
    prev, nxt = doc[i - 1], doc[i + 1]
    return (prev.is_lower or prev.pos_ in {"ADP", "DET"} and prev.text[:1].islower()) and \
        "\n" not in prev.whitespace_ and nxt.pos_ == "PROPN" and nxt.text[:1].isupper() and _namey(nxt, lex)


#: Articles that, capitalised in the middle of a sentence, start a name ("Le Chat", "La Stampa", "The Economist").
_NAME_ARTICLES = frozenset({"Le", "La", "Il", "Lo", "Gli", "The"})


def _name_article(t) -> bool:  # type: ignore[no-untyped-def]
    """A capitalised article inside a sentence, written as part of the name that follows it ("L'Aquila")."""
    if t.is_sent_start:
        return False
    return t.text in {"L'", "L’"} or (t.text in _NAME_ARTICLES and t.whitespace_ != "")


def maker_tails(gaz: Gazetteer) -> dict[str, list[str]]:
    """Product names without their maker's name ("Copilot" -> microsoft-copilot and github-copilot, "Le Chat"
    -> le-chat, "V3" -> deepseek-v3); a tail that is itself a gazetteer name or a generic word ("Cloud",
    "Large") is left out."""
    from kg.resolve.resolver import GENERIC_WORDS

    out: dict[str, list[str]] = {}
    for e in gaz.entries.values():
        if e.type != "Product" or not e.org or e.org not in gaz.entries:
            continue
        makers = [m + sep for m in gaz.entries[e.org].names() for sep in (" ", "-")]
        for name in e.names():
            prefix = next((m for m in makers if name.startswith(m)), None)
            tail = name[len(prefix) :] if prefix else ""
            short = len(tail) < 3 and not (
                len(tail) == 2 and tail[1].isdigit()
            )  # "V3" of "DeepSeek-V3" is a name
            if short or not tail[:1].isupper() or gaz.lookup(tail) or tail.lower() in GENERIC_WORDS:
                continue
            keys = out.setdefault(tail, [])
            if e.key not in keys:
                keys.append(e.key)
    return out


def _names_maker(t, maker: str | None) -> bool:  # type: ignore[no-untyped-def]
    """The maker's mention is attached to the product word ("Google's TPUs", "i TPU di Google")."""
    linked = [c for c in t.children if c.dep_ in {"poss", "nmod:poss", "compound", "nmod"}] + [t.head]
    return any(x.ent_id_ == maker for x in linked)


def _given_name_before_place(doc: Doc, ents: list[Span], lex: Lexicon) -> list[Span]:
    """ "Mike Sicilia", "Paolo Genova", "Luca Ferrari": a capitalised given name, in no other mention, right before
    a one-word place (or a company named after a family) is a person's name whose surname is also that name."""
    taken = {t.i for e in ents for t in e}
    family = surnames()
    out = []
    for e in ents:
        prev = doc[e.start - 1] if e.start > 0 else None
        if (
            (e.label_ == "Place" or e.label_ == "Organization" and e.text in family)
            and len(e) == 1
            and prev is not None
            and prev.i not in taken
            and prev.text in lex.given_names
            and prev.whitespace_ != ""
            and not (prev.i > 0 and doc[prev.i - 1].text[:1].isupper() and not doc[prev.i - 1].is_sent_start)
        ):
            out.append(Span(doc, prev.i, e.end, label="Person", span_id=NO_KEY))
        else:
            out.append(e)
    return out


def _surname_after_given_name(doc: Doc, ents: list[Span], lex: Lexicon, gaz: Gazetteer) -> list[Span]:
    """ "Il direttore finanziario Lorenzo Grandi": a one-word person that is a given name, followed by a
    capitalised word in no mention (a surname the tagger read as an adjective), is the full name; not when that
    word is a known name or starts a longer capitalised run."""
    taken = {t.i for e in ents for t in e}
    out = []
    for e in ents:
        nxt = doc[e.end] if e.end < len(doc) else None
        if (
            e.label_ == "Person"
            and len(e) == 1
            and e[0].text in lex.given_names
            and e[0].whitespace_ != ""
            and nxt is not None
            and nxt.i not in taken
            and nxt.is_alpha
            and nxt.text[:1].isupper()
            and not nxt.text.isupper()
            and not (nxt.i + 1 < len(doc) and doc[nxt.i + 1].text[:1].isupper())
            and not gaz.lookup(nxt.text)
        ):
            out.append(Span(doc, e.start, e.end + 1, label="Person", span_id=e.id_))
        else:
            out.append(e)
    return out


def _join_product_codes(doc: Doc, ents: list[Span], gaz: Gazetteer) -> list[Span]:
    """Two product names written as one ("DGX H100": a DGX system built on H100 chips) are one product; so is a
    known product followed by a capitalised version name no entity claims ("macOS Sonoma")."""
    out: list[Span] = []
    taken = {i for e in ents for i in range(e.start, e.end)}
    ents = [_with_version_name(doc, e, taken, gaz) for e in ents]
    for e in ents:
        last = out[-1] if out else None
        if (
            last is not None
            and last.label_ == "Product"
            and e.label_ == "Product"
            and last.end == e.start
            and doc[last.end - 1].whitespace_ != ""
            and not doc[e.start].is_punct
        ):
            text = doc[last.start : e.end].text
            hits = gaz.by_name.get(normalize_name(text), [])
            out[-1] = Span(
                doc, last.start, e.end, label="Product", span_id=hits[0] if len(hits) == 1 else NO_KEY
            )
            continue
        out.append(e)
    return out


#: a model code: letters and digits in one word ("AI6", "HBM4", "MI350", "R1", "FLUX.2", "Tensor-G5")
_MODEL_CODE = re.compile(r"(?=[\w.\-]*\d)(?=[\w.\-]*[A-Z])[A-Za-z][\w\-]*(?:\.\d+)?")
#: a quick test for any such code in a text (most documents have none)
_ANY_CODE = re.compile(r"[A-Za-z][-.]?\d|\d[A-Z]")
#: codes that are periods, standards or groups, never products ("Q3", "H1", "FY2025", "5G", "G20", "3D")
_NOT_MODEL_CODE = re.compile(r"(?i)(q[1-4]|h[12]|fy\d{2,4}|[2-6]g|g\d{1,2}|\d+d|covid-19|\d{4}s?)")


def _coded_products(doc: Doc, ents: list[Span], heads: frozenset[str], gaz: Gazetteer,
                    sites: frozenset[str] = frozenset()) -> list[Span]:
    """Model codes no model tagged, named on an offering noun: "Tesla's AI6 chips", "its HBM4 stacks", "the R1
    reasoning model", "i chip AI6 di Tesla"; a capitalised word right before the code is part of the name
    ("Tensor G5 chips"). A code the NER typed as an unknown organisation on such a noun is retyped. A code on a
    site noun names a project ("its M15X fab", "the IIM-1 plant")."""
    if not (heads or sites) or not _ANY_CODE.search(doc.text):
        return ents
    taken = {i: e for e in ents for i in range(e.start, e.end)}
    out = list(ents)
    for t in doc_tokens(doc):
        if not _MODEL_CODE.fullmatch(t.text) or _NOT_MODEL_CODE.fullmatch(t.text) or len(t.text) > 14:
            continue
        noun = t.head
        if not is_offering_noun(noun, heads | sites) and noun.dep_ == "compound" and noun.is_lower and noun.head.i > noun.i:
            noun = noun.head  # "its HX-2 strike drone"
        if not (is_offering_noun(noun, heads | sites) and noun.is_lower and t.dep_ in {
                "compound", "nmod", "amod", "appos", "flat", "det", "npadvmod", "nummod"}):
            continue
        label = "Product" if is_offering_noun(noun, heads) else "Project"
        start = t.i
        while start > 0 and doc[start - 1].is_title and doc[start - 1].pos_ == "PROPN" and start - 1 not in taken \
                and doc[start - 1].head.i in {t.i, noun.i} and not gaz.lookup(doc[start - 1].text):
            start -= 1
        old = taken.get(t.i)
        if old is not None:
            if old.label_ != "Organization" or (old.id_ and old.id_ in gaz.entries) or old.end != t.i + 1:
                continue
            out.remove(old)
            start = old.start
        hits = [h for h in gaz.lookup(doc[start : t.i + 1].text) if h.type == label]
        out.append(Span(doc, start, t.i + 1, label=label, span_id=hits[0].key if len(hits) == 1 else NO_KEY))
    return sorted(out, key=lambda s: s.start)


def _project_editions(doc: Doc, ents: list[Span], gaz: Gazetteer) -> list[Span]:
    """A known project followed by a country or city is that country's edition, one name: "Stargate UK",
    "Stargate Norway" (not the project and a place)."""
    out: list[Span] = []
    for e in ents:
        last = out[-1] if out else None
        if last is not None and last.label_ == "Project" and last.id_ in gaz.entries and e.label_ == "Place" \
                and last.end == e.start and doc[last.end - 1].whitespace_ and len(e) <= 2:
            hits = [h for h in gaz.lookup(doc[last.start:e.end].text) if h.type == "Project"]
            out[-1] = Span(doc, last.start, e.end, label="Project", span_id=hits[0].key if len(hits) == 1 else NO_KEY)
            continue
        out.append(e)
    return out


#: words after a number that make it a quantity, not a model number ("15 percent", "10 million")
_AFTER_NUMBERS = frozenset({"%", "percent", "per", "million", "billion", "bn", "m", "times", "x", "years", "months",
                            "days", "units", "milioni", "miliardi", "anni", "mesi", "volte"})
#: a model number written after a product line ("16e", "10", "S25"): no year, no amount
_VERSION = re.compile(r"[A-Z]?\d{1,3}[a-z]{0,2}")


def _with_version_name(doc: Doc, e: Span, taken: set[int], gaz: Gazetteer) -> Span:
    """A known product and the capitalised proper nouns right after it ("macOS Sonoma", "Gemini Ultra")."""
    if e.label_ != "Product" or not e.id_ or e.id_ not in gaz.entries:
        return e
    end = e.end
    if end < len(doc) and end not in taken and _VERSION.fullmatch(doc[end].text) and doc[end - 1].whitespace_ \
            and not (end + 1 < len(doc) and (doc[end + 1].lower_ in _AFTER_NUMBERS or doc[end + 1].like_num)):
        end += 1  # "iPhone 16e", "Pixel 10": a model number after a known product line (not "15 percent")
    while end < len(doc) and end - e.end < 2 and end not in taken and doc[end].pos_ == "PROPN" \
            and doc[end].is_title and doc[end].whitespace_ is not None and not doc[end].is_sent_start:
        end += 1
    if end == e.end:
        return e
    hits = [h for h in gaz.lookup(doc[e.start : end].text) if h.type == "Product"]
    return Span(doc, e.start, end, label="Product", span_id=hits[0].key if len(hits) == 1 else NO_KEY)


#: verbs that give a noun its name ("a reactor called Hermes", "un supercomputer chiamato Leonardo")
NAMING_VERBS = frozenset({"call", "name", "dub", "know", "brand", "christen", "chiamare", "denominare", "battezzare"})


#: capitalised words that make a field of AI, not a company, when written before "AI"
_AI_FIELDS = frozenset({"generative", "agentic", "physical", "sovereign", "responsible", "conversational",
                        "enterprise", "general", "artificial", "edge", "embodied", "explainable", "ethical",
                        "applied", "narrow", "strong", "weak", "trustworthy", "frontier", "vertical", "industrial",
                        "the", "an", "a", "our", "their", "its", "and", "of", "for", "with", "new", "gen"})


def _ai_company_names(doc: Doc, ents: list[Span]) -> list[Span]:
    """ "His new venture, Unconventional AI, ...": a capitalised word (or two) right before "AI", in the middle
    of a sentence and claimed by no entity, names a company the way so many are named ("Sakana AI", "Liquid
    AI"); fields of AI ("Generative AI", "Physical AI") are not names."""
    taken = {i for e in ents for i in range(e.start, e.end)}
    out = list(ents)
    for t in doc_tokens(doc):
        if t.text != "AI" or t.i in taken or t.i == 0:
            continue
        start = t.i
        while start > 0 and t.i - start < 2 and doc[start - 1].is_title and doc[start - 1].is_alpha and \
                start - 1 not in taken and not doc[start - 1].is_sent_start and \
                doc[start - 1].lower_ not in _AI_FIELDS:
            start -= 1
        if start == t.i or doc[start].is_sent_start:
            continue
        out.append(Span(doc, start, t.i + 1, label="Organization", span_id=NO_KEY))
        taken.update(range(start, t.i + 1))
    return sorted(out, key=lambda s: s.start)


#: words that, after a company's name, name its investment arm ("Atlassian Ventures", "Google Capital")
_ARM_WORDS = word_set("investment_arm_words")
_LIST_JOINS = word_set("list_joins") | {","}


def _list_gaps(doc: Doc, ents: list[Span]) -> list[Span]:
    """ "Lightspeed Venture Partners, Accel, Plural and General Catalyst": a capitalised word (or two) that no
    entity claims, standing between two organisations of a written list (a comma or "and"/"e" on each side),
    is one more organisation of the list."""
    by_start = {e.start: e for e in ents}
    taken = {i for e in ents for i in range(e.start, e.end)}
    out = list(ents)
    given = load_lexicon(doc.lang_).given_names
    for e in ents:
        if e.label_ != "Organization" or e.end + 2 >= len(doc) or doc[e.end].text not in _LIST_JOINS:
            continue
        start = e.end + 1
        person = by_start.get(start)
        if person is not None and person.label_ == "Person" and len(person) == 1 and not _keyed(person) and \
                person.text not in given and person.text not in surnames() and _org_after(doc, person.end, by_start):
            # "General Catalyst, Index Ventures, Lightspeed and Nvidia": no person in a list of companies
            out[out.index(person)] = Span(doc, person.start, person.end, label="Organization", span_id=NO_KEY)
            continue
        end = start
        while end < len(doc) and end - start < 2 and end not in taken and doc[end].is_title and doc[end].is_alpha:
            end += 1
        if end == start or end >= len(doc) or doc[end].lower_ not in _LIST_JOINS:
            continue
        if not _org_after(doc, end, by_start):
            continue
        out.append(Span(doc, start, end, label="Organization", span_id=NO_KEY))
        taken.update(range(start, end))
    return _list_tail(doc, sorted(out, key=lambda s: s.start), taken)


def _list_tail(doc: Doc, ents: list[Span], taken: set[int]) -> list[Span]:
    """ "partners including OpenTable, Uber, Ticketmaster and Grubhub so ...": after two organisations joined by a
    comma, the capitalised words (one or two each) that continue the written list up to its final "and"/"e" item
    are organisations too."""
    out = list(ents)
    for a, b in zip(ents, ents[1:], strict=False):
        if a.label_ != "Organization" or b.label_ != "Organization" or b.start != a.end + 1 or doc[a.end].text != ",":
            continue
        k, added = b.end, []
        while k + 1 < len(doc) and doc[k].text in _LIST_JOINS:
            if doc[k].text == "," and doc[k + 1].lower_ in _LIST_JOINS and k + 2 < len(doc):
                k += 1  # "A, B, and C"
            final = doc[k].text != ","
            start = end = k + 1
            while end < len(doc) and end - start < 2 and end not in taken and doc[end].is_title and doc[end].is_alpha:
                end += 1
            if end == start or end < len(doc) and (doc[end].is_title and doc[end].is_alpha or doc[end].pos_ == "PART"
                                                   or not doc[end - 1].whitespace_ and not doc[end].is_punct
                                                   or doc[end].text in {"-", "–", "&", "'", "’"}):
                break  # ("and Google's", "and In-Q-Tel": a name running on)
            added.append(Span(doc, start, end, label="Organization", span_id=NO_KEY))
            k = end
            if final:
                break
        if added and doc[added[-1].start - 1].text != ",":  # the list closed with "and NAME"
            out.extend(added)
            taken.update(i for x in added for i in range(x.start, x.end))
    return sorted(out, key=lambda s: s.start)


#: last words that make a capitalised chain a company name on their own ("Sound Ventures", "Ares Management"); a
#: subset of ``company_words``, leaving out those that also end ordinary capitalised phrases ("National Security",
#: "Artificial Intelligence", "Clean Energy")
_NAMING_COMPANY_WORDS = frozenset({
    "management", "capital", "partners", "ventures", "holdings", "investments", "technologies", "semiconductor",
    "semiconductors", "electronics", "industries", "networks", "robotics", "microsystems", "instruments",
    "therapeutics", "laboratories", "corporation", "incorporated", "limited"})


def _company_word_names(doc: Doc, ents: list[Span], lex: Lexicon) -> list[Span]:
    """ "... Coatue Management and Sound Ventures", "Ken Griffin, Ares Management, NGP": a run of two to four
    capitalised proper nouns that no entity claims, ending in a company word (``_NAMING_COMPANY_WORDS``) after a
    word that is not one, is an organisation the model missed."""
    taken = {i for e in ents for i in range(e.start, e.end)}
    company = _company_words()
    out = list(ents)
    i = 0
    while i < len(doc):
        j = i
        while j < len(doc) and j - i < 5 and j not in taken and doc[j].pos_ == "PROPN" and doc[j].is_title \
                and doc[j].is_alpha:
            j += 1
        if j == i:
            i += 1
            continue
        run = doc[i:j]
        words = [t.lower_ for t in run]
        if 2 <= len(run) <= 4 and words[-1] in _NAMING_COMPANY_WORDS and words[0] not in company and \
                not (j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].is_title) and \
                not (i > 0 and doc[i - 1].pos_ == "PROPN" and doc[i - 1].is_title) and \
                not is_junk(run.text, lex):
            out.append(Span(doc, i, j, label="Organization", span_id=NO_KEY))
        i = j
    return sorted(out, key=lambda s: s.start)


def _keyed(span: Span) -> bool:
    """The span carries a gazetteer key (not the "no key" marks of unknown names)."""
    return bool(span.id_) and span.id_ not in {NO_KEY, "~propn"}


def _org_after(doc: Doc, end: int, by_start: dict[int, Span]) -> bool:
    """A list join at ``end`` (",", "and", ", and") and an organisation right after it."""
    if end >= len(doc) or doc[end].lower_ not in _LIST_JOINS:
        return False
    nxt = end + 1
    if doc[end].text == "," and nxt < len(doc) and doc[nxt].lower_ in _LIST_JOINS:
        nxt += 1  # ", and"
    right = by_start.get(nxt)
    return right is not None and right.label_ == "Organization"


def _investment_arms(doc: Doc, ents: list[Span], gaz: Gazetteer) -> list[Span]:
    """ "New investors WiNG Venture Capital, Atlassian Ventures and PSP Growth": a known company followed by a
    capitalised investment-arm word the ruler did not take is another, longer name ("Atlassian Ventures", not
    Atlassian); an organisation made only of such words takes the capitalised word before it that no entity
    claims ("WiNG" + "Venture Capital")."""
    ents = _arm_after_known_company(doc, ents, gaz)
    taken = {i for e in ents for i in range(e.start, e.end)}
    out: list[Span] = []
    for e in ents:
        start, end = e.start, e.end
        if e.label_ == "Organization" and e.ent_id_ and not e.ent_id_.startswith("~"):
            while end < len(doc) and end not in taken and doc[end].is_title and doc[end].lower_ in _ARM_WORDS \
                    and doc[end - 1].whitespace_:
                end += 1
            if end > e.end and gaz.lookup(doc[e.start : end].text):
                end = e.end  # a longer name the gazetteer knows is the ruler's business
        elif e.label_ == "Organization" and all(t.lower_ in _ARM_WORDS for t in e) and start > 0:
            prev = doc[start - 1]
            if prev.i not in taken and not prev.is_sent_start and prev.is_alpha and prev.text[:1].isupper() \
                    and (prev.pos_ in {"PROPN", "NOUN", "X"} or not prev.is_title):  # ("WiNG", tagged a verb)
                start -= 1
        if (start, end) == (e.start, e.end):
            out.append(e)
        else:
            out.append(Span(doc, start, end, label="Organization", span_id=NO_KEY))
            taken.update(range(start, end))
    return out


@lru_cache(maxsize=1)
def _company_words() -> frozenset[str]:
    """``company_words`` of ``ontologies/lexicon/common.toml``, lowercase ("management", "networks", "capital")."""
    from kg.resources import load_toml

    return frozenset(w.lower() for w in load_toml("lexicon/common.toml").get("company_words", []))


def _of_place_names(doc: Doc, ents: list[Span], gaz: Gazetteer) -> list[Span]:
    """ "University of California" cut by the ruler into "University" and the place: one institution; "HMS
    Networks of Halmstad" taken whole by the model: the company, then its town (a company word ends the name)."""
    out: list[Span] = []
    skip: set[int] = set()
    company = _company_words()
    for k, e in enumerate(ents):
        if k in skip:
            continue
        nxt = ents[k + 1] if k + 1 < len(ents) else None
        j = e.end + 1
        if j < len(doc) and doc[j].lower_ == "the":
            j += 1
        if e.label_ == "Organization" and len(e) == 1 and e[0].lower_ in word_set("of_place_heads") and \
                not _keyed(e) and \
                e.end < len(doc) and doc[e.end].lower_ == "of" and nxt is not None and nxt.start == j and \
                nxt.label_ == "Place":
            out.append(Span(doc, e.start, nxt.end, label="Organization", span_id=NO_KEY))
            skip.add(k + 1)
            continue
        of = next((i for i in range(e.start + 2, e.end - 1) if doc[i].lower_ == "of"), None)
        if e.label_ == "Organization" and not _keyed(e) and of is not None and doc[of - 1].lower_ in company \
                and not gaz.lookup(e.text):
            hit = next((h for h in gaz.lookup(doc[of + 1 : e.end].text) if h.type == "Place"), None)
            # (a town the gazetteer does not know, followed by its country: "of Halmstad, Sweden")
            town = nxt is not None and nxt.label_ == "Place" and nxt.start == e.end + 1 and doc[e.end].text == ","
            if hit is not None or town:
                out.append(Span(doc, e.start, of, label="Organization", span_id=NO_KEY))
                out.append(Span(doc, of + 1, e.end, label="Place", span_id=hit.key if hit else NO_KEY))
                continue
        out.append(e)
    return out


_POSSESSIVES = frozenset({"its", "their", "his", "her", "our"})
#: adjectives of regions that nationality lists leave out ("its Southeast Asian language model")
_REGION_ADJECTIVES = frozenset({"asian", "european", "african", "arab", "arabic", "latin", "nordic", "western",
                                "eastern", "southeast", "northern", "southern", "global", "sovereign"})


def _possessed_product_names(doc: Doc, ents: list[Span], lex: Lexicon) -> list[Span]:
    """ "its Gripen fighter jet", "Its BiCS FLASH chips", "Celestial's Photonic Fabric technology": capitalised
    words between a possessive and a product head noun (``product_heads``, or "technology"; up to two lowercase
    words between) name a product, even
    where the model saw no name or took it for a company; names the gazetteer knows are left as they are."""
    heads = set(lex.product_heads) | {"technology", "technologies"}

    def is_head(t: Token) -> bool:
        return t.lower_ in heads or t.lemma_.lower() in heads

    out = list(ents)
    # a name the model ran across a possessive: "Celestial's Photonic Fabric" is Celestial, then a product
    for e in list(out):
        inner = [k for k in range(e.start + 1, e.end - 1) if doc[k].tag_ == "POS"]
        if not _keyed(e) and inner and e.label_ == "Organization":
            out.remove(e)
            out.append(Span(doc, e.start, inner[0], label=e.label_, span_id=e.id_))
    for p in doc_tokens(doc):
        if not (p.lower_ in _POSSESSIVES or p.tag_ == "POS"):
            continue
        j = p.i + 1
        while j < len(doc) and j - p.i <= 3 and doc[j].is_lower and (doc[j].pos_ == "ADJ" or doc[j].lower_ == "own"):
            j += 1
        k = j
        while k < len(doc) and k - j < 4 and not doc[k].is_punct and not doc[k].is_lower and \
                (doc[k].text[:1].isupper() or k > j and doc[k].text[:1].isdigit()):
            k += 1
        h = k
        while h < len(doc) and h - k < 2 and doc[h].is_lower and doc[h].pos_ in {"NOUN", "ADJ"} and \
                not is_head(doc[h]):
            h += 1  # "its Gripen fighter jet", "its Stable Diffusion image generator"
        if k == j or h >= len(doc) or not is_head(doc[h]):
            continue
        while k > j and len(doc[k - 1]) > 1 and doc[k - 1].lower_ in lex.stop_entities:
            k -= 1  # "its Ascend AI accelerators": the name is Ascend
        run = doc[j:k]
        if k == j or is_junk(run.text, lex) or any(
                t.lower_ in lex.nationalities or t.lower_ in lex.demonyms or t.lower_ in _REGION_ADJECTIVES for t in run):
            continue  # "its AI chips", "its Southeast Asian language model", "its sovereign Swiss AI platform"
        over = [e for e in out if e.start < k and j < e.end]
        if any(_keyed(e) or e.label_ == "Person" or e.start < j or e.end > k for e in over):
            continue  # a known name ("its Nvidia chips"), a person, or a name running outside the words
        for e in over:
            out.remove(e)
        out.append(Span(doc, j, k, label="Product", span_id=NO_KEY))
    return sorted(out, key=lambda s: s.start)


def _equated_offerings(doc: Doc, ents: list[Span], lex: Lexicon) -> list[Span]:
    """ "Il suo prodotto più noto è Solar", "Its best-known product is Solar": an unknown name a copula equates
    with a possessed offering noun is a product, whatever the model said."""
    out = list(ents)
    for t in doc_tokens(doc):
        if t.dep_ not in {"nsubj", "nsubj:pass"} or not t.is_lower or not is_offering_noun(t, lex.product_heads) \
                or not any(c.dep_ in {"poss", "det:poss"} for c in t.children):
            continue
        head = t.head
        names = [head] if any(c.dep_ == "cop" for c in head.children) else \
            [c for c in head.children if c.dep_ == "attr"] if head.lemma_.lower() in {"be", "essere"} else []
        for n in names:
            for k, e in enumerate(out):
                if e.start <= n.i < e.end and not _keyed(e) and e.label_ != "Product":
                    out[k] = Span(doc, e.start, e.end, label="Product", span_id=e.id_ or NO_KEY)
    return out


def _arm_after_known_company(doc: Doc, ents: list[Span], gaz: Gazetteer) -> list[Span]:
    """ "HP Tech Ventures", "Samsung Catalyst Fund", "Volvo Cars Tech Fund": a company right before an unknown
    organisation of one or two capitalised words that ends in an investment-arm word is one name, the company's
    arm."""
    out: list[Span] = []
    skip = -1
    for k, e in enumerate(ents):
        if k == skip:
            continue
        nxt = ents[k + 1] if k + 1 < len(ents) else None
        # (one capitalised word between that no entity claims: "HP" + "Tech" + "Ventures")
        gap = nxt is not None and nxt.start == e.end + 1 and doc[e.end].is_alpha and \
            (doc[e.end].is_title or doc[e.end].is_upper) and doc[e.end].whitespace_ != ""
        if nxt is not None and e.label_ == "Organization" and (nxt.start == e.end or gap) and \
                nxt.label_ == "Organization" and not _keyed(nxt) and nxt.end - e.end <= 2 and \
                doc[e.end - 1].whitespace_ and nxt[-1].lower_ in _ARM_WORDS and \
                all(t.is_title or t.is_upper for t in nxt) and not gaz.lookup(doc[e.start : nxt.end].text):
            out.append(Span(doc, e.start, nxt.end, label="Organization", span_id=NO_KEY))
            skip = k + 1
            continue
        out.append(e)
    return out


#: nouns that make "<company> <Name>" before them (or described by them) a unit of that company
UNIT_NOUNS = frozenset({"division", "unit", "group", "arm", "lab", "business", "segment", "team", "divisione",
                        "unità", "braccio", "laboratorio", "ramo"})


def unit_cue_after(doc: Doc, end: int) -> bool:
    """A unit noun right after token ``end`` ("the Intel Products division"), or in an apposition opened by an
    article there ("Intel Products, a newly created division", "Microsoft Gaming, la divisione videogiochi")."""
    def unit_noun(t: Token) -> bool:
        return t.is_lower and (t.lower_ in UNIT_NOUNS or t.lemma_ in UNIT_NOUNS)

    if end < len(doc) and unit_noun(doc[end]):
        return True
    if end + 1 >= len(doc) or doc[end].text != "," or doc[end + 1].pos_ != "DET":
        return False
    for k in range(end + 2, min(end + 8, len(doc))):
        if doc[k].is_punct:
            return False
        if unit_noun(doc[k]):
            return True
    return False


def _units_after_known_company(doc: Doc, ents: list[Span], gaz: Gazetteer) -> list[Span]:
    """ "the Intel Products division", "Amazon AGI group", "Microsoft Gaming, la divisione videogiochi": a known
    company followed by one or two capitalised words and a unit noun (``unit_cue_after``) is one name, the
    company's unit (the gazetteer matched only the company)."""
    keyed = {e.start: e for e in ents}
    out = list(ents)
    for e in ents:
        if e.label_ != "Organization" or not _keyed(e) or not doc[e.end - 1].whitespace_:
            continue
        k = e.end
        while k < len(doc) and k - e.end < 2 and doc[k].is_alpha and (doc[k].is_title or doc[k].is_upper) and \
                (k == e.end or doc[k - 1].whitespace_) and (k not in keyed or not _keyed(keyed[k])):
            k += 1
        if k == e.end or not unit_cue_after(doc, k) or gaz.lookup(doc[e.start : k].text):
            continue
        out = [x for x in out if not (x.start < k and e.start < x.end)]
        out.append(Span(doc, e.start, k, label="Organization", span_id=NO_KEY))
    return sorted(out, key=lambda x: x.start)


def _named_by_noun(doc: Doc, ents: list[Span], lex: Lexicon, gaz: Gazetteer) -> list[Span]:
    """An unknown name given to a site or offering noun is that kind of thing, whatever the NER said: "a
    demonstration reactor called Hermes" (a project, not the place), "a supercomputer called Colossus", "a
    chatbot named Grok" (a product). Such a name no model tagged is taken as well, and on an organisation noun it
    is an organisation ("a venture named Crystal Land")."""
    heads, sites = lex.product_heads, lex.facility_words
    taken = {i for e in ents for i in range(e.start, e.end)}
    for verb in doc_tokens(doc):
        # a name no model tagged: "a fusion plant called Orion"
        if verb.lemma_.lower() not in NAMING_VERBS or verb.dep_ not in {"acl", "amod"} or verb.head.i > verb.i:
            continue
        for r in verb.children:
            if r.dep_ in {"oprd", "attr", "xcomp", "dobj", "obj"} and r.pos_ == "PROPN" and r.text[:1].isupper() \
                    and r.i not in taken:
                start = r.i
                while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].head.i == r.i and \
                        start - 1 not in taken:
                    start -= 1
                ents = sorted(ents + [Span(doc, start, r.i + 1, label="Organization", span_id=NO_KEY)],
                              key=lambda s: s.start)
    out = []
    for e in ents:
        r = e.root
        verb = r.head
        if (e.id_ and e.id_ not in {NO_KEY, "~propn"}) or e.label_ in {"Project", "Product"} or \
                verb.lemma_.lower() not in NAMING_VERBS or verb.dep_ not in {"acl", "amod", "relcl"} or \
                r.dep_ not in {"oprd", "attr", "xcomp", "dobj", "obj", "pobj"} or verb.head.i > verb.i:
            out.append(e)
            continue
        if r.dep_ == "pobj" and r.head.lower_ != "as":
            out.append(e)
            continue
        noun = verb.head
        cue = lex.cue_nouns.get(noun.lemma_.lower())
        label = "Project" if is_offering_noun(noun, sites) else "Product" if is_offering_noun(noun, heads) else \
            cue[0] if cue is not None and cue[0] in {"Organization", "Project"} else None
        if label is None or not noun.is_lower:
            if e.start in taken:
                out.append(e)  # (a name added above stays only when its noun types it)
            continue
        hits = [h for h in gaz.lookup(e.text) if h.type == label]
        out.append(Span(doc, e.start, e.end, label=label, span_id=hits[0].key if len(hits) == 1 else NO_KEY))
    return out


def _apposed_sites(doc: Doc, ents: list[Span], lex: Lexicon) -> list[Span]:
    """An unknown name set off before "a/the ... <site noun>" is a site, a project, whatever the model said
    ("Frontier, a 1.4-gigawatt campus in Shackelford County", "Lighthouse, un campus da un gigawatt"): the
    site nouns are ``facility_words`` that are no company word ("lab" names companies as often)."""
    sites = lex.facility_words - lex.org_words - lex.org_cues
    out = []
    for e in ents:
        k = e.end
        if (e.id_ and e.id_ not in {NO_KEY, "~propn", "~ner"}) or e.label_ in {"Project", "Product", "Person"} or \
                k + 2 >= len(doc) or doc[k].text != "," or doc[k + 1].lower_ not in lex.np_openers:
            out.append(e)
            continue
        site = None
        for j in range(k + 2, min(k + 8, len(doc))):
            t = doc[j]
            nxt = doc[j + 1] if j + 1 < len(doc) else None
            two = f"{t.lower_} {nxt.lower_}" if nxt is not None else ""
            if t.is_lower and (t.lower_ in sites or t.lemma_.lower() in sites or two in sites):
                head = nxt if two in sites else t
                after = doc[head.i + 1] if head.i + 1 < len(doc) else None
                if after is None or after.pos_ not in {"NOUN", "PROPN"}:
                    site = head
                break
            if t.is_punct and t.text != "-" or t.pos_ in {"VERB", "AUX", "ADP"} and t.lower_ not in {"of", "di", "da"} \
                    or t.pos_ in {"SCONJ", "PRON", "CCONJ"} or t.lower_ in lex.relative_pronouns:
                break
        out.append(Span(doc, e.start, e.end, label="Project", span_id=NO_KEY) if site is not None else e)
    return out


_BASED = frozenset({"based", "headquartered"})


def _based_places(doc: Doc, ents: list[Span], gaz: Gazetteer) -> list[Span]:
    """Capitalised words no mention claims right before "-based" / "-headquartered" are a place ("the
    Bern-based telecoms operator", "Cranberry Township, Pennsylvania-based"); so is a capitalised run set off by
    a comma right before that place ("Livingston, New Jersey-based")."""
    taken = {i for e in ents for i in range(e.start, e.end)}
    out = list(ents)
    for t in doc_tokens(doc):
        if t.lower_ not in _BASED or t.i < 2 or doc[t.i - 1].text != "-" or doc[t.i - 2].whitespace_:
            continue
        end = t.i - 1
        for _ in range(2):  # the place, then the one before it across a comma
            start = end
            while start > 0 and end - start < 4 and start - 1 not in taken and doc[start - 1].is_title \
                    and doc[start - 1].is_alpha and not doc[start - 1].is_sent_start:
                start -= 1
            if start == end:
                break
            hits = [h for h in gaz.lookup(doc[start:end].text) if h.type == "Place"]
            out.append(Span(doc, start, end, label="Place", span_id=hits[0].key if hits else NO_KEY))
            taken.update(range(start, end))
            if not (start >= 2 and doc[start - 1].text == "," and doc[start - 2].is_title):
                break
            end = start - 1
    return sorted(out, key=lambda e: e.start)


def _apposed_org_names(doc: Doc, ents: list[Span], lex: Lexicon) -> list[Span]:
    """A capitalised name no mention claims, set off by a comma before "the/a ... <company noun>", is an
    organisation ("Sonatel, the Dakar-based operator controlled by Orange", "Hypertec, a Montreal-based server
    group"): the company nouns are the lexicon's ``org_cues`` and ``org_words``; never a known given name."""
    nouns = lex.org_cues | lex.org_words
    taken = {i for e in ents for i in range(e.start, e.end)}
    out = list(ents)
    for t in doc_tokens(doc):
        if t.i in taken or t.i + 3 >= len(doc) or not (t.is_title or t.is_upper) or not t.is_alpha or \
                t.pos_ != "PROPN" or doc[t.i + 1].text != "," or doc[t.i + 2].lower_ not in {"the", "a", "an"}:
            continue
        k = t.i + 3
        while k < min(len(doc), t.i + 12) and doc[k].text not in {",", ".", ";"} and (
                doc[k].pos_ not in {"VERB", "AUX"} or doc[k].lower_ in _BASED):
            if doc[k].lower_ in nouns or doc[k].lemma_.lower() in nouns:
                break
            k += 1
        else:
            continue
        if k >= len(doc) or not (doc[k].lower_ in nouns or doc[k].lemma_.lower() in nouns):
            continue
        start = t.i
        while start > 0 and t.i - start < 3 and start - 1 not in taken and doc[start - 1].pos_ == "PROPN" \
                and doc[start - 1].is_title:
            start -= 1
        if doc[start].text in lex.given_names or is_junk(doc[start : t.i + 1].text, lex):
            continue  # (a sentence's first word too: the apposition says what it is)
        before = next((e for e in out if e.end == start and e.label_ == "Organization"), None)
        if before is not None:  # "Fujitsu General, the air-conditioner maker": the known name goes on
            out.remove(before)
            start = before.start
        out.append(Span(doc, start, t.i + 1, label="Organization", span_id=NO_KEY))
        taken.update(range(start, t.i + 1))
    return sorted(out, key=lambda e: e.start)


#: mention types whose name may start with a word the model left out
_EXTENDABLE = frozenset({"Organization", "Person", "Project", "Product"})


def _left_name_words(doc: Doc, ents: list[Span], lex: Lexicon, gaz: Gazetteer, common: frozenset[str]) -> list[Span]:
    """A name's first word the model left out, joined to the name by the parser, goes back into it: "Raghib
    Hussain" (an unknown given name), "the IOWN Global Forum" (an acronym). The word must be capitalised, no
    word of the language (an acronym, or a proper noun ``common`` does not list), claimed by no other mention,
    no title and no name the gazetteer knows on its own ("Nvidia CEO Jensen Huang" stays apart). With no word
    list for the language nothing is extended."""
    if not common:
        return ents
    cues = name_cues(lex.lang)
    places = cues.places if cues is not None else known_place_names()
    taken = {i for e in ents for i in range(e.start, e.end)}
    titles = title_first_words(lex)
    out = []
    for e in ents:
        start = e.start
        while (e.label_ in _EXTENDABLE and e.ent_id_[:1] in {"", "~"} and start > 0 and start - 1 not in taken
               and e.start - start < 2):
            t = doc[start - 1]
            acronym = t.is_upper and t.is_alpha and len(t.text) >= 2
            if not (t.head.i in range(e.start, e.end) and t.dep_ in _NAME_LINKS | {"amod"}
                    and (acronym or t.is_title and t.pos_ == "PROPN" and t.is_alpha and len(t.text) >= 3
                         and t.lower_ not in common and not t.is_stop)
                    and t.lower_ not in titles and t.lower_ not in lex.stop_entities
                    and t.text not in places and not gaz.lookup(t.text)
                    and not (e.label_ == "Person" and acronym)):
                break
            start -= 1
        if start < e.start:
            taken.update(range(start, e.start))
            e = Span(doc, start, e.end, label=e.label_, span_id=e.ent_id_)
        out.append(e)
    return out


_NAME_LINKS = frozenset({"flat", "flat:name", "compound", "nmod"})


def _brand_country_names(doc: Doc, ents: list[Span], gaz: Gazetteer) -> list[Span]:
    """A capitalised name the gazetteer does not know, run into a known place the parser joins it to, is one
    company's name: "Bell Canada", "Vodafone Italia" (a brand and the country it serves), not a town ("Bell")
    and a country side by side; and a place run into an institution the model named without it is one name
    ("Tokyo Institute of Technology")."""
    out: list[Span] = []
    for e in ents:
        prev = out[-1] if out else None
        if prev is not None and prev.end == e.start and e.label_ == "Place" and e.id_ in gaz.entries and \
                gaz.entries[e.id_].type == "Place" and len(prev) <= 2 and prev.label_ in {"Place", "Organization"} \
                and prev.id_ not in gaz.entries and all(t.is_title and t.is_alpha for t in prev) \
                and doc[prev.end - 1].whitespace_ and not doc[prev.end - 1].is_sent_end and (
                    e.root.head.i in range(prev.start, prev.end) and e.root.dep_ in _NAME_LINKS
                    or prev.root.head.i in range(e.start, e.end) and prev.root.dep_ in _NAME_LINKS):
            compass = len(prev) == 1 and prev[0].text in _COMPASS  # "Sud Italia": a part of the place
            hits = [h for h in gaz.lookup(doc[prev.start : e.end].text) if h.type == "Place"] if compass else []
            out[-1] = Span(doc, prev.start, e.end, label="Place" if compass else "Organization",
                           span_id=hits[0].key if hits else NO_KEY)
            continue
        if prev is not None and prev.end == e.start and prev.label_ == "Place" and e.label_ == "Organization" \
                and e.id_ not in gaz.entries and doc[prev.end - 1].whitespace_ and \
                e[0].lower_ in word_set("institution_name_words") and e[0].is_title:
            # "Tokyo Institute of Technology", cut by the model after its place
            hits = gaz.lookup(doc[prev.start : e.end].text)
            out[-1] = Span(doc, prev.start, e.end, label="Organization", span_id=hits[0].key if hits else NO_KEY)
            continue
        out.append(e)
    return out


def _dateline_places(ents: list[Span], gaz: Gazetteer) -> list[Span]:
    """A name in a dateline's place is a place ("SAN SEBASTIÁN, 12 GIU - ..."), unless the gazetteer knows it
    as something else; names in its date or agency ("(Reuters)") are no mentions of the story."""
    out = []
    for e in ents:
        line = in_dateline(e.doc, e.start_char, e.end_char)
        if line is None:
            out.append(e)
        elif e.end_char <= line.place_end:
            known = e.id_ in gaz.entries and gaz.entries[e.id_].type != "Place"
            out.append(e if known or e.label_ == "Place" else Span(e.doc, e.start, e.end, label="Place",
                                                                   span_id=e.id_ or NO_KEY))
    return out


def is_offering_noun(t, heads: frozenset[str]) -> bool:  # type: ignore[no-untyped-def]
    """``t`` is an offering noun of the lexicon ("browser", "servers", "GPUs")."""
    low = t.lower_
    return t.pos_ in {"NOUN", "PROPN"} and (
        t.lemma_.lower() in heads or low in heads or (low.endswith("s") and low[:-1] in heads)
    )


def _opened(span: Span, lex: Lexicon) -> bool:
    """A determiner, possessive or maker's name opens the name's noun phrase ("the", "its own", "Apple's")."""
    doc = span.doc
    k = span.start - 1
    while k >= 0 and span.start - k <= 3 and doc[k].is_lower and doc[k].pos_ in {"ADJ", "ADV"}:
        k -= 1  # "its own", "the new"
    return k >= 0 and doc[k].lower_ in lex.np_openers


def _owned(noun, lex: Lexicon, loose: bool = False) -> bool:  # type: ignore[no-untyped-def]
    """An offering noun that says whose offering it is: a possessive ("its AI assistant", "Apple's browser")
    or a relative clause of making ("the platform that the company is developing"). A bare description ("Perplexity,
    an AI search engine") is how news presents companies too, and types nothing."""
    if not (is_offering_noun(noun, lex.product_heads) and noun.is_lower):
        return False
    if loose:
        return True
    doc = noun.doc
    left = doc[max(noun.left_edge.i, noun.i - 5) : noun.i]
    if any(t.lower_ in lex.possessives for t in left):
        return True
    return any(c.dep_ in {"relcl", "acl:relcl"} and c.lemma_.lower() in lex.making_verbs for c in noun.children)


def surface_apposition(span: Span, lex: Lexicon, loose: bool = False) -> bool:
    """ ", its voice assistant", ", the AI infrastructure platform that the company is developing": an
    apposition right after the name whose head is an owned offering noun (see ``_owned``), read on the surface
    (the parser often attaches it elsewhere)."""
    doc = span.doc
    k = span.end
    if k + 2 >= len(doc) or doc[k].text != ",":
        return False
    owner_end = next((i for i in range(k + 1, min(k + 6, len(doc)))
                      if doc[i].lower_ in {"'s", "’s"} and all(x.text[:1].isupper() for x in doc[k + 1 : i])), None)
    if owner_end is not None and owner_end > k + 1:
        k = owner_end - 1  # "LeRobot, Hugging Face's open-source robotics library": a named owner opens the phrase
    elif doc[k + 1].lower_ not in lex.np_openers:
        return False
    for j in range(k + 2, min(k + 8, len(doc))):
        t = doc[j]
        nxt = doc[j + 1] if j + 1 < len(doc) else None
        if t.text == "-" and not t.whitespace_ and not doc[j - 1].whitespace_:
            continue  # "open-source"
        if is_offering_noun(t, lex.product_heads) and t.is_lower and (nxt is None or nxt.pos_ not in {"NOUN", "PROPN"}):
            if loose or any(x.lower_ in lex.possessives for x in doc[k + 1 : j]):
                return True
            after = doc[j + 1 : min(j + 6, len(doc))]
            made_by = [x for x in after[:3] if x.lemma_.lower() in lex.making_verbs and is_participle(x)]
            # ("Rhea1, the processor designed by SiPearl": a making participle with its agent)
            if made_by and any(c.dep_ in {"agent", "obl:agent", "obl"} and c.i > made_by[0].i
                               and (c.lower_ in {"by"} or any(g.dep_ == "case" and g.lower_.startswith("da")
                                                              for g in c.children))
                               for c in made_by[0].children):
                return True
            return (
                bool(after)
                and after[0].lower_ in lex.relative_pronouns
                and any(x.pos_ == "VERB" and x.lemma_.lower() in lex.making_verbs for x in after)
            )
        if not t.is_lower or t.pos_ in {"VERB", "AUX", "ADP", "PUNCT", "CCONJ"}:
            return False
    return False


#: prepositions that open an "of"-phrase naming an owner ("il primo chip della società", "the AI unit of X")
OF_PREPOSITIONS = frozenset({"of", "di", "del", "della", "dello", "dei", "degli", "delle", "dell'", "dell’"})


def offering_noun_before(doc: Doc, start: int, lex: Lexicon):  # type: ignore[no-untyped-def]
    """For a name starting at ``start`` in apposition after an owned offering noun ("its models, Malibu and
    Point,", "il primo chip della società, ATOM,"): that noun (a possessive before it or an "of"-phrase after it
    says whose it is), read on the surface; else None."""
    k = start - 1
    while k >= 2 and doc[k].lower_ in {"and", "e", ","} and doc[k - 1].text[:1].isupper():
        k -= 1  # "Malibu e Point": back over the earlier names of the list
        while k > 0 and doc[k - 1].text[:1].isupper() and doc[k - 1].whitespace_:
            k -= 1
        k -= 1
    if k < 2 or doc[k].text != ",":
        return None
    j = k - 1
    of_phrase = False
    while j > 0 and k - j <= 4 and not is_offering_noun(doc[j], lex.product_heads):
        of_phrase = of_phrase or doc[j].lower_ in OF_PREPOSITIONS
        j -= 1  # "il primo chip della società"
    noun = doc[j]
    if not (is_offering_noun(noun, lex.product_heads) and noun.is_lower) or k - j > 4:
        return None
    left = doc[max(0, j - 3) : j]
    owned = of_phrase or any(x.lower_ in lex.possessives for x in left)
    return noun if owned and any(x.lower_ in lex.np_openers for x in left) else None


def offering_name(span: Span, lex: Lexicon, loose: bool = False) -> bool:
    """The name heads, or is in apposition with, a noun phrase about an offering: "Apple's Safari browser",
    "the Agentforce brand", "its own Data Cloud", "Le Chat, its AI assistant", "its assistant, Le Chat".
    ``loose``: any offering noun in apposition will do (for a known maker's name continued: "Mistral Compute,
    a cloud platform")."""
    heads = lex.product_heads
    if not heads:
        return False
    doc = span.doc
    last = doc[span.end - 1]
    head = last.head
    if last.dep_ in {"compound", "amod", "nmod"} and span.end <= head.i <= span.end + 2 and _opened(span, lex):
        between = doc[span.end : head.i]
        if is_offering_noun(head, heads) and all(t.is_lower and t.dep_ in {"compound", "amod"} for t in between):
            return True
    first = last
    while first.dep_ == "conj" and first.head.i < first.i and first.head.pos_ == "PROPN":
        first = first.head
    if first is not last and first.dep_ in {"compound", "amod", "nmod"} and first.head.i == span.end and \
            is_offering_noun(first.head, heads) and _opened(doc[first.left_edge.i : first.i + 1], lex):
        return True  # "whose Landslide and TestCenter products": the last of coordinated names before the noun
    if last.dep_ in {"compound", "amod", "nmod"} and head.i > span.end and is_offering_noun(head, heads) and \
            _opened(span, lex) and any(t.lower_ in {"and", "e"} for t in doc[span.end : head.i]) and all(
                t.dep_ in {"cc", "conj", "punct", "compound", "flat"} and not t.is_lower
                or t.lower_ in {"and", "e", ","} for t in doc[span.end : head.i]):
        return True  # "whose Landslide and TestCenter products": the first of them
    if any(c.dep_ == "appos" and c.i >= span.end and _owned(c, lex, loose) for c in last.children):
        return True
    if last.dep_ == "appos" and head.i < span.start and _owned(head, lex, loose):
        return True
    nxt = doc[span.end] if span.end < len(doc) else None
    if (
        len(span) >= 2
        and is_offering_noun(last, heads)
        and not last.lower_.endswith("s")
        and _opened(span, lex)
        and (nxt is None or nxt.pos_ not in {"NOUN", "PROPN"})
    ):
        return True
    return surface_apposition(span, lex, loose) or offering_noun_before(doc, span.start, lex) is not None or \
        _owned_noun_right_before(span, lex)


def _owned_noun_right_before(span: Span, lex: Lexicon) -> bool:
    """ "i climatizzatori WindFree di Samsung", "il suo assistente Le Chat", "i chiplet grafici RTX di Nvidia": an
    offering noun right before the name (past lowercase adjectives), opened by an article, with its owner said
    by a possessive before the noun or an "of" phrase naming a capitalised owner right after the name."""
    doc = span.doc
    k = span.start - 1
    while k > 0 and span.start - k <= 2 and doc[k].is_lower and doc[k].pos_ == "ADJ":
        k -= 1
    if k < 1 or not (doc[k].is_lower and is_offering_noun(doc[k], lex.product_heads)):
        return False
    j = k - 1
    while j > 0 and k - j <= 2 and doc[j].is_lower and doc[j].pos_ in {"ADJ", "DET"} and \
            doc[j].lower_ not in lex.possessives and doc[j].lower_ not in lex.np_openers:
        j -= 1
    possessed = doc[j].lower_ in lex.possessives or (j > 0 and doc[j - 1].lower_ in lex.possessives)
    nxt = span.end
    owner_after = nxt + 1 < len(doc) and doc[nxt].lower_ in OF_PREPOSITIONS and doc[nxt + 1].text[:1].isupper()
    opened = doc[j].lower_ in lex.np_openers or doc[j].pos_ in {"DET", "ADP"}
    return opened and (possessed or owner_after)


def _surname_mentions(doc: Doc) -> list[Span]:
    """Untagged later mentions of the surname of a person named in full ("Demis Hassabis ... Hassabis also
    runs"): the same person, with the full name's entity id."""
    full: dict[str, Span] = {}
    for e in doc.ents:
        if e.label_ == "Person" and len(e) >= 2 and e[-1].text[:1].isupper() and e[-1].text.isalpha():
            full.setdefault(e[-1].text, e)
    if not full:
        return []
    taken = {t.i for e in doc.ents for t in e}
    out = []
    for t in doc_tokens(doc):
        first = full.get(t.text)
        if first is None or t.i in taken or t.i < first.end or t.pos_ != "PROPN":
            continue
        if t.i + 1 < len(doc) and doc[t.i + 1].pos_ == "PROPN" and doc[t.i + 1].text[:1].isupper():
            continue  # part of a longer name
        if t.i > 0 and doc[t.i - 1].pos_ == "PROPN" and doc[t.i - 1].text[:1].isupper():
            continue
        out.append(Span(doc, t.i, t.i + 1, label="Person", span_id=first.id_ or NO_KEY))
    return out


def _name_word_before(t, ent: Span) -> bool:  # type: ignore[no-untyped-def]
    """A capitalised word right before a mention, attached inside it, that the NER left out ("Le" of
    "Le Chat")."""
    return t.is_title and not t.is_sent_start and t.dep_ == "compound" and ent.start <= t.head.i < ent.end


def _known_org_continued(span: Span, cues: NameCues) -> Span | None:
    """A chain right after a known organisation that ends in a word of company names ("Defence Vehicles"
    after "Iveco", "Foundation" after "OpenAI", "Rheinmetall Military Vehicles" after "Leonardo") continues
    the name: one organisation, "Iveco Defence Vehicles"; so does a chain ending in an institution word after
    a place ("New York Post")."""
    doc = span.doc
    last = span[-1].lower_
    if span.start == 0 or not (last in cues.org_tail_words or last in cues.org_words):
        return None
    if not all(t.text[:1].isupper() for t in span):
        return None
    before = next((e for e in doc.ents if e.end == span.start), None)
    if before is None or doc[before.end - 1].whitespace_ == "":
        return None
    if not ((before.label_ == "Organization" and last in cues.org_tail_words) or before.label_ == "Place"):
        return None  # "New York Post", "Torino Calcio": a newspaper, a club named after its city
    if doc[before.end - 1].is_punct:
        return None
    return Span(doc, before.start, span.end, label="Organization", span_id="~propn")


def _type_from_document(doc: Doc, mentions: list[Span], weak: set[int], cues: NameCues) -> list[Span]:
    """Types for the names nothing typed (``weak``, indexes in ``mentions``), from the rest of the document:
    the surname of a person named in full earlier or later ("Floyd Mayweather ... Mayweather"), the same
    name typed elsewhere by its context, or a coordinated name of known type ("Kufa, Falluja e Ramadi");
    an organisation otherwise."""
    typed = [m for i, m in enumerate(mentions) if i not in weak] + list(doc.ents)
    by_text: dict[str, str] = {}
    surnames: dict[str, str] = {}
    for m in typed:
        if m.label_ not in KG_TYPES:
            continue
        by_text.setdefault(m.text, m.label_)
        if m.label_ == "Person" and len(m) >= 2 and m[-1].text[:1].isupper():
            surnames.setdefault(m[-1].text, "Person")
    listed = _list_types(doc, mentions, weak)
    out = []
    for i, m in enumerate(mentions):
        if i in weak:
            label = by_text.get(m.text) or (surnames.get(m.text) if len(m) == 1 else None)
            label = label or _coordinated_type(m, typed, cues) or listed.get(i)
            if label is not None and label != m.label_:
                m = Span(doc, m.start, m.end, label=label, span_id=m.id_)
        out.append(m)
    return out


_LIST_SEPARATORS = frozenset({",", "e", "ed"})


def _list_types(doc: Doc, mentions: list[Span], weak: set[int]) -> dict[int, str]:
    """Types for untyped names in a list of three or more names ("Sestu, Assemini, Monserrato, Elmas e ...",
    "Mariah Carey, Stevie Wonder, Oprah Winfrey, ..."): the type of the list's people or places when at least
    two of its names are typed and all of those agree."""
    ents = sorted(
        [(m, i) for i, m in enumerate(mentions)] + [(e, -1) for e in doc.ents if e.label_ in KG_TYPES],
        key=lambda x: x[0].start,
    )
    out: dict[int, str] = {}
    run: list[tuple[Span, int]] = []
    for m, i in [*ents, (None, -1)]:
        if m is not None and run:
            gap = doc[run[-1][0].end : m.start]
            if len(gap) == 1 and gap[0].lower_ in _LIST_SEPARATORS:
                run.append((m, i))
                continue
        if len(run) >= 3:
            types = {x.label_ for x, j in run if j not in weak}
            strong = sum(1 for _, j in run if j not in weak)
            if strong >= 2 and len(types) == 1 and types <= {"Person", "Place"}:
                label = types.pop()
                out.update({j: label for _, j in run if j in weak})
        run = [(m, i)] if m is not None else []
    return out


def _coordinated_type(span: Span, typed: list[Span], cues: NameCues) -> str | None:
    """The type of a place or person the name is coordinated with ("Kufa, Falluja e Ramadi"; "Kim Kardashian
    e Kanye West"), read from the parse; a known place name counts as a place."""
    root = span.root
    others = [root.head] if root.dep_ == "conj" else []
    others += [c for c in root.children if c.dep_ == "conj"]
    for t in others:
        if span.start <= t.i < span.end:
            continue
        ent = next((e for e in typed if e.start <= t.i < e.end), None)
        if ent is not None and ent.label_ in {"Place", "Person"}:
            return ent.label_
        if ent is None and t.text in cues.places:
            return "Place"
    return None


#: Compass words that continue a place name: "Ossezia del Sud", "Germania Est", "Centro Italia".
_COMPASS = frozenset({"Nord", "Sud", "Est", "Ovest", "Centro"})
_COMPASS_ADJECTIVES = frozenset(
    {"settentrionale", "meridionale", "orientale", "occidentale", "centrale", "nordorientale", "sudorientale",
     "nordoccidentale", "sudoccidentale"}
)  # fmt: skip


def _compass_before(doc: Doc, start: int, taken: set[int]) -> int:
    """Start of a place name that a capitalised compass word opens ("Centro Italia", "Nord Europa")."""
    k = start - 1
    if k >= 0 and k not in taken and doc[k].text in _COMPASS and not doc[k].is_sent_start:
        return k
    return start


def _compass_after(doc: Doc, end: int) -> int:
    """End of a place name that a compass word closes ("Ossezia del Sud", "Germania Est", "Sardegna
    meridionale"), taking in a mention of the compass word alone."""
    if end < len(doc):
        t = doc[end]
        if (t.text in _COMPASS - {"Centro"}) or t.lower_ in _COMPASS_ADJECTIVES:
            return end + 1
        if t.lower_ in {"del", "dell'", "dell’"} and end + 1 < len(doc) and doc[end + 1].text in _COMPASS:
            return end + 2
    return end


def _lowercase_head(doc: Doc, start: int, taken: set[int], cues: NameCues) -> int | None:
    """Index of a lowercase head noun right before a name, perhaps with "di"/"del" between ("provincia di",
    "golfo del", "fiume"); None when there is none."""
    k = start - 1
    if k >= 0 and doc[k].lower_ in _OF_WORDS:
        k -= 1
    if k < 0 or k in taken or not doc[k].is_lower:
        return None
    low = doc[k].lower_
    return k if low in cues.institution_heads or low in cues.place_features else None


def _conjunct_type(span: Span) -> str | None:
    """ "i chip H100 e Blackwell": a name coordinated with a product is a product too."""
    doc = span.doc
    root = span.root
    others = [root.head] if root.dep_ == "conj" else []
    others += [c for c in root.children if c.dep_ == "conj"]
    for t in others:
        if t.i in range(span.start, span.end):
            continue
        ent = next((e for e in doc.ents if e.start <= t.i < e.end), None)
        if ent is not None and ent.label_ == "Product":
            return "Product"
    return None


_CODE = re.compile(r"^[a-z][a-z]{2,}-?\d{1,3}[a-z]?$")


def _product_codes(doc: Doc, found: list[Span], cues: NameCues) -> list[Span]:
    """A lowercase name with a number right after a product noun ("il supercomputer davinci-1")."""
    taken = {t.i for e in list(doc.ents) + found for t in e}
    toks = doc_tokens(doc)
    return [
        Span(doc, t.i, t.i + 1, label="Product", span_id="~propn")
        for t in toks
        if t.i > 0 and t.i not in taken and toks[t.i - 1].lower_ in cues.product_before and _CODE.match(t.text)
    ]


def _known_capitalised(t, lex: Lexicon, known) -> bool:  # type: ignore[no-untyped-def]
    """A capitalised word the tagger did not call a proper noun ("Gogle" read as an adverb) that is a
    (misspelled) known name and no ordinary word of the language."""
    if not (t.text[:1].isupper() and t.text.isalpha() and len(t.text) >= 5) or t.pos_ in {"PROPN", "PUNCT"}:
        return False
    cues = name_cues(lex.lang)
    if t.lower_ in lex.stop_entities or (cues is not None and t.lower_ in cues.common_words):
        return False
    return bool(known(t.text))


def _namey(t, lex: Lexicon) -> bool:  # type: ignore[no-untyped-def]
    if not t.text[:1].isalpha() and not t.text[:1].isdigit():
        return False
    if t.text.lower() in lex.stop_entities:
        return False
    if t.pos_ == "PROPN" and (t.text[:1].isupper() or _CAMEL.match(t.text)):
        return True  # sentence-initial words are filtered later (sentence_initial_word)
    if _CAMEL.match(t.text) or t.text.isupper() and len(t.text) >= 3 and t.text.isalpha():
        return True
    if _LETTERS_DIGITS.match(t.text) and not t.is_sent_start:
        return True  # "Rhea1", "Falcon3" (tagged as a pronoun): a capitalised word with a model number
    return _capitalised_unknown(t, lex)


#: a capitalised word of letters then digits ("Rhea1", "Falcon3"), never an amount ("M3" is too short)
_LETTERS_DIGITS = re.compile(r"^[A-Z][a-z]{2,}\d{1,3}[a-z]?$")


def _org_tail_words(lex: Lexicon) -> frozenset[str]:
    cues = name_cues(lex.lang)
    return cues.org_tail_words if cues is not None else frozenset()


def _company_tail(t, lex: Lexicon) -> bool:  # type: ignore[no-untyped-def]
    """A capitalised word that never names anything alone but ends company names ("Landing AI", "Black Forest
    Labs", "Alibaba Group")."""
    if not t.text[:1].isupper() or t.lower_ not in lex.stop_entities:
        return False
    cues = name_cues(lex.lang)
    return t.lower_ in lex.org_suffixes or (cues is not None and t.lower_ in cues.org_tail_words)


def _capitalised_unknown(t, lex: Lexicon) -> bool:  # type: ignore[no-untyped-def]
    """A capitalised word inside a sentence that the tagger took for something else than a proper noun but that
    is no word of the language ("la moglie di Trezzoni", "in Ossezia"): a name; at the start of a sentence, only
    as the first word of the name right after it ("Proxima Fusion, la società di Monaco ...")."""
    if not t.is_title or not t.is_alpha or len(t.text) < 3 or t.is_stop:
        return False
    cues = name_cues(lex.lang)
    if cues is None:
        return False
    unknown = t.lower_ not in cues.common_words and t.lower_ not in cues.person_nouns
    if t.is_sent_start:
        nxt = t.nbor() if t.i + 1 < len(t.doc) else None
        return unknown and nxt is not None and nxt.pos_ == "PROPN" and nxt.text[:1].isupper() and t.whitespace_ != ""
    if t.lower_ in cues.institution_words:
        return True  # "il Senato", "la Camera"
    return unknown


#: Capitalised particles inside surnames ("Giò Di Tonno", "Alfredo D'Avanzo", "Robert De Niro").
_NAME_PARTICLES = frozenset(
    {"Di", "De", "D'", "D’", "Da", "Del", "Dal", "Della", "Lo", "La", "Van", "Von", "Der", "Le"}
)


#: Lowercase particles inside foreign names ("de la Hoya", "von der Leyen", "bin Zayed", "dos Santos").
_LOWER_PARTICLES = frozenset({"de", "dos", "das", "du", "von", "van", "der", "den", "bin", "ibn", "y"})
#: Particles that may follow another one ("de la", "von der", "van den").
_SECOND_PARTICLES = frozenset({"la", "las", "los", "der", "den", "le"})
_ROMAN = re.compile(r"^(?:I{1,3}|IV|VI{0,3}|IX|XI{0,3}|XIV|XVI{0,3}|XIX|XX)$")


def _lowercase_particle(doc: Doc, j: int) -> bool:
    """``doc[j]`` is a lowercase particle between two capitalised words of one name."""
    t = doc[j]
    if j == 0 or not (doc[j - 1].text[:1].isupper() or doc[j - 1].lower_ in _LOWER_PARTICLES):
        return False
    if t.text in _LOWER_PARTICLES:
        nxt = j + 1
        if nxt < len(doc) and doc[nxt].text in _SECOND_PARTICLES:
            nxt += 1
    elif t.text in _SECOND_PARTICLES and doc[j - 1].text in _LOWER_PARTICLES:
        nxt = j + 1
    else:
        return False
    return nxt < len(doc) and doc[nxt].text[:1].isupper() and doc[nxt].text[:1].isalpha()


def _name_elision(t) -> bool:  # type: ignore[no-untyped-def]
    """ "Wa'" of "Wa'ed Ventures", "O'" of "O'Brien": a capitalised word cut at an apostrophe the Italian tokenizer
    splits off, which is no elided article or preposition ("L'", "Dell'")."""
    return (len(t.text) >= 2 and t.text[-1] in {"'", "’"} and t.text[:1].isupper() and not t.whitespace_
            and t.lower_ not in _ELIDED_WORDS and t.text[:-1].isalpha())


#: Italian elided articles, prepositions and determiners that end in an apostrophe
_ELIDED_WORDS = frozenset(f"{w}{q}" for w in ("l", "dell", "nell", "all", "dall", "sull", "un", "d", "quest", "quell",
                                               "coll", "tutt", "nessun", "po", "c", "s", "m", "t", "v", "n")
                          for q in ("'", "’"))


def _chain_glue(doc: Doc, j: int, lex: Lexicon) -> bool:
    t = doc[j]
    if j > 0 and _name_elision(doc[j - 1]) and t.is_alpha:
        return True  # "Wa'" + "ed"
    if (
        t.text in _NAME_PARTICLES
        and j > 0
        and doc[j - 1].text[:1].isupper()
        and j + 1 < len(doc)
        and doc[j + 1].text[:1].isupper()
        and doc[j + 1].text[:1].isalpha()
    ):
        return True
    if t.text == "&" and j + 1 < len(doc) and doc[j + 1].text[:1].isupper():
        return True  # "Weights & Biases", "Johnson & Johnson"
    if t.text == "and" and lex.lang != "en" and j > 0 and doc[j - 1].is_title and j + 1 < len(doc) \
            and doc[j + 1].is_title:
        return True  # an English name in another language's text: "Connectivity and Cable Solutions"
    if _lowercase_particle(doc, j):
        return True  # "Óscar de la Hoya", "Ursula von der Leyen", "Tahnoun bin Zayed"
    if _ROMAN.match(t.text) and (len(t.text) > 1 or lex.lang == "it") and j > 0 and doc[j - 1].is_title:
        return True  # "Leopoldo II", "Cirillo I"
    if (
        t.text in {"-", ":", "."}
        and j + 1 < len(doc)
        and not doc[j + 1].is_space
        and doc[j + 1].text[:1].isalnum()
    ):
        return t.whitespace_ == ""
    return t.text in lex.org_suffixes


@Language.factory(
    "kg_entities", default_config={"lang": "en", "use_propn_chains": True, "english_guess": False}
)
def make_entity_fixer(
    nlp: Language, name: str, lang: str, use_propn_chains: bool, english_guess: bool
) -> EntityFixer:
    """The ``kg_entities`` component; ``english_guess`` lets the English NER type proper-noun chains that
    nothing else types (better Italian entity types, at about a third of the Italian pipeline's speed)."""
    return EntityFixer(load_lexicon(lang), use_propn_chains=use_propn_chains, english_guess=english_guess,
                       words=lemmatizer_words(nlp) | common_words(lang))


def lemmatizer_words(nlp: Language) -> frozenset[str]:
    """Lowercase words of the language that the pipeline's rule lemmatizer lists (its ``lemma_index``, WordNet's
    index for English): empty for a pipeline without one."""
    for name in nlp.pipe_names:
        lookups = getattr(nlp.get_pipe(name), "lookups", None)
        if lookups is not None and lookups.has_table("lemma_index"):
            return frozenset(w for words in lookups.get_table("lemma_index").values() for w in words)
    return frozenset()


class EntityFixer:
    """spaCy component: turns model/ruler entities into clean kg-typed mentions."""

    def __init__(
        self,
        lex: Lexicon,
        use_propn_chains: bool = True,
        gaz: Gazetteer | None = None,
        english_guess: bool = False,
        words: frozenset[str] = frozenset(),
    ) -> None:
        self.lex = lex
        self.words = words  # words of the language (lemmatizer index and common-word list), read once here
        self.use_propn_chains = use_propn_chains
        self.english_guess = english_guess
        self.gaz = gaz or default_gazetteer()
        self._resolver = None
        self._en = None
        self._tails: dict[str, list[str]] | None = None
        self._fuzzy_cache: dict[str, str | None] = {}

    def _fuzzy_key(self, text: str) -> str | None:
        """Gazetteer key of a misspelled known name ("Microsfot"), None when not one."""
        if text not in self._fuzzy_cache:
            if len(self._fuzzy_cache) > 50_000:
                self._fuzzy_cache.clear()
            self._fuzzy_cache[text] = self._find_fuzzy_key(text)
        return self._fuzzy_cache[text]

    def _find_fuzzy_key(self, text: str) -> str | None:
        from kg.resolve.resolver import Resolver

        if self._resolver is None:
            self._resolver = Resolver(gazetteer=self.gaz)
        hits = self.gaz.lookup(text)
        if hits:
            return hits[0].key
        r = self._resolver._fuzzy(normalize_name(text), "Organization")  # noqa: SLF001 - same rules
        return r.entity.key if r else None

    def _extend_misspelled(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """A known name followed by capitalised words that make a misspelled longer known name:
        "Amazon Web Service" is AWS, not Amazon followed by junk."""
        out = []
        taken = {t.i for e in ents for t in e}
        for e in ents:
            best = None
            for extra in (1, 2, 3):
                end = e.end + extra
                if end > len(doc) or any(i in taken for i in range(e.end, end)):
                    break
                if not all(t.text[:1].isupper() for t in doc[e.end : end]):
                    break
                cand = doc[e.start : end]
                key = self._fuzzy_key(cand.text)
                if key is not None and key != (e.ent_id_ or None):
                    best = (end, key)
            if best is not None:
                entry = self.gaz.entries[best[1]]
                out.append(Span(doc, e.start, best[0], label=entry.type, span_id=entry.key))
                taken.update(range(e.end, best[0]))
            else:
                out.append(e)
        return out

    def __call__(self, doc: Doc) -> Doc:
        kept: list[Span] = []
        for ent in doc.ents:
            label = ent.label_ if ent.label_ in KG_TYPES else NER_LABELS.get(ent.label_)
            if label is None:
                continue
            span = _strip_span(ent, self.lex)
            if span is not None and not ent.ent_id_:
                rest = _after_leading_title(span, self.lex)
                if rest is not None:  # "CFO Sven Schneider" tagged as one organisation: the person after the title
                    span, label = rest, "Person"
            if span is None or (is_junk(span.text, self.lex) and not self._lowercase_known(span)):
                continue
            if _platform_venue(span, self.lex):
                continue  # "wrote on LinkedIn", "in a Twitter post": where something was said
            if not ent.ent_id_:
                label = _context_type(span, self.lex, label) or label
                hits = self.gaz.lookup(span.text)
                if len(hits) == 1:
                    label = hits[0].type
                    span = Span(doc, span.start, span.end, label=label, span_id=hits[0].key)
                    kept.append(span)
                    continue
            kept.append(Span(doc, span.start, span.end, label=label, span_id=ent.ent_id_))
        doc.ents = kept
        doc.ents = self._extend_misspelled(doc, list(doc.ents))
        doc.ents = _join_product_codes(doc, _given_name_before_place(doc, list(doc.ents), self.lex), self.gaz)
        doc.ents = _project_editions(doc, list(doc.ents), self.gaz)
        if self.use_propn_chains:
            extra = self._chain_mentions(doc)
            if extra:
                covered = {i for s in extra for i in range(s.start, s.end)}
                kept = [e for e in doc.ents if not any(i in covered for i in range(e.start, e.end))]
                doc.ents = sorted(kept + extra, key=lambda s: s.start)
        doc.ents = _surname_after_given_name(doc, list(doc.ents), self.lex, self.gaz)
        cues = name_cues(self.lex.lang)
        if cues is not None:
            doc.ents = self._head_noun_phrases(doc, list(doc.ents), cues)
        doc.ents = [self._org_of_titled_person(self._product_by_maker(e)) for e in doc.ents]
        doc.ents = [self._person_as_org(e) for e in self._offering_products(doc)]
        ents = _units_after_known_company(doc, _investment_arms(doc, list(doc.ents), self.gaz), self.gaz)
        ents = _ai_company_names(doc, _list_gaps(doc, ents))
        if not self.use_propn_chains:  # (proper-noun chains already name them)
            ents = _possessed_product_names(doc, _company_word_names(doc, ents, self.lex), self.lex)
        doc.ents = _equated_offerings(doc, _apposed_sites(doc, _named_by_noun(doc, ents, self.lex, self.gaz),
                                                          self.lex), self.lex)
        doc.ents = _of_place_names(doc, list(doc.ents), self.gaz)
        doc.ents = sorted(list(doc.ents) + self._untagged_products(doc), key=lambda s: s.start)
        doc.ents = [self._product_by_maker(e) if e.label_ == "Product" else e
                    for e in _coded_products(doc, list(doc.ents), self.lex.product_heads, self.gaz,
                                             self.lex.facility_words)]
        if self.lex.surname_mentions:
            ents = [self._surname_retyped(e, doc) for e in doc.ents]
            doc.ents = sorted(ents + _surname_mentions(doc), key=lambda s: s.start)
        brackets = [m.span() for m in _TICKER_BRACKET.finditer(_text(doc))]
        doc.ents = _dateline_places([e for e in doc.ents if not in_credit_line(doc, e.start)
                                     and not any(a <= e.start_char < b for a, b in brackets)], self.gaz)
        doc.ents = _apposed_org_names(doc, _based_places(doc, list(doc.ents), self.gaz), self.lex)
        doc.ents = _brand_country_names(doc, list(doc.ents), self.gaz)
        doc.ents = _left_name_words(doc, list(doc.ents), self.lex, self.gaz, self.words)
        return doc

    def _head_noun_phrases(self, doc: Doc, ents: list[Span], cues: NameCues) -> list[Span]:
        """Names that a lowercase head noun or a compass word makes part of a longer name: "golfo del Messico",
        "provincia di Treviso", "fiume Dyfi" (another place than the one named), "università di Nottingham",
        "procura di Trani" (an institution, not the place), "Ossezia del Sud", "Germania Est", "Centro Italia",
        "Sardegna meridionale"."""
        taken = {t.i for e in ents for t in e}
        out: list[Span] = []
        for e in ents:
            if out and e.start < out[-1].end:
                continue  # taken into the previous name ("Sud" of "Ossezia del Sud")
            start, end, label = e.start, e.end, e.label_
            if label == "Place":
                start = _compass_before(doc, start, taken)
                end = _compass_after(doc, end)
            head = _lowercase_head(doc, start, taken, cues)
            if head is not None and doc[head].lower_ in cues.institution_heads:
                start, label = head, "Organization"
            elif head is not None and label == "Place" and doc[head].lower_ in cues.place_features:
                start = head
            if (start, end, label) == (e.start, e.end, e.label_) or (out and start < out[-1].end):
                out.append(e)
                continue
            hits = self.gaz.lookup(doc[start:end].text)
            key = hits[0].key if len(hits) == 1 and hits[0].type == label else NO_KEY
            out.append(Span(doc, start, end, label=label, span_id=key))
        return out

    def _person_as_org(self, span: Span) -> Span:
        """An unknown name the NER calls a person that ends in an organisation word ("Isomorphic Labs") or has
        an apposition headed by one ("X, a drug discovery company he founded") is an organisation."""
        words = self.lex.org_words
        if span.label_ != "Person" or not words or (span.id_ and span.id_ not in {"~propn", NO_KEY}):
            return span
        if span[0].text in self.lex.given_names:
            return span
        last = span[-1]
        apposed = any(c.dep_ == "appos" and c.is_lower and c.lemma_.lower() in words for c in last.children)
        # one all-capital word of three letters or more ("DCVC", "NGP") is an acronym, never a person's name
        acronym = len(span) == 1 and len(last.text) >= 3 and last.text.isupper() and last.text.isalpha()
        if not (apposed or acronym or (len(span) >= 2 and last.lower_ in words)):
            return span
        return Span(span.doc, span.start, span.end, label="Organization", span_id=span.id_ or NO_KEY)

    def _offering_products(self, doc: Doc) -> list[Span]:
        """Unknown names that :func:`offering_name` shows to be products, retyped (the English NER calls
        "Safari" in "Apple's Safari browser" a person, "Data Cloud" an organisation); a known organisation
        followed by capitalised words in such a phrase is a longer product name ("Mistral Compute, the
        AI infrastructure platform"), and capitalised name words the NER left out are taken in ("Le Chat")."""
        heads = self.lex.product_heads
        ents = list(doc.ents)
        if not heads:
            return ents
        taken = {t.i for e in ents for t in e}
        out: list[Span] = []
        for e in ents:
            known = bool(e.id_) and e.id_ not in {"~propn", NO_KEY}
            if e.label_ == "Product" or (known and e.label_ != "Organization"):
                out.append(e)
                continue
            start, end = e.start, e.end
            if known:
                while end < len(doc) and end not in taken and doc[end].pos_ == "PROPN" and doc[end].is_title:
                    end += 1
                if end == e.end:
                    out.append(e)
                    continue
            while start > 0 and start - 1 not in taken and _name_word_before(doc[start - 1], e):
                start -= 1
            span = Span(doc, start, end, label="Product", span_id=NO_KEY)
            if (e.label_ == "Person" and doc[e.start].text in self.lex.given_names) or not offering_name(
                span, self.lex, loose=known
            ):
                out.append(e)
                continue
            hits = [h for h in self.gaz.lookup(span.text) if h.type == "Product"]
            if len(hits) == 1:
                span = Span(doc, start, end, label="Product", span_id=hits[0].key)
            taken.update(range(start, end))
            out.append(self._product_by_maker(span))
        return out

    def _untagged_products(self, doc: Doc) -> list[Span]:
        """Product words no model tagged, named with their maker in the sentence ("Google's TPUs")."""
        if self._tails is None:
            self._tails = maker_tails(self.gaz)
        taken = {t.i for e in doc.ents for t in e}
        out = []
        for t in doc_tokens(doc):
            if t.i in taken or not t.text[:1].isupper():
                continue
            word = t.text if t.text in self._tails else t.text[:-1] if t.text.endswith("s") else ""
            if word not in self._tails:
                continue
            span = self._product_by_maker(Span(doc, t.i, t.i + 1, label="Product", span_id=NO_KEY), word)
            if span.id_ != NO_KEY and _names_maker(t, self.gaz.entries[span.id_].org):
                out.append(span)
        return out

    def _org_of_titled_person(self, span: Span) -> Span:
        """ "Commission President Ursula von der Leyen": an unknown one-word organisation right before a title
        and a known person is the person's organisation when that organisation's name ends with the word."""
        doc = span.doc
        if span.label_ != "Organization" or len(span) != 1 or span.id_ not in {"", "~propn", NO_KEY}:
            return span
        titles = title_first_words(self.lex) | _title_last_words(self.lex)
        i = span.end
        while i < len(doc) and i < span.end + 2 and doc[i].lower_ in titles:
            i += 1
        if i == span.end:
            return span
        person = next((e for e in doc.ents if e.start == i and e.label_ == "Person"), None)
        entry = self.gaz.entries.get(person.id_) if person is not None else None
        org = self.gaz.entries.get(entry.org) if entry is not None and entry.org else None
        word = span.text.lower()
        if org is None or not any(n.lower().split()[-1] == word for n in org.names()):
            return span
        return Span(doc, span.start, span.end, label="Organization", span_id=org.key)

    def _lowercase_known(self, span: Span) -> bool:
        """A gazetteer name written in lowercase in noisy text ("da google", "l'assistente di microsoft"): the
        ruler matched it only because it is no ordinary word (see ``_variants``); kept unless the language
        has a word spelled so."""
        if not span.id_ or span.id_ not in self.gaz.entries or len(span) != 1:
            return False
        if self.gaz.entries[span.id_].type != "Organization":
            return False  # lowercase place and product names are adjectives and words of slugs more often
        cues = name_cues(self.lex.lang)
        common = cues.common_words if cues is not None else frozenset()
        low = span.text.lower()
        doc = span.doc
        glued = {"-", "_", "/", "."}
        if (
            span.start > 0 and doc[span.start - 1].text in glued and doc[span.start - 1].whitespace_ == ""
        ) or (span.end < len(doc) and doc[span.end].text in glued and span[-1].whitespace_ == ""):
            return (
                False  # a word of a slug or file name ("microsoft-openai-accordo"), not a name in a sentence
            )
        return (
            low not in common
            and low not in _lowercase_ambiguous()
            and not is_junk(span.text.title(), self.lex)
        )

    def _surname_retyped(self, span: Span, doc: Doc) -> Span:
        """ "Mustafa Suleyman ... Suleyman, who co-founded DeepMind": a one-word name the model typed as an
        organisation or product, after a person named in full with it as surname, is that person (not when the
        word is a known organisation's name: "Michael Dell ... Dell"); a one-word name typed as a person or a
        product that starts a company named in full before is that company ("Kairos Power ... Kairos", "Baichuan
        AI ... Baichuan compete con", not "il modello Baichuan 4")."""
        if len(span) != 1 or span.label_ not in {"Organization", "Product", "Person"} or (
                span.id_ and span.id_ not in {"~propn", "~ner", NO_KEY}) or self.gaz.lookup(span.text):
            return span
        earlier = [e for e in doc.ents if e.end <= span.start and len(e) >= 2]
        people = [e for e in earlier if e.label_ == "Person" and e[-1].text == span.text]
        # "Kairos Power ... Kairos, which was co-founded ...": the first word of a company named in full
        companies = [e for e in earlier if e.label_ == "Organization" and e[0].text == span.text]
        if people and not companies and span.label_ != "Person":
            return Span(doc, span.start, span.end, label="Person", span_id=people[0].id_ or NO_KEY)
        numbered = span.end < len(doc) and doc[span.end].like_num  # "Baichuan 4": the model, not the company
        if companies and not people and (span.label_ == "Person" or span.label_ == "Product" and not numbered):
            return Span(doc, span.start, span.end, label="Organization", span_id=companies[0].id_ or NO_KEY)
        return span

    def _product_by_maker(self, span: Span, word: str | None = None) -> Span:
        """A bare product word that is the gazetteer name of a product without its maker ("Copilot" for
        "Microsoft Copilot", "Blackwell" for "Nvidia Blackwell") is that product when the sentence names the
        maker too ("Copilot, l'assistente di microsoft"); alone, the word may be anything (a surname, a
        co-pilot)."""
        if span.id_ and span.id_ not in {"~propn", NO_KEY}:
            return span
        if self._tails is None:
            self._tails = maker_tails(self.gaz)
        makers = {e.id_ for e in sent_of(span).ents}
        keys = [k for k in self._tails.get(word or span.text, []) if self.gaz.entries[k].org in makers]
        if len(keys) != 1:
            return span
        return Span(span.doc, span.start, span.end, label="Product", span_id=keys[0])

    def _place_before_event(self, span: Span, cues: NameCues) -> Span | None:
        """The known place or gazetteer name an event's name starts with ("Merano" of "Merano WineFestival");
        None when there is none."""
        for end in range(span.end - 1, span.start, -1):
            part = Span(span.doc, span.start, end, label=span.label_, span_id=span.id_)
            if part.text in cues.places or len(self.gaz.lookup(part.text)) == 1:
                return part
        return None

    def _english_guess(self, span: Span) -> str | None:
        """Type the English NER model gives to the words of ``span`` (read as they are, whatever the language).

        Only the sentences that hold an otherwise untyped name are run through the English model (once per
        sentence), so documents whose names are all typed by the gazetteer or by cues cost nothing extra.
        """
        doc = span.doc
        sent = sent_of(span)
        cache: dict[int, list[tuple[int, int, str]]] = doc.user_data.setdefault("kg_en_ents", {})
        if sent.start not in cache:
            if self._en is None:
                import spacy

                from kg.nlp import english_model_name

                self._en = spacy.load(
                    english_model_name(),
                    exclude=["parser", "tagger", "lemmatizer", "attribute_ruler", "senter"],
                )
            en_doc = self._en(
                Doc(self._en.vocab, words=[t.text for t in sent], spaces=[bool(t.whitespace_) for t in sent])
            )
            cache[sent.start] = [(sent.start + e.start, sent.start + e.end, e.label_) for e in en_doc.ents]
        for a, b, lab in cache[sent.start]:
            if a < span.end and span.start < b:
                return _EN_NER_TYPES.get(lab)
        return None

    def _chain_mentions(self, doc: Doc) -> list[Span]:
        """Typed mentions for the proper-noun chains no other mention covers."""
        cues = name_cues(self.lex.lang)
        out: list[Span] = []
        if self._tails is None:
            self._tails = maker_tails(self.gaz)
        tails = self._tails

        def known(text: str) -> bool:
            return text in tails or self._fuzzy_key(text) is not None

        weak: list[int] = []  # indexes in ``out`` of names nothing typed
        for span in propn_chains(doc, self.lex, known=known):
            if out and span.start < out[-1].end:
                continue  # inside the previous chain's "di ..." extension
            label = None
            if cues is not None:
                span, label = trim_chain(span, self.lex, cues)
                span = extend_of_phrase(span, cues, self.lex.given_names)
                longer = _known_org_continued(span, cues)
                if longer is not None:
                    out.append(longer)
                    continue
                if event_tail(span, cues):
                    span = self._place_before_event(span, cues)  # "Merano WineFestival": only Merano is one
                    if span is None:
                        continue
            hits = self.gaz.lookup(span.text)
            if len(hits) == 1:
                out.append(Span(doc, span.start, span.end, label=hits[0].type, span_id=hits[0].key))
                continue
            if cues is not None and _capitalised_adjective(span, self.lex, cues):
                continue
            if cues is not None and len(span) > 1 and span[0].lower_ in cues.project_heads or (
                    label != "Person" and site_name(span, self.lex)):
                label = "Project"
            if cues is not None and label is None and (span.text in cues.places or place_shape(span, cues)):
                label = "Place"  # "Phillip Island", not a person called Phillip
            label = label or _context_type(span, self.lex, None) or _conjunct_type(span)
            fuzzy = self._fuzzy_key(span.text) if label is None and cues is not None else None
            if fuzzy is not None:
                label = self.gaz.entries[fuzzy].type  # "Antropic": typed as the known name it misspells
            if label is None and cues is not None:
                label = chain_type(
                    span,
                    self.lex,
                    cues,
                    guess=self._english_guess if self.english_guess else None,
                    default=UNTYPED,
                )
                if label is None:
                    continue
                if label in (UNTYPED, SPEAKER):
                    weak.append(len(out))
                    label = "Person" if label == SPEAKER else "Organization"
            if label is None:
                label = "Person" if doc[span.start].text in self.lex.given_names else "Organization"
            out.append(Span(doc, span.start, span.end, label=label, span_id="~propn"))
        if cues is not None and weak:
            out = _type_from_document(doc, out, set(weak), cues)
        if cues is not None:
            out = sorted(out + _product_codes(doc, out, cues), key=lambda s: s.start)
        return out
