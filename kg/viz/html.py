"""The interactive HTML view of the knowledge graph (``kg view -o graph.html``).

:func:`write_html` turns the property graph of :mod:`kg.export.schema` into ONE self-contained HTML
file: the JavaScript and CSS of ``kg/viz/static`` are inlined and the graph travels as JSON inside a
``<script type="application/json">`` block. The page loads nothing from the network (a
Content-Security-Policy forbids it) and lays the graph out itself with a seeded force simulation, so
the same graph always gives the same picture.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from kg.export.schema import NODE_TYPES, SYMMETRIC_PREDICATES, TYPE_COLORS

STATIC_DIR = Path(__file__).resolve().parent / "static"

#: Colour of a node whose type is missing or outside the ontology.
UNKNOWN_TYPE_COLOR = "#999999"

#: Relation colours, in legend order. Families follow the diagrams (investment orange, supply purple,
#: partnership teal, competition ochre, people and places greys) with one distinct hue per predicate.
PREDICATE_COLORS: dict[str, str] = {
    "investsIn": "#D55E00",
    "acquired": "#A6361C",
    "owns": "#8C5A2B",
    "suppliesTo": "#6A3D9A",
    "partnersWith": "#1B7F6A",
    "participatesIn": "#3A9E8F",
    "supports": "#2F6DB5",
    "competesWith": "#A07800",
    "ceoOf": "#4D4D4D",
    "leads": "#6B6B6B",
    "founderOf": "#7A5C8C",
    "employeeOf": "#8A8A8A",
    "productOf": "#5C8A3A",
    "headquarteredIn": "#A3A3A3",
    "locatedIn": "#B8B8B8",
}

#: Colour of a predicate outside the ontology.
UNKNOWN_PREDICATE_COLOR = "#7A7A7A"

#: At most this many evidence items per edge are embedded (the total is kept for the panel).
MAX_EVIDENCE_PER_EDGE = 25

#: Seed of the page's force layout.
LAYOUT_SEED = 7

_EVIDENCE_KEYS = ("doc", "source", "sentence", "confidence")
_TEMPLATE_SLOT = re.compile(r"\{\{(title|css|js|data)\}\}")
_FORBIDDEN_IN_STATIC = re.compile(r"<script|</script|</style|<!--", re.IGNORECASE)


def write_html(G: nx.Graph, path: str | Path, *, title: str | None = None) -> None:
    """Write the interactive view of ``G`` to ``path`` as one self-contained UTF-8 HTML file.

    ``G`` is the ``networkx.MultiDiGraph`` described in :mod:`kg.export.schema` (missing attributes get
    neutral defaults). ``title`` defaults to ``G.graph["title"]``. Parent directories are created.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render_html(G, title=title), encoding="utf-8")


def render_html(G: nx.Graph, *, title: str | None = None) -> str:
    """The complete HTML page for ``G`` as a string (see :func:`write_html`)."""
    payload = graph_payload(G, title=title)
    slots = {
        "title": html.escape(payload["meta"]["title"]),
        "css": _static_text("view.css"),
        "js": _static_text("view.js"),
        "data": script_json(payload),
    }
    template = _static_text("view.html")
    return _TEMPLATE_SLOT.sub(lambda m: slots[m.group(1)], template)


def script_json(obj: Any) -> str:
    """JSON for embedding in a ``<script>`` element: ``<``, ``>``, ``&`` and line separators escaped.

    The result parses back to ``obj`` with ``JSON.parse`` and can never close the script element,
    whatever the strings inside it contain (``</script>``, ``<!--``...).
    """
    text = json.dumps(obj, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    for raw, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, escaped)
    return text


def graph_payload(G: nx.Graph, *, title: str | None = None) -> dict[str, Any]:
    """The JSON-ready data the page reads: meta, types, predicates, nodes and edges.

    Nodes are sorted by IRI and edges by (source, predicate, target), so the payload -- and therefore
    the layout -- does not depend on insertion order. Edges refer to nodes by index.
    """
    keys = sorted(G.nodes, key=str)
    index = {key: i for i, key in enumerate(keys)}
    degree = _neighbour_counts(G)
    nodes = [_node_record(key, G.nodes[key], degree.get(key, 0)) for key in keys]
    edges = sorted(
        (_edge_record(index[u], index[v], k, data) for u, v, k, data in _edges(G)),
        key=lambda e: (e["source"], e["predicate"], e["target"]),
    )
    meta = {
        "title": title or str(G.graph.get("title") or "kg knowledge graph"),
        "source": _text(G.graph.get("source")),
        "created": _text(G.graph.get("created")),
        "seed": LAYOUT_SEED,
    }
    return {
        "meta": meta,
        "types": _type_legend(nodes),
        "predicates": _predicate_legend(edges),
        "nodes": nodes,
        "edges": edges,
    }


def _static_text(name: str) -> str:
    text = (STATIC_DIR / name).read_text(encoding="utf-8")
    if name != "view.html" and _FORBIDDEN_IN_STATIC.search(text):
        raise RuntimeError(f"kg/viz/static/{name} contains a sequence that would end its inline element")
    return text


def _edges(G: nx.Graph) -> list[tuple[Any, Any, str, Mapping[str, Any]]]:
    """(u, v, predicate, data) for every edge, whatever the networkx graph class."""
    if G.is_multigraph():
        return [
            (u, v, str(data.get("predicate") or k), data) for u, v, k, data in G.edges(keys=True, data=True)
        ]
    return [(u, v, str(data.get("predicate") or "relatedTo"), data) for u, v, data in G.edges(data=True)]


def _neighbour_counts(G: nx.Graph) -> dict[Any, int]:
    """Number of distinct neighbours of each node, ignoring direction and self-loops."""
    neighbours: dict[Any, set[Any]] = {key: set() for key in G.nodes}
    for u, v in G.edges():
        if u != v:
            neighbours[u].add(v)
            neighbours[v].add(u)
    return {key: len(found) for key, found in neighbours.items()}


def _node_record(key: Any, data: Mapping[str, Any], degree: int) -> dict[str, Any]:
    iri = str(key)
    label = _text(data.get("label")) or _iri_tail(iri)
    docs = _count(data.get("docs"))
    return {
        "id": iri,
        "label": label,
        "label_it": _text(data.get("label_it")) or label,
        "type": _text(data.get("type")) or "Unknown",
        "qid": _text(data.get("qid")),
        "docs": docs,
        "first_seen": _text(data.get("first_seen")),
        "last_seen": _text(data.get("last_seen")),
        "aliases": _aliases(data.get("aliases"), label),
        "degree": degree,
        "importance": docs + degree,
    }


def _edge_record(source: int, target: int, predicate: str, data: Mapping[str, Any]) -> dict[str, Any]:
    evidence = [_evidence_item(item) for item in _as_list(data.get("evidence"))]
    directed = data.get("directed")
    return {
        "source": source,
        "target": target,
        "predicate": predicate,
        "label_en": _text(data.get("label_en")) or _words(predicate),
        "label_it": _text(data.get("label_it")) or _text(data.get("label_en")) or _words(predicate),
        "directed": bool(directed) if directed is not None else predicate not in SYMMETRIC_PREDICATES,
        "weight": _count(data.get("weight")) or max(len(evidence), 1),
        "confidence": _number(data.get("confidence")),
        "amount": _number(data.get("amount")),
        "currency": _text(data.get("currency")) or None,
        "date": _text(data.get("date")),
        "first_seen": _text(data.get("first_seen")),
        "last_seen": _text(data.get("last_seen")),
        "docs": _count(data.get("docs")),
        "evidence": evidence[:MAX_EVIDENCE_PER_EDGE],
        "evidence_total": len(evidence),
    }


def _evidence_item(item: Any) -> dict[str, Any]:
    if not isinstance(item, Mapping):
        return {"doc": "", "source": "", "sentence": _text(item), "confidence": None}
    return {
        "doc": _text(item.get("doc")),
        "source": _text(item.get("source")),
        "sentence": _text(item.get("sentence")),
        "confidence": _number(item.get("confidence")),
    }


def _type_legend(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    counts: dict[str, int] = {}
    for node in nodes:
        counts[node["type"]] = counts.get(node["type"], 0) + 1
    ordered = [t for t in NODE_TYPES if t in counts] + sorted(set(counts) - set(NODE_TYPES))
    return [{"name": t, "color": TYPE_COLORS.get(t, UNKNOWN_TYPE_COLOR), "count": counts[t]} for t in ordered]


def _predicate_legend(edges: list[dict[str, Any]]) -> list[dict[str, Any]]:
    first: dict[str, dict[str, Any]] = {}
    counts: dict[str, int] = {}
    for edge in edges:
        first.setdefault(edge["predicate"], edge)
        counts[edge["predicate"]] = counts.get(edge["predicate"], 0) + 1
    ordered = [p for p in PREDICATE_COLORS if p in counts] + sorted(set(counts) - set(PREDICATE_COLORS))
    return [
        {
            "name": p,
            "label": first[p]["label_en"],
            "label_it": first[p]["label_it"],
            "directed": first[p]["directed"],
            "color": PREDICATE_COLORS.get(p, UNKNOWN_PREDICATE_COLOR),
            "count": counts[p],
        }
        for p in ordered
    ]


def _aliases(value: Any, label: str) -> list[str]:
    """Distinct non-empty aliases other than the label itself, in their given order."""
    items = value.split("|") if isinstance(value, str) else _as_list(value)
    seen = {label.casefold()}
    result = []
    for item in items:
        alias = _text(item).strip()
        if alias and alias.casefold() not in seen:
            seen.add(alias.casefold())
            result.append(alias)
    return result


def _as_list(value: Any) -> list[Any]:
    if value is None or isinstance(value, str | bytes | Mapping):
        return [] if value is None else [value]
    try:
        return list(value)
    except TypeError:
        return [value]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and not math.isfinite(value):
        return ""
    return str(value)


def _number(value: Any) -> float | None:
    """A finite float, or None for missing, non-numeric, NaN or infinite values."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _count(value: Any) -> int:
    number = _number(value)
    return max(int(number), 0) if number is not None else 0


def _iri_tail(iri: str) -> str:
    return re.split(r"[/#]", iri.rstrip("/#"))[-1] or iri


def _words(predicate: str) -> str:
    """``"investsIn"`` -> ``"invests in"``: a readable label for a predicate without one."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", predicate).lower()
