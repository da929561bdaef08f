"""Filters shared by every export and drawing of the property graph.

A :class:`GraphFilter` says which part of the graph to keep; :func:`apply_filter` returns a new
``networkx.MultiDiGraph`` of the same shape (see :mod:`kg.export.schema`) holding only that part.
The same filter object drives the GEXF, GraphML and CSV exports and the diagrams, so a command
such as ``kg export --predicate investsIn --focus OpenAI --depth 2`` means the same thing
everywhere.

Semantics, applied in this order:

1. ``types`` keeps the nodes whose entity type is listed (the focus node is always kept).
2. ``predicates``, ``min_confidence``, ``date_from`` and ``date_to`` keep the edges that pass all
   of them and join two kept nodes. When any of these edge criteria is active, nodes left without
   any kept edge are dropped, so "investments only" shows the investment network rather than
   every entity as an isolated dot.
3. ``focus`` (an IRI, a label in any case, or an alias) keeps the ego network of radius ``depth``
   around that node, following edges in both directions.

Dates are ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; a partial date stands for its whole period, and
an edge passes the date criteria when the period of its ``date`` (or, when that is empty, of its
``first_seen``..``last_seen``) overlaps ``[date_from, date_to]``. Edges without any date are
dropped as soon as a date bound is given.
"""

from __future__ import annotations

import calendar
import copy
import difflib
import re
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import networkx as nx

from kg.export.schema import NODE_TYPES

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_TIME_SUFFIX = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[T ].*|Z|[+-]\d{2}:\d{2})$")

DateSpan = tuple[date, date]


def parse_date_span(value: str | None) -> DateSpan | None:
    """Return the first and last day covered by ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

    A timestamp (``2024-03-01T10:00:00``) or a date with a time zone (``2024-03-01+01:00``, the
    xsd:date form) counts as its day. Empty or ``None`` gives ``None``.

    Raises:
        ValueError: if the text is not one of those forms or is not a real calendar date.
    """
    if value is None:
        return None
    text = _TIME_SUFFIX.sub(r"\1", str(value).strip())
    if not text:
        return None
    match = _DATE_RE.match(text)
    if not match:
        raise ValueError(f"invalid date {value!r}: expected YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    if month is None:
        return date(year, 1, 1), date(year, 12, 31)
    if day is None:
        last = calendar.monthrange(year, month)[1]
        return date(year, month, 1), date(year, month, last)
    one = date(year, month, day)
    return one, one


def _safe_span(value: Any) -> DateSpan | None:
    """Like :func:`parse_date_span` but unparseable data dates count as unknown (``None``)."""
    try:
        return parse_date_span(value)
    except (ValueError, TypeError):
        return None


def _as_name_set(value: Iterable[str] | str | None) -> frozenset[str] | None:
    """Normalise a set-like option: ``None`` stays ``None``; a string is split on commas."""
    if value is None:
        return None
    items = value.split(",") if isinstance(value, str) else value
    names = frozenset(str(item).strip() for item in items if str(item).strip())
    return names


def _canonical_types(types: frozenset[str] | None) -> frozenset[str] | None:
    """Map type names case-insensitively to :data:`NODE_TYPES`; unknown names raise ValueError."""
    if types is None:
        return None
    by_folded = {name.casefold(): name for name in NODE_TYPES}
    unknown = sorted(t for t in types if t.casefold() not in by_folded)
    if unknown:
        raise ValueError(f"unknown entity type(s) {', '.join(unknown)}; valid types: {', '.join(NODE_TYPES)}")
    return frozenset(by_folded[t.casefold()] for t in types)


@dataclass(frozen=True)
class GraphFilter:
    """What part of the property graph to keep (see the module docstring for the semantics).

    ``predicates`` and ``types`` accept any iterable of names (or a comma-separated string) and
    are stored as frozensets; ``None`` means "no restriction". Entity types are matched
    case-insensitively and normalised to the names in :data:`kg.export.schema.NODE_TYPES`.
    """

    predicates: AbstractSet[str] | None = None
    types: AbstractSet[str] | None = None
    min_confidence: float = 0.0
    date_from: str | None = None
    date_to: str | None = None
    focus: str | None = None
    depth: int = 1
    _from_span: DateSpan | None = field(default=None, init=False, repr=False, compare=False)
    _to_span: DateSpan | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "predicates", _as_name_set(self.predicates))
        object.__setattr__(self, "types", _canonical_types(_as_name_set(self.types)))
        if not 0.0 <= float(self.min_confidence) <= 1.0:
            raise ValueError(f"min_confidence must be between 0 and 1, got {self.min_confidence!r}")
        object.__setattr__(self, "min_confidence", float(self.min_confidence))
        if isinstance(self.depth, bool) or not isinstance(self.depth, int) or self.depth < 0:
            raise ValueError(f"depth must be a non-negative integer, got {self.depth!r}")
        focus = self.focus.strip() if isinstance(self.focus, str) else self.focus
        object.__setattr__(self, "focus", focus or None)
        object.__setattr__(self, "_from_span", parse_date_span(self.date_from))
        object.__setattr__(self, "_to_span", parse_date_span(self.date_to))
        if self._from_span and self._to_span and self._from_span[0] > self._to_span[1]:
            raise ValueError(f"date_from {self.date_from!r} is after date_to {self.date_to!r}")

    @property
    def filters_edges(self) -> bool:
        """True when an edge criterion (predicates, confidence or dates) is active."""
        return (
            self.predicates is not None
            or self.min_confidence > 0.0
            or self._from_span is not None
            or self._to_span is not None
        )

    @property
    def is_noop(self) -> bool:
        """True when the filter keeps the whole graph."""
        return not self.filters_edges and self.types is None and self.focus is None

    def describe(self) -> str:
        """A short human summary, e.g. for a diagram subtitle or a GEXF description."""
        parts: list[str] = []
        if self.predicates is not None:
            parts.append("relations: " + ", ".join(sorted(self.predicates)))
        if self.types is not None:
            parts.append("types: " + ", ".join(sorted(self.types)))
        if self.min_confidence > 0:
            parts.append(f"confidence >= {self.min_confidence:g}")
        if self.date_from or self.date_to:
            parts.append(f"dates {self.date_from or '…'} to {self.date_to or '…'}")
        if self.focus is not None:
            parts.append(f"around {self.focus} (depth {self.depth})")
        return "; ".join(parts) if parts else "whole graph"

    def edge_passes(self, data: dict[str, Any]) -> bool:
        """Whether an edge with attributes ``data`` passes the predicate, confidence and date tests."""
        if self.predicates is not None and data.get("predicate") not in self.predicates:
            return False
        if self.min_confidence > 0.0:
            confidence = data.get("confidence")
            if confidence is None or float(confidence) < self.min_confidence:
                return False
        if self._from_span is None and self._to_span is None:
            return True
        span = edge_date_span(data)
        if span is None:
            return False
        if self._from_span is not None and span[1] < self._from_span[0]:
            return False
        return not (self._to_span is not None and span[0] > self._to_span[1])


def edge_date_span(data: dict[str, Any]) -> DateSpan | None:
    """The period an edge refers to: its ``date``, else ``first_seen``..``last_seen``, else ``None``."""
    span = _safe_span(data.get("date"))
    if span is not None:
        return span
    first = _safe_span(data.get("first_seen"))
    last = _safe_span(data.get("last_seen"))
    if first and last:
        return first[0], max(first[1], last[1])
    return first or last


def _node_names(data: dict[str, Any]) -> tuple[list[str], list[str]]:
    """Labels (English and Italian) and aliases of a node, as strings."""
    labels = [str(data[k]) for k in ("label", "label_it") if data.get(k)]
    aliases = data.get("aliases") or []
    if isinstance(aliases, str):
        aliases = aliases.split("|")
    return labels, [str(a) for a in aliases if a]


def _close_labels(G: nx.MultiDiGraph, query: str, limit: int = 5) -> list[str]:
    """Labels similar to ``query`` (fuzzy matches first, then labels containing it)."""
    by_folded: dict[str, str] = {}
    for _, data in G.nodes(data=True):
        labels, aliases = _node_names(data)
        for name in labels + aliases:
            by_folded.setdefault(name.casefold(), labels[0] if labels else name)
    folded = query.casefold()
    close = difflib.get_close_matches(folded, list(by_folded), n=limit, cutoff=0.6)
    close += sorted(k for k in by_folded if folded in k or (len(k) >= 3 and k in folded))
    result: list[str] = []
    for key in close:
        label = by_folded[key]
        if label not in result:
            result.append(label)
    return result[:limit]


def resolve_focus(G: nx.MultiDiGraph, focus: str) -> str:
    """Return the node key that ``focus`` designates.

    Tried in order: the node key (IRI) itself; a label (English or Italian) compared
    case-insensitively; an alias compared case-insensitively.

    Raises:
        ValueError: when nothing matches (the message lists close labels) or when several nodes
            share the matching label or alias (the message lists their IRIs).
    """
    if focus in G:
        return focus
    folded = focus.strip().casefold()
    by_label: list[str] = []
    by_alias: list[str] = []
    for node, data in G.nodes(data=True):
        labels, aliases = _node_names(data)
        if any(name.strip().casefold() == folded for name in labels):
            by_label.append(node)
        elif any(name.strip().casefold() == folded for name in aliases):
            by_alias.append(node)
    matches = by_label or by_alias
    if len(matches) == 1:
        return matches[0]
    if matches:
        listed = ", ".join(f"{G.nodes[n].get('label', n)} <{n}>" for n in sorted(matches))
        raise ValueError(f"focus {focus!r} is ambiguous, it matches: {listed}; pass the IRI instead")
    close = _close_labels(G, focus)
    hint = f" Did you mean: {', '.join(close)}?" if close else ""
    raise ValueError(f"unknown focus {focus!r}: no node has this IRI, label or alias.{hint}")


def _copy_graph(
    G: nx.MultiDiGraph, nodes: Iterable[str], edges: Iterable[tuple[str, str, str]]
) -> nx.MultiDiGraph:
    """A new graph of G's class with deep copies of the given nodes' and edges' attributes."""
    H = G.__class__()
    H.graph.update(copy.deepcopy(G.graph))
    for node in nodes:
        H.add_node(node, **copy.deepcopy(G.nodes[node]))
    for u, v, key in edges:
        H.add_edge(u, v, key=key, **copy.deepcopy(G.edges[u, v, key]))
    return H


def _ego_nodes(G: nx.MultiDiGraph, center: str, depth: int) -> set[str]:
    """Nodes within ``depth`` hops of ``center``, ignoring edge direction."""
    undirected = G.to_undirected(as_view=True)
    return set(nx.single_source_shortest_path_length(undirected, center, cutoff=depth))


def apply_filter(G: nx.MultiDiGraph, f: GraphFilter | None = None) -> nx.MultiDiGraph:
    """Return a new graph with only the part of ``G`` that ``f`` keeps; ``G`` is not modified.

    Node and edge attributes are deep-copied, and graph attributes are kept. With ``f`` ``None``
    or a filter that keeps everything, the result is a full copy.

    Raises:
        ValueError: if ``f.focus`` does not designate exactly one node (see :func:`resolve_focus`).
    """
    f = f or GraphFilter()
    center = resolve_focus(G, f.focus) if f.focus is not None else None
    kept = {n for n, d in G.nodes(data=True) if f.types is None or d.get("type") in f.types or n == center}
    edges = [
        (u, v, k)
        for u, v, k, d in G.edges(keys=True, data=True)
        if u in kept and v in kept and f.edge_passes(d)
    ]
    if f.filters_edges:
        touched = {n for u, v, _ in edges for n in (u, v)}
        kept = {n for n in kept if n in touched or n == center}
    nodes = [n for n in G if n in kept]
    H = _copy_graph(G, nodes, edges)
    if center is None:
        return H
    ego = _ego_nodes(H, center, f.depth)
    return _copy_graph(
        H, [n for n in H if n in ego], [(u, v, k) for u, v, k in H.edges(keys=True) if u in ego and v in ego]
    )
