"""Check a store against the SHACL shapes of ``ontologies/shapes.ttl`` (``kg validate``).

The store's quads are copied into one rdflib graph (the union of its named graphs) and validated with
pyshacl. The ``<doc>/inferred`` graphs are left out by default: they only hold entailments of the document
graphs (inverses, super-properties, mirrored symmetric relations), so a wrong triple would be reported
once for itself and again for each of its entailments; ``inferred=True`` checks them too.

No RDFS/OWL inference runs before validation, on purpose: inferring types from ``rdfs:domain`` and
``rdfs:range`` would make every entity the shapes are meant to check fit the type they are checked against
(a Place object of ``kg:ceoOf`` would simply become an Organization).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH, XSD
from rdflib.term import Node

from kg.resources import ontologies_dir

SEVERITIES = {str(SH.Violation): "Violation", str(SH.Warning): "Warning", str(SH.Info): "Info"}
_SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}
_XSD_STRING = str(XSD.string)
_INFERRED_SUFFIX = "/inferred"


class ValidationError(RuntimeError):
    """Validation cannot run (missing pyshacl, unreadable shapes)."""


class Violation(NamedTuple):
    """One SHACL result: the node it is about, the property path, what is wrong and how bad it is."""

    focus: str
    path: str
    message: str
    severity: str  # Violation | Warning | Info
    value: str = ""


@dataclass
class ValidationReport:
    """Outcome of a validation: ``conforms`` is False when at least one result is a Violation."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    triples: int = 0

    def count(self, severity: str) -> int:
        """Number of results with this severity."""
        return sum(1 for v in self.violations if v.severity == severity)


def shapes_path() -> Path:
    """The shapes file shipped with kg."""
    return ontologies_dir() / "shapes.ttl"


def load_shapes(shapes: str | Path | Graph | None = None) -> Graph:
    """The shapes graph: kg's own, a Turtle file, or a graph given as is."""
    if isinstance(shapes, Graph):
        return shapes
    path = Path(shapes) if shapes is not None else shapes_path()
    try:
        return Graph().parse(path, format="turtle")
    except (OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(f"{path}: cannot read the shapes ({str(exc).splitlines()[0]})") from None


def _term(t: Any) -> Node:
    """An rdflib term for a pyoxigraph term."""
    if isinstance(t, ox.NamedNode):
        return URIRef(t.value)
    if isinstance(t, ox.BlankNode):
        return BNode(t.value)
    if isinstance(t, ox.Literal):
        if t.language:
            return Literal(t.value, lang=t.language)
        dt = t.datatype.value
        return Literal(t.value) if dt == _XSD_STRING else Literal(t.value, datatype=URIRef(dt))
    raise ValidationError(f"unsupported RDF term {t!r}")


class _DataGraph(Graph):
    """An rdflib graph that parses each SPARQL text once.

    pyshacl runs a SHACL-SPARQL constraint once per focus node with the same text and ``$this`` in
    ``initBindings``; rdflib would parse that text every time (about 50 ms each).
    """

    def __init__(self) -> None:
        super().__init__()
        self._prepared: dict[str, Any] = {}

    def query(
        self,
        query_object: Any,
        processor: Any = "sparql",
        result: Any = "sparql",
        initNs: Any = None,
        initBindings: Any = None,
        use_store_provided: bool = True,
        **kwargs: Any,
    ) -> Any:
        if isinstance(query_object, str) and processor == "sparql" and not initNs:
            prepared = self._prepared.get(query_object)
            if prepared is None:
                from rdflib.plugins.sparql import prepareQuery

                prepared = self._prepared[query_object] = prepareQuery(query_object)
            query_object = prepared
        return super().query(
            query_object, processor, result, initNs, initBindings, use_store_provided, **kwargs
        )


def is_inferred_graph(graph: Any) -> bool:
    """True for a ``<doc>/inferred`` graph name (pyoxigraph term or string)."""
    name = getattr(graph, "value", graph)
    return isinstance(name, str) and name.endswith(_INFERRED_SUFFIX)


def store_graph(quads: Iterable[Any], *, inferred: bool = False) -> Graph:
    """The union of the graphs of ``quads`` as one rdflib graph (without the inferred graphs unless asked)."""
    g = _DataGraph()
    add = g.add
    for q in quads:
        if not inferred and is_inferred_graph(q.graph_name):
            continue
        add((_term(q.subject), _term(q.predicate), _term(q.object)))
    return g


def _pyshacl() -> Any:
    try:
        import pyshacl
    except ImportError:
        raise ValidationError("pyshacl is not installed: pip install 'kg[validate]'") from None
    return pyshacl


def _text(node: Node | None) -> str:
    return "" if node is None else str(node)


def _violations(results: Graph) -> list[Violation]:
    out = []
    for r in results.subjects(RDF.type, SH.ValidationResult):
        severity = SEVERITIES.get(_text(results.value(r, SH.resultSeverity)), "Violation")
        focus = results.value(r, SH.focusNode)
        path = results.value(r, SH.resultPath)
        value = results.value(r, SH.value)
        message = _text(results.value(r, SH.resultMessage)) or "does not conform"
        out.append(
            Violation(
                focus=_text(focus),
                path=_text(path) if isinstance(path, URIRef) else "",
                message=message,
                severity=severity,
                value="" if value == focus else _text(value),
            )
        )
    out.sort(key=lambda v: (_SEVERITY_ORDER.get(v.severity, 9), v.message, v.focus, v.path, v.value))
    return out


def validate_graph(data: Graph, *, shapes: str | Path | Graph | None = None) -> ValidationReport:
    """Validate an rdflib graph against the shapes (kg's by default)."""
    pyshacl = _pyshacl()
    conforms, results, _ = pyshacl.validate(
        data,
        shacl_graph=load_shapes(shapes),
        inference="none",
        allow_warnings=True,
        allow_infos=True,
        inplace=True,
    )
    violations = _violations(results)
    return ValidationReport(conforms=bool(conforms), violations=violations, triples=len(data))


def validate_store(
    store: Any, *, shapes: str | Path | Graph | None = None, inferred: bool = False
) -> ValidationReport:
    """Validate the quads of ``store`` (an OxigraphStore or RemoteStore) against the shapes.

    ``inferred`` also checks the ``<doc>/inferred`` graphs of materialised entailments.
    """
    return validate_graph(store_graph(store.quads(), inferred=inferred), shapes=shapes)


# ---------------------------------------------------------------------------------------------- command line
def shorten(iri: str, prefixes: dict[str, str]) -> str:
    """``prefix:local`` for an IRI under one of ``prefixes`` (the longest namespace wins), else the IRI."""
    best = ""
    for ns in prefixes.values():
        if iri.startswith(ns) and len(ns) > len(best):
            best = ns
    if not best:
        return iri
    name = next(p for p, ns in prefixes.items() if ns == best)
    return f"{name}:{iri[len(best) :]}"


def render_report(report: ValidationReport, console: Any, *, limit: int, prefixes: dict[str, str]) -> None:
    """Print a summary line and a table of the first ``limit`` results (most severe first)."""
    from rich.markup import escape
    from rich.table import Table

    n_viol, n_warn = report.count("Violation"), report.count("Warning")
    if not report.violations:
        console.print(
            f"[bold green]conforms[/]: {report.triples} triples checked, no violations", highlight=False
        )
        return
    verdict = "[bold green]conforms[/]" if report.conforms else "[bold red]does not conform[/]"
    console.print(
        f"{verdict}: {n_viol} violation(s), {n_warn} warning(s) in {report.triples} triples", highlight=False
    )
    table = Table("severity", "focus node", "path", "value", "message")
    for v in report.violations[:limit]:
        style = "red" if v.severity == "Violation" else "yellow"
        table.add_row(
            f"[{style}]{v.severity}[/]",
            escape(shorten(v.focus, prefixes)),
            escape(shorten(v.path, prefixes)),
            escape(shorten(v.value, prefixes)),
            escape(v.message),
        )
    console.print(table)
    hidden = len(report.violations) - limit
    if hidden > 0:
        console.print(f"{hidden} more result(s) not shown (raise --limit); by message:", style="dim")
        counts = Table("count", "message")
        for message, n in Counter(v.message for v in report.violations).most_common():
            counts.add_row(str(n), escape(message))
        console.print(counts)


def validate_command(
    store: str, limit: int, *, inferred: bool = False, console: Any = None, err_console: Any = None
) -> int:
    """Validate the store at ``store`` and print the results; the exit code of ``kg validate``.

    0: the store conforms (warnings allowed); 1: at least one violation; 2: the store or the shapes
    cannot be read.
    """
    from rich.console import Console
    from rich.markup import escape

    from kg.graph.namespaces import prefixes
    from kg.graph.store import StoreError, open_store

    console = console or Console()
    err_console = err_console or Console(stderr=True)

    def fail(message: str) -> int:
        err_console.print(f"[bold red]error:[/] {escape(message)}", highlight=False, soft_wrap=True)
        return 2

    if not store.startswith(("http://", "https://", ":memory:")) and not Path(store).exists():
        return fail(f"{store}: no kg store here (run `kg build PATH --store {store}` first)")
    try:
        st = open_store(store, read_only=True)
        try:
            report = validate_store(st, inferred=inferred)
        finally:
            close = getattr(st, "close", None)
            if close:
                close()
    except (StoreError, ValidationError) as exc:
        return fail(str(exc))
    render_report(report, console, limit=max(limit, 0), prefixes=prefixes(getattr(st, "base", None)))
    return 0 if report.conforms else 1
