"""A news dateline ("SAN SEBASTIÁN, 12 GIU -", "BERLIN, June 12 (Reuters) -") opens the story without being
part of its first sentence: its place is a place, and references in the story never stand for it."""

from __future__ import annotations

import pytest

from kg.api import extract_triples
from kg.extract.datelines import find_datelines
from kg.nlp import load_pipeline


def place_of(text: str) -> list[str]:
    return [text[d.place_start : d.place_end] for d in find_datelines(text)]


@pytest.mark.parametrize(("text", "place"), [
    ("SAN SEBASTIÁN, 12 GIU - Multiverse Computing ha chiuso un round.", "SAN SEBASTIÁN"),
    ("MILANO - Le ultime settimane si chiudono con due assegni.", "MILANO"),
    ("BERLIN, June 12 (Reuters) - Aleph Alpha raised $500 million.", "BERLIN"),
    ("San Francisco, May 2 (AP) — OpenAI closed a round.", "San Francisco"),
    ("Headline here\n\nNEW YORK, March 4 - CoreWeave agreed to buy Weights & Biases.", "NEW YORK"),
    ("EINDHOVEN (Paesi Bassi) - NXP ha un nuovo amministratore delegato.", "EINDHOVEN"),
])
def test_a_dateline_is_found_with_its_place(text: str, place: str) -> None:
    assert place_of(text) == [place]


@pytest.mark.parametrize("text", [
    "Nvidia - the chipmaker - gained 3% on Monday.",  # a name in ordinary capitals with nothing of a date after it
    "Cisco bought Splunk. SAN JOSE is its home.",  # capitals that do not open a line
    "The deal - worth $28 billion - closed in March.",
])
def test_ordinary_text_has_no_dateline(text: str) -> None:
    assert place_of(text) == []


def test_the_story_after_a_dateline_starts_a_sentence() -> None:
    doc = load_pipeline("it")("SAN SEBASTIÁN, 12 GIU - Multiverse Computing ha chiuso un round di Serie B.")
    assert [s.text.split()[0] for s in doc.sents] == ["SAN", "Multiverse"]


def test_an_unknown_dateline_place_in_capitals_is_a_place_not_a_company() -> None:
    doc = load_pipeline("it")("SAN SEBASTIÁN, 12 GIU - Multiverse Computing ha chiuso un round di Serie B.")
    assert {e.text: e.label_ for e in doc.ents}.get("SAN SEBASTIÁN") == "Place"


def test_the_agency_of_a_dateline_is_no_mention_of_the_story() -> None:
    doc = load_pipeline("en")("LONDON, March 28 (Reuters) - Keysight made an offer for Spirent Communications.")
    assert "Reuters" not in {e.text for e in doc.ents}


def test_la_societa_after_a_dateline_is_the_story_company() -> None:
    text = ("SAN SEBASTIÁN, 12 GIU - Multiverse Computing, la società specializzata in software quantistico, "
            "ha chiuso un round. La società è stata fondata nel 2019 da Enrique Lizaso Olmos.")
    found = {(t.subject.label, t.predicate, t.object.label) for t in extract_triples(text, lang="it")}
    assert ("Enrique Lizaso Olmos", "founderOf", "Multiverse Computing") in found
