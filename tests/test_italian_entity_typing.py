"""How kg types and bounds Italian names that no gazetteer knows: evidence from the words around a name
(people's nouns, ages, kinship, places' nouns, province codes), from the name's own shape and from the rest
of the document, while unknown company names keep their organisation type."""

from __future__ import annotations

import pytest
from italian_fixtures import ents
from spacy.tokens import Doc

from kg.extract.entities import generated_given_names, name_cues
from kg.nlp import load_pipeline


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline("it")


# --- people ---------------------------------------------------------------------------------------------


def test_a_full_name_starting_with_a_generated_given_name_is_a_person(nlp):
    assert "Shyanne" in generated_given_names()
    assert (
        ents(nlp, "Ieri sera Shyanne Brockhurst ha cantato a Milano .").get("Shyanne Brockhurst") == "Person"
    )


def test_generated_given_names_are_no_italian_words_and_no_large_places():
    cues = name_cues("it")
    generated = generated_given_names()
    assert len(generated) > 10_000
    assert not {name for name in generated if name.lower() in cues.common_words}
    assert not generated & {"Roma", "Paris", "Florence", "Houston", "Georgia", "America"}


def test_a_generated_given_name_alone_does_not_make_a_person(nlp):
    assert "Sierra" in generated_given_names()
    assert ents(nlp, "Abbiamo provato Sierra per una settimana .").get("Sierra") != "Person"


@pytest.mark.parametrize(
    "sentence,name",
    [
        ("Ha vinto il pugile statunitense Brandor Quillfeather .", "Brandor Quillfeather"),
        ("L' ex calciatore Trezzoni è stato ricoverato ieri .", "Trezzoni"),
        ("Il diciassettenne Quarvelli ha rifiutato l' offerta .", "Quarvelli"),
        ("Zolletti , drammaturgo italiano , ha presentato l' opera .", "Zolletti"),
        ("Frabbiani , 64 anni , è stato soccorso in serata .", "Frabbiani"),
        ("La moglie di Trezzoni ha parlato ai giornalisti .", "Trezzoni"),
        ("È morto Brambillotti , storico regista del cinema .", "Brambillotti"),
        ("La polizia ha arrestato Quarvelli nella notte .", "Quarvelli"),
        ("Il governo Tarantelli ha approvato la riforma .", "Tarantelli"),
        ("Lo ha detto l' ex presidente del Ciad Abakar Tolloumi .", "Abakar Tolloumi"),
        ("Lo ha ricordato il ministro del Lavoro Quarvelli .", "Quarvelli"),
    ],
)
def test_words_only_people_have_make_an_unknown_name_a_person(nlp, sentence, name):
    assert ents(nlp, sentence).get(name) == "Person"


def test_a_surname_repeats_the_type_of_the_full_name_in_the_same_document(nlp):
    found = ents(nlp, "Dionne Brockhurst ha cantato a Milano . Ieri sera Brockhurst è tornata sul palco .")
    assert found.get("Dionne Brockhurst") == "Person" and found.get("Brockhurst") == "Person"


@pytest.mark.parametrize(
    "sentence,name",
    [
        ("Ha parlato Martín de la Fuente , ospite della serata .", "Martín de la Fuente"),
        ("La statua di Leopoldo II è stata restaurata .", "Leopoldo II"),
    ],
)
def test_particles_and_ordinals_stay_inside_a_persons_name(nlp, sentence, name):
    assert ents(nlp, sentence).get(name) == "Person"


# --- places ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence,name",
    [
        ("Il sindaco di Capoterrina ha chiuso le scuole .", "Capoterrina"),
        ("Il fango ha invaso le case in località Bruncu Mannu .", "Bruncu Mannu"),
        ("Le scosse hanno colpito il villaggio di Khorvani .", "Khorvani"),
        ("Il corteo è partito da Hyde Park verso il centro .", "Hyde Park"),
        ("I voli sono stati dirottati su Milano-Malpensa .", "Milano-Malpensa"),
        ("Un incidente ha bloccato il traffico sulla A14 .", "A14"),
    ],
)
def test_words_only_places_have_make_an_unknown_name_a_place(nlp, sentence, name):
    assert ents(nlp, sentence).get(name) == "Place"


def test_a_town_followed_by_its_province_code_is_a_place_and_so_is_the_code(nlp):
    found = ents(nlp, "Gli abitanti di Sorbolina ( PR ) sono in festa .")
    assert found.get("Sorbolina") == "Place" and found.get("PR") == "Place"
    assert "MB" in name_cues("it").province_codes


def test_a_name_listed_with_known_places_is_a_place(nlp):
    found = ents(nlp, "Le scosse hanno colpito Firenze , Prato , Vernaccio e Pistoia .")
    assert found.get("Vernaccio") == "Place"


@pytest.mark.parametrize(
    "sentence,name,kind",
    [
        ("L' uragano è arrivato nel golfo del Messico .", "golfo del Messico", "Place"),
        ("Il sisma ha colpito la provincia di Treviso .", "provincia di Treviso", "Place"),
        ("I ricercatori dell' università di Nottingham hanno pubblicato lo studio .", "università di Nottingham",
         "Organization"),
        ("La tensione resta alta in Ossezia del Sud .", "Ossezia del Sud", "Place"),
        ("Il maltempo ha colpito il Centro Italia .", "Centro Italia", "Place"),
    ],
)  # fmt: skip
def test_a_head_noun_or_a_compass_word_is_part_of_the_name(nlp, sentence, name, kind):
    assert ents(nlp, sentence).get(name) == kind


# --- no entity ------------------------------------------------------------------------------------------


def test_an_event_name_keeps_only_the_place_it_starts_with(nlp):
    found = ents(nlp, "Ieri si è aperto il Merano WineFestival .")
    assert found.get("Merano") == "Place"
    assert not any("WineFestival" in text for text in found)


@pytest.mark.parametrize(
    "sentence,word",
    [
        ("La visita del Pontefice è prevista a maggio .", "Pontefice"),
        ("L' uragano Ike ha colpito la costa .", "Ike"),
        ("Il gruppo ha presentato il brano Release Me al festival .", "Release Me"),
        ("Il batterio Escherichia coli è stato trovato nell' acqua .", "Escherichia"),
        ("Ha vinto un Tony Award per la regia .", "Tony Award"),
    ],
)
def test_capitalised_common_words_works_storms_and_species_are_no_entities(nlp, sentence, word):
    assert word not in ents(nlp, sentence)


def test_an_acronym_that_is_also_a_word_is_still_a_name(nlp):
    assert ents(nlp, "Lo ha deciso il CONI nella riunione di ieri .").get("CONI") == "Organization"


def test_counted_names_and_lowercase_camel_case_names_are_products(nlp):
    assert ents(nlp, "La compagnia ha ordinato tre Zephyr per la flotta .").get("Zephyr") == "Product"
    assert ents(nlp, "Il nuovo macOS Sonoma arriva a settembre .").get("macOS Sonoma") == "Product"


# --- organisations stay organisations -------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence,name",
    [
        ("Zentralix ha chiuso il trimestre in utile .", "Zentralix"),
        ("Quillsoft Capital ha investito in Mistral .", "Quillsoft Capital"),
        ("La startup Velocitas , nata a Torino nel 2019 , ha raccolto 10 milioni .", "Velocitas"),
        ("Gli avvocati di Zentralix hanno presentato ricorso .", "Zentralix"),
        ("Il fondo ha rilevato il 10 % del capitale di Zentralix .", "Zentralix"),
        ("Il modello è stato addestrato sulla base di Zentralix .", "Zentralix"),
        ("Il fondatore di Zentralix ha lasciato la società .", "Zentralix"),
        ("Lo ha scritto il New York Post citando fonti interne .", "New York Post"),
    ],
)
def test_unknown_company_names_in_business_news_stay_organisations(nlp, sentence, name):
    assert ents(nlp, sentence).get(name) == "Organization"


def test_a_sentence_opening_common_word_is_no_name(nlp):
    assert "Secondo" not in ents(nlp, "Secondo gli analisti il mercato crescerà .")


def test_a_known_family_name_alone_is_a_person_when_nothing_else_types_it(nlp):
    assert ents(nlp, "La proposta di Abbagnale è stata respinta .").get("Abbagnale") == "Person"


def test_a_capitalised_institution_word_inside_a_sentence_is_an_organisation(nlp):
    assert ents(nlp, "La legge è stata approvata ieri dal Senato .").get("Senato") == "Organization"
    assert "senato" not in ents(nlp, "Il senato accademico si riunisce domani .")


def test_a_company_cue_noun_types_the_name_across_its_adjectives(nlp):
    got = ents(nlp, "Il round è stato guidato dal gruppo industriale norvegese Aker .")
    assert got.get("Aker") == "Organization"


def test_a_speech_verb_makes_a_person_only_of_a_name_the_document_types_no_other_way(nlp):
    # "X ha detto in una nota": a company speaks too; the cue noun elsewhere in the article decides
    text = ("Il round è stato guidato dal gruppo industriale norvegese Aker . "
            "Secondo Mario Rossi , Aker ha detto in una nota che investirà ancora .")
    got = [e.label_ for e in nlp(Doc(nlp.vocab, words=text.split(" "))).ents if e.text == "Aker"]
    assert got == ["Organization", "Organization"]
    assert ents(nlp, "Rossi ha dichiarato che la trattativa è chiusa .").get("Rossi") == "Person"


def test_a_company_noun_right_after_a_person_without_a_comma_is_no_apposition():
    from kg.extract.mentions import collect_mentions
    from kg.resolve.gazetteer import default_gazetteer

    nlp_ = load_pipeline("it")
    dm = collect_mentions(nlp_("Secondo Mario Rossi la società crescerà."), default_gazetteer())
    assert [(m.text, m.type) for m in dm.mentions] == [("Mario Rossi", "Person")]
    dm = collect_mentions(nlp_("Tim Brasil, la controllata di TIM, ha chiuso l'anno in utile."), default_gazetteer())
    assert ("Tim Brasil", "Organization") in [(m.text, m.type) for m in dm.mentions]
