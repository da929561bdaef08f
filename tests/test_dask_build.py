"""Extraction on a real Dask cluster (two worker processes on 127.0.0.1) builds the same graph.

The cluster is a ``dask.distributed.LocalCluster(n_workers=2, processes=True)``: the workers are separate
processes that load kg's pipelines themselves and talk to the scheduler over TCP, as on a real cluster.
"""

from __future__ import annotations

import importlib.util
import logging
import socket
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kg.build import build_store
from kg.cli import app
from kg.graph.store import OxigraphStore
from kg.ingest.read import iter_documents
from kg.models import Document

distributed = pytest.importorskip("dask.distributed", reason="needs the scale extra: pip install 'kg[scale]'")

from kg.distributed import DaskEngine, DaskEngineError  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
N_DOCS = 20


def load_generator() -> Any:
    spec = importlib.util.spec_from_file_location("scale_generate", ROOT / "benchmarks/scale/generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("dask") / "corpus.jsonl"
    load_generator().write_corpus(path, N_DOCS, seed=5, italian=0.5)
    return path


@pytest.fixture(scope="module")
def documents(corpus: Path) -> list[Document]:
    return list(iter_documents([str(corpus)]))  # type: ignore[arg-type]


def quads_of(store: OxigraphStore) -> set[str]:
    return {str(q) for q in store.quads()}


@pytest.fixture(scope="module")
def single_process(documents: list[Document]) -> set[str]:
    """The graph of a build in this process alone."""
    store = OxigraphStore(None)
    report = build_store(store, iter(documents), workers=1)
    assert (report.added, report.failed) == (N_DOCS, [])
    assert report.triples > N_DOCS
    return quads_of(store)


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        silence_logs=logging.ERROR,
    ) as c:
        yield c


def test_a_two_worker_cluster_builds_the_same_quads_as_one_process(cluster, documents, single_process):
    with distributed.Client(cluster) as client, DaskEngine(client) as engine:
        assert engine.threads() == 2
        store = OxigraphStore(None)
        with distributed.get_task_stream(client) as stream:
            report = build_store(store, iter(documents), engine=engine, batch_size=5)
    tasks = [t for t in stream.data if t["key"].startswith("extract_batch")]
    assert len(tasks) == 4 and len({t["worker"] for t in tasks}) == 2, "both workers took partitions"
    assert (report.added, report.failed) == (N_DOCS, [])
    assert quads_of(store) == single_process


def test_the_command_line_sends_partitions_to_a_scheduler(cluster, corpus, single_process, tmp_path):
    location = tmp_path / "store"
    result = CliRunner().invoke(
        app,
        [
            "build",
            str(corpus),
            "--store",
            str(location),
            "--scheduler",
            cluster.scheduler_address,
            "--batch-size",
            "8",
            "--quiet",
        ],
    )
    assert result.exit_code == 0, result.output
    assert f"{N_DOCS} added" in result.output
    with OxigraphStore(location) as store:
        assert quads_of(store) == single_process


def test_a_rerun_on_the_cluster_skips_what_the_store_has(cluster, documents):
    store = OxigraphStore(None)
    build_store(store, iter(documents[:8]))
    with distributed.Client(cluster) as client, DaskEngine(client, warm_up=False) as engine:
        report = build_store(store, iter(documents), engine=engine, batch_size=5)
    assert (report.added, report.skipped) == (N_DOCS - 8, 8)


def test_an_unreachable_scheduler_is_a_clear_error():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nobody listens there once closed
    with pytest.raises(DaskEngineError, match="cannot reach the Dask scheduler"):
        DaskEngine(scheduler=f"tcp://127.0.0.1:{port}", timeout=2)
