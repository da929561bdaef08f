"""Format rules of the people, products and projects gazetteer files and of the resolution test set.

The gazetteer is data (ontologies/gazetteer/*.toml) that kg's resolver trusts blindly, so its rules are
checked here: one canonical entry per real entity, no surface form that could merge two entities, no
alias that is an ordinary word or a bare surname, and a resolution test set whose gold answers exist.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from spacy.lang.en.stop_words import STOP_WORDS as EN_STOP_WORDS
from spacy.lang.it.stop_words import STOP_WORDS as IT_STOP_WORDS

from kg.models import ENTITY_TYPES
from kg.resolve.normalize import normalize_name

ROOT = Path(__file__).resolve().parents[1]
GAZETTEER_DIR = ROOT / "ontologies" / "gazetteer"
CASES_PATH = ROOT / "benchmarks" / "resolution" / "cases.jsonl"

#: The files this test owns, with the one entity type each of them may hold.
OWN_FILES = {"people.toml": "Person", "products.toml": "Product", "projects.toml": "Project"}
ALLOWED_FIELDS = {"key", "type", "label", "label_it", "aliases", "qid", "org", "category"}
PRODUCT_CATEGORIES = {"model", "chip", "cloud_service", "software", "device", "platform"}
CASE_FIELDS = {"doc", "lang", "context", "mention", "type", "gold", "kind"}
_KINDS_TEXT = (
    "exact case suffix article diacritics typo truncation translation acronym surname alias unknown trap mistype"
)
CASE_KINDS = set(_KINDS_TEXT.split())
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
QID = re.compile(r"^Q[0-9]+$")

#: Ordinary English words (first lines) and Italian words (last lines) that are also names in this field. None
#: of them may be an alias (a label may be one, marked "ambiguous" in its file: the resolver checks context).
_COMMON_WORDS_TEXT = """
    apple amazon meta oracle gemini llama mistral copilot grok galaxy shield instinct grace hopper bedrock
    colossus rainier jupiter dojo core edge cloud chat bard whisper windows office teams word nova ascend
    optimus velvet minerva hyperion prometheus genesis horizon spectrum arm intelligence vision maia cobalt
    titan atlas orion phoenix delta spark lumi fusion ultra pro plus max mini flash sonnet haiku opus claude
    alexa siri sora omni stargate leonardo colosseum trillium ironwood
    mela giove fondo progetto legge strategia piano programma modello italia nuvola visione lume orizzonte
    velluto scudo galassia grazia
"""
COMMON_WORDS = set(_COMMON_WORDS_TEXT.split())
COMMON_WORDS |= {w.casefold() for w in EN_STOP_WORDS | IT_STOP_WORDS}


def _load(path: Path) -> list[dict]:
    with open(path, "rb") as fh:
        return tomllib.load(fh).get("entity", [])


def _all_gazetteer_files() -> list[Path]:
    return sorted(GAZETTEER_DIR.glob("*.toml"))


def _own_entries() -> list[tuple[str, dict]]:
    return [(name, entry) for name in OWN_FILES for entry in _load(GAZETTEER_DIR / name)]


def _all_entries() -> list[tuple[str, dict]]:
    return [(path.name, entry) for path in _all_gazetteer_files() for entry in _load(path)]


def _surface_forms(entry: dict) -> list[str]:
    """Label, Italian label and aliases of an entry, as the resolver registers them."""
    forms = [entry["label"], *entry.get("aliases", [])]
    if entry.get("label_it"):
        forms.append(entry["label_it"])
    return forms


def _norm(name: str) -> str:
    """The resolver's comparable form of a name (corporate suffixes kept: they are data-dependent)."""
    return normalize_name(name, strip_suffixes=False)


def _cases() -> list[dict]:
    lines = CASES_PATH.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


# --- the gazetteer files --------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(OWN_FILES))
def test_each_file_opens_with_a_header_saying_how_it_was_compiled(name: str) -> None:
    head = (GAZETTEER_DIR / name).read_text(encoding="utf-8").split("[[entity]]", 1)[0]
    assert head.lstrip().startswith("#")
    assert "compiled" in head
    assert "public record" in head
    assert "2026-11" in head


@pytest.mark.parametrize("name", sorted(OWN_FILES))
def test_entries_have_the_required_fields_and_the_type_of_their_file(name: str) -> None:
    for entry in _load(GAZETTEER_DIR / name):
        assert {"key", "type", "label"} <= entry.keys(), entry
        assert set(entry) <= ALLOWED_FIELDS, f"{entry['key']}: unknown fields {set(entry) - ALLOWED_FIELDS}"
        assert entry["type"] == OWN_FILES[name], entry["key"]
        assert isinstance(entry["label"], str) and entry["label"].strip() == entry["label"] != ""
        assert isinstance(entry.get("aliases", []), list)


def test_keys_are_lowercase_slugs() -> None:
    bad = [entry["key"] for _, entry in _own_entries() if not SLUG.match(entry["key"])]
    assert bad == []


def test_keys_are_unique_across_every_gazetteer_file() -> None:
    counts = Counter(entry["key"] for _, entry in _all_entries())
    assert [key for key, n in counts.items() if n > 1] == []


def test_qids_are_wikidata_item_ids_and_never_shared() -> None:
    qids = [entry["qid"] for _, entry in _all_entries() if "qid" in entry]
    assert all(QID.match(q) for q in qids), [q for q in qids if not QID.match(q)]
    assert [q for q, n in Counter(qids).items() if n > 1] == []


def test_products_have_an_allowed_category_and_nothing_else_has_one() -> None:
    for _, entry in _own_entries():
        if entry["type"] == "Product":
            assert entry.get("category") in PRODUCT_CATEGORIES, entry["key"]
        else:
            assert "category" not in entry, entry["key"]


def test_projects_carry_no_org_field() -> None:
    assert [
        entry["key"] for _, entry in _own_entries() if entry["type"] == "Project" and "org" in entry
    ] == []


def test_org_fields_name_organizations_of_the_gazetteer() -> None:
    types = {entry["key"]: entry["type"] for _, entry in _all_entries()}
    dangling = {
        entry["key"]: entry["org"]
        for _, entry in _own_entries()
        if "org" in entry and types.get(entry["org"]) != "Organization"
    }
    assert dangling == {}


def test_italian_label_is_omitted_when_identical_to_the_english_one() -> None:
    same = [
        entry["key"]
        for _, entry in _own_entries()
        if _norm(entry.get("label_it", "")) == _norm(entry["label"])
    ]
    assert same == []


def test_aliases_add_new_surface_forms_to_their_entry() -> None:
    for _, entry in _own_entries():
        forms = [_norm(form) for form in _surface_forms(entry)]
        assert len(forms) == len(set(forms)), f"{entry['key']}: repeated surface form {forms}"


def test_no_surface_form_is_shared_by_two_entries() -> None:
    own_keys = {entry["key"] for _, entry in _own_entries()}
    owners: dict[str, set[str]] = defaultdict(set)
    for _, entry in _all_entries():
        for form in _surface_forms(entry):
            owners[_norm(form)].add(entry["key"])
    clashes = {form: keys for form, keys in owners.items() if len(keys) > 1 and keys & own_keys}
    assert clashes == {}


def test_no_alias_is_a_single_common_english_or_italian_word() -> None:
    bad = [
        (entry["key"], alias)
        for _, entry in _own_entries()
        for alias in entry.get("aliases", [])
        if len(_norm(alias).split()) == 1 and _norm(alias) in COMMON_WORDS
    ]
    assert bad == []


def test_no_multi_word_name_normalises_to_a_single_common_word() -> None:
    bad = [
        (entry["key"], form)
        for _, entry in _own_entries()
        for form in _surface_forms(entry)
        if len(form.split()) > 1 and len(_norm(form).split()) == 1 and _norm(form) in COMMON_WORDS
    ]
    assert bad == []


def test_person_aliases_are_full_names_never_a_bare_first_name_or_surname() -> None:
    bad = [
        (entry["key"], alias)
        for _, entry in _own_entries()
        if entry["type"] == "Person"
        for alias in [entry["label"], *entry.get("aliases", [])]
        if len(_norm(alias).split()) < 2
    ]
    assert bad == []


def test_the_three_files_hold_at_least_130_entries() -> None:
    counts = Counter(entry["type"] for _, entry in _own_entries())
    assert sum(counts.values()) >= 130
    assert counts["Person"] >= 60
    assert counts["Product"] >= 50
    assert counts["Project"] >= 15


# --- the resolution test set ----------------------------------------------------------------------


def test_every_case_has_the_required_fields_with_allowed_values() -> None:
    for number, case in enumerate(_cases(), start=1):
        assert CASE_FIELDS <= set(case) <= CASE_FIELDS | {"label"}, f"line {number}: fields {sorted(case)}"
        # "label": the type the extractor gave the mention, when it is not the true one (NER mistype, ruler)
        assert case.get("label", "Organization") in ENTITY_TYPES and case.get("label") != case["type"], number
        assert case["lang"] in {"en", "it"}, number
        assert case["type"] in ENTITY_TYPES, number
        assert case["kind"] in CASE_KINDS, number
        assert SLUG.match(case["doc"]), number
        assert case["mention"], number
        assert case["context"].count(case["mention"]) == 1, f"line {number}: the mention must occur once"


def test_gold_keys_exist_in_the_gazetteer_with_the_case_type() -> None:
    types = {entry["key"]: entry["type"] for _, entry in _all_entries()}
    wrong = [
        (case["mention"], case["gold"])
        for case in _cases()
        if not case["gold"].startswith("new:") and types.get(case["gold"]) != case["type"]
    ]
    assert wrong == []


def test_new_entities_have_a_slug_that_is_not_a_gazetteer_key_and_one_type() -> None:
    keys = {entry["key"] for _, entry in _all_entries()}
    types: dict[str, set[str]] = defaultdict(set)
    for case in _cases():
        if case["gold"].startswith("new:"):
            slug = case["gold"].removeprefix("new:")
            assert SLUG.match(slug), case["gold"]
            assert slug not in keys, f"{case['gold']} is known to the gazetteer: use its key"
            types[slug].add(case["type"])
    assert {slug: t for slug, t in types.items() if len(t) > 1} == {}


def test_mentions_of_one_document_are_contiguous_and_in_one_language() -> None:
    seen: list[str] = []
    langs: dict[str, set[str]] = defaultdict(set)
    for case in _cases():
        if not seen or seen[-1] != case["doc"]:
            assert case["doc"] not in seen, f"document {case['doc']} is split"
            seen.append(case["doc"])
        langs[case["doc"]].add(case["lang"])
    assert {doc: lang for doc, lang in langs.items() if len(lang) > 1} == {}


def test_the_test_set_is_large_and_covers_traps_typos_and_both_languages() -> None:
    cases = _cases()
    kinds = Counter(case["kind"] for case in cases)
    langs = Counter(case["lang"] for case in cases)
    assert len(cases) >= 180
    assert kinds["trap"] >= 40
    assert kinds["typo"] >= 40
    assert set(kinds) == CASE_KINDS
    assert langs["en"] >= 60 and langs["it"] >= 60


def test_surname_cases_follow_a_full_mention_of_the_same_entity_in_their_document() -> None:
    full_mentions: dict[str, set[str]] = defaultdict(set)
    for case in _cases():
        if case["kind"] == "surname":
            assert case["gold"] in full_mentions[case["doc"]], f"{case['doc']}: {case['mention']}"
        elif case["type"] == "Person":
            full_mentions[case["doc"]].add(case["gold"])
