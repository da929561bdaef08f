"""The flat, scalar view of the property graph, and its CSV export for Gephi's Data Laboratory.

Every file format that cannot hold lists, dictionaries or ``None`` (GEXF, GraphML, CSV) reads the
graph through :func:`node_records` and :func:`edge_records`: one typed scalar per column, text
cleaned of the characters XML forbids, aliases joined with ``|``, unknown values as ``None``
(written as an absent value or an empty cell), and the node degree computed on the exported
graph. Column names and types are listed in :data:`NODE_COLUMNS` and :data:`EDGE_COLUMNS`.

:func:`write_csv` writes ``nodes.csv`` and ``edges.csv`` in the layout of Gephi's spreadsheet
import (Data Laboratory > Import Spreadsheet): ``Id``, ``Label`` for nodes; ``Source``,
``Target``, ``Type`` (Directed/Undirected), ``Id``, ``Label``, ``Weight`` for edges; every other
column becomes an attribute.
"""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import networkx as nx

from kg.export.schema import SYMMETRIC_PREDICATES

Kind = Literal["string", "integer", "double"]
Scalar = str | int | float | None

#: Characters that XML 1.0 forbids (C0 controls except tab/LF/CR, surrogates, U+FFFE/U+FFFF), plus
#: DEL and the C1 controls, which are allowed but only ever appear as garbage from bad decoding.
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

ALIAS_SEPARATOR = "|"


@dataclass(frozen=True)
class Column:
    """One exported attribute: its name and value type (``string``, ``integer`` or ``double``)."""

    name: str
    kind: Kind


#: Node attributes besides the id (the IRI) and the label, in export order.
NODE_COLUMNS: tuple[Column, ...] = (
    Column("type", "string"),
    Column("label_it", "string"),
    Column("qid", "string"),
    Column("degree", "integer"),
    Column("docs", "integer"),
    Column("first_seen", "string"),
    Column("last_seen", "string"),
    Column("aliases", "string"),
)

#: Edge attributes besides id, source, target, direction, label (``label_en``) and weight.
EDGE_COLUMNS: tuple[Column, ...] = (
    Column("predicate", "string"),
    Column("label_en", "string"),
    Column("label_it", "string"),
    Column("confidence", "double"),
    Column("amount", "double"),
    Column("currency", "string"),
    Column("date", "string"),
    Column("first_seen", "string"),
    Column("last_seen", "string"),
    Column("docs", "integer"),
)


@dataclass(frozen=True)
class NodeRecord:
    """A node as flat scalars: ``values`` maps each :data:`NODE_COLUMNS` name to its value."""

    id: str
    label: str
    values: dict[str, Scalar]


@dataclass(frozen=True)
class EdgeRecord:
    """An edge as flat scalars: ``values`` maps each :data:`EDGE_COLUMNS` name to its value."""

    id: str
    source: str
    target: str
    directed: bool
    label: str
    weight: int | float | None
    values: dict[str, Scalar]


def clean_text(value: Any) -> str:
    """``str(value)`` without the control characters that XML forbids (see ``_BAD_CHARS``)."""
    return _BAD_CHARS.sub("", str(value))


def _plain(value: Any) -> Any:
    """Turn numpy scalars (``numpy.int64``...) into the equivalent Python value."""
    item = getattr(value, "item", None)
    if callable(item) and type(value).__module__ == "numpy":
        return item()
    return value


def coerce(value: Any, kind: Kind) -> Scalar:
    """Convert ``value`` to a scalar of ``kind``; ``None``, NaN and infinities become ``None``.

    Lists, tuples and sets become strings joined with ``|`` (the aliases convention).

    Raises:
        ValueError: if a number column gets a value that is not a number.
    """
    value = _plain(value)
    if value is None:
        return None
    if kind == "string":
        if isinstance(value, list | tuple | set | frozenset):
            items = sorted(value) if isinstance(value, set | frozenset) else value
            return ALIAS_SEPARATOR.join(clean_text(item) for item in items if item is not None)
        return clean_text(value)
    number = float(value)
    if not math.isfinite(number):
        return None
    if kind == "integer":
        return int(number)
    return number


def _weight(value: Any) -> int | float | None:
    """The evidence count as an int (a float only when it is not a whole number)."""
    number = coerce(value, "double")
    if number is None:
        return None
    assert isinstance(number, float)
    return int(number) if number.is_integer() else number


def node_records(G: nx.MultiDiGraph) -> list[NodeRecord]:
    """The nodes of ``G`` in graph order as :class:`NodeRecord` (degree counted on ``G``)."""
    records = []
    for node, data in G.nodes(data=True):
        values = {
            col.name: coerce(data.get(col.name), col.kind) for col in NODE_COLUMNS if col.name != "degree"
        }
        values["degree"] = int(G.degree(node))
        ordered = {col.name: values[col.name] for col in NODE_COLUMNS}
        label = clean_text(data.get("label") or "") or clean_text(node)
        records.append(NodeRecord(id=clean_text(node), label=label, values=ordered))
    return records


def _unique(candidate: str, taken: set[str]) -> str:
    """``candidate``, or ``candidate#2``, ``#3``... if already used."""
    result, n = candidate, 1
    while result in taken:
        n += 1
        result = f"{candidate}#{n}"
    taken.add(result)
    return result


def edge_records(G: nx.MultiDiGraph) -> list[EdgeRecord]:
    """The edges of ``G`` in graph order as :class:`EdgeRecord`.

    The id is ``source|predicate|target`` (unique, so parallel relations stay distinct), the
    label is ``label_en`` (falling back to the predicate) and ``directed`` comes from the edge's
    ``directed`` attribute, or from :data:`SYMMETRIC_PREDICATES` when that is missing.
    """
    records, taken = [], set()
    if G.is_multigraph():
        triples = G.edges(keys=True, data=True)
    else:  # a plain (Di)Graph: one relation per pair, named by its predicate attribute
        triples = ((u, v, d.get("predicate", ""), d) for u, v, d in G.edges(data=True))
    for u, v, key, data in triples:
        predicate = str(data.get("predicate") or key)
        values = {col.name: coerce(data.get(col.name), col.kind) for col in EDGE_COLUMNS}
        values["predicate"] = clean_text(predicate)
        directed = data.get("directed")
        directed = predicate not in SYMMETRIC_PREDICATES if directed is None else bool(directed)
        source, target = clean_text(u), clean_text(v)
        records.append(
            EdgeRecord(
                id=_unique(f"{source}|{values['predicate']}|{target}", taken),
                source=source,
                target=target,
                directed=directed,
                label=str(values["label_en"] or values["predicate"]),
                weight=_weight(data.get("weight")),
                values=values,
            )
        )
    return records


def _cell(value: Scalar) -> str:
    """A CSV cell: empty for ``None``, ``repr``-exact for floats."""
    if value is None:
        return ""
    return repr(value) if isinstance(value, float) else str(value)


def csv_paths(path: str | Path) -> tuple[Path, Path]:
    """Where :func:`write_csv` writes: ``DIR/nodes.csv`` and ``DIR/edges.csv`` for a directory,
    or ``PREFIX.nodes.csv`` and ``PREFIX.edges.csv`` for a path ending in ``.csv``."""
    path = Path(path)
    if path.suffix.lower() == ".csv":
        stem = path.with_suffix("")
        return stem.with_name(stem.name + ".nodes.csv"), stem.with_name(stem.name + ".edges.csv")
    return path / "nodes.csv", path / "edges.csv"


def write_csv(G: nx.MultiDiGraph, path: str | Path) -> tuple[Path, Path]:
    """Write ``G`` as a nodes table and an edges table for Gephi's spreadsheet import.

    ``path`` is a directory (created if needed; files ``nodes.csv`` and ``edges.csv``) or a
    prefix ending in ``.csv`` (``out/ai.csv`` gives ``out/ai.nodes.csv`` and
    ``out/ai.edges.csv``). Files are UTF-8 without BOM (a BOM would hide Gephi's ``Id`` column),
    comma-separated, quoted where needed.

    Returns:
        The paths of the nodes and edges files.
    """
    nodes_path, edges_path = csv_paths(path)
    nodes_path.parent.mkdir(parents=True, exist_ok=True)
    with nodes_path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["Id", "Label", *(col.name for col in NODE_COLUMNS)])
        for node in node_records(G):
            writer.writerow([node.id, node.label, *(_cell(node.values[col.name]) for col in NODE_COLUMNS)])
    with edges_path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(
            ["Source", "Target", "Type", "Id", "Label", "Weight", *(col.name for col in EDGE_COLUMNS)]
        )
        for edge in edge_records(G):
            kind = "Directed" if edge.directed else "Undirected"
            head = [edge.source, edge.target, kind, edge.id, edge.label, _cell(edge.weight)]
            writer.writerow(head + [_cell(edge.values[col.name]) for col in EDGE_COLUMNS])
    return nodes_path, edges_path
