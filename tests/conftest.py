"""Shared fixtures: the parsed example corpus and a built store, computed once per session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"

os.environ.setdefault("MPLBACKEND", "Agg")


@pytest.fixture(scope="session")
def example_store(tmp_path_factory):
    """The bundled examples built into an on-disk store (built once for the whole session)."""
    from kg.build import build_store
    from kg.graph.store import open_store
    from kg.ingest.read import iter_documents

    path = tmp_path_factory.mktemp("store") / "kg"
    store = open_store(path)
    report = build_store(store, iter_documents([str(EXAMPLES)]))
    assert not report.failed, report.failed
    yield store
    store.close()
