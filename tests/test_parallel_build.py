"""Parallel, streaming, incremental builds give the same graph as a one-process build.

The corpus is 20 synthetic articles (English and Italian) from ``benchmarks/scale/generate.py``, with
invented companies that recur across articles, so resolution across documents matters.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kg.build import build_store, count_documents
from kg.cli import app
from kg.extract.pipeline import extract_documents
from kg.graph.rdf import document_quads
from kg.graph.store import OxigraphStore
from kg.ingest.read import IngestError, iter_documents
from kg.models import Document
from kg.parallel import DocInput, Extraction, InlineEngine, ProcessEngine, extract_batch

ROOT = Path(__file__).resolve().parents[1]
N_DOCS = 20


def load_generator() -> Any:
    """The benchmark's corpus generator (a script, imported by path)."""
    spec = importlib.util.spec_from_file_location("scale_generate", ROOT / "benchmarks/scale/generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("scale") / "corpus.jsonl"
    load_generator().write_corpus(path, N_DOCS, seed=11, italian=0.4)
    return path


@pytest.fixture(scope="module")
def documents(corpus: Path) -> list[Document]:
    docs = list(iter_documents([str(corpus)]))
    assert all(isinstance(d, Document) for d in docs)
    assert {d.lang for d in docs} == {"en", "it"}
    return docs  # type: ignore[return-value]


def quads_of(store: OxigraphStore) -> set[str]:
    return {str(q) for q in store.quads()}


@pytest.fixture(scope="module")
def reference(documents: list[Document]) -> set[str]:
    """The graph of a one-process build (extraction in this process)."""
    store = OxigraphStore(None)
    report = build_store(store, iter(documents), workers=1, batch_size=5)
    assert (report.added, report.failed) == (N_DOCS, [])
    assert report.triples > N_DOCS, "the corpus must give triples, or the comparisons prove nothing"
    return quads_of(store)


class CountingEngine(InlineEngine):
    """The in-process engine, counting batches out (submitted, result not yet taken) and in total."""

    def __init__(self, max_in_flight: int = 1) -> None:
        super().__init__()
        self.max_in_flight = max_in_flight
        self.submitted = 0
        self.out = 0
        self.most_out = 0

    def submit(self, items: list[DocInput]) -> Any:
        self.submitted += 1
        self.out += 1
        self.most_out = max(self.most_out, self.out)
        engine, future = self, super().submit(items)

        class Tracked:
            def result(self) -> Any:
                engine.out -= 1
                return future.result()

        return Tracked()


# ---------------------------------------------------------------------------------------------- equivalence
def test_a_build_gives_the_graph_of_the_plain_extraction_pipeline(documents, reference):
    store = OxigraphStore(None)
    for result in extract_documents(iter(documents)):
        g, quads = document_quads(result, store.base)
        store.put_document(g.value, quads)
    store.refresh_facts()
    assert quads_of(store) == reference


def test_extraction_results_survive_pickling_with_their_shared_mentions(documents):
    import pickle

    (out,) = extract_batch([DocInput.of(documents[0])])
    assert isinstance(out, Extraction) and out.relations
    copy = pickle.loads(pickle.dumps(out))
    ids = {id(m) for m in copy.mentions}
    named = [r for r in copy.relations if r.subject.antecedent is None and r.object.antecedent is None]
    assert named and all(id(r.subject) in ids and id(r.object) in ids for r in named)


@pytest.fixture(scope="module")
def two_workers() -> Iterator[ProcessEngine]:
    with ProcessEngine(2) as engine:
        yield engine


def test_two_worker_processes_give_identical_quads(documents, reference, two_workers):
    store = OxigraphStore(None)
    report = build_store(store, iter(documents), engine=two_workers, batch_size=3)
    assert (report.added, report.failed) == (N_DOCS, [])
    assert quads_of(store) == reference


def test_batch_size_does_not_change_the_graph(documents, reference):
    store = OxigraphStore(None)
    build_store(store, iter(documents), batch_size=1)
    assert quads_of(store) == reference


def test_the_command_line_builds_the_same_graph_with_two_workers(corpus, reference, tmp_path):
    location = tmp_path / "store"
    result = CliRunner().invoke(
        app,
        ["build", str(corpus), "--store", str(location), "--workers", "2", "--batch-size", "4", "--quiet"],
    )
    assert result.exit_code == 0, result.output
    assert f"{N_DOCS} added" in result.output and "documents/s" in result.output
    with OxigraphStore(location) as store:
        assert quads_of(store) == reference


# ---------------------------------------------------------------------------------------------- streaming
def test_at_most_max_in_flight_batches_are_out_and_the_input_is_read_lazily(documents):
    pulled = {"n": 0, "at_first_result": None}

    def source() -> Iterator[Document]:
        for d in documents:
            pulled["n"] += 1
            yield d

    def on_result(_r: object) -> None:
        if pulled["at_first_result"] is None:
            pulled["at_first_result"] = pulled["n"]

    engine = CountingEngine(max_in_flight=3)
    build_store(OxigraphStore(None), source(), engine=engine, batch_size=2, on_result=on_result)
    assert engine.most_out == 3
    assert engine.submitted == N_DOCS // 2
    # the first batch is written once three are out: the rest of the corpus has not been read yet
    assert pulled["at_first_result"] <= 4 * 2


class FlushCountingStore(OxigraphStore):
    """The embedded store, counting its flushes."""

    flushes = 0

    def flush(self) -> None:
        self.flushes += 1
        super().flush()


def test_a_long_build_flushes_the_store_as_it_goes(documents, monkeypatch, tmp_path):
    import kg.build

    monkeypatch.setattr(kg.build, "FLUSH_EVERY", 4)
    store = FlushCountingStore(tmp_path / "store")
    build_store(store, iter(documents[:9]), batch_size=2)
    # after 4 and 8 documents written (batches of 2), and once at the end
    assert store.flushes == 3


# ---------------------------------------------------------------------------------------------- incremental
def test_a_rerun_skips_every_document_before_parsing_and_changes_nothing(documents, reference):
    store = OxigraphStore(None)
    first = build_store(store, iter(documents))
    engine = CountingEngine()
    again = build_store(store, iter(documents), engine=engine)
    assert (again.added, again.updated, again.skipped) == (0, 0, N_DOCS)
    assert engine.submitted == 0
    assert again.facts == first.facts
    assert quads_of(store) == reference


def graphs_of(store: OxigraphStore) -> dict[str, set[str]]:
    """The quads of each document graph (and its inferred graph), by document IRI."""
    out: dict[str, set[str]] = {}
    for doc in store.documents():
        out[doc] = {str(q) for q in store.quads(doc)} | {str(q) for q in store.quads(f"{doc}/inferred")}
    return out


def test_an_interrupted_build_continues_where_it_stopped(documents):
    store = OxigraphStore(None)
    seen = {"n": 0}

    def stop_after_seven(_r: object) -> None:
        seen["n"] += 1
        if seen["n"] == 7:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build_store(store, iter(documents), batch_size=4, on_result=stop_after_seven)
    before = graphs_of(store)
    assert 0 < len(before) < N_DOCS, "whole batches written before the stop stay written"
    report = build_store(store, iter(documents), batch_size=4)
    assert (report.added, report.skipped, report.failed) == (N_DOCS - len(before), len(before), [])
    after = graphs_of(store)
    assert len(after) == N_DOCS
    assert all(after[doc] == quads for doc, quads in before.items())
    assert report.facts == store.refresh_facts(), "the facts graph covers every document"


def test_a_later_build_resolves_names_seen_by_an_earlier_one_to_the_same_entity():
    from kg.ingest.read import make_document

    first = make_document("a", "Nvidia has invested $2 billion in Veltrix Robotics.", lang="en")
    later = make_document("b", "SoftBank has invested $1 billion in Veltrixx Robotics.", lang="en")
    store = OxigraphStore(None)
    build_store(store, [first])
    build_store(store, [later])
    rows = store.query("SELECT ?o WHERE { kgr:softbank kg:investsIn ?o }")
    assert [r["o"].value.rsplit("/", 1)[1] for r in rows] == ["veltrix-robotics"]
    alone = OxigraphStore(None)
    build_store(alone, [later])
    rows = alone.query("SELECT ?o WHERE { kgr:softbank kg:investsIn ?o }")
    assert [r["o"].value.rsplit("/", 1)[1] for r in rows] == ["veltrixx-robotics"]


def test_a_changed_document_replaces_its_graph_and_the_others_are_skipped(documents):
    store = OxigraphStore(None)
    build_store(store, iter(documents))
    d = documents[3]
    changed = Document(
        id=d.id,
        text=d.text + "\nNvidia has invested $5 billion in Intel.\n",
        lang=d.lang,
        source=d.source,
        published=d.published,
        content_hash="changed",
    )
    report = build_store(store, [*documents[:3], changed, *documents[4:]])
    assert (report.added, report.updated, report.skipped) == (0, 1, N_DOCS - 1)
    rows = store.query("ASK { GRAPH ?g { ?g kg:contentHash 'changed' } }")
    assert bool(rows)


def test_an_unreadable_source_is_reported_and_the_rest_is_built(documents):
    store = OxigraphStore(None)
    bad = IngestError("broken.jsonl:3", "malformed JSON")
    report = build_store(store, [documents[0], bad, documents[1]], workers=1)
    assert report.added == 2
    assert report.failed == [bad]


def test_a_document_that_cannot_be_extracted_is_reported_and_the_batch_goes_on(documents):
    odd = Document(
        id="odd",
        text="Nvidia has invested $5 billion in Intel.",
        lang="xx",
        source="odd.txt",
        content_hash="odd",
    )
    store = OxigraphStore(None)
    report = build_store(store, [documents[0], odd, documents[1]], batch_size=3)
    assert report.added == 2
    assert [(e.source, e.message.split(":")[0]) for e in report.failed] == [
        ("odd.txt", "no pipeline for language 'xx'")
    ]
    assert len(store.documents()) == 2


def test_documents_are_counted_for_the_progress_bar(corpus, tmp_path):
    (tmp_path / "a.txt").write_text("Nvidia invested in OpenAI.", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("not an article", encoding="utf-8")
    assert count_documents([str(corpus)]) == N_DOCS
    assert count_documents([str(corpus), str(tmp_path)]) == N_DOCS + 1
    assert count_documents(["-"]) is None
    assert len(json.loads(corpus.read_text(encoding="utf-8").splitlines()[0])["text"]) > 500
