"""Build: extract documents and merge them into a store, streaming, in parallel, incrementally.

``build_store`` reads its sources as a stream, in chunks of ``batch_size`` documents:

1. documents whose content hash is already in the store are skipped before parsing (so a re-run, or a
   build interrupted and started again, only does what is left);
2. the others go, batch after batch, to an engine that parses and extracts them (this process, local
   worker processes or a Dask cluster: see :mod:`kg.parallel` and :mod:`kg.distributed`); at most
   ``engine.max_in_flight`` batches are out at once, so memory does not grow with the corpus;
3. results come back in input order; entities are resolved here, in that order, by one stateful
   ``Resolver`` (so the graph is the same whatever the engine and the number of workers), and each batch
   is written to the store by this process only, every document in its own graph.

The per-fact aggregates (``refresh_facts``) are recomputed at the end, when something changed or when a
previous build stopped before doing it.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pyoxigraph import Literal, NamedNode, Quad

from kg.extract.pipeline import DocResult
from kg.graph.namespaces import KG, RDF, RDFS, doc_iri
from kg.graph.rdf import document_quads
from kg.graph.store import OxigraphStore
from kg.ingest.read import JSONL_SUFFIXES, IngestError
from kg.models import ENTITY_TYPES, Document, Entity
from kg.parallel import DocInput, Engine, ExtractionFailure, Outcome, make_engine, resolve_extraction
from kg.resolve.normalize import normalize_name
from kg.resolve.resolver import Resolver

#: Documents per batch sent to a local worker (a Dask task takes ``DASK_BATCH_SIZE``).
BATCH_SIZE = 32
DASK_BATCH_SIZE = 256
#: Content hash of the marker graph that says "documents were written after the last refresh_facts".
_STALE = "facts-stale"
#: The store is flushed every this many documents written: the embedded store's memory otherwise grows
#: with everything written since it was opened (about 250 KB per article; see benchmarks/scale/).
FLUSH_EVERY = 500


@dataclass
class BuildReport:
    """What a build did: documents added, updated, skipped (unchanged) and failed; triples and facts."""

    added: int = 0
    updated: int = 0
    skipped: int = 0
    failed: list[IngestError] = field(default_factory=list)
    triples: int = 0
    facts: int = 0
    seconds: float = 0.0

    @property
    def documents(self) -> int:
        return self.added + self.updated + self.skipped

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated)


OnResult = Callable[[DocResult | IngestError | Document], None]


def build_store(
    store: Any,
    sources: Iterable[Document | IngestError],
    *,
    resolver: Resolver | None = None,
    on_result: OnResult | None = None,
    batch_size: int = BATCH_SIZE,
    workers: int = 1,
    engine: Engine | None = None,
) -> BuildReport:
    """Extract every new or changed document of ``sources`` and write it to ``store``.

    A document whose content hash is already recorded is skipped; a changed one replaces its graph.
    Failing documents are reported, never written half. ``workers`` > 1 extracts in that many local
    processes; ``engine`` (e.g. a ``kg.distributed.DaskEngine``) runs extraction elsewhere and stays open.
    The triples are the same whatever ``workers`` and ``engine`` are. ``on_result`` is called once per
    document, in input order for those extracted: with its ``DocResult``, with the ``Document`` when it
    was skipped, or with an ``IngestError``.
    """
    started = time.perf_counter()
    resolver = resolver or Resolver()
    own = engine is None
    eng: Engine = engine if engine is not None else make_engine(workers, resolver.gazetteer)
    run = _Build(store, resolver, eng, on_result)
    try:
        run.run(sources, max(1, batch_size))
    finally:
        if own:
            eng.close()
    run.finish()
    run.report.seconds = time.perf_counter() - started
    return run.report


class _Build:
    """The state of one build: what is in flight, what was written, the report."""

    def __init__(self, store: Any, resolver: Resolver, engine: Engine, on_result: OnResult | None) -> None:
        self.store = store
        self.resolver = resolver
        self.engine = engine
        self.on_result = on_result
        self.report = BuildReport()
        self.in_flight: dict[str, tuple[str, str]] = {}  # doc id -> (content hash, "added" | "updated")
        self.seeded = False
        self.marked = False
        self.unflushed = 0

    def _tell(self, what: DocResult | IngestError | Document) -> None:
        if self.on_result:
            self.on_result(what)

    # ------------------------------------------------------------------ reading and skipping
    def _todo(self, sources: Iterable[Document | IngestError], chunk: int) -> Iterator[Document]:
        """Documents to extract, with their status; unchanged ones are counted and skipped."""
        for part in _chunks(sources, chunk):
            docs = [d for d in part if isinstance(d, Document)]
            stored = stored_hashes(self.store, [doc_iri(self.store.base, d.id) for d in docs])
            for d in part:
                if isinstance(d, IngestError):
                    self.report.failed.append(d)
                    self._tell(d)
                    continue
                old = (
                    self.in_flight[d.id][0]
                    if d.id in self.in_flight
                    else stored.get(doc_iri(self.store.base, d.id))
                )
                if old == d.content_hash:
                    self.report.skipped += 1
                    self._tell(d)
                    continue
                self.in_flight[d.id] = (d.content_hash, "updated" if old else "added")
                yield d

    # ------------------------------------------------------------------ the loop
    def run(self, sources: Iterable[Document | IngestError], batch_size: int) -> None:
        pending: deque[tuple[list[Document], Any]] = deque()
        try:
            for batch in _chunks(self._todo(sources, batch_size), batch_size):
                pending.append((batch, self.engine.submit([DocInput.of(d) for d in batch])))
                while len(pending) >= max(1, self.engine.max_in_flight):
                    self._complete(*pending.popleft())
            while pending:
                self._complete(*pending.popleft())
        finally:
            for _batch, future in pending:  # interrupted: drop what is still out
                cancel = getattr(future, "cancel", None)
                if cancel:
                    cancel()

    def _complete(self, batch: list[Document], future: Any) -> None:
        """Resolve a finished batch in input order and write it."""
        outcomes: list[Outcome] = future.result()
        if not self.seeded:
            seed_resolver(self.store, self.resolver)
            self.seeded = True
        written: list[tuple[Document, DocResult, str, list[Quad]]] = []
        for d, o in zip(batch, outcomes, strict=True):
            if isinstance(o, ExtractionFailure):
                self._fail(d, o.message)
                continue
            result = resolve_extraction(o, d, self.resolver)
            try:
                g, quads = document_quads(result, self.store.base)
            except Exception as exc:  # noqa: BLE001 - one bad document must not stop the build
                self._fail(d, f"cannot store: {exc}")
                continue
            written.append((d, result, g.value, quads))
        bad: dict[str, Exception] = {}
        if written:
            self._mark_stale()
            bad = dict(put_documents(self.store, [(g, q) for _d, _r, g, q in written]))
            self.unflushed += len(written)
            if self.unflushed >= FLUSH_EVERY:
                self.store.flush()
                self.unflushed = 0
        for d, result, g, _q in written:
            if g in bad:
                self._fail(d, f"cannot store: {bad[g]}")
                continue
            status = self.in_flight.pop(d.id, ("", "added"))[1]
            if status == "updated":
                self.report.updated += 1
            else:
                self.report.added += 1
            self.report.triples += len(result.triples)
            self._tell(result)

    def _fail(self, d: Document, message: str) -> None:
        self.in_flight.pop(d.id, None)
        e = IngestError(d.source, message)
        self.report.failed.append(e)
        self._tell(e)

    # ------------------------------------------------------------------ facts
    def _marker(self) -> str:
        return f"{self.store.base}graph/build-state"

    def _mark_stale(self) -> None:
        """Before the first write: note that the facts graph is out of date until ``finish``."""
        if not self.marked:
            m = NamedNode(self._marker())
            self.store.put_document(m.value, [Quad(m, NamedNode(KG + "contentHash"), Literal(_STALE), m)])
            self.marked = True

    def finish(self) -> None:
        """Recompute the facts when documents were written now or by a build that stopped early."""
        if self.marked or self.store.document_hash(self._marker()) == _STALE:
            self.report.facts = self.store.refresh_facts()
            self.store.delete_document(self._marker())
        else:
            self.report.facts = count_facts(self.store)
        self.store.flush()


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for x in items:
        chunk.append(x)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# ---------------------------------------------------------------------------------------------- store
def stored_hashes(store: Any, iris: list[str]) -> dict[str, str]:
    """Content hashes recorded for the documents ``iris`` (absent ones are left out).

    The embedded store answers each from its index; another store gets one query for them all.
    """
    if not iris:
        return {}
    if isinstance(store, OxigraphStore):
        found = {iri: store.document_hash(iri) for iri in iris}
        return {k: v for k, v in found.items() if v is not None}
    values = " ".join(f"<{iri}>" for iri in iris)
    rows = store.query(
        f"SELECT ?d ?h WHERE {{ VALUES ?d {{ {values} }} GRAPH ?d {{ ?d <{KG}contentHash> ?h }} }}"
    )
    return {r["d"].value: r["h"].value for r in rows}


def put_documents(store: Any, docs: list[tuple[str, list[Quad]]]) -> list[tuple[str, Exception]]:
    """Write a batch of documents (each replacing its graphs); the documents that could not be written.

    A store with a bulk writer (``put_documents``) gets the batch in one call; if that fails, or the store
    has none, each document is written with ``put_document`` so that one bad document costs only itself.
    """
    bulk = getattr(store, "put_documents", None)
    if callable(bulk):
        try:
            bulk(docs)
            return []
        except Exception:  # noqa: BLE001 - find the culprit document by document
            pass
    failed: list[tuple[str, Exception]] = []
    for iri, quads in docs:
        try:
            store.put_document(iri, quads)
        except Exception as exc:  # noqa: BLE001
            failed.append((iri, exc))
    return failed


def count_facts(store: Any) -> int:
    """Facts in the store's facts graph."""
    rows = store.query(
        f"SELECT (COUNT(?f) AS ?n) WHERE {{ GRAPH <{store.facts_graph}> {{ ?f a <{KG}Fact> }} }}"
    )
    for r in rows:
        return int(r["n"].value)
    return 0


def seed_resolver(store: Any, resolver: Resolver) -> int:
    """Teach ``resolver`` the unknown entities already in ``store``; how many it learnt.

    A build that adds documents to a store (or continues an interrupted build) then resolves a name seen
    in the earlier documents to the same entity, with the same label, as a build of everything at once.
    """
    rows = store.query(
        f"SELECT DISTINCT ?key ?label ?type WHERE {{ GRAPH ?g {{ ?e <{KG}key> ?key ; <{RDFS}label> ?label ; "
        f"<{RDF}type> ?type }} }}"
    )
    found: list[tuple[str, str, str]] = []
    for r in rows:
        key, label, type_ = r["key"].value, r["label"].value, r["type"].value.removeprefix(KG)
        if type_ in ENTITY_TYPES and key not in resolver.gazetteer.entries:
            found.append((key, label, type_))
    learnt = 0
    for key, label, type_ in sorted(found):
        k = (normalize_name(label) or label.lower(), type_)
        if k not in resolver.unknown:
            resolver.unknown[k] = Entity(key=key, label=label, type=type_, source="document")
            learnt += 1
    return learnt


# ---------------------------------------------------------------------------------------------- progress
def count_documents(paths: Iterable[str]) -> int | None:
    """How many documents ``paths`` hold, for a progress bar's ETA (None when it cannot be known cheaply).

    JSONL files count their non-blank lines; other files count one; standard input is unknown.
    """
    from kg.ingest.read import HTML_SUFFIXES, TEXT_SUFFIXES, _walk

    total = 0
    for src in paths:
        if src == "-":
            return None
        if src.startswith(("http://", "https://")):
            total += 1
            continue
        p = Path(src)
        files = _walk(p) if p.is_dir() else [p]
        for f in files:
            if f.suffix.lower() in JSONL_SUFFIXES:
                total += _jsonl_records(f)
            elif f.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES or not p.is_dir():
                total += 1
    return total


def _jsonl_records(path: Path) -> int:
    n = 0
    try:
        with path.open("rb") as fh:
            for line in fh:
                if line.strip():
                    n += 1
    except OSError:
        return 1
    return n
