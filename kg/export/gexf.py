"""GEXF export for Gephi, Gephi Lite and other GEXF readers, valid against the official XSDs.

Built on networkx's ``GEXFWriter``: a clean copy of the graph (scalars only, see
:mod:`kg.export.tables`) is written by networkx's own node/edge/attribute code, and what networkx
gets wrong is fixed on the way:

* the ``<graph>`` element gets no ``name`` attribute (networkx writes ``name=""``; neither
  schema allows it) and always ``defaultedgetype="directed"``;
* GEXF 1.3: networkx declares the XML-Schema-instance namespace as
  ``http://w3.org/2001/XMLSchema-instance`` (missing ``www.``), which makes its
  ``xsi:schemaLocation`` an unknown attribute; the right URI is written;
* attribute columns are declared up front with explicit GEXF types (``integer``, ``double``,
  ``string``), in a fixed order, whether or not the first node has a value: networkx infers the
  type from the first value it meets (``long`` for Python ints, the invalid ``int`` for numpy
  integers) and cannot write lists or ``None`` at all;
* the ``networkx_key`` edge attribute that networkx adds for multigraphs is dropped; edge ids
  are ``source|predicate|target`` instead, so parallel relations stay distinct;
* symmetric relations (``directed`` False) are written as ``type="undirected"`` edges in a
  directed graph; the edge weight is the evidence count and the edge label the English label;
* colour and size: the official XSDs (1.3 and 1.2draft alike) declare ``color`` and ``size`` in
  the main GEXF namespace, not in the ``viz`` namespace networkx uses, so they are written
  there. Gephi and graphology-gexf (Gephi Lite) match these elements by local name and read
  them either way. ``viz_namespace=True`` writes the customary ``viz:`` elements instead, for
  readers that insist on them (the file then no longer validates);
* dynamic graphs (``dynamic=True``) get ``mode="dynamic"``, ``timeformat="date"`` and
  ``start``/``end`` from ``first_seen``/``last_seen`` (partial dates widened to whole days);
* characters that XML forbids are removed from every string.

:func:`read_gexf` reads such files back with networkx's reader, which otherwise rejects
undirected edges in a directed graph and ignores colours outside the ``viz`` namespace.
"""

from __future__ import annotations

import io
import math
import time
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, ElementTree, SubElement

import networkx as nx
from networkx.readwrite.gexf import GEXFReader, GEXFWriter

from kg.export.filters import parse_date_span
from kg.export.schema import TYPE_COLORS
from kg.export.tables import EDGE_COLUMNS, NODE_COLUMNS, Column, EdgeRecord, NodeRecord, clean_text
from kg.export.tables import edge_records as make_edge_records
from kg.export.tables import node_records as make_node_records

VERSIONS = ("1.3", "1.2draft")
XSI_NAMESPACE = "http://www.w3.org/2001/XMLSchema-instance"
DEFAULT_COLOR = "#999999"
MIN_SIZE, MAX_SIZE = 10.0, 50.0
CREATOR = "kg (knowledge-graph builder)"

#: Names networkx's writer takes for GEXF's own fields, so they can never be attribute columns.
_RESERVED = {
    "node": frozenset({"id", "label", "pid", "start", "end", "spells", "viz", "parents"}),
    "edge": frozenset({"id", "label", "weight", "type", "start", "end", "spells", "viz", "key"}),
}


def hex_to_rgb(color: str) -> tuple[int, int, int]:
    """``"#0072B2"`` -> ``(0, 114, 178)``."""
    text = color.lstrip("#")
    return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)


def node_sizes(records: list[NodeRecord]) -> dict[str, float]:
    """Display size per node id, from 10 to 50, growing with sqrt(degree + docs).

    The square root keeps hubs from dwarfing everything else; when all nodes are equally
    important they all get the middle size, 30.
    """
    scores = {}
    for rec in records:
        degree = rec.values.get("degree") or 0
        docs = rec.values.get("docs") or 0
        scores[rec.id] = math.sqrt(max(float(degree) + float(docs), 0.0))
    if not scores:
        return {}
    low, high = min(scores.values()), max(scores.values())
    if high == low:
        return dict.fromkeys(scores, (MIN_SIZE + MAX_SIZE) / 2)
    span = MAX_SIZE - MIN_SIZE
    return {n: round(MIN_SIZE + span * (s - low) / (high - low), 2) for n, s in scores.items()}


def _interval(first: Any, last: Any) -> tuple[str | None, str | None]:
    """``(start, end)`` ISO days for a dynamic element; partial or bad dates are widened/dropped."""

    def span(value: Any) -> tuple[Any, Any] | None:
        try:
            return parse_date_span(value)
        except ValueError:
            return None

    first_span, last_span = span(first), span(last)
    start = first_span[0] if first_span else (last_span[0] if last_span else None)
    end = last_span[1] if last_span else (first_span[1] if first_span else None)
    if start and end and end < start:
        end = start
    return (start.isoformat() if start else None), (end.isoformat() if end else None)


def _time_attrs(first: Any, last: Any) -> dict[str, str]:
    """``start``/``end`` attributes for networkx's writer (absent when unknown)."""
    start, end = _interval(first, last)
    return _without_none({"start": start, "end": end})


def _without_none(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}


def _clean_copy(G: nx.MultiDiGraph, dynamic: bool) -> nx.MultiDiGraph:
    """The graph networkx's writer gets: scalar attributes only, GEXF ids, viz and time data."""
    nodes, edges = make_node_records(G), make_edge_records(G)
    sizes = node_sizes(nodes)
    H = nx.MultiDiGraph()
    for rec in nodes:
        r, g, b = hex_to_rgb(TYPE_COLORS.get(str(rec.values.get("type")), DEFAULT_COLOR))
        data: dict[str, Any] = _without_none(rec.values)
        data.update(label=rec.label, viz={"color": {"r": r, "g": g, "b": b, "a": 1.0}, "size": sizes[rec.id]})
        if dynamic:
            data.update(_time_attrs(rec.values["first_seen"], rec.values["last_seen"]))
        H.add_node(rec.id, **data)
    for edge in edges:
        H.add_edge(edge.source, edge.target, key=edge.id, **_edge_data(edge, dynamic))
    return H


def _edge_data(edge: EdgeRecord, dynamic: bool) -> dict[str, Any]:
    """Attributes of one edge for networkx's writer (``id``/``label``/``weight``/``type`` are GEXF's own)."""
    data: dict[str, Any] = _without_none(edge.values)
    data.update(id=edge.id, label=edge.label)
    if edge.weight is not None:
        data["weight"] = edge.weight
    if not edge.directed:
        data["type"] = "undirected"
    if dynamic:
        first = edge.values["first_seen"] or edge.values["date"]
        last = edge.values["last_seen"] or edge.values["date"]
        data.update(_time_attrs(first, last))
    return data


class _KgGEXFWriter(GEXFWriter):
    """networkx's writer with typed, pre-declared columns and a schema-valid ``<graph>`` element."""

    def __init__(self, version: str, dynamic: bool) -> None:
        self.dynamic = dynamic
        super().__init__(graph=None, encoding="utf-8", prettyprint=True, version=version)

    def add_graph(self, G: nx.MultiDiGraph) -> None:
        """Like networkx's, minus ``name=""``, with columns declared first in a fixed order."""
        mode = "dynamic" if self.dynamic else "static"
        self.graph_element = Element("graph", defaultedgetype="directed", mode=mode)
        if self.dynamic:
            self.graph_element.set("timeformat", "date")
        for cls, columns in (("node", NODE_COLUMNS), ("edge", EDGE_COLUMNS)):
            for column in columns:
                self._declare(cls, column)
        self.add_nodes(G, self.graph_element)
        self.add_edges(G, self.graph_element)
        self.xml.append(self.graph_element)

    def _declare(self, cls: str, column: Column) -> None:
        if column.name in _RESERVED[cls]:
            raise ValueError(f"attribute name {column.name!r} collides with GEXF's own {cls} fields")
        self.get_attr_id(column.name, column.kind, cls, {}, "static")

    def alter_graph_mode_timeformat(self, start_or_end: Any) -> None:
        """Times are always ISO dates here: keep the ``timeformat="date"`` set in :meth:`add_graph`."""


def _fix_tree(writer: _KgGEXFWriter, G: nx.MultiDiGraph, viz_namespace: bool) -> Element:
    """Post-process networkx's tree: namespaces, meta data, networkx_key, column and viz placement."""
    root: Element = writer.xml
    root.set("xmlns:xsi", XSI_NAMESPACE)
    _rewrite_meta(root, G)
    _drop_networkx_key(writer)
    _nodes_columns_first(writer.graph_element)
    prefix = "{" + writer.NS_VIZ + "}"
    for element in writer.graph_element.iter():
        if isinstance(element.tag, str) and element.tag.startswith(prefix):
            if element.tag == prefix + "color":
                element.attrib.pop("a", None)  # opaque is the default; readers then report rgb(...)
            if not viz_namespace:
                element.tag = element.tag[len(prefix) :]
    return root


def _nodes_columns_first(graph: Element) -> None:
    """Put the node ``<attributes>`` block before the edge one (networkx inserts them reversed)."""
    blocks = graph.findall("attributes")
    for block in blocks:
        graph.remove(block)
    for index, block in enumerate(sorted(blocks, key=lambda b: b.get("class") != "node")):
        graph.insert(index, block)


def _rewrite_meta(root: Element, G: nx.MultiDiGraph) -> None:
    """Creator "kg", description from the graph title/source, date from ``created`` when valid."""
    meta = root.find("meta")
    assert meta is not None
    for child in list(meta):
        meta.remove(child)
    SubElement(meta, "creator").text = CREATOR
    title, source = G.graph.get("title"), G.graph.get("source")
    description = " -- ".join(clean_text(x) for x in (title, source) if x)
    if description:
        SubElement(meta, "description").text = description
    try:
        span = parse_date_span(G.graph.get("created"))
    except ValueError:
        span = None
    meta.set("lastmodifieddate", span[0].isoformat() if span else time.strftime("%Y-%m-%d"))


def _drop_networkx_key(writer: _KgGEXFWriter) -> None:
    """Remove the ``networkx_key`` column and its values (our edge ids already identify edges)."""
    attr_id = writer.attr["edge"]["static"].get("networkx_key")
    if attr_id is None:
        return
    for attributes in writer.graph_element.findall("attributes"):
        for attribute in attributes.findall("attribute"):
            if attribute.get("id") == attr_id:
                attributes.remove(attribute)
    for attvalues in writer.graph_element.iter("attvalues"):
        for attvalue in attvalues.findall("attvalue"):
            if attvalue.get("for") == attr_id:
                attvalues.remove(attvalue)


def gexf_bytes(
    G: nx.MultiDiGraph, *, version: str = "1.3", dynamic: bool = False, viz_namespace: bool = False
) -> bytes:
    """Serialise ``G`` (shaped as in :mod:`kg.export.schema`) as GEXF, UTF-8 encoded.

    Args:
        G: the property graph (filter it first with :func:`kg.export.filters.apply_filter`).
        version: ``"1.3"`` (default) or ``"1.2draft"`` (what older Gephi releases write).
        dynamic: add time intervals from ``first_seen``/``last_seen`` for Gephi's timeline.
        viz_namespace: write colours and sizes as ``viz:`` elements (customary but not valid
            against the official XSDs; Gephi and Gephi Lite read both forms).

    Raises:
        ValueError: for an unknown version.
    """
    if version not in VERSIONS:
        raise ValueError(f"unknown GEXF version {version!r}; choose one of {', '.join(VERSIONS)}")
    writer = _KgGEXFWriter(version, dynamic)
    writer.add_graph(_clean_copy(G, dynamic))
    root = _fix_tree(writer, G, viz_namespace)
    writer.indent(root)
    buffer = io.BytesIO()
    ElementTree(root).write(buffer, encoding="utf-8", xml_declaration=True)
    return buffer.getvalue()


def write_gexf(
    G: nx.MultiDiGraph,
    path: str | Path,
    *,
    version: str = "1.3",
    dynamic: bool = False,
    viz_namespace: bool = False,
) -> None:
    """Write ``G`` as a GEXF file at ``path`` (parent directories are created); see :func:`gexf_bytes`."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gexf_bytes(G, version=version, dynamic=dynamic, viz_namespace=viz_namespace))


class _MixedGEXFReader(GEXFReader):
    """networkx's reader, accepting undirected edges in a directed graph and main-namespace viz."""

    def __init__(self) -> None:
        super().__init__(node_type=None, version="1.3")
        self.simple_graph = False  # always return a MultiDiGraph/MultiGraph, keyed by edge id

    def add_edge(self, G: nx.Graph, edge_element: Element, edge_attr: dict) -> None:
        """Add the edge; an undirected edge of a directed graph gets ``directed=False``."""
        undirected = G.is_directed() and edge_element.get("type") == "undirected"
        if undirected:
            attrib = {k: v for k, v in edge_element.attrib.items() if k != "type"}
            clone = Element(edge_element.tag, attrib)
            clone.extend(list(edge_element))
            edge_element = clone
        super().add_edge(G, edge_element, edge_attr)
        if G.is_directed():
            parallel = G[edge_element.get("source")][edge_element.get("target")]
            last_key = list(parallel)[-1]  # the edge just added (dicts keep insertion order)
            parallel[last_key]["directed"] = not undirected

    def add_viz(self, data: dict, node_xml: Element) -> dict:
        """Read viz data from the ``viz`` namespace, or else from the main GEXF namespace."""
        data = super().add_viz(data, node_xml)
        if "viz" not in data:
            viz_namespace = self.NS_VIZ
            try:
                self.NS_VIZ = self.NS_GEXF
                data = super().add_viz(data, node_xml)
            finally:
                self.NS_VIZ = viz_namespace
        return data


def read_gexf(path: str | Path) -> nx.MultiDiGraph:
    """Read a GEXF file (1.1draft, 1.2draft or 1.3) into a networkx multigraph.

    Unlike ``networkx.read_gexf`` this accepts the mixed graphs :func:`write_gexf` produces:
    edges of ``type="undirected"`` in a directed graph are kept, with ``directed=False`` (other
    edges get ``directed=True``), and ``color``/``size`` written in the main namespace are read
    into ``viz``. Edges are keyed by their GEXF id; attribute values keep their GEXF types.
    """
    with Path(path).open("rb") as fh:
        return _MixedGEXFReader()(fh)
