"""rdflib's API over kg's store, with Oxigraph as the engine.

Two ways to hand kg's graph to code written for rdflib:

* ``as_rdflib_dataset(store)`` -- a live, read-only ``rdflib.Dataset`` *view* of an embedded store. Nothing
  is copied: ``triples()``, ``quads()``, ``len()``, ``graphs()`` read the Oxigraph indexes and
  ``ds.query(text)`` is evaluated by Oxigraph's SPARQL engine (not rdflib's), over the union of the named
  graphs with kg's prefixes predeclared, like ``kg query``. Use it for large stores.
* ``to_rdflib_graph(store)`` -- a *copy* into an in-memory ``rdflib.Dataset``, for rdflib's serializers,
  pyshacl or code that modifies the graph. rdflib needs about 2 KB of memory per quad, so it
  refuses stores larger than ``max_quads`` unless told otherwise.

Two union semantics meet here. rdflib's pattern API (``triples``, ``len``, ``in``) sees the union of the
graphs as a set, as rdflib's own stores do. SPARQL through the view is Oxigraph's, where the union default
graph yields a triple once per graph that holds it (kg states an entity's label in every document that
mentions it): use ``SELECT DISTINCT`` where duplicates matter, exactly as with ``kg query``.

Terms are converted the way rdflib's own parsers build them (a plain ``"text"`` is ``Literal("text")``,
not ``Literal("text", datatype=XSD.string)``), so the view and the copy return equal terms.

The view is read-only: kg writes a document's graphs in one transaction (``put_document``), and the
facts graph is derived from the documents, so changes go through kg (``kg build``, ``kg.graph.bulk``).
Queries given as text run on Oxigraph; a query pre-parsed with ``rdflib.plugins.sparql.prepareQuery``
has no text left, so rdflib evaluates it with its own engine over the view (correct, much slower).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef, Variable
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.query import Result
from rdflib.store import VALID_STORE, Store
from rdflib.term import Node

from kg.graph.bindings import bind_values_in_where, where_group_start  # noqa: F401 (re-exported)
from kg.graph.namespaces import XSD, prefixes
from kg.graph.store import StoreError

#: ``to_rdflib_graph`` refuses stores with more quads than this unless ``max_quads`` says otherwise.
DEFAULT_MAX_QUADS = 500_000

_XSD_STRING = XSD + "string"
_UNION = "__UNION__"


class ReadOnlyViewError(StoreError):
    """A write was attempted through the read-only rdflib view."""


# --------------------------------------------------------------------------- term conversion
def from_ox(term: Any) -> Node | tuple[Node, Node, Node] | None:
    """An rdflib term for a pyoxigraph term (None stays None; an RDF 1.2 triple term becomes a tuple)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    if isinstance(term, ox.Triple):
        return (from_ox(term.subject), from_ox(term.predicate), from_ox(term.object))  # type: ignore[return-value]
    raise TypeError(f"unexpected pyoxigraph term {term!r}")


def to_ox(term: Any) -> Any:
    """A pyoxigraph term for an rdflib term (URIRef, BNode, Literal); None stays None."""
    if term is None:
        return None
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot use {term!r} as an RDF term")


def _ox_graph_name(context: Any) -> Any:
    """The pyoxigraph graph name for an rdflib context (a Graph or its identifier); None means any graph."""
    if context is None:
        return None
    ident = context.identifier if isinstance(context, Graph) else context
    if ident == DATASET_DEFAULT_GRAPH_ID:
        return ox.DefaultGraph()
    return to_ox(ident)


# --------------------------------------------------------------------------- the store plugin
class OxigraphView(Store):
    """A read-only rdflib ``Store`` that delegates pattern matching and SPARQL to a pyoxigraph ``Store``.

    ``query`` evaluates SPARQL text with Oxigraph: rdflib's ``queryGraph`` picks the default graph
    (``"__UNION__"`` is the union of all graphs), ``initNs`` adds to the predeclared prefixes and
    ``initBindings`` are bound at the start of the WHERE pattern (``bind_values_in_where``).
    """

    context_aware = True
    graph_aware = True
    formula_aware = False
    transaction_aware = False

    def __init__(self, engine: ox.Store, *, predeclared: Mapping[str, str] | None = None):
        super().__init__()
        self.engine = engine
        self._ns: dict[str, URIRef] = {}
        self._prefix: dict[URIRef, str] = {}
        for p, ns in (predeclared or {}).items():
            self.bind(p, URIRef(ns))

    def open(self, configuration: Any, create: bool = False) -> int:
        return VALID_STORE

    # ---------------------------------------------------------------- reading
    def triples(
        self, triple_pattern: Any, context: Any = None
    ) -> Iterator[tuple[tuple[Node, Node, Node], Iterator[Graph]]]:
        """Triples matching the pattern in ``context``; with no context, each distinct triple of the union
        once, with every graph that holds it (rdflib's semantics for a context-aware store)."""
        if any(t is not None and not isinstance(t, Node) for t in triple_pattern):
            return iter(())  # rdflib evaluates property paths itself, on top of plain patterns
        s, p, o = (to_ox(t) for t in triple_pattern)
        if context is not None:
            g = _ox_graph_name(context)
            graph = context if isinstance(context, Graph) else Graph(self, identifier=context)
            return (
                ((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)), iter((graph,)))
                for q in self.engine.quads_for_pattern(s, p, o, g)
            )
        return self._union_triples(s, p, o)

    def _union_triples(
        self, s: Any, p: Any, o: Any
    ) -> Iterator[tuple[tuple[Node, Node, Node], Iterator[Graph]]]:
        fixed = {"s": s, "p": p, "o": o}
        free = [v for v, t in fixed.items() if t is None]
        if not free:  # a fully bound pattern: one answer at most
            quads = list(self.engine.quads_for_pattern(s, p, o, None))
            if quads:
                yield (from_ox(s), from_ox(p), from_ox(o)), self._graphs_of(quads)
            return
        pattern = " ".join(f"?{v}" if fixed[v] is None else str(fixed[v]) for v in ("s", "p", "o"))
        rows = self.engine.query(
            f"SELECT DISTINCT {' '.join('?' + v for v in free)} WHERE {{ {pattern} }}",
            use_default_graph_as_union=True,
        )
        for row in rows:
            terms = {v: row[v] for v in free}
            ts, tp, to = (terms.get(v, fixed[v]) for v in ("s", "p", "o"))
            yield (from_ox(ts), from_ox(tp), from_ox(to)), self._lazy_graphs(ts, tp, to)

    def _lazy_graphs(self, s: Any, p: Any, o: Any) -> Iterator[Graph]:
        yield from self._graphs_of(self.engine.quads_for_pattern(s, p, o, None))

    def _graphs_of(self, quads: Iterable[ox.Quad]) -> Iterator[Graph]:
        for q in quads:
            g = q.graph_name
            ident = DATASET_DEFAULT_GRAPH_ID if isinstance(g, ox.DefaultGraph) else from_ox(g)
            yield Graph(self, identifier=ident)

    def __len__(self, context: Any = None) -> int:
        """Quads in ``context``; with no context, distinct triples of the union (like rdflib's Memory store)."""
        if context is None:
            q = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"
            rows = self.engine.query(q, use_default_graph_as_union=True)
        else:
            rows = self.engine.query(
                "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", default_graph=_ox_graph_name(context)
            )
        return int(next(iter(rows))["n"].value)

    def contexts(self, triple: Any = None) -> Iterator[Graph]:
        """Named graphs (all of them, or those holding ``triple``)."""
        if triple is None:
            for g in self.engine.named_graphs():
                yield Graph(self, identifier=from_ox(g))
            return
        seen: set[Node] = set()
        for graph in self._graphs_of(self.engine.quads_for_pattern(*(to_ox(t) for t in triple), None)):
            if graph.identifier not in seen:
                seen.add(graph.identifier)
                yield graph

    # ---------------------------------------------------------------- SPARQL
    def query(
        self,
        query: Any,
        initNs: Mapping[str, Any],
        initBindings: Mapping[str, Any],
        queryGraph: Any,
        **kwargs: Any,  # noqa: N803
    ) -> Result:
        """Evaluate SPARQL text with Oxigraph (``NotImplementedError`` hands parsed queries back to rdflib)."""
        if not isinstance(query, str) or kwargs:
            raise NotImplementedError("only SPARQL text without extra options is delegated to Oxigraph")
        bindings = {str(k): to_ox(v) for k, v in (initBindings or {}).items()}
        pfx = {p: str(ns) for p, ns in self._ns.items()}
        pfx.update({p: str(ns) for p, ns in (initNs or {}).items()})
        options: dict[str, Any] = {"prefixes": pfx}
        if queryGraph == _UNION:
            options["use_default_graph_as_union"] = True
        elif queryGraph is not None and queryGraph != DATASET_DEFAULT_GRAPH_ID:
            options["default_graph"] = _ox_graph_name(queryGraph)
        return _to_result(self.engine.query(bind_values_in_where(query, bindings), **options))

    def update(self, *args: Any, **kwargs: Any) -> None:
        raise ReadOnlyViewError("the rdflib view of a kg store is read-only: write through kg")

    # ---------------------------------------------------------------- writes are refused
    def add(self, triple: Any, context: Any, quoted: bool = False) -> None:
        raise ReadOnlyViewError("the rdflib view of a kg store is read-only: write through kg")

    def addN(self, quads: Iterable[Any]) -> None:  # noqa: N802
        raise ReadOnlyViewError("the rdflib view of a kg store is read-only: write through kg")

    def remove(self, triple: Any, context: Any = None) -> None:
        raise ReadOnlyViewError("the rdflib view of a kg store is read-only: write through kg")

    def remove_graph(self, graph: Any) -> None:
        raise ReadOnlyViewError("the rdflib view of a kg store is read-only: write through kg")

    def add_graph(self, graph: Any) -> None:
        """Nothing to do: rdflib calls this from ``Dataset.graph(iri)``, and an empty graph is no graph."""

    # ---------------------------------------------------------------- namespaces (kept in memory)
    def bind(self, prefix: str, namespace: Any, override: bool = True) -> None:
        namespace = URIRef(namespace)
        if not override and (prefix in self._ns or namespace in self._prefix):
            return
        old = self._ns.pop(prefix, None)
        if old is not None:
            self._prefix.pop(old, None)
        old_prefix = self._prefix.pop(namespace, None)
        if old_prefix is not None:
            self._ns.pop(old_prefix, None)
        self._ns[prefix] = namespace
        self._prefix[namespace] = prefix

    def prefix(self, namespace: Any) -> str | None:
        return self._prefix.get(URIRef(namespace))

    def namespace(self, prefix: str) -> URIRef | None:
        return self._ns.get(prefix)

    def namespaces(self) -> Iterator[tuple[str, URIRef]]:
        yield from self._ns.items()


def _to_result(res: Any) -> Result:
    if isinstance(res, ox.QueryBoolean):
        out = Result("ASK")
        out.askAnswer = bool(res)
        return out
    if isinstance(res, ox.QuerySolutions):
        out = Result("SELECT")
        names = [v.value for v in res.variables]
        out.vars = [Variable(n) for n in names]
        out.bindings = (
            {Variable(n): from_ox(t) for n, t in zip(names, sol, strict=True) if t is not None} for sol in res
        )
        return out
    out = Result("CONSTRUCT")
    graph = Graph()
    for t in res:
        graph.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
    out.graph = graph
    return out


# --------------------------------------------------------------------------- public functions
def _engine(store: Any) -> ox.Store:
    if isinstance(store, ox.Store):
        return store
    engine = getattr(store, "engine", None) or getattr(store, "_store", None)
    if isinstance(engine, ox.Store):
        return engine
    raise TypeError(
        f"{type(store).__name__} has no embedded Oxigraph engine: use to_rdflib_graph(store) for a copy, "
        "or rdflib's SPARQLStore on the server's endpoint"
    )


def as_rdflib_dataset(store: Any) -> Dataset:
    """A live, read-only ``rdflib.Dataset`` over an embedded kg store (or a ``pyoxigraph.Store``).

    SPARQL text given to ``ds.query`` runs on Oxigraph over the union of all graphs, with kg's prefixes
    (``kg:``, ``kgr:``, ``kgd:``, ``prov:``...) predeclared; ``initBindings`` bind variables to terms.
    Pattern reads (``ds.triples``, ``ds.quads``, ``ds.graphs()``) read Oxigraph's indexes.
    """
    base = getattr(store, "base", None)
    view = OxigraphView(_engine(store), predeclared=prefixes(base))
    ds = Dataset(store=view, default_union=True)
    for p, ns in prefixes(base).items():
        ds.bind(p, ns, override=True, replace=True)
    return ds


def to_rdflib_graph(
    store: Any, *, graph: str | None = None, max_quads: int | None = DEFAULT_MAX_QUADS
) -> Dataset:
    """Copy a kg store (embedded or remote), or one of its named graphs, into an in-memory ``rdflib.Dataset``.

    The copy is independent of the store and has ``default_union`` set, so ``triples()`` and ``query()``
    see every graph like ``kg query`` does. Raises ``ValueError`` when the store holds more than
    ``max_quads`` quads (``None`` lifts the limit): use ``as_rdflib_dataset`` for large stores.
    """
    if max_quads is not None and graph is None:
        n = len(store)
        if n > max_quads:
            raise ValueError(
                f"the store holds {n:,} quads, more than max_quads={max_quads:,}: "
                "use as_rdflib_dataset(store) for a view, or pass a larger max_quads"
            )
    ds = Dataset(default_union=True)
    for p, ns in prefixes(getattr(store, "base", None)).items():
        ds.bind(p, ns, override=True, replace=True)
    graphs: dict[Any, Graph] = {}
    batch: list[tuple[Node, Node, Node, Graph]] = []
    for i, q in enumerate(store.quads(graph)):
        if max_quads is not None and graph is not None and i >= max_quads:
            raise ValueError(f"graph {graph} holds more than max_quads={max_quads:,} quads")
        g = graphs.get(q.graph_name)
        if g is None:
            ident = (
                DATASET_DEFAULT_GRAPH_ID
                if isinstance(q.graph_name, ox.DefaultGraph)
                else from_ox(q.graph_name)
            )
            g = graphs[q.graph_name] = ds.graph(ident)
        batch.append((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object), g))
        if len(batch) >= 10_000:
            ds.addN(batch)
            batch.clear()
    ds.addN(batch)
    return ds
