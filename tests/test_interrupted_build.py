"""Interrupted and concurrent builds, with real processes: ``python -m kg.cli build`` killed with SIGKILL at
different moments, and two processes writing the same on-disk store.

A killed build must leave a store that opens and holds only whole documents (each document graph has as
many ``kg:Assertion`` as its ``kg:tripleCount`` says), and running the same build again must finish the
work and give exactly the store an uninterrupted build gives. A second writer must be turned away with
"store is in use" (exit 2) while the first goes on undisturbed.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from pyoxigraph import Store

from kg.graph.store import OxigraphStore, StoreInUse

ROOT = Path(__file__).resolve().parents[1]
KG = "https://w3id.org/kg/ontology#"
N_DOCS = 60
ORGS = [
    "Nvidia",
    "AMD",
    "Microsoft",
    "Oracle",
    "TSMC",
    "ASML",
    "Intel",
    "Google",
    "Amazon",
    "Meta",
    "OpenAI",
    "Anthropic",
    "Mistral AI",
    "Cisco",
    "IBM",
    "Samsung",
]
PEOPLE = ["Lisa Su", "Jensen Huang", "Satya Nadella", "Sam Altman", "Dario Amodei", "Arthur Mensch"]
PLACES = ["Santa Clara", "Paris", "Seattle", "London", "Milan", "Austin"]
# People no gazetteer knows, some misspelt: a build that starts again must resolve them as one that did not stop.
UNKNOWN = ["Marco Bellini", "Giulia Ferraro", "Marco Belini", "Tomasz Wierzbicki", "Giulia Feraro"]


def article(i: int) -> str:
    """A small, deterministic business article (different for every ``i``)."""
    rng = random.Random(i)
    a, b, c = rng.sample(ORGS, 3)
    return (
        f"Market note {i}\nPublished: 2025-{1 + i % 12:02d}-{1 + i % 28:02d}\n\n"
        f"{a} is headquartered in {rng.choice(PLACES)}. {rng.choice(PEOPLE)} is the chief executive of {b}. "
        f"{c} supplies chips to {a}. {UNKNOWN[i % len(UNKNOWN)]} is the chief executive of {c}. "
        f"Analysts counted {i} deals this quarter.\n"
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("corpus")
    for i in range(N_DOCS):
        (d / f"note-{i:02d}.txt").write_text(article(i), encoding="utf-8")
    return d


def _env() -> dict[str, str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("KG_STORE", None)
    return env


def start_build(corpus: Path, store: Path) -> subprocess.Popen[bytes]:
    """``kg build`` in its own process group (so that a kill reaches any worker it started).

    Small batches (documents are extracted a batch at a time, then written) give the kills more places
    to land; the size of a batch changes nothing in the result.
    """
    args = ["build", str(corpus), "--store", str(store), "-q", "--batch-size", "4"]
    return subprocess.Popen(
        [sys.executable, "-m", "kg.cli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(),
        cwd=ROOT,
        start_new_session=True,
    )


def run_kg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kg.cli", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=_env(),
        cwd=ROOT,
        timeout=600,
    )


def snapshot(store: Path) -> frozenset[str]:
    s = Store.read_only(str(store))
    try:
        return frozenset(str(q) for q in s)
    finally:
        del s


def documents_in(store: Path) -> int:
    """Documents committed so far (read while a build may be writing; 0 before the store exists)."""
    try:
        s = Store.read_only(str(store))
    except (OSError, RuntimeError):  # not created yet, or being created (column families not all there)
        return 0
    try:
        return len(list(s.query(f"SELECT ?d WHERE {{ GRAPH ?d {{ ?d a <{KG}Document> }} }}")))
    finally:
        del s


def wait_for(condition: Callable[[], bool], timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def assert_whole_documents(store: Path) -> int:
    """The store opens for writing, and every document graph is complete; the number of documents."""
    OxigraphStore(store).close()  # opens after the crash (and releases the lock again)
    s = Store.read_only(str(store))
    rows = list(
        s.query(
            f"SELECT ?d ?n (COUNT(DISTINCT ?a) AS ?assertions) WHERE {{ GRAPH ?d {{ ?d a <{KG}Document> ; "
            f"<{KG}tripleCount> ?n ; <{KG}contentHash> ?h . OPTIONAL {{ ?a a <{KG}Assertion> }} }} }} GROUP BY ?d ?n"
        )
    )
    for r in rows:
        assert int(r["assertions"].value) == int(r["n"].value), f"{r['d']} is incomplete"
    docs = {r["d"].value for r in rows}
    graphs = {q.graph_name.value for q in s if hasattr(q.graph_name, "value")}
    orphans = {g for g in graphs if g.endswith("/inferred") and g.removesuffix("/inferred") not in docs}
    assert not orphans, orphans
    del s
    return len(docs)


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> frozenset[str]:
    """The store an uninterrupted build gives."""
    store = tmp_path_factory.mktemp("reference") / "store"
    res = run_kg("build", str(corpus), "--store", str(store), "-q")
    assert res.returncode == 0, res.stderr
    assert assert_whole_documents(store) == N_DOCS
    return snapshot(store)


def test_a_build_killed_at_any_moment_leaves_whole_documents_and_a_rerun_completes_it(
    corpus, reference, tmp_path
):
    store = tmp_path / "store"
    rng = random.Random(1234)
    counts = []
    for at_least in (None, 5, 20, 40):  # None: killed while starting up, before anything is written
        proc = start_build(corpus, store)
        if at_least is None:
            time.sleep(rng.uniform(0.2, 1.0))
        else:
            wait_for(lambda n=at_least, p=proc: documents_in(store) >= n or p.poll() is not None)
        time.sleep(rng.uniform(0.0, 0.4))  # somewhere in the middle of the next document
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        if store.exists() and (store / "CURRENT").exists():
            counts.append(assert_whole_documents(store))
    print("documents after each kill:", counts)
    assert any(0 < n < N_DOCS for n in counts), counts  # kills did land in the middle of the build
    assert counts == sorted(counts)  # every run went on from where the last one stopped
    res = run_kg("build", str(corpus), "--store", str(store), "-q")
    assert res.returncode == 0, res.stderr
    assert assert_whole_documents(store) == N_DOCS
    assert snapshot(store) == reference


def test_a_second_writer_is_told_the_store_is_in_use_and_the_first_finishes_untouched(
    corpus, reference, tmp_path
):
    store = tmp_path / "store"
    first = start_build(corpus, store)
    wait_for(lambda: documents_in(store) >= 1 or first.poll() is not None)
    assert first.poll() is None, "the first build ended before the second could start"
    os.killpg(first.pid, signal.SIGSTOP)  # hold it in the middle of its work, store open
    try:
        second = run_kg("build", str(corpus), "--store", str(store), "-q")
        reader = run_kg(
            "query",
            f"SELECT (COUNT(?d) AS ?n) WHERE {{ ?d a <{KG}Document> }}",
            "--store",
            str(store),
            "--format",
            "csv",
        )
    finally:
        os.killpg(first.pid, signal.SIGCONT)
    assert second.returncode == 2
    assert (
        second.stderr.strip()
        == f"error: {store}: store is in use by another kg process (wait for it to finish)"
    )
    assert reader.returncode == 0, reader.stderr  # reading is never blocked by a writer
    assert 1 <= int(reader.stdout.split()[1]) <= N_DOCS
    _out, err = first.communicate(timeout=600)
    assert first.returncode == 0, err.decode()
    assert snapshot(store) == reference


def test_opening_a_store_twice_in_one_process_raises_store_in_use(tmp_path):
    with OxigraphStore(tmp_path / "store"), pytest.raises(StoreInUse, match="already open in this process"):
        OxigraphStore(tmp_path / "store")
