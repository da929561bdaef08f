"""Italian entity mentions: how kg types and bounds proper-noun chains without a statistical Italian NER."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from kg.extract.entities import name_cues
from kg.nlp import load_pipeline


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline("it")


def ents(nlp, text: str) -> dict[str, str]:
    """Mentions (text -> kg type) of a sentence given as space-separated tokens."""
    doc = nlp(Doc(nlp.vocab, words=text.split(" ")))
    return {e.text: e.label_ for e in doc.ents}


def test_italian_has_name_cues_and_english_has_none():
    cues = name_cues("it")
    assert cues is not None and "ministero" in cues.org_words and "piazza" in cues.place_heads
    assert "Praga" in cues.places and "piazza" in cues.common_words
    assert name_cues("en") is None


def test_institution_name_continues_through_di(nlp):
    found = ents(nlp, "Il governatore della Banca d' Italia ha parlato ieri .")
    assert found.get("Banca d' Italia") == "Organization"
    assert "Italia" not in found


def test_university_name_takes_its_city(nlp):
    found = ents(nlp, "Lo studio è stato condotto dall' Università di Bologna .")
    assert found.get("Università di Bologna") == "Organization"


def test_square_is_a_place(nlp):
    found = ents(nlp, "La manifestazione si è svolta in Piazza del Popolo .")
    assert found.get("Piazza del Popolo") == "Place"


def test_capitalised_common_word_alone_is_no_entity(nlp):
    found = ents(nlp, "Per la sua Liberazione hanno lottato in tanti .")
    assert "Liberazione" not in found


def test_event_and_award_are_no_entities(nlp):
    found = ents(nlp, "Ha vinto il Gran Premio di Monza e la Coppa Davis .")
    assert not any(text.startswith(("Gran Premio", "Coppa")) for text in found)


def test_known_foreign_city_is_a_place(nlp):
    found = ents(nlp, "Gli scontri sono proseguiti ieri sera vicino a Mosul .")
    assert found.get("Mosul") == "Place"


def test_title_before_unknown_surname_makes_a_person(nlp):
    found = ents(nlp, "Lo ha annunciato il sindaco Brambillasca durante la seduta .")
    assert found.get("Brambillasca") == "Person"


def test_name_particle_stays_inside_the_surname(nlp):
    found = ents(nlp, "Lo ha detto ieri Giovanni Di Tonnarelli ai cronisti .")
    assert found.get("Giovanni Di Tonnarelli") == "Person"


def test_company_after_role_title_is_an_organisation(nlp):
    found = ents(nlp, "Lo ha detto Julia Hartz , amministratrice delegata di Zentralix .")
    assert found.get("Zentralix") == "Organization"
    assert found.get("Julia Hartz") == "Person"


def test_misspelled_known_company_keeps_its_type(nlp):
    found = ents(nlp, "Amazon ha investito 4 miliardi in Antropic , la startup rivale .")
    assert found.get("Antropic") == "Organization"


def test_the_english_ner_guess_is_off_unless_asked_for():
    """The English model's type guess costs about a third of Italian throughput, so it is opt-in
    (KG_IT_ENGLISH_NER=1); the shipped pipeline types Italian names without it."""
    from kg.nlp import load_pipeline

    assert load_pipeline("it").get_pipe("kg_entities").english_guess is False
