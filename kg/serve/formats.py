"""Result formats of the SPARQL endpoint: content negotiation and serialisation with a row limit.

SELECT and ASK results: SPARQL 1.1 JSON, XML, CSV and TSV (written here, so a result cut at the row
limit is still a well-formed document). CONSTRUCT and DESCRIBE results: Turtle, N-Triples, RDF/XML,
JSON-LD and N3 (pyoxigraph's serialisers).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    QueryBoolean,
    QuerySolutions,
    RdfFormat,
    Triple,
    serialize,
)

from kg.graph.namespaces import XSD

RESULTS = "results"  # SELECT / ASK
GRAPH = "graph"  # CONSTRUCT / DESCRIBE

# name -> (media type sent, media types accepted)
RESULT_FORMATS = {
    "json": ("application/sparql-results+json", ("application/sparql-results+json", "application/json")),
    "xml": (
        "application/sparql-results+xml",
        ("application/sparql-results+xml", "application/xml", "text/xml"),
    ),
    "csv": ("text/csv", ("text/csv",)),
    "tsv": ("text/tab-separated-values", ("text/tab-separated-values",)),
}
GRAPH_FORMATS = {
    "turtle": ("text/turtle", ("text/turtle", "application/turtle", "application/x-turtle")),
    "ntriples": ("application/n-triples", ("application/n-triples", "text/plain", "text/ntriples")),
    "rdfxml": ("application/rdf+xml", ("application/rdf+xml", "application/xml", "text/xml")),
    "jsonld": ("application/ld+json", ("application/ld+json", "application/json")),
    "n3": ("text/n3", ("text/n3", "text/rdf+n3")),
}
_RDF = {
    "turtle": RdfFormat.TURTLE,
    "ntriples": RdfFormat.N_TRIPLES,
    "rdfxml": RdfFormat.RDF_XML,
    "jsonld": RdfFormat.JSON_LD,
    "n3": RdfFormat.N3,
}
# values of the ``format`` / ``output`` parameters (SPARQLWrapper, Virtuoso and Fuseki style)
_FORMAT_NAMES = {
    RESULTS: {"json": "json", "srj": "json", "xml": "xml", "srx": "xml", "csv": "csv", "tsv": "tsv"},
    GRAPH: {
        "turtle": "turtle",
        "ttl": "turtle",
        "nt": "ntriples",
        "ntriples": "ntriples",
        "n-triples": "ntriples",
        "xml": "rdfxml",
        "rdf": "rdfxml",
        "rdf+xml": "rdfxml",
        "rdfxml": "rdfxml",
        "json": "jsonld",
        "json-ld": "jsonld",
        "jsonld": "jsonld",
        "n3": "n3",
    },
}
DEFAULT = {RESULTS: "json", GRAPH: "turtle"}


class NotAcceptable(ValueError):
    """No result format the client accepts fits the query form."""


@dataclass
class Payload:
    """A serialised answer: media type, bytes and the number of rows (or triples) it holds."""

    media_type: str
    body: bytes
    rows: int
    truncated: bool = False
    headers: dict[str, str] = field(default_factory=dict)


def result_kind(result: Any) -> str:
    """``results`` for SELECT/ASK answers, ``graph`` for CONSTRUCT/DESCRIBE ones."""
    return RESULTS if isinstance(result, (QuerySolutions, QueryBoolean, bool)) else GRAPH


def choose_format(kind: str, accept: str | None, fmt: str | None = None) -> str:
    """Pick a format name for ``kind`` from a ``format`` parameter or an ``Accept`` header."""
    table = RESULT_FORMATS if kind == RESULTS else GRAPH_FORMATS
    if fmt:
        name = _FORMAT_NAMES[kind].get(fmt.strip().lower())
        if name:
            return name
        if "/" in fmt:
            accept = fmt
    if not accept or not accept.strip():
        return DEFAULT[kind]
    for media in _ranked(accept):
        if media in ("*/*", "*"):
            return DEFAULT[kind]
        major = media.split("/")[0]
        for name, (_, types) in table.items():
            if media in types or (media.endswith("/*") and any(t.startswith(major + "/") for t in types)):
                return name
    offered = ", ".join(sent for sent, _ in table.values())
    raise NotAcceptable(f"no acceptable format for this query; available: {offered}")


def _ranked(accept: str) -> list[str]:
    """Media ranges of an Accept header, best first (q=0 dropped; ties keep their order)."""
    items = []
    for i, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        q = 1.0
        for f in fields[1:]:
            if f.lower().startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if media and q > 0:
            items.append((-q, i, media))
    return [m for _, _, m in sorted(items)]


def render(result: Any, name: str, max_rows: int, prefixes: dict[str, str] | None = None) -> Payload:
    """Serialise ``result`` as format ``name``, keeping at most ``max_rows`` rows or triples."""
    if isinstance(result, (QueryBoolean, bool)):
        return _render_boolean(bool(result), name)
    if isinstance(result, QuerySolutions):
        variables = [v.value for v in result.variables]
        rows, truncated = _take(([sol[v] for v in variables] for sol in result), max_rows)
        body = _SOLUTION_WRITERS[name](variables, rows)
        return Payload(RESULT_FORMATS[name][0], body, len(rows), truncated)
    triples, truncated = _take((Triple(t.subject, t.predicate, t.object) for t in result), max_rows)
    kw = {"prefixes": prefixes} if prefixes and name in ("turtle", "rdfxml", "n3") else {}
    body = serialize(triples, format=_RDF[name], **kw)
    return Payload(GRAPH_FORMATS[name][0], body, len(triples), truncated)


def _take(items: Iterable[Any], limit: int) -> tuple[list[Any], bool]:
    out: list[Any] = []
    for item in items:
        if len(out) >= limit:
            return out, True
        out.append(item)
    return out, False


# ---------------------------------------------------------------------------------------------- writers
def _render_boolean(value: bool, name: str) -> Payload:
    text = "true" if value else "false"
    if name == "json":
        body = json.dumps({"head": {}, "boolean": value})
    elif name == "xml":
        body = (
            f'<?xml version="1.0"?>\n<sparql xmlns="{_NS}">\n<head/>\n<boolean>{text}</boolean>\n</sparql>\n'
        )
    else:
        body = f"{text}\n"
    return Payload(RESULT_FORMATS[name][0], body.encode("utf-8"), 1)


_NS = "http://www.w3.org/2005/sparql-results#"


def _json_term(t: Any) -> dict[str, Any]:
    if isinstance(t, NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, Literal):
        d: dict[str, Any] = {"type": "literal", "value": t.value}
        if t.language:
            d["xml:lang"] = t.language
        elif t.datatype.value != XSD + "string":
            d["datatype"] = t.datatype.value
        return d
    return {
        "type": "triple",
        "value": {k: _json_term(getattr(t, k)) for k in ("subject", "predicate", "object")},
    }


def _json(variables: list[str], rows: list[list[Any]]) -> bytes:
    bindings = [
        {v: _json_term(t) for v, t in zip(variables, row, strict=True) if t is not None} for row in rows
    ]
    doc = {"head": {"vars": variables}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def _xml_term(t: Any) -> str:
    if isinstance(t, NamedNode):
        return f"<uri>{escape(t.value)}</uri>"
    if isinstance(t, BlankNode):
        return f"<bnode>{escape(t.value)}</bnode>"
    if isinstance(t, Literal):
        if t.language:
            return f"<literal xml:lang={quoteattr(t.language)}>{escape(t.value)}</literal>"
        if t.datatype.value != XSD + "string":
            return f"<literal datatype={quoteattr(t.datatype.value)}>{escape(t.value)}</literal>"
        return f"<literal>{escape(t.value)}</literal>"
    parts = "".join(f"<{k}>{_xml_term(getattr(t, k))}</{k}>" for k in ("subject", "predicate", "object"))
    return f"<triple>{parts}</triple>"


def _xml(variables: list[str], rows: list[list[Any]]) -> bytes:
    out = ['<?xml version="1.0"?>', f'<sparql xmlns="{_NS}">', "<head>"]
    out += [f"<variable name={quoteattr(v)}/>" for v in variables]
    out += ["</head>", "<results>"]
    for row in rows:
        cells = "".join(
            f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
            for v, t in zip(variables, row, strict=True)
            if t is not None
        )
        out.append(f"<result>{cells}</result>")
    out += ["</results>", "</sparql>", ""]
    return "\n".join(out).encode("utf-8")


def _csv_value(t: Any) -> str:
    if t is None:
        return ""
    if isinstance(t, BlankNode):
        return f"_:{t.value}"
    if isinstance(t, (NamedNode, Literal)):
        return t.value
    return str(t)


def _csv(variables: list[str], rows: list[list[Any]]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(variables)
    for row in rows:
        w.writerow([_csv_value(t) for t in row])
    return buf.getvalue().encode("utf-8")


def _tsv(variables: list[str], rows: list[list[Any]]) -> bytes:
    # terms in N-Triples/Turtle syntax; pyoxigraph escapes tabs and newlines inside literals
    lines = ["\t".join(f"?{v}" for v in variables)]
    lines += ["\t".join("" if t is None else str(t) for t in row) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


_SOLUTION_WRITERS = {"json": _json, "xml": _xml, "csv": _csv, "tsv": _tsv}
