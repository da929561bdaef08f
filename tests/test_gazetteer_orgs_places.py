"""Specification of the organisations and places slice of kg's gazetteer.

The gazetteer is data (``ontologies/gazetteer/*.toml``) read with :mod:`tomllib`. These tests state the
format rules that ``organizations.toml`` and ``places.toml`` must keep, and pin a few resolutions that
the rest of kg relies on (Italian names, parents of well-known subsidiaries, headquarters).
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

GAZETTEER_DIR = Path(__file__).resolve().parent.parent / "ontologies" / "gazetteer"
ORGANIZATIONS_FILE = GAZETTEER_DIR / "organizations.toml"
PLACES_FILE = GAZETTEER_DIR / "places.toml"

Entry = dict[str, Any]

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
QID = re.compile(r"^Q[0-9]+$")
CATEGORIES = {
    "ai_lab",
    "cloud",
    "chipmaker",
    "chip_equipment",
    "big_tech",
    "software",
    "hardware",
    "telecom",
    "investor",
    "automotive",
    "media",
    "government",
    "university",
    "consortium",
    "other",
}
ORGANIZATION_FIELDS = {"key", "type", "label", "label_it", "aliases", "qid", "category", "parent", "hq"}
PLACE_FIELDS = {"key", "type", "label", "label_it", "aliases", "qid", "within"}
# Words that name no single entity: they must never be a surface form on their own.
GENERIC_WORDS = {
    "ai",
    "cloud",
    "group",
    "holdings",
    "labs",
    "lab",
    "inc.",
    "corp.",
    "company",
    "capital",
    "ventures",
    "partners",
    "technologies",
    "systems",
    "government",
    "governo",
    "ministry",
    "ministero",
    "university",
    "università",
    "bank",
    "fund",
    "washington",
    "arm",
    "monaco",
}


def load_entities(path: Path) -> list[Entry]:
    """Return the ``[[entity]]`` tables of one gazetteer file."""
    with path.open("rb") as handle:
        return list(tomllib.load(handle)["entity"])


def surface_forms(entry: Entry) -> list[str]:
    """Return every string that should resolve to ``entry``: label, Italian label and aliases."""
    forms = [entry["label"]]
    if "label_it" in entry:
        forms.append(entry["label_it"])
    forms.extend(entry.get("aliases", []))
    return forms


def normalise(form: str) -> str:
    """Fold a surface form the way a case-insensitive matcher would see it."""
    return " ".join(form.casefold().split())


@pytest.fixture(scope="module")
def organizations() -> list[Entry]:
    """The entries of organizations.toml."""
    return load_entities(ORGANIZATIONS_FILE)


@pytest.fixture(scope="module")
def places() -> list[Entry]:
    """The entries of places.toml."""
    return load_entities(PLACES_FILE)


@pytest.fixture(scope="module")
def entries(organizations: list[Entry], places: list[Entry]) -> list[Entry]:
    """All entries of this slice, organisations first."""
    return organizations + places


@pytest.fixture(scope="module")
def by_key(entries: list[Entry]) -> dict[str, Entry]:
    """This slice's entries indexed by key."""
    return {entry["key"]: entry for entry in entries}


@pytest.fixture(scope="module")
def resolve(entries: list[Entry]) -> dict[str, str]:
    """Map each normalised surface form of this slice to the key it denotes."""
    return {normalise(form): entry["key"] for entry in entries for form in surface_forms(entry)}


@pytest.mark.parametrize("path", [ORGANIZATIONS_FILE, PLACES_FILE], ids=lambda path: path.name)
def test_each_file_opens_with_a_header_saying_how_it_was_compiled(path: Path) -> None:
    header = "\n".join(
        line for line in path.read_text(encoding="utf-8").splitlines()[:12] if line.startswith("#")
    )
    assert "public record" in header
    assert "2026-11" in header
    assert "copied wholesale" in header


def test_the_slice_has_at_least_200_entries_and_50_places(entries: list[Entry], places: list[Entry]) -> None:
    assert len(entries) >= 200
    assert len(places) >= 50


def test_organizations_file_holds_only_organizations_with_known_fields(organizations: list[Entry]) -> None:
    for entry in organizations:
        assert entry["type"] == "Organization", entry["key"]
        assert set(entry) <= ORGANIZATION_FIELDS, entry["key"]
        assert {"key", "type", "label", "category"} <= set(entry), entry["key"]


def test_places_file_holds_only_places_with_known_fields(places: list[Entry]) -> None:
    for entry in places:
        assert entry["type"] == "Place", entry["key"]
        assert set(entry) <= PLACE_FIELDS, entry["key"]
        assert {"key", "type", "label"} <= set(entry), entry["key"]


def test_every_organization_category_is_one_of_the_agreed_categories(organizations: list[Entry]) -> None:
    unknown = {
        entry["key"]: entry["category"] for entry in organizations if entry["category"] not in CATEGORIES
    }
    assert unknown == {}


def test_keys_are_lowercase_ascii_slugs(entries: list[Entry]) -> None:
    assert [entry["key"] for entry in entries if not SLUG.match(entry["key"])] == []


def test_keys_are_unique_across_every_gazetteer_file() -> None:
    keys = [entry["key"] for path in sorted(GAZETTEER_DIR.glob("*.toml")) for entry in load_entities(path)]
    assert [key for key, count in Counter(keys).items() if count > 1] == []


def test_qids_are_wikidata_item_ids_and_name_one_entry_each(entries: list[Entry]) -> None:
    qids = [entry["qid"] for entry in entries if "qid" in entry]
    assert [qid for qid in qids if not QID.match(qid)] == []
    assert [qid for qid, count in Counter(qids).items() if count > 1] == []


def test_labels_and_aliases_are_non_empty_trimmed_strings(entries: list[Entry]) -> None:
    for entry in entries:
        assert isinstance(entry.get("aliases", []), list), entry["key"]
        for form in surface_forms(entry):
            assert isinstance(form, str) and form, entry["key"]
            assert form == form.strip() and "  " not in form, (entry["key"], form)


def test_an_entry_never_repeats_its_own_label_or_an_alias(entries: list[Entry]) -> None:
    for entry in entries:
        forms = surface_forms(entry)
        assert len(forms) == len(set(forms)), entry["key"]


def test_no_surface_form_is_shared_by_two_entries(entries: list[Entry]) -> None:
    owners: dict[str, set[str]] = {}
    for entry in entries:
        for form in surface_forms(entry):
            owners.setdefault(normalise(form), set()).add(entry["key"])
    assert {form: sorted(keys) for form, keys in owners.items() if len(keys) > 1} == {}


def test_no_alias_is_a_bare_generic_word(entries: list[Entry]) -> None:
    generic = [
        (entry["key"], alias)
        for entry in entries
        for alias in entry.get("aliases", [])
        if normalise(alias) in GENERIC_WORDS
    ]
    assert generic == []


def test_parents_are_organizations_of_this_file_and_never_the_entry_itself(
    organizations: list[Entry], by_key: dict[str, Entry]
) -> None:
    for entry in organizations:
        if "parent" in entry:
            assert entry["parent"] != entry["key"]
            assert by_key.get(entry["parent"], {}).get("type") == "Organization", entry["key"]


def test_following_parents_always_ends_at_a_top_level_organization(
    organizations: list[Entry], by_key: dict[str, Entry]
) -> None:
    for entry in organizations:
        seen = {entry["key"]}
        current = entry
        while "parent" in current:
            current = by_key[current["parent"]]
            assert current["key"] not in seen, f"ownership cycle through {entry['key']}"
            seen.add(current["key"])


def test_headquarters_are_places_of_the_place_files(organizations: list[Entry]) -> None:
    # (headquarters towns no other file lists live in places_hq.toml, a few in additions.toml)
    places = {e["key"]: e for path in sorted(GAZETTEER_DIR.glob("*.toml")) for e in load_entities(path)}
    for entry in organizations:
        if "hq" in entry:
            assert places.get(entry["hq"], {}).get("type") == "Place", entry["key"]


@pytest.mark.parametrize(
    ("surface_form", "key"),
    [
        ("Stati Uniti", "united-states"),
        ("USA", "united-states"),
        ("Unione europea", "european-union"),
        ("Regno Unito", "united-kingdom"),
        ("Emirati Arabi Uniti", "united-arab-emirates"),
        ("Arabia Saudita", "saudi-arabia"),
        ("Pechino", "beijing"),
        ("Milano", "milan"),
        ("Torino", "turin"),
        ("Monaco di Baviera", "munich"),
        ("Zurigo", "zurich"),
        ("New York", "new-york"),
        ("Lussemburgo", "luxembourg"),
        ("Commissione europea", "european-commission"),
        ("Governo italiano", "italian-government"),
        ("Palazzo Chigi", "italian-government"),
        ("Dipartimento del Commercio degli Stati Uniti", "us-department-of-commerce"),
        ("Commerce Department", "us-department-of-commerce"),
        ("Casa Bianca", "us-government"),
        ("TIM", "tim"),
        ("Telecom Italia", "tim"),
        ("iGenius", "igenius"),
        ("a16z", "andreessen-horowitz"),
        ("Amazon Web Services", "aws"),
        ("DeepMind", "google-deepmind"),
        ("Hon Hai", "foxconn"),
        ("Sequoia China", "hongshan"),
        ("Garante della privacy", "garante-privacy"),
    ],
)
def test_surface_form_resolves_to(surface_form: str, key: str, resolve: dict[str, str]) -> None:
    assert resolve[normalise(surface_form)] == key


@pytest.mark.parametrize("ambiguous", ["Arm", "Washington", "Monaco", "Inflection", "Engineering", "Cloud"])
def test_ambiguous_bare_words_resolve_to_nothing(ambiguous: str, resolve: dict[str, str]) -> None:
    assert normalise(ambiguous) not in resolve


@pytest.mark.parametrize(
    ("child", "parent"),
    [
        ("aws", "amazon"),
        ("google", "alphabet"),
        ("google-deepmind", "google"),
        ("google-cloud", "google"),
        ("arm", "softbank"),
        ("softbank-vision-fund", "softbank"),
        ("mellanox", "nvidia"),
        ("nventures", "nvidia"),
        ("m12", "microsoft"),
        ("mosaicml", "databricks"),
        ("hashicorp", "ibm"),
        ("splunk", "cisco"),
        ("fastweb", "swisscom"),
        ("almawave", "almaviva"),
        ("cdp-venture-capital", "cdp"),
        ("eu-ai-office", "european-commission"),
        ("chips-program-office", "nist"),
    ],
)
def test_well_known_subsidiary_has_parent(child: str, parent: str, by_key: dict[str, Entry]) -> None:
    assert by_key[child]["parent"] == parent


@pytest.mark.parametrize(
    ("organization", "place"),
    [
        ("nvidia", "santa-clara"),
        ("microsoft", "redmond"),
        ("apple", "cupertino"),
        ("meta", "menlo-park"),
        ("asml", "veldhoven"),
        ("tsmc", "hsinchu"),
        ("mistral-ai", "paris"),
        ("european-commission", "brussels"),
        ("leonardo", "rome"),
    ],
)
def test_headquarters_of_well_known_organizations(
    organization: str, place: str, by_key: dict[str, Entry]
) -> None:
    assert by_key[organization]["hq"] == place


@pytest.mark.parametrize(
    ("key", "qid"),
    [
        ("nvidia", "Q182477"),
        ("openai", "Q21708200"),
        ("united-states", "Q30"),
        ("italy", "Q38"),
        ("milan", "Q490"),
    ],
)
def test_wikidata_ids_of_anchor_entities(key: str, qid: str, by_key: dict[str, Entry]) -> None:
    assert by_key[key]["qid"] == qid


def test_a_place_lies_within_a_place_of_the_gazetteer_with_no_cycle() -> None:
    entries = {e["key"]: e for path in sorted(GAZETTEER_DIR.glob("*.toml")) for e in load_entities(path)}
    for key, entry in entries.items():
        seen = {key}
        while "within" in entry:
            assert entries.get(entry["within"], {}).get("type") == "Place", key
            assert entry["within"] not in seen, f"containment cycle through {key}"
            seen.add(entry["within"])
            entry = entries[entry["within"]]


def test_containment_reaches_the_region_and_the_country() -> None:
    from kg.resolve.gazetteer import default_gazetteer

    gaz = default_gazetteer()
    assert gaz.is_within("santa-clara", "california")
    assert gaz.is_within("santa-clara", "united-states")
    assert gaz.is_within("munich", "germany")
    assert not gaz.is_within("munich", "california")
    assert gaz.is_within("turin", "turin")


def test_a_town_may_be_what_a_text_calls_by_its_bare_name() -> None:
    from kg.resolve.gazetteer import default_gazetteer

    gaz = default_gazetteer()
    # "the Cambridge-based company" (bare Cambridge is the English city) may be seated in Cambridge, Massachusetts
    assert gaz.may_be("cambridge-massachusetts", "cambridge-uk")
    assert gaz.may_be("santa-clara", "california")
    assert not gaz.may_be("redmond", "cambridge-uk")
