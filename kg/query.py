"""SPARQL querying: saved queries, safe parameters, and result formatting."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pyoxigraph import BlankNode, Literal, NamedNode, QueryBoolean, QuerySolutions, QueryTriples

from kg.graph.namespaces import XSD, prefixes

_PREFIXED = re.compile(r"^([A-Za-z][\w-]*):([^\s<>\"{}|^`\\]*)$")
_TYPED = re.compile(r'^"(.*)"\^\^(.+)$', re.S)
_LANG = re.compile(r'^"(.*)"@([A-Za-z]+(?:-[A-Za-z0-9]+)*)$', re.S)


class QueryError(ValueError):
    """A malformed query or parameter."""


def parse_param(raw: str, base: str | None = None) -> tuple[str, Any]:
    """``NAME=VALUE`` -> (name, RDF term). VALUE: ``<iri>``, ``prefix:local``, ``"text"@lang``,
    ``"v"^^xsd:type``, an integer or decimal, ``true``/``false``, else a plain string literal.
    The value becomes one RDF term: it can never change the query's structure."""
    if "=" not in raw:
        raise QueryError(f"parameter {raw!r} must look like NAME=VALUE")
    name, value = raw.split("=", 1)
    name = name.strip().lstrip("?$")
    if not re.fullmatch(r"[A-Za-z_]\w*", name):
        raise QueryError(f"parameter name {name!r} is not a SPARQL variable name")
    try:
        return name, to_term(value, base)
    except (ValueError, SyntaxError) as exc:
        if isinstance(exc, QueryError):
            raise
        raise QueryError(f"parameter {name}: {value!r} is not a valid RDF term ({exc})") from None


def to_term(value: str, base: str | None = None) -> Any:
    pfx = prefixes(base)
    if value.startswith("<") and value.endswith(">"):
        iri = value[1:-1]
        if re.search(r"[\s<>\"{}|^`\\]", iri):
            raise QueryError(f"invalid IRI {value!r}")
        return NamedNode(iri)
    m = _LANG.match(value)
    if m:
        return Literal(m.group(1), language=m.group(2))
    m = _TYPED.match(value)
    if m:
        dt = m.group(2)
        pm = _PREFIXED.match(dt)
        if pm and pm.group(1) in pfx:
            dt = pfx[pm.group(1)] + pm.group(2)
        elif dt.startswith("<") and dt.endswith(">"):
            dt = dt[1:-1]
        return Literal(m.group(1), datatype=NamedNode(dt))
    m = _PREFIXED.match(value)
    if m and m.group(1) in pfx and not value.startswith(("http:", "https:")):
        return NamedNode(pfx[m.group(1)] + m.group(2))
    if re.fullmatch(r"[+-]?\d+", value):
        return Literal(value, datatype=NamedNode(XSD + "integer"))
    if re.fullmatch(r"[+-]?\d+\.\d+", value):
        return Literal(value, datatype=NamedNode(XSD + "decimal"))
    if value in {"true", "false"}:
        return Literal(value, datatype=NamedNode(XSD + "boolean"))
    if len(value) >= 2 and value[0] == value[-1] == '"':
        value = value[1:-1]
    return Literal(value)


@dataclass
class QueryResult:
    """Tabular (SELECT), boolean (ASK) or graph (CONSTRUCT/DESCRIBE) result with plain Python values."""

    kind: str  # select | ask | graph
    variables: list[str]
    rows: list[list[Any]]  # pyoxigraph terms (None for unbound)
    boolean: bool | None = None

    def values(self) -> list[list[str | None]]:
        """Rows as display strings (IRIs shortened with the known prefixes)."""
        return [[display(v) for v in row] for row in self.rows]

    def records(self) -> list[dict[str, str | None]]:
        return [dict(zip(self.variables, [term_value(v) for v in row], strict=True)) for row in self.rows]


def term_value(t: Any) -> str | None:
    if t is None:
        return None
    if isinstance(t, (NamedNode, BlankNode, Literal)):
        return t.value
    return str(t)


def display(t: Any) -> str | None:
    if t is None:
        return None
    if isinstance(t, NamedNode):
        for p, ns in sorted(prefixes().items(), key=lambda kv: -len(kv[1])):
            if t.value.startswith(ns):
                return f"{p}:{t.value[len(ns):]}"
        return f"<{t.value}>"
    return term_value(t)


def run_query(store: Any, sparql: str, bindings: dict[str, Any] | None = None) -> QueryResult:
    """Run ``sparql`` on ``store`` and collect the result."""
    try:
        res = store.query(sparql, bindings)
    except SyntaxError as exc:
        raise QueryError(f"malformed SPARQL: {str(exc).splitlines()[0]}") from None
    except OSError as exc:
        raise QueryError(f"query failed: {exc}") from None
    if isinstance(res, (QueryBoolean, bool)):
        return QueryResult("ask", ["result"], [[Literal(str(bool(res)).lower())]], boolean=bool(res))
    if isinstance(res, QuerySolutions):
        variables = [v.value for v in res.variables]
        rows = [[sol[v] for v in variables] for sol in res]
        return QueryResult("select", variables, rows)
    if isinstance(res, QueryTriples) or hasattr(res, "__iter__"):
        rows = [[t.subject, t.predicate, t.object] for t in res]
        return QueryResult("graph", ["subject", "predicate", "object"], rows)
    raise QueryError("unsupported query result")


def read_query_file(path: str | Path) -> str:
    p = Path(path)
    try:
        return p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise QueryError(f"{p}: no such query file") from None
    except UnicodeDecodeError:
        raise QueryError(f"{p}: not a UTF-8 text file") from None


def format_result(result: QueryResult, fmt: str) -> str:
    """``csv``, ``tsv`` or ``json`` (SPARQL 1.1 JSON results) text of a result."""
    if fmt == "json":
        if result.kind == "ask":
            return json.dumps({"head": {}, "boolean": result.boolean})
        bindings = []
        for row in result.rows:
            b = {}
            for var, t in zip(result.variables, row, strict=True):
                if t is None:
                    continue
                if isinstance(t, NamedNode):
                    b[var] = {"type": "uri", "value": t.value}
                elif isinstance(t, BlankNode):
                    b[var] = {"type": "bnode", "value": t.value}
                else:
                    d: dict[str, str] = {"type": "literal", "value": t.value}
                    if t.language:
                        d["xml:lang"] = t.language
                    elif t.datatype and t.datatype.value != XSD + "string":
                        d["datatype"] = t.datatype.value
                    b[var] = d
            bindings.append(b)
        return json.dumps({"head": {"vars": result.variables}, "results": {"bindings": bindings}}, ensure_ascii=False, indent=1)
    buf = io.StringIO()
    w = csv.writer(buf, delimiter="\t" if fmt == "tsv" else ",", lineterminator="\n")
    w.writerow(result.variables)
    for row in result.rows:
        w.writerow(["" if v is None else term_value(v) for v in row])
    return buf.getvalue()
