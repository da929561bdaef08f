"""GraphML export for yEd, Cytoscape and other GraphML tools.

GraphML carries typed scalar attributes only, so the graph goes through the flat view of
:mod:`kg.export.tables` (aliases joined with ``|``, unknown values left out, no evidence lists)
and networkx's GraphML writer does the rest, declaring one typed ``<key>`` per attribute
(``string``, ``int``, ``double``, ``boolean``).

Node ids are ``n0``, ``n1``... in graph order (GraphML ids are XML name tokens, which IRIs are
not); the IRI is the ``iri`` attribute and the display name the ``label`` attribute. Edge ids
are ``e0``, ``e1``..., each edge also carrying ``kg_id`` (``source|predicate|target``, as in the
GEXF and CSV exports), ``label`` (English), ``weight`` (evidence count) and ``directed``
(False for symmetric relations such as partnersWith; the graph itself is directed). Display
hints ``color`` (hex, by entity type) and ``size`` (10..50) are added for style mappings.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx

from kg.export.gexf import DEFAULT_COLOR, node_sizes
from kg.export.schema import TYPE_COLORS
from kg.export.tables import clean_text, edge_records, node_records


def _graph_attributes(G: nx.MultiDiGraph) -> dict[str, Any]:
    """Scalar graph attributes (title, source, created...), text cleaned."""
    result: dict[str, Any] = {}
    for key, value in G.graph.items():
        if key in ("node_default", "edge_default") or value is None:
            continue
        if isinstance(value, bool | int | float):
            result[str(key)] = value
        elif isinstance(value, str):
            result[str(key)] = clean_text(value)
    return result


def graphml_graph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The scalar-only copy of ``G`` that :func:`write_graphml` serialises (ids ``n0``.., ``e0``..)."""
    nodes, edges = node_records(G), edge_records(G)
    sizes = node_sizes(nodes)
    H = nx.MultiDiGraph(**_graph_attributes(G))
    ids: dict[str, str] = {}
    for index, rec in enumerate(nodes):
        ids[rec.id] = f"n{index}"
        values = {k: v for k, v in rec.values.items() if v is not None}
        color = TYPE_COLORS.get(str(rec.values.get("type")), DEFAULT_COLOR)
        H.add_node(ids[rec.id], iri=rec.id, label=rec.label, **values, color=color, size=sizes[rec.id])
    for index, edge in enumerate(edges):
        values = {k: v for k, v in edge.values.items() if v is not None}
        extra: dict[str, Any] = {"kg_id": edge.id, "label": edge.label, "directed": edge.directed}
        if edge.weight is not None:
            extra["weight"] = edge.weight
        H.add_edge(ids[edge.source], ids[edge.target], key=f"e{index}", **extra, **values)
    return H


def write_graphml(G: nx.MultiDiGraph, path: str | Path) -> None:
    """Write ``G`` (shaped as in :mod:`kg.export.schema`) as GraphML at ``path``.

    Parent directories are created. See the module docstring for the ids and attributes.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    nx.write_graphml(graphml_graph(G), path, encoding="utf-8", prettyprint=True, infer_numeric_types=False)
