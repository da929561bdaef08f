"""A kg store on a remote SPARQL 1.1 server (Oxigraph server, Virtuoso, Fuseki, GraphDB...).

``RemoteStore`` has the methods of ``OxigraphStore`` and speaks SPARQL 1.1 Query and Update and, where the
server has one, the Graph Store HTTP Protocol, over plain ``urllib``. Results are parsed with pyoxigraph, so
``query`` returns the same types as the embedded store (``QuerySolutions``, ``QueryBoolean``, triples).

Endpoint conventions (derived from the query URL, see ``endpoints_for``):

* Oxigraph server: ``http://HOST:7878/query`` (update ``/update``, graph store ``/store``);
* Virtuoso: ``http://HOST:8890/sparql`` for queries and updates (the SPARQL user needs ``SPARQL_UPDATE``);
* RDF4J / GraphDB: ``http://HOST:7200/repositories/ID`` (update ``.../statements``);
* anything else (e.g. a Fuseki dataset ``http://HOST:3030/ds``): the same URL for queries and updates.

Query parameters in the URL (e.g. Oxigraph's ``?union-default-graph``) are sent with every query.

On a shared server the kg dataset is the set of named graphs whose IRI starts with the store's base IRI:
``quads()``, ``len()`` and ``dump()`` only see those graphs (Virtuoso, for one, keeps system graphs).
"""

from __future__ import annotations

import re
import socket
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pyoxigraph import (
    DefaultGraph,
    Literal,
    NamedNode,
    Quad,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    RdfFormat,
    Store,
    Triple,
    parse,
    parse_query_results,
)

from kg.graph.bindings import bind_values
from kg.graph.namespaces import base_iri, inferred_graph, prefixes
from kg.graph.store import StoreError, aggregate_facts
from kg.graph.store import fact_quads as describe_fact

RESULTS_ACCEPT = "application/sparql-results+xml, application/sparql-results+json;q=0.8"
GRAPH_ACCEPT = "application/n-triples"  # one type only: Virtuoso answers 406 to lists for CONSTRUCT
INSERT_CHUNK = 1000  # quads per INSERT DATA operation (Virtuoso's compiler runs out of memory near 5,000)

_RESULT_TYPES = {
    "application/sparql-results+xml": QueryResultsFormat.XML,
    "application/xml": QueryResultsFormat.XML,
    "application/sparql-results+json": QueryResultsFormat.JSON,
    "application/json": QueryResultsFormat.JSON,
    "text/tab-separated-values": QueryResultsFormat.TSV,
}
_GRAPH_FORMS = {"construct", "describe"}
_PROLOGUE = re.compile(
    r"""\s+|\#[^\n]*|BASE\s*<[^>]*>|PREFIX\s*[^\s:]*:\s*<[^>]*>|DEFINE\s+\S+\s+("[^"]*"|'[^']*'|<[^>]*>|\S+)""",
    re.IGNORECASE,
)
_FORM = re.compile(r"(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)


class RemoteStoreError(StoreError, OSError):
    """The SPARQL server cannot be reached or refused a request (one line, with the URL)."""


class RemoteSyntaxError(SyntaxError):
    """The server rejected a query as malformed (HTTP 400): raised like pyoxigraph's own SyntaxError."""

    def __str__(self) -> str:
        return str(self.msg)


@dataclass(frozen=True)
class Endpoints:
    """Where queries, updates and Graph Store requests go, and extra parameters sent with queries."""

    query: str
    update: str
    gsp: str | None
    params: dict[str, str] = field(default_factory=dict)
    gsp_derived: bool = False


def endpoints_for(url: str, update_url: str | None = None, gsp_url: str | None = None) -> Endpoints:
    """Derive the update and Graph Store URLs from a query URL (see the module docstring)."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise StoreError(f"{url}: not an http(s) SPARQL endpoint URL")
    params = dict(urllib.parse.parse_qsl(parts.query, keep_blank_values=True))
    query = urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
    path = parts.path.rstrip("/")
    derived_update, derived_gsp = query, None
    if path.endswith("/query"):
        root = urllib.parse.urlunsplit((parts.scheme, parts.netloc, path[: -len("/query")], "", ""))
        derived_update, derived_gsp = root + "/update", root + "/store"
    elif re.search(r"/repositories/[^/]+$", path):
        root = urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, "", ""))
        derived_update, derived_gsp = root + "/statements", root + "/rdf-graphs/service"
    return Endpoints(
        query=query,
        update=update_url or derived_update,
        gsp=gsp_url or derived_gsp,
        params=params,
        gsp_derived=gsp_url is None and derived_gsp is not None,
    )


def query_form(sparql: str) -> str | None:
    """``select``, ``ask``, ``construct`` or ``describe`` (after the prologue), None when unrecognised."""
    pos = 0
    while True:
        m = _PROLOGUE.match(sparql, pos)
        if not m or m.end() == pos:
            break
        pos = m.end()
    m = _FORM.match(sparql, pos)
    return m.group(1).lower() if m else None


def with_prefixes(sparql: str, declared: dict[str, str]) -> str:
    """Prepend ``PREFIX`` declarations for the kg prefixes the query does not declare itself."""
    head = [
        f"PREFIX {name}: <{iri}>"
        for name, iri in declared.items()
        if not re.search(rf"(?i)\bPREFIX\s+{re.escape(name)}\s*:", sparql)
    ]
    return "\n".join([*head, sparql]) if head else sparql


def insert_operations(quads: Iterable[Quad], chunk: int = INSERT_CHUNK) -> list[str]:
    """``INSERT DATA`` operations of at most ``chunk`` quads each (terms in N-Triples syntax)."""
    ops: list[str] = []
    batch: list[Quad] = []
    for q in quads:
        batch.append(q)
        if len(batch) >= chunk:
            ops.append(_insert_data(batch))
            batch = []
    if batch:
        ops.append(_insert_data(batch))
    return ops


def _insert_data(quads: list[Quad]) -> str:
    by_graph: dict[str, list[str]] = {}
    for q in quads:
        key = "" if isinstance(q.graph_name, DefaultGraph) else str(q.graph_name)
        by_graph.setdefault(key, []).append(f"{q.subject} {q.predicate} {q.object} .")
    blocks = [
        f"GRAPH {g} {{\n" + "\n".join(lines) + "\n}" if g else "\n".join(lines)
        for g, lines in by_graph.items()
    ]
    return "INSERT DATA {\n" + "\n".join(blocks) + "\n}"


def fact_quads(rows: Iterable[Any], graph: str) -> tuple[int, list[Quad]]:
    """Aggregate assertion rows (f s p o c d asserted) into fact quads: noisy-OR confidence and counts
    (the same aggregation and description as the embedded store)."""
    agg = aggregate_facts(rows)
    g = NamedNode(graph)
    quads: list[Quad] = []
    for f, a in agg.items():
        quads.extend(describe_fact(f, a, g))
    return len(agg), quads


_ASSERTIONS = """SELECT ?f ?s ?p ?o ?c ?d ?asserted WHERE {{ GRAPH ?d {{
  ?a a kg:Assertion ; kg:fact ?f ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
     kg:confidence ?c ; kg:asserted ?asserted }} FILTER(STRSTARTS(STR(?d), {base})) }} ORDER BY ?a ?d"""


class RemoteStore:
    """A kg store kept on a SPARQL 1.1 server; same methods as ``OxigraphStore``.

    ``url`` is the query endpoint (its query string is sent with every query); ``update_url`` and
    ``gsp_url`` override the derived update and Graph Store endpoints. ``timeout`` bounds each HTTP
    request (seconds). ``base`` is the base IRI (default ``KG_BASE_IRI``): the store is made of the
    graphs under it. Internal listings are fetched ``page_size`` rows at a time; bulk writes send at most
    ``max_quads_per_request`` quads per request. ``graph_store_protocol=False`` keeps to SPARQL only.

    >>> store = RemoteStore("http://127.0.0.1:7878/query")            # doctest: +SKIP
    >>> build_store(store, documents)                                  # doctest: +SKIP
    """

    def __init__(
        self,
        url: str,
        read_only: bool = False,
        *,
        update_url: str | None = None,
        gsp_url: str | None = None,
        timeout: float = 30,
        base: str | None = None,
        page_size: int = 5000,
        max_quads_per_request: int = 50_000,
        graph_store_protocol: bool = True,
    ) -> None:
        self.url = url
        self.endpoints = endpoints_for(url, update_url, gsp_url)
        self.read_only = read_only
        self.timeout = timeout
        self.base = base or base_iri()
        self.page_size = page_size
        self.max_quads_per_request = max_quads_per_request
        self._gsp = self.endpoints.gsp if graph_store_protocol else None

    def __repr__(self) -> str:
        return f"RemoteStore({self.url!r}, read_only={self.read_only})"

    # ------------------------------------------------------------------ HTTP
    def _http(
        self,
        url: str,
        data: bytes | None,
        headers: dict[str, str],
        method: str | None = None,
        *,
        query: bool = False,
    ) -> tuple[str, bytes]:
        """One HTTP request; returns (content type, body) or raises a one-line error.

        A query the server rejects with 400 raises ``RemoteSyntaxError``, like a malformed query does in
        the embedded store; every other failure raises ``RemoteStoreError``.
        """
        req = urllib.request.Request(url, data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                return resp.headers.get_content_type(), resp.read()
        except urllib.error.HTTPError as exc:
            detail = _first_line(exc.read())
            raise _http_error(url, exc.code, exc.reason, detail, query) from None
        except urllib.error.URLError as exc:
            raise RemoteStoreError(f"{url}: {_reason(exc.reason, self.timeout)}") from None
        except TimeoutError:
            raise RemoteStoreError(f"{url}: no answer within {self.timeout:g} s (timed out)") from None
        except (ConnectionError, OSError) as exc:
            raise RemoteStoreError(f"{url}: {_reason(exc, self.timeout)}") from None

    def _post_query(self, sparql: str, accept: str) -> tuple[str, bytes]:
        form = {**self.endpoints.params, "query": sparql}
        body = urllib.parse.urlencode(form).encode("utf-8")
        headers = {"Accept": accept, "Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}
        return self._http(self.endpoints.query, body, headers, query=True)

    def _update(self, operations: list[str]) -> None:
        """Send ``operations`` as ONE SPARQL Update request (the server applies it as one transaction)."""
        if self.read_only:
            raise StoreError(f"{self.url}: store opened read-only")
        body = urllib.parse.urlencode({"update": " ;\n".join(operations)}).encode("utf-8")
        headers = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}
        self._http(self.endpoints.update, body, headers)

    def _select(self, sparql: str) -> list[Any]:
        """Solutions of one internal SELECT (kg prefixes declared)."""
        return list(self._run(with_prefixes(sparql, prefixes(self.base)), "select"))

    def _select_all(self, sparql: str) -> Iterator[Any]:
        """Solutions of an ordered SELECT, fetched ``page_size`` rows at a time (servers cap result sizes)."""
        offset = 0
        while True:
            page = self._select(f"{sparql}\nLIMIT {self.page_size} OFFSET {offset}")
            yield from page
            if len(page) < self.page_size:
                return
            offset += self.page_size

    def _run(self, sparql: str, form: str | None) -> Any:
        accept = GRAPH_ACCEPT if form in _GRAPH_FORMS else RESULTS_ACCEPT
        ctype, body = self._post_query(sparql, accept)
        result = _parse_response(self.endpoints.query, ctype, body)
        if form == "ask" and isinstance(result, QuerySolutions):
            return _boolean(result)
        return result

    # ------------------------------------------------------------------ documents
    def document_hash(self, doc: str) -> str | None:
        """Content hash recorded for a document graph, None when absent."""
        d = NamedNode(doc)
        rows = self._select(f"SELECT ?h WHERE {{ GRAPH {d} {{ {d} kg:contentHash ?h }} }} LIMIT 1")
        return rows[0]["h"].value if rows else None

    def put_document(self, doc: str, quads: list[Quad]) -> None:
        """Replace a document's graphs with ``quads`` in ONE update request (never half a document)."""
        g, gi = NamedNode(doc), NamedNode(inferred_graph(doc))
        self._update([f"DROP SILENT GRAPH {g}", f"DROP SILENT GRAPH {gi}", *insert_operations(quads)])

    def put_documents(self, docs: list[tuple[str, list[Quad]]]) -> None:
        """Replace several documents' graphs in ONE update request: all of them are written, or none."""
        ops: list[str] = []
        for doc, quads in docs:
            ops += [
                f"DROP SILENT GRAPH {NamedNode(doc)}",
                f"DROP SILENT GRAPH {NamedNode(inferred_graph(doc))}",
            ]
            ops += insert_operations(quads)
        if ops:
            self._update(ops)

    def clear(self) -> None:
        """Remove every kg graph (those under the base IRI) from the server, in one update request."""
        graphs = self.graphs()
        if graphs:
            self._update([f"DROP SILENT GRAPH {NamedNode(g)}" for g in graphs])

    def delete_document(self, doc: str) -> None:
        """Remove a document's graph and its inferred graph."""
        g, gi = NamedNode(doc), NamedNode(inferred_graph(doc))
        self._update([f"DROP SILENT GRAPH {g}", f"DROP SILENT GRAPH {gi}"])

    def documents(self) -> list[str]:
        """IRIs of the documents in the store (in graphs under the base IRI)."""
        base = Literal(self.base)
        rows = self._select_all(
            f"SELECT DISTINCT ?d WHERE {{ GRAPH ?g {{ ?d a kg:Document }} FILTER(STRSTARTS(STR(?g), {base})) }} ORDER BY ?d"
        )
        return [r["d"].value for r in rows]

    # ------------------------------------------------------------------ facts
    @property
    def facts_graph(self) -> str:
        return f"{self.base}graph/facts"

    def refresh_facts(self) -> int:
        """Recompute aggregate confidence and evidence counts per fact (noisy-OR over assertions).

        The new facts graph replaces the old one in one update request; a very large one is written to a
        staging graph first and then moved in place with ``MOVE``, so readers never see half of it.
        """
        if self.read_only:
            raise StoreError(f"{self.url}: store opened read-only")
        count, quads = fact_quads(
            self._select_all(_ASSERTIONS.format(base=Literal(self.base))), self.facts_graph
        )
        g = NamedNode(self.facts_graph)
        if len(quads) <= self.max_quads_per_request:
            self._update([f"DROP SILENT GRAPH {g}", *insert_operations(quads)])
            return count
        staging = NamedNode(self.facts_graph + "/staging")
        self._update([f"DROP SILENT GRAPH {staging}"])
        for start in range(0, len(quads), self.max_quads_per_request):
            part = [
                Quad(q.subject, q.predicate, q.object, staging)
                for q in quads[start : start + self.max_quads_per_request]
            ]
            self._update(insert_operations(part))
        self._update([f"MOVE SILENT GRAPH {staging} TO GRAPH {g}"])
        return count

    # ------------------------------------------------------------------ reading
    def query(self, sparql: str, bindings: dict[str, Any] | None = None) -> Any:
        """Run a SPARQL query on the server; ``bindings`` are substituted as RDF terms (``VALUES``).

        The union of all graphs is the default graph only when the server does so (Virtuoso, GraphDB) or
        is told to (``oxigraph serve --union-default-graph`` or ``?union-default-graph`` in the URL).
        """
        text = with_prefixes(bind_values(sparql, bindings), prefixes(self.base))
        return self._run(text, query_form(text))

    def graphs(self) -> list[str]:
        """The kg named graphs on the server (those under the base IRI)."""
        base = Literal(self.base)
        rows = self._select_all(
            f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), {base})) }} ORDER BY ?g"
        )
        return [r["g"].value for r in rows]

    def quads(self, graph: str | None = None) -> Iterator[Quad]:
        """Quads of one graph, or of every kg graph."""
        for g in [graph] if graph else self.graphs():
            yield from self._graph_quads(g)

    def _graph_quads(self, graph: str) -> Iterator[Quad]:
        g = NamedNode(graph)
        if self._gsp:
            triples = self._gsp_get(graph)
            if triples is not None:
                for t in triples:
                    yield Quad(t.subject, t.predicate, t.object, g)
                return
        for r in self._select_all(f"SELECT ?s ?p ?o WHERE {{ GRAPH {g} {{ ?s ?p ?o }} }} ORDER BY ?s ?p ?o"):
            yield Quad(r["s"], r["p"], r["o"], g)

    def _gsp_get(self, graph: str) -> list[Triple] | None:
        """A graph through the Graph Store Protocol; None when the server has no such service."""
        url = f"{self._gsp}?{urllib.parse.urlencode({'graph': graph})}"
        try:
            ctype, body = self._http(url, None, {"Accept": GRAPH_ACCEPT})
        except RemoteStoreError as exc:
            if "HTTP 404" in str(exc) and self._graph_is_empty(graph):
                return []
            if self.endpoints.gsp_derived and _no_service(exc):
                self._gsp = None
                return None
            raise
        return [Triple(q.subject, q.predicate, q.object) for q in parse(body, format=_rdf_format(ctype))]

    def _graph_is_empty(self, graph: str) -> bool:
        return not self._run(f"ASK {{ GRAPH {NamedNode(graph)} {{ ?s ?p ?o }} }}", "ask")

    def __len__(self) -> int:
        base = Literal(self.base)
        rows = self._select(
            f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), {base})) }}"
        )
        return int(rows[0]["n"].value) if rows else 0

    def dump(self, fmt: Any, path: str | Path | None = None, **kw: Any) -> bytes | None:
        """Serialise the kg graphs like ``OxigraphStore.dump`` (copied into memory first)."""
        mem = Store()
        mem.extend(self.quads())
        return mem.dump(output=str(path) if path else None, format=fmt, **kw)

    def load(self, data: bytes | str, fmt: Any, graph: str | None = None) -> None:
        """Add RDF data (to ``graph``, or to the graphs a dataset format names).

        Triples for a named graph go through the Graph Store Protocol when the server has it; otherwise the
        data is parsed here (malformed data raises StoreError before anything is sent) and sent as
        ``INSERT DATA`` requests of at most ``max_quads_per_request`` quads. Blank nodes are only safe
        when all the data fits in one request.
        """
        if self.read_only:
            raise StoreError(f"{self.url}: store opened read-only")
        if self._gsp and graph and not fmt.supports_datasets and self._gsp_post(data, fmt, graph):
            return
        target = NamedNode(graph) if graph else None
        try:
            parsed = list(parse(data.encode("utf-8") if isinstance(data, str) else data, format=fmt))
        except (SyntaxError, ValueError) as exc:
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise StoreError(
                f"malformed {getattr(fmt, 'name', fmt)} data, nothing loaded ({first})"
            ) from None
        quads = [
            Quad(q.subject, q.predicate, q.object, target)
            if target and isinstance(q.graph_name, DefaultGraph)
            else q
            for q in parsed
        ]
        for start in range(0, len(quads), self.max_quads_per_request):
            self._update(insert_operations(quads[start : start + self.max_quads_per_request]))

    def _gsp_post(self, data: bytes | str, fmt: RdfFormat, graph: str) -> bool:
        """POST triples to a graph through the Graph Store Protocol; False when there is no such service."""
        url = f"{self._gsp}?{urllib.parse.urlencode({'graph': graph})}"
        body = data.encode("utf-8") if isinstance(data, str) else data
        try:
            self._http(url, body, {"Content-Type": fmt.media_type}, method="POST")
        except RemoteStoreError as exc:
            if self.endpoints.gsp_derived and _no_service(exc):
                self._gsp = None
                return False
            raise
        return True

    def flush(self) -> None:
        """Nothing to do: every update request is committed by the server."""

    def close(self) -> None:
        """Nothing to release (one connection per request)."""

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# ---------------------------------------------------------------------------------------------- helpers
def _parse_response(url: str, ctype: str, body: bytes) -> Any:
    if ctype in _RESULT_TYPES:
        try:
            return parse_query_results(body, format=_RESULT_TYPES[ctype])
        except SyntaxError as exc:
            raise RemoteStoreError(
                f"{url}: unreadable query results ({_first_line(str(exc).encode())})"
            ) from None
    try:
        fmt = _rdf_format(ctype)
        return [Triple(q.subject, q.predicate, q.object) for q in parse(body, format=fmt)]
    except (SyntaxError, ValueError) as exc:
        raise RemoteStoreError(
            f"{url}: unreadable answer of type {ctype} ({_first_line(str(exc).encode())})"
        ) from None


def _boolean(solutions: QuerySolutions) -> QueryBoolean:
    """An ASK answer sent as a one-cell table (Virtuoso 7.2 does so) as a ``QueryBoolean``."""
    value = False
    for row in solutions:
        cell = row[0]
        value = cell is not None and cell.value in ("1", "true")
        break
    doc = f'<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head/><boolean>{str(value).lower()}</boolean></sparql>'
    return parse_query_results(doc, format=QueryResultsFormat.XML)


def _rdf_format(ctype: str) -> RdfFormat:
    if ctype in ("text/plain", "text/ntriples", "application/ntriples"):
        return RdfFormat.N_TRIPLES
    fmt = RdfFormat.from_media_type(ctype)
    if fmt is None:
        raise ValueError(f"unsupported media type {ctype}")
    return fmt


def _first_line(body: bytes) -> str:
    text = body.decode("utf-8", "replace")
    text = re.sub(r"<[^>]+>", " ", text) if "<html" in text.lower() or "<!doctype" in text.lower() else text
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:300]
    return ""


def _http_error(url: str, code: int, reason: str, detail: str, query: bool) -> Exception:
    if code == 400 and query:
        return RemoteSyntaxError(f"{url}: the server rejected the query: {detail or reason}")
    hint = ' (Virtuoso: GRANT SPARQL_UPDATE TO "SPARQL")' if "no permission" in detail.lower() else ""
    return RemoteStoreError(f"{url}: HTTP {code} {reason}" + (f": {detail}" if detail else "") + hint)


def _no_service(exc: RemoteStoreError) -> bool:
    return any(f"HTTP {code}" in str(exc) for code in (404, 405, 406, 415, 501))


def _reason(reason: object, timeout: float) -> str:
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused (is the SPARQL server running?)"
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return f"no answer within {timeout:g} s (timed out)"
    if isinstance(reason, socket.gaierror):
        return f"unknown host ({reason.strerror})"
    text = getattr(reason, "strerror", None) or str(reason)
    return str(text).splitlines()[0] if text else type(reason).__name__
