"""The shipped Italian pipeline ``kg/models/it_kg_core`` loads offline and analyses Italian business news."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token

MODEL_DIR = Path(__file__).resolve().parents[1] / "kg" / "models" / "it_kg_core"
TRAINING_DIR = Path(__file__).resolve().parents[1] / "training" / "italian"

ACQUISITION = "Nvidia ha acquisito Run:ai per 700 milioni di dollari."
LEADERSHIP = "L'amministratore delegato di AMD, Lisa Su, ha annunciato un nuovo accordo con Microsoft."
TWO_SENTENCES = (
    "Microsoft ha investito dieci miliardi di dollari in OpenAI. "
    "Il presidente della società ha confermato l'accordo durante la conferenza."
)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load(MODEL_DIR)


def token(doc: Doc, text: str) -> Token:
    return next(t for t in doc if t.text == text)


def test_pipeline_is_named_and_has_the_expected_components(nlp: Language) -> None:
    assert nlp.meta["name"] == "it_kg_core"
    assert nlp.lang == "it"
    assert nlp.pipe_names == [
        "tok2vec",
        "tagger",
        "morphologizer",
        "parser",
        "trainable_lemmatizer",
        "pos_rules",
    ]
    assert "ner" not in nlp.pipe_names


def test_meta_records_sources_licence_and_accuracy(nlp: Language) -> None:
    assert nlp.meta["license"] == "CC BY-SA 4.0"
    licences = {source["license"] for source in nlp.meta["sources"]}
    assert licences == {"CC BY 4.0", "CC BY-SA 4.0", "CC BY-SA 3.0", "CC BY-SA 2.0"}
    assert not any("ISDT" in source["name"] for source in nlp.meta["sources"])
    assert nlp.meta["accuracy_isdt_dev"]["uas"] > 80
    assert nlp.meta["accuracy_isdt_dev"]["upos"] >= 94


def test_model_directory_ships_licence_and_card_and_stays_small() -> None:
    assert "CC BY-SA 4.0" in (MODEL_DIR / "LICENSE").read_text(encoding="utf-8")
    assert "CC BY-SA 4.0" in (MODEL_DIR / "README.md").read_text(encoding="utf-8")
    size = sum(f.stat().st_size for f in MODEL_DIR.rglob("*") if f.is_file())
    assert size < 20_000_000
    assert not (MODEL_DIR / "model-last").exists()


def test_acquisition_sentence_has_verb_lemma_subject_and_object(nlp: Language) -> None:
    doc = nlp(ACQUISITION)
    verb = token(doc, "acquisito")
    assert verb.pos_ == "VERB"
    assert verb.lemma_ == "acquisire"
    assert token(doc, "ha").pos_ == "AUX"
    assert token(doc, "ha").head == verb
    assert token(doc, "Nvidia").dep_ == "nsubj"
    assert token(doc, "Nvidia").head == verb
    assert any(child.dep_ == "obj" for child in verb.children)
    assert token(doc, "dollari").lemma_ == "dollaro"
    assert token(doc, "milioni").lemma_ == "milione"


def test_leadership_sentence_has_subject_role_and_names(nlp: Language) -> None:
    doc = nlp(LEADERSHIP)
    verb = token(doc, "annunciato")
    assert verb.pos_ == "VERB"
    assert verb.lemma_ == "annunciare"
    assert verb.dep_ == "ROOT"
    first_subject = next(child for child in verb.children if child.dep_ == "nsubj")
    assert first_subject.lemma_ == "amministratore"
    assert token(doc, "L'").pos_ == "DET"
    assert token(doc, "L'").lemma_ == "il"
    assert {token(doc, name).pos_ for name in ("AMD", "Lisa", "Microsoft")} == {"PROPN"}
    assert token(doc, "accordo").dep_ == "obj"
    assert token(doc, "accordo").head == verb


def test_articulated_preposition_is_one_token_with_the_preposition_lemma(nlp: Language) -> None:
    doc = nlp(TWO_SENTENCES)
    della = token(doc, "della")
    assert della.pos_ == "ADP"
    assert della.lemma_ == "di"


def test_parser_splits_sentences(nlp: Language) -> None:
    sentences = [sent.text.strip() for sent in nlp(TWO_SENTENCES).sents]
    assert len(sentences) == 2
    assert sentences[1].startswith("Il presidente")


def test_relative_che_is_a_pronoun_and_complementiser_che_a_conjunction(nlp: Language) -> None:
    relative = nlp("La società che ha acquisito Run:ai ha sede a Santa Clara.")
    assert token(relative, "che").pos_ == "PRON"
    complementiser = nlp("Il ministro ha detto che il governo sostiene il progetto.")
    assert token(complementiser, "che").pos_ == "SCONJ"


def test_possessive_before_a_noun_is_a_determiner(nlp: Language) -> None:
    doc = nlp("Microsoft ha presentato i suoi risultati e la sua nuova strategia.")
    assert token(doc, "suoi").pos_ == "DET"
    assert token(doc, "sua").pos_ == "DET"


def training_conllu() -> ModuleType:
    spec = importlib.util.spec_from_file_location("kg_training_conllu", TRAINING_DIR / "conllu.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it is executed
    spec.loader.exec_module(module)
    return module


def test_training_conversion_harmonises_pud_closed_class_tags_with_markit_and_parlamint() -> None:
    harmonise = training_conllu().harmonise_upos
    pud_possessive = "Gender=Fem|Number=Sing|Number[psor]=Sing|Person=3|PronType=Prs"
    upos, feats = harmonise("sua", "PRON", pud_possessive, "det:poss")
    assert upos == "DET"
    assert "Poss=Yes" in feats.split("|")
    assert harmonise("ciò", "DET", "_", "nsubj")[0] == "PRON"
    assert harmonise("tutti", "ADJ", "Gender=Masc|Number=Plur", "amod")[0] == "DET"
    assert harmonise("se", "ADP", "_", "mark")[0] == "SCONJ"
    assert harmonise("milioni", "NUM", "_", "obl")[0] == "NOUN"
    assert harmonise("società", "NOUN", "_", "nsubj") == ("NOUN", "_")
