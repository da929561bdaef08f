"""The benchmark scripts (FIRE, resolution, throughput) run on small subsets and write well-formed results."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "benchmarks"
FIRE_DATA = ROOT.parent / "shared/data/fire"


def _load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def resolution() -> ModuleType:
    return _load("bench_resolution_score", BENCH / "resolution/score.py")


@pytest.fixture(scope="module")
def fire() -> ModuleType:
    return _load("bench_fire_score", BENCH / "fire/score.py")


def _run(script: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(BENCH / script), *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
        check=True,
    )


# ---------------------------------------------------------------- resolution


def test_resolution_script_writes_pairwise_scores(tmp_path, resolution):
    _run("resolution/score.py", "--limit", "40", "--out", str(tmp_path))
    res = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    cases = resolution.load_cases(resolution.CASES, 40)
    assert res["cases"] == 40
    assert res["pairs"] == 40 * 39 // 2
    assert set(res["per_kind"]) == {c["kind"] for c in cases}
    o = res["overall"]
    assert 0 <= o["precision"] <= 1 and 0 <= o["recall"] <= 1
    assert o["fp"] == sum(g["pairs"] for g in res["wrong_merges"])
    assert o["fn"] == sum(g["pairs"] for g in res["missed_merges"])
    assert (tmp_path / "results.md").read_text(encoding="utf-8").startswith("# Entity resolution scores")


def _case(doc: str, mention: str, type_: str, gold: str, kind: str = "exact") -> dict:
    return {
        "doc": doc,
        "lang": "en",
        "context": "",
        "mention": mention,
        "type": type_,
        "gold": gold,
        "kind": kind,
    }


def test_a_surname_resolves_to_the_full_name_seen_earlier_in_its_document_only(resolution):
    cases = [
        _case("d1", "Jensen Huang", "Person", "jensen-huang"),
        _case("d1", "Huang", "Person", "jensen-huang", "surname"),
        _case("d2", "Huang", "Person", "new:huang", "trap"),
    ]
    a, b, c = resolution.resolve_cases(cases)
    assert b.key == a.key and b.step == "document"
    assert c.key != a.key and c.step != "document"


def test_pairs_are_counted_as_true_wrongly_merged_or_missed(resolution):
    outcome = resolution.Outcome
    cases = [
        _case("d", "A", "Organization", "x", "exact"),
        _case("d", "A2", "Organization", "x", "typo"),
        _case("d", "B", "Organization", "y", "trap"),
        _case("d", "C", "Organization", "x", "alias"),
    ]
    predicted = ["k1", "k1", "k1", "k2"]
    outs = [
        outcome(i, c, k, k, "gazetteer", "") for i, (c, k) in enumerate(zip(cases, predicted, strict=True))
    ]
    counts, wrong, missed = resolution.pair_counts(outs)
    assert counts["all"] == {"tp": 1, "fp": 2, "fn": 2}
    assert counts["trap"] == {"fp": 2}  # B was wrongly merged with A and A2
    assert counts["alias"] == {"fn": 2}  # C was kept apart from A and A2
    assert len(wrong) == 2 and len(missed) == 2
    assert all({a.gold, b.gold} == {"x", "y"} for a, b in wrong)


# ---------------------------------------------------------------- FIRE


def test_fire_script_says_where_it_looked_when_the_data_is_absent(tmp_path, fire, capsys):
    assert fire.main(["--data", str(tmp_path), "--out", str(tmp_path / "out")]) is None
    assert str(tmp_path / "fire_dev.json") in capsys.readouterr().out
    assert not (tmp_path / "out").exists()


def test_fire_detokenizes_punctuation_brackets_and_hyphens(fire):
    toks = [
        "CME",
        "Group",
        "Inc.",
        "(",
        "CME",
        "Group",
        ")",
        "bought",
        "a",
        "wholly",
        "-",
        "owned",
        "unit",
        ",",
        "Merlin",
        "'s",
        "rival",
        ",",
        "for",
        "$",
        "5",
        "million",
        ".",
    ]
    assert (
        fire.detokenize(toks)
        == "CME Group Inc. (CME Group) bought a wholly-owned unit, Merlin's rival, for $5 million."
    )


def test_fire_arguments_match_by_equal_or_contained_whole_words(fire):
    assert fire.same_entity("CME Group", "CME Group Inc. (CME Group)")
    assert fire.same_entity("Wells Fargo & Co.", "Wells Fargo")
    assert not fire.same_entity("Bank", "Bankers Trust")
    assert not fire.same_entity("we", "Merlin Securities")


def test_fire_relations_are_mapped_to_kg_direction_and_titles(fire):
    rec = {
        "tokens": [
            "Ann",
            "Lee",
            ",",
            "CEO",
            "of",
            "Acme",
            ",",
            "said",
            "Acme",
            "is",
            "a",
            "subsidiary",
            "of",
            "Bigco",
            ".",
        ],
        "entities": [
            {"text": "Ann Lee", "type": "Person", "start": 0, "end": 2},
            {"text": "CEO", "type": "Designation", "start": 3, "end": 4},
            {"text": "Acme", "type": "Company", "start": 5, "end": 6},
            {"text": "Acme", "type": "Company", "start": 8, "end": 9},
            {"text": "Bigco", "type": "Company", "start": 13, "end": 14},
        ],
        "relations": [
            {"type": "Designation", "head": 0, "tail": 1},
            {"type": "Employeeof", "head": 0, "tail": 2},
            {"type": "Subsidiaryof", "head": 3, "tail": 4},
        ],
    }
    sent, skipped = fire.parse_sentence(0, rec)
    got = {(g.subject, g.expected, g.object) for g in sent.gold}
    assert got == {("Ann Lee", "ceoOf", "Acme"), ("Bigco", "owns", "Acme")}
    assert not skipped


@pytest.mark.skipif(
    not (FIRE_DATA / "fire_dev.json").exists(), reason=f"FIRE data not found at {FIRE_DATA / 'fire_dev.json'}"
)
def test_fire_script_scores_a_few_sentences(tmp_path):
    _run("fire/score.py", "--limit", "5", "--out", str(tmp_path))
    res = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    assert res["sentences"] == 5
    assert set(res["per_relation"]) >= {"ActionBuy", "Subsidiaryof", "Productof", "Employeeof", "Locatedin"}
    o = res["overall"]
    assert o["gold"] == o["found"] + len(res["misses"])
    assert o["predicted"] == o["correct"] + len(res["false_triples"])
    assert (tmp_path / "results.md").read_text(encoding="utf-8").startswith("# kg on FIRE")


# ---------------------------------------------------------------- throughput


def test_throughput_script_compares_kg_with_its_spacy_pipeline(tmp_path):
    _run(
        "throughput/run.py",
        "--lang",
        "en",
        "--limit",
        "2",
        "--words",
        "300",
        "--runs",
        "1",
        "--out",
        str(tmp_path),
    )
    res = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    en = res["languages"]["en"]
    assert en["words"] >= 300 and en["runs"] == 1
    assert set(en["words_per_second"]) == {"kg", "kg_nlp", "raw_nlp"}
    assert all(v > 0 for v in en["words_per_second"].values())
    assert en["ratio_vs_kg_nlp"] == pytest.approx(
        en["words_per_second"]["kg"] / en["words_per_second"]["kg_nlp"], abs=0.01
    )
    assert "kg_entities" in en["kg_pipeline"] and "kg_entities" not in en["raw_pipeline"]
    top = res["profile"]["en"]["top_kg_functions"]
    assert 0 < len(top) <= 15 and all(f["function"].startswith("kg/") for f in top)
    assert res["machine"]["cpus"] >= 1
    assert (tmp_path / "results.md").read_text(encoding="utf-8").startswith("# Extraction throughput")


# ---------------------------------------------------------------- nodes from scraped pages


@pytest.fixture(scope="module")
def nodes() -> ModuleType:
    return _load("bench_nodes_score", BENCH / "nodes/score.py")


@pytest.mark.parametrize("lang", ["en", "it"])
def test_every_listed_spelling_of_a_page_is_written_in_it(lang):
    for line in (BENCH / f"nodes/gold/{lang}-pages.jsonl").open(encoding="utf-8"):
        page = json.loads(line)
        for entity in page["entities"]:
            assert entity["spellings"], entity
            for spelling in entity["spellings"]:
                assert spelling in page["text"], (page["id"], spelling)


def test_node_scoring_counts_junk_splits_and_type_disagreements(nodes):
    from collections import Counter

    from kg.models import Entity

    page = {"id": "p", "entities": [
        {"name": "Nvidia", "type": "Organization", "spellings": ["Nvidia", "Nvida"]},
        {"name": "Jensen Huang", "type": "Person", "spellings": ["Jensen Huang"]},
    ]}
    entities = {
        "nvidia": Entity(key="nvidia", label="Nvidia", type="Organization"),
        "nvida": Entity(key="nvida", label="Nvida", type="Organization"),
        "jensen-huang": Entity(key="jensen-huang", label="Jensen Huang", type="Organization"),
        "reply": Entity(key="reply", label="Reply", type="Organization"),
    }
    c: Counter = Counter()
    errors: list[str] = []
    found = nodes._score_level(entities, {}, page, c, errors, "graph")
    assert found == {"Nvidia", "Jensen Huang"}
    assert (c["graph_entities"], c["graph_matched"], c["graph_unlisted"]) == (4, 3, 1)
    assert c["graph_split"] == 1 and c["graph_type_agree"] == 2
    assert nodes._level(c, "graph")["precision"] == 0.75


@pytest.fixture(scope="module")
def relation_features() -> ModuleType:
    return _load("bench_relation_features", BENCH / "relation_classifier/features.py")


def test_the_classifier_experiment_reads_each_pair_of_names_of_a_sentence_once(relation_features):
    from kg.extract.coref import resolve_references
    from kg.extract.lexicon import load_lexicon
    from kg.extract.mentions import collect_mentions
    from kg.nlp import load_pipeline
    from kg.resolve.gazetteer import default_gazetteer

    lex, gaz = load_lexicon("en"), default_gazetteer()
    dm = collect_mentions(load_pipeline("en")("Microsoft invested in OpenAI. Nvidia rose."), gaz)
    resolve_references(dm, lex, gaz)
    pairs = relation_features.candidates(dm, lex)
    assert [(c.first.text, c.second.text) for c in pairs] == [("Microsoft", "OpenAI")]
    feats = pairs[0].features
    assert "trig=investsIn" in feats  # the lexicon's trigger on the dependency path, by the predicate it gives
    assert "lca=invest" in feats and "types=Organization>Organization" in feats
    assert relation_features.class_name("investsIn", forward=False) == "investsIn<"
    assert relation_features.class_name("partnersWith", forward=False) == "partnersWith>"  # symmetric: one class


@pytest.fixture(scope="module")
def extraction_score() -> ModuleType:
    return _load("bench_extraction_score", BENCH / "extraction/score.py")


def test_a_gold_short_name_is_the_documents_entity_it_starts_only_for_regions_and_style_words(extraction_score):
    from kg.resolve.resolver import Resolver

    r = Resolver()
    named = {"ubisoft-entertainment": ("Ubisoft Entertainment", "Organization"),
             "abb-robotics": ("ABB Robotics", "Organization"),
             "minden-louisiana": ("Minden, Louisiana", "Place")}
    assert extraction_score.in_document("Ubisoft", "ubisoft", named, r) == "ubisoft-entertainment"
    assert extraction_score.in_document("Minden", "minden", named, r) == "minden-louisiana"
    assert extraction_score.in_document("ABB", "abb", named, r) == "abb"  # a unit is another entity
    assert extraction_score.in_document("LG Corp", "lg", {"lg-electronics": ("LG Electronics", "Organization")},
                                        r) == "lg"
