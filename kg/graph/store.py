"""Graph stores behind one interface.

``OxigraphStore`` is the embedded default (pyoxigraph: on disk, or in memory with ``:memory:``); a
remote SPARQL 1.1 server is reached with ``kg.graph.remote.RemoteStore``. ``open_store`` picks one from a
location string. Every write of a document is one transaction: a store never holds half a document.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, Store

from kg.graph.bindings import bind_values
from kg.graph.namespaces import KG, PROV, RDF, XSD, base_iri, inferred_graph, prefixes

DEFAULT_STORE = Path(os.environ.get("KG_STORE", ".kg/store"))
MEMORY = ":memory:"


class StoreError(RuntimeError):
    """A store cannot be opened or written."""


class StoreInUse(StoreError):
    """Another process holds the on-disk store."""


def _terms_block(quads: Iterable[Quad]) -> str:
    by_graph: dict[str, list[str]] = {}
    for q in quads:
        g = q.graph_name
        key = "" if isinstance(g, DefaultGraph) else str(g)
        by_graph.setdefault(key, []).append(f"{q.subject} {q.predicate} {q.object} .")
    parts = []
    for g, lines in by_graph.items():
        body = "\n".join(lines)
        parts.append(f"GRAPH {g} {{\n{body}\n}}" if g else body)
    return "\n".join(parts)


# Files RocksDB (under Oxigraph) keeps in a store directory.
_ROCKSDB_FILE = re.compile(
    r"^(?:CURRENT|IDENTITY|LOCK|LOG(?:\.old\.\d+)?|MANIFEST-\d+|OPTIONS-\d+(?:\.dbtmp)?"
    r"|\d+\.(?:log|sst|blob|dbtmp))$"
)


def _check_location(location: Path, read_only: bool) -> None:
    """Refuse, with a StoreError, a location that is not (and cannot become) a kg store.

    A file, or a directory holding files of its own (a corpus given as ``--store`` by mistake) is never
    written into; reading needs an existing store.
    """
    if location.exists() and not location.is_dir():
        raise StoreError(f"{location}: is a file, not a kg store directory")
    if read_only:
        if not (location / "CURRENT").is_file():
            raise StoreError(f"{location}: no kg store here (run `kg build` first)")
        return
    if location.is_dir() and not (location / "CURRENT").exists():
        try:
            foreign = sorted(p.name for p in location.iterdir() if not _ROCKSDB_FILE.match(p.name))
        except OSError as exc:
            raise StoreError(f"{location}: cannot open store ({exc.strerror or exc})") from None
        if foreign:
            raise StoreError(
                f"{location}: not a kg store (the directory holds other files, e.g. {foreign[0]!r}); "
                "give a new or empty directory"
            )


def _open_error(location: Path, exc: Exception) -> StoreError:
    """The StoreError for a failed open: StoreInUse when another process (or this one) holds the lock."""
    msg = str(exc)
    low = msg.lower()
    if "lock hold by current process" in low:
        return StoreInUse(f"{location}: store is in use (already open in this process)")
    if "lock" in low and ("temporarily unavailable" in low or "resource busy" in low or "no locks" in low):
        return StoreInUse(f"{location}: store is in use by another kg process (wait for it to finish)")
    if isinstance(exc, PermissionError) or "permission denied" in low:
        return StoreError(f"{location}: cannot open store (permission denied)")
    first = msg.splitlines()[0] if msg else type(exc).__name__
    if "column family not found" in low:
        return StoreError(f"{location}: the store is incomplete (being created, or its creation was interrupted); "
                          "run `kg build` to finish it")
    if "corruption" in low:
        return StoreError(f"{location}: the store is damaged ({first}); rebuild it in a new directory")
    return StoreError(f"{location}: cannot open store ({first})")


def aggregate_facts(rows: Iterable[Any]) -> dict[str, dict[str, Any]]:
    """Assertion rows (?f ?s ?p ?o ?c ?d ?asserted) per fact: noisy-OR product, count, documents, asserted."""
    agg: dict[str, dict[str, Any]] = {}
    for r in rows:
        a = agg.setdefault(
            r["f"].value,
            {"s": r["s"], "p": r["p"], "o": r["o"], "prod": 1.0, "n": 0, "docs": set(), "asserted": False},
        )
        a["prod"] *= 1.0 - float(r["c"].value)
        a["n"] += 1
        a["docs"].add(r["d"].value)
        a["asserted"] = a["asserted"] or r["asserted"].value in ("true", "1")
    return agg


def fact_quads(fact: str, a: dict[str, Any], g: NamedNode) -> list[Quad]:
    """The facts-graph description of one fact from its aggregate (noisy-OR confidence, counts, documents)."""
    fn = NamedNode(fact)
    out = [
        Quad(fn, NamedNode(RDF + "type"), NamedNode(KG + "Fact"), g),
        Quad(fn, NamedNode(RDF + "subject"), a["s"], g),
        Quad(fn, NamedNode(RDF + "predicate"), a["p"], g),
        Quad(fn, NamedNode(RDF + "object"), a["o"], g),
        Quad(fn, NamedNode(KG + "confidence"), Literal(f"{1 - a['prod']:.4f}", datatype=NamedNode(XSD + "decimal")), g),
        Quad(fn, NamedNode(KG + "evidenceCount"), Literal(str(a["n"]), datatype=NamedNode(XSD + "integer")), g),
        Quad(fn, NamedNode(KG + "documentCount"), Literal(str(len(a["docs"])), datatype=NamedNode(XSD + "integer")), g),
        Quad(fn, NamedNode(KG + "asserted"), Literal("true" if a["asserted"] else "false",
                                                      datatype=NamedNode(XSD + "boolean")), g),
    ]
    out.extend(Quad(fn, NamedNode(PROV + "wasDerivedFrom"), NamedNode(d), g) for d in sorted(a["docs"]))
    return out


class OxigraphStore:
    """The embedded store (Oxigraph engine)."""

    def __init__(self, location: str | Path | None = None, *, read_only: bool = False, base: str | None = None):
        self.base = base or base_iri()
        self.location = None if location in (None, MEMORY) else Path(location)
        self.read_only = read_only
        if self.location is None:
            self._store = Store()
            return
        _check_location(self.location, read_only)
        try:
            if read_only:
                self._store = Store.read_only(str(self.location))
            else:
                self.location.mkdir(parents=True, exist_ok=True)
                self._store = Store(str(self.location))
        except Exception as exc:  # noqa: BLE001 - pyoxigraph reports RocksDB errors as OSError or RuntimeError
            raise _open_error(self.location, exc) from None

    # ------------------------------------------------------------------ documents
    def document_hash(self, doc: str) -> str | None:
        """Content hash recorded for a document graph, None when absent."""
        for q in self._store.quads_for_pattern(NamedNode(doc), NamedNode(KG + "contentHash"), None, NamedNode(doc)):
            return q.object.value
        return None

    def put_document(self, doc: str, quads: list[Quad]) -> None:
        """Replace a document's graphs with ``quads`` in one transaction."""
        if self.read_only:
            raise StoreError("store opened read-only")
        g = NamedNode(doc)
        gi = NamedNode(inferred_graph(doc))
        body = _terms_block(quads)
        self._store.update(f"DROP SILENT GRAPH {g} ; DROP SILENT GRAPH {gi} ; INSERT DATA {{ {body} }}")

    def delete_document(self, doc: str) -> None:
        g = NamedNode(doc)
        gi = NamedNode(inferred_graph(doc))
        self._store.update(f"DROP SILENT GRAPH {g} ; DROP SILENT GRAPH {gi}")

    def documents(self) -> list[str]:
        return [str(q.subject.value) for q in self._store.quads_for_pattern(None, NamedNode(RDF + "type"), NamedNode(KG + "Document"), None)]

    # ------------------------------------------------------------------ facts
    @property
    def facts_graph(self) -> str:
        return f"{self.base}graph/facts"

    def refresh_facts(self) -> int:
        """Recompute aggregate confidence and evidence counts per fact (noisy-OR over assertions)."""
        rows = self._store.query(
            """SELECT ?f ?s ?p ?o ?c ?d ?asserted WHERE { GRAPH ?d {
                 ?a a kg:Assertion ; kg:fact ?f ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
                    kg:confidence ?c ; kg:asserted ?asserted } }""",
            prefixes={"kg": KG, "rdf": RDF},
        )
        agg = aggregate_facts(rows)
        g = NamedNode(self.facts_graph)
        # derived data, rewritten in bounded chunks: one giant INSERT DATA took gigabytes at 10,000 documents
        if self._store.contains_named_graph(g):
            self._store.remove_graph(g)
        chunk: list[Quad] = []
        for f, a in agg.items():
            chunk.extend(fact_quads(f, a, g))
            if len(chunk) >= 50_000:
                self._store.extend(chunk)
                chunk = []
        if chunk:
            self._store.extend(chunk)
        return len(agg)

    @property
    def engine(self) -> Store:
        """The underlying pyoxigraph Store (for bulk loading and the rdflib view)."""
        return self._store

    # ------------------------------------------------------------------ reading
    def query(self, sparql: str, bindings: dict[str, Any] | None = None) -> Any:
        """Run a SPARQL query over the union of all graphs; ``bindings`` are substituted as RDF terms."""
        return self._store.query(bind_values(sparql, bindings), use_default_graph_as_union=True,
                                 prefixes=prefixes(self.base))

    def quads(self, graph: str | None = None) -> Iterator[Quad]:
        return iter(self._store.quads_for_pattern(None, None, None, NamedNode(graph) if graph else None))

    def __len__(self) -> int:
        return len(self._store)

    def dump(self, fmt: Any, path: str | Path | None = None, **kw: Any) -> bytes | None:
        return self._store.dump(output=str(path) if path else None, format=fmt, **kw)

    def load(self, data: bytes | str, fmt: Any, graph: str | None = None) -> None:
        """Load RDF ``data`` in one transaction: malformed data raises StoreError and changes nothing."""
        if self.read_only:
            raise StoreError("store opened read-only")
        try:
            self._store.load(data, format=fmt, to_graph=NamedNode(graph) if graph else None)
        except (SyntaxError, ValueError) as exc:
            name = getattr(fmt, "name", None) or str(fmt)
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise StoreError(f"malformed {name} data, nothing loaded ({first})") from None

    def flush(self) -> None:
        if self.location is not None and not self.read_only:
            self._store.flush()

    def close(self) -> None:
        self.flush()
        del self._store

    def __enter__(self) -> OxigraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_store(location: str | Path | None = None, *, read_only: bool = False) -> OxigraphStore:
    """Open the store at ``location`` (default ``.kg/store``; ``:memory:``; an http(s) SPARQL endpoint)."""
    loc = str(location) if location is not None else str(DEFAULT_STORE)
    if loc.startswith(("http://", "https://")):
        from kg.graph.remote import RemoteStore

        return RemoteStore(loc, read_only=read_only)  # type: ignore[return-value]
    return OxigraphStore(loc, read_only=read_only)
