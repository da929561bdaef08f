"""Scraped pages carry credits, bylines, kickers and noisy casing: none of it becomes an entity, and the real
names around it keep their right type."""

from __future__ import annotations

import pytest

from kg.api import extract_triples
from kg.nlp import load_pipeline


def ents(text: str, lang: str) -> dict[str, str]:
    """Entity mentions of a text: text -> kg type."""
    return {e.text: e.label_ for e in load_pipeline(lang)(text).ents}


def facts(text: str, lang: str) -> set[tuple[str, str, str]]:
    return {(t.subject.label, t.predicate, t.object.label) for t in extract_triples(text, lang=lang) if t.asserted}


@pytest.mark.parametrize(("text", "lang", "credited"), [
    ("Amazon invested in Anthropic. Photo: Marta Ilves/Bloomberg\nThe deal closed in March.", "en", "Marta Ilves"),
    ("Nvidia bought Run:ai.\n(Reporting by Jane Holloway; Editing by Tom Lindqvist)", "en", "Tom Lindqvist"),
    ("By Oliver Grant, Technology Editor\nMicrosoft hired Mustafa Suleyman in March.", "en", "Oliver Grant"),
    ("di Giulia Ferri, Redazione Economia\nASML ha investito in Mistral AI.", "it", "Giulia Ferri"),
    ("ASML ha investito in Mistral AI. Foto: Paolo Neri / Ufficio stampa\nLa società crescerà.", "it", "Paolo Neri"),
])
def test_a_credit_or_byline_names_nobody_in_the_story(text: str, lang: str, credited: str) -> None:
    assert not any(credited in name for name in ents(text, lang))


def test_a_name_after_by_in_running_text_is_still_a_mention() -> None:
    found = ents("Kafka was first written by Jay Kreps and Jun Rao while they were at LinkedIn.", "en")
    assert found.get("Jay Kreps") == "Person"


def test_a_long_line_opening_with_da_is_no_byline() -> None:
    text = ("Da Microsoft arrivano 1,5 miliardi di dollari per G42: il colosso di Redmond rileva una quota di "
            "minoranza nel gruppo di Abu Dhabi.")
    assert ("Microsoft", "investsIn", "G42") in facts(text, "it")


def test_a_credit_label_glued_to_a_caption_is_not_part_of_the_name() -> None:
    text = ("Mustafa Suleyman now runs Microsoft AI Credit: Tom Ashby/Bloomberg via Getty Images\n"
            "LONDON — Britain's competition watchdog has cleared the deal.")
    labels = {x for t in extract_triples(text, lang="en") for x in (t.subject.label, t.object.label)}
    assert not any("Credit" in label for label in labels)


@pytest.mark.parametrize("amount", ["100bn", "~$700M", "US$ 2bn"])
def test_an_amount_is_never_an_entity(amount: str) -> None:
    from kg.extract.entities import is_junk
    from kg.extract.lexicon import load_lexicon

    assert is_junk(amount, load_lexicon("en"))


@pytest.mark.parametrize("name", ["3M", "H100", "R1"])
def test_names_with_digits_are_not_amounts(name: str) -> None:
    from kg.extract.entities import is_junk
    from kg.extract.lexicon import load_lexicon

    assert not is_junk(name, load_lexicon("en"))


def test_a_capitalised_nationality_adjective_after_its_noun_is_no_company() -> None:
    found = ents("ASML investirà 1,3 miliardi nella start-up Francese Mistral AI. Il produttore Coreano crescerà.", "it")
    assert "Francese" not in found and "Coreano" not in found
    assert found.get("Mistral AI") == "Organization"


def test_a_region_named_after_its_noun_is_still_a_place() -> None:
    assert ents("La regione Toscana ha firmato un accordo con Microsoft.", "it").get("Toscana") == "Place"


def test_a_long_all_capitals_common_word_is_a_kicker_not_a_name() -> None:
    found = ents("ANALISI\nIl gruppo Eni ha acceso il supercomputer HPC6 a Ferrera Erbognone.", "it")
    assert "ANALISI" not in found


def test_a_capitalised_title_before_a_name_makes_a_person() -> None:
    found = ents("L'Amministratore Delegato Kwak Noh-jung ha detto che l'azienda crescerà.", "it")
    assert found.get("Kwak Noh-jung") == "Person"


def test_a_hyphenated_given_name_keeps_its_second_syllable() -> None:
    assert ("Chey Tae-won", "leads", "SK Group") in facts(
        "SK Group, guidato dal presidente Chey Tae-won, ha investito in SK Hynix.", "it")


def test_a_single_word_person_in_a_list_of_companies_is_a_company() -> None:
    found = ents("The round drew General Catalyst, Index Ventures, Lightspeed and Nvidia.", "en")
    assert found.get("Lightspeed") == "Organization"


def test_a_known_surname_in_a_list_of_companies_stays_a_person() -> None:
    assert ents("Investors include Sequoia, Huang and Nvidia.", "en").get("Huang") == "Person"


@pytest.mark.parametrize(("text", "lang"), [
    ("Mistral AI ha presentato un nuovo modello. Il suo assistente Le Chat ha conquistato migliaia di utenti.", "it"),
    ("Mistral AI ha presentato un nuovo modello. Il suo nuovo assistente Le Chat ha conquistato utenti.", "it"),
])
def test_a_possessed_offering_noun_before_a_name_gives_its_maker(text: str, lang: str) -> None:
    assert any(p == "productOf" and o == "Mistral AI" for _s, p, o in facts(text, lang))


def test_a_possessed_supercomputer_is_no_product() -> None:
    text = "Leonardo punta sul calcolo: il suo supercomputer davinci-1, installato a Genova, è usato per simulazioni."
    assert not any(p == "productOf" for _s, p, _o in facts(text, "it"))


@pytest.mark.parametrize("ticker", ["NVDA.O", "MQG.AX", "2330.TW"])
def test_a_ticker_with_its_exchange_suffix_is_no_entity(ticker: str) -> None:
    from kg.extract.entities import is_junk
    from kg.extract.lexicon import load_lexicon

    assert is_junk(ticker, load_lexicon("en"))


def test_nothing_inside_an_exchange_and_ticker_bracket_is_an_entity() -> None:
    found = ents("SK hynix (KRX: 000660) and Toyota (TYO: 7203) signed a supply deal.", "en")
    assert "KRX" not in found and "TYO" not in found


@pytest.mark.parametrize("crumb", ["Business › Technology", "Gyeonggi Province / Courtesy"])
def test_a_breadcrumb_or_slashed_caption_is_no_entity(crumb: str) -> None:
    from kg.extract.entities import is_junk
    from kg.extract.lexicon import load_lexicon

    assert is_junk(crumb, load_lexicon("en"))
