"""GEXF export: schema validity, content, and what independent readers make of it.

Validity is checked against the official GEXF XSDs kept in ``../shared/data/gexf`` (next to the
repository); the independent reader is graphology-gexf, the parser behind Gephi Lite, run with
Node from ``tests/js``.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import networkx as nx
import pytest
from export_fixtures import WEIRD_ALIASES_CLEAN, WEIRD_LABEL_CLEAN, ai_business_graph, edge_id, iri
from lxml import etree

from kg.export.filters import GraphFilter, apply_filter
from kg.export.gexf import gexf_bytes, read_gexf, write_gexf
from kg.export.schema import SYMMETRIC_PREDICATES, TYPE_COLORS

SCHEMA_DIR = Path(__file__).parents[1].parent / "shared/data/gexf"
JS_DIR = Path(__file__).parent / "js"
NAMESPACES = {"1.3": "http://gexf.net/1.3", "1.2draft": "http://www.gexf.net/1.2draft"}
VARIANTS = [("1.3", False), ("1.3", True), ("1.2draft", False), ("1.2draft", True)]
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")

NODE_COLUMN_TYPES = {
    "type": "string",
    "label_it": "string",
    "qid": "string",
    "degree": "integer",
    "docs": "integer",
    "first_seen": "string",
    "last_seen": "string",
    "aliases": "string",
}
EDGE_COLUMN_TYPES = {
    "predicate": "string",
    "label_en": "string",
    "label_it": "string",
    "confidence": "double",
    "amount": "double",
    "currency": "string",
    "date": "string",
    "first_seen": "string",
    "last_seen": "string",
    "docs": "integer",
}


@pytest.fixture
def graph() -> nx.MultiDiGraph:
    return ai_business_graph()


def xml_schema(version: str) -> etree.XMLSchema:
    path = SCHEMA_DIR / version / "gexf.xsd"
    if not path.is_file():
        pytest.skip(f"official GEXF schema not found at {path}")
    return etree.XMLSchema(etree.parse(str(path)))


def parse(data: bytes) -> etree._Element:
    return etree.fromstring(data)


class Doc:
    """Namespace-aware access to a written GEXF document."""

    def __init__(self, data: bytes, version: str = "1.3") -> None:
        self.root = parse(data)
        self.ns = {"g": NAMESPACES[version]}
        self.graph = self.root.find("g:graph", self.ns)

    def columns(self, cls: str) -> dict[str, tuple[str, str]]:
        """title -> (id, type) of the declared attributes of a class."""
        block = self.graph.find(f"g:attributes[@class='{cls}']", self.ns)
        return {a.get("title"): (a.get("id"), a.get("type")) for a in block.findall("g:attribute", self.ns)}

    def node(self, node_id: str) -> etree._Element:
        return self.graph.find(f"g:nodes/g:node[@id='{node_id}']", self.ns)

    def edges(self) -> list[etree._Element]:
        return self.graph.findall("g:edges/g:edge", self.ns)

    def edge(self, eid: str) -> etree._Element:
        return next(e for e in self.edges() if e.get("id") == eid)

    def values(self, element: etree._Element, cls: str) -> dict[str, str]:
        """title -> raw value of an element's attvalues."""
        titles = {attr_id: title for title, (attr_id, _) in self.columns(cls).items()}
        return {
            titles[v.get("for")]: v.get("value") for v in element.iterfind("g:attvalues/g:attvalue", self.ns)
        }


# --- validity --------------------------------------------------------------------------------


@pytest.mark.parametrize(("version", "dynamic"), VARIANTS)
def test_every_variant_is_valid_against_the_official_xsd(graph, version, dynamic):
    schema = xml_schema(version)
    document = parse(gexf_bytes(graph, version=version, dynamic=dynamic))
    assert schema.validate(document), schema.error_log


@pytest.mark.parametrize("version", ["1.3", "1.2draft"])
def test_an_empty_graph_is_valid_too(version):
    schema = xml_schema(version)
    document = parse(gexf_bytes(nx.MultiDiGraph(), version=version))
    assert schema.validate(document), schema.error_log


def test_viz_namespace_option_writes_customary_viz_elements_that_the_xsd_rejects(graph):
    data = gexf_bytes(graph, viz_namespace=True)
    assert b'xmlns:viz="http://gexf.net/1.3/viz"' in data
    assert b"<viz:color " in data and b"<viz:size " in data
    assert not xml_schema("1.3").validate(parse(data))


def test_unknown_version_is_refused(graph):
    with pytest.raises(ValueError, match="1.2draft"):
        gexf_bytes(graph, version="1.1draft")


def test_output_is_deterministic(graph):
    assert gexf_bytes(graph) == gexf_bytes(ai_business_graph())


# --- document structure ----------------------------------------------------------------------


def test_root_and_meta_describe_version_and_origin(graph):
    doc = Doc(gexf_bytes(graph))
    assert doc.root.get("version") == "1.3"
    assert doc.root.get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation").startswith(
        "http://gexf.net/1.3"
    )
    meta = doc.root.find("g:meta", doc.ns)
    assert meta.get("lastmodifieddate") == "2025-02-01"
    assert meta.findtext("g:creator", namespaces=doc.ns).startswith("kg")
    assert "AI business test graph" in meta.findtext("g:description", namespaces=doc.ns)


def test_version_1_2draft_uses_its_own_namespace_and_version_number(graph):
    doc = Doc(gexf_bytes(graph, version="1.2draft"), "1.2draft")
    assert doc.root.get("version") == "1.2"
    assert len(doc.graph.findall("g:nodes/g:node", doc.ns)) == 18


def test_graph_element_is_directed_static_and_has_no_name(graph):
    doc = Doc(gexf_bytes(graph))
    assert doc.graph.get("defaultedgetype") == "directed"
    assert doc.graph.get("mode") == "static"
    assert "name" not in doc.graph.attrib
    assert "timeformat" not in doc.graph.attrib


def test_columns_are_declared_with_gexf_types_and_without_networkx_key(graph):
    doc = Doc(gexf_bytes(graph))
    assert {title: kind for title, (_, kind) in doc.columns("node").items()} == NODE_COLUMN_TYPES
    assert {title: kind for title, (_, kind) in doc.columns("edge").items()} == EDGE_COLUMN_TYPES


def test_columns_are_declared_even_when_no_element_has_a_value(graph):
    only_partnership = apply_filter(graph, GraphFilter(predicates={"partnersWith"}))
    doc = Doc(gexf_bytes(only_partnership))
    assert doc.columns("edge")["amount"][1] == "double"
    assert "amount" not in doc.values(doc.edges()[0], "edge")


def test_nodes_carry_label_and_typed_attributes(graph):
    doc = Doc(gexf_bytes(graph))
    nvidia = doc.node(iri("Nvidia"))
    assert nvidia.get("label") == "Nvidia"
    assert doc.values(nvidia, "node") == {
        "type": "Organization",
        "label_it": "Nvidia",
        "qid": "Q182477",
        "degree": "6",
        "docs": "7",
        "first_seen": "2023-11-15",
        "last_seen": "2024-05-02",
        "aliases": "NVIDIA|Nvidia Corporation",
    }


def test_missing_values_are_left_out_rather_than_written_as_none(graph):
    doc = Doc(gexf_bytes(graph))
    stargate = doc.values(doc.node(iri("Stargate")), "node")
    assert "qid" not in stargate
    assert b'"None"' not in gexf_bytes(graph)


def test_colour_follows_entity_type_and_size_grows_with_importance(graph):
    doc = Doc(gexf_bytes(graph))
    sizes = {}
    for node in doc.graph.iterfind("g:nodes/g:node", doc.ns):
        kind = doc.values(node, "node")["type"]
        color = node.find("g:color", doc.ns)
        expected = TYPE_COLORS[kind].lstrip("#")
        assert (color.get("r"), color.get("g"), color.get("b")) == tuple(
            str(int(expected[i : i + 2], 16)) for i in (0, 2, 4)
        )
        sizes[node.get("id")] = float(node.find("g:size", doc.ns).get("value"))
    assert all(10.0 <= size <= 50.0 for size in sizes.values())
    assert max(sizes, key=sizes.get) == iri("OpenAI")
    assert sizes[iri("OpenAI")] == 50.0 and min(sizes.values()) == 10.0


def test_each_relation_is_a_distinct_edge_with_a_unique_id(graph):
    doc = Doc(gexf_bytes(graph))
    ids = [e.get("id") for e in doc.edges()]
    assert len(ids) == 19 == len(set(ids))
    between = [
        e for e in doc.edges() if (e.get("source"), e.get("target")) == (iri("Microsoft"), iri("OpenAI"))
    ]
    assert sorted(doc.values(e, "edge")["predicate"] for e in between) == [
        "investsIn",
        "partnersWith",
        "suppliesTo",
    ]
    assert edge_id("Microsoft", "investsIn", "OpenAI") in ids


def test_symmetric_relations_are_undirected_edges_and_others_use_the_directed_default(graph):
    doc = Doc(gexf_bytes(graph))
    undirected = {doc.values(e, "edge")["predicate"] for e in doc.edges() if e.get("type") == "undirected"}
    assert undirected == {"partnersWith", "competesWith"}
    assert all(e.get("type") in (None, "undirected") for e in doc.edges())


def test_edges_carry_weight_label_amount_and_currency(graph):
    doc = Doc(gexf_bytes(graph))
    investment = doc.edge(edge_id("Microsoft", "investsIn", "Mistral_AI"))
    assert investment.get("weight") == "2"
    assert investment.get("label") == "invests in"
    values = doc.values(investment, "edge")
    assert float(values["amount"]) == 1.5e7 and values["currency"] == "EUR"
    assert values["label_it"] == "investe in" and values["confidence"] == "0.86"
    partnership = doc.values(doc.edge(edge_id("Microsoft", "partnersWith", "OpenAI")), "edge")
    assert "amount" not in partnership and "currency" not in partnership


def test_numpy_scalars_are_written_as_plain_numbers(graph):
    doc = Doc(gexf_bytes(graph))
    supply = doc.edge(edge_id("Nvidia", "suppliesTo", "OpenAI"))
    assert supply.get("weight") == "4"
    assert doc.values(supply, "edge")["confidence"] == "0.9"


def test_control_characters_are_removed_and_xml_specials_escaped(graph):
    data = gexf_bytes(graph)
    assert not XML_FORBIDDEN.search(data.decode("utf-8"))
    doc = Doc(data)
    ernie = doc.node(iri("Ernie_Bot"))
    assert ernie.get("label") == WEIRD_LABEL_CLEAN
    assert doc.values(ernie, "node")["aliases"] == WEIRD_ALIASES_CLEAN
    assert doc.values(ernie, "node")["label_it"] == "Ernie Bot"
    assert "&lt;beta&gt; &amp; &quot;chat&quot;" in data.decode("utf-8")


def test_degree_is_counted_on_the_exported_graph(graph):
    focused = apply_filter(graph, GraphFilter(focus="Nvidia", depth=1))
    doc = Doc(gexf_bytes(focused))
    assert doc.values(doc.node(iri("OpenAI")), "node")["degree"] == "4"  # 3 Microsoft relations + Nvidia


def test_write_gexf_creates_parent_directories(graph, tmp_path):
    target = tmp_path / "out" / "ai.gexf"
    write_gexf(graph, target, version="1.2draft")
    assert target.read_bytes() == gexf_bytes(graph, version="1.2draft")


# --- dynamic graphs --------------------------------------------------------------------------


@pytest.mark.parametrize("version", ["1.3", "1.2draft"])
def test_dynamic_graph_uses_publication_dates_as_intervals(graph, version):
    doc = Doc(gexf_bytes(graph, version=version, dynamic=True), version)
    assert (doc.graph.get("mode"), doc.graph.get("timeformat")) == ("dynamic", "date")
    openai = doc.node(iri("OpenAI"))
    assert (openai.get("start"), openai.get("end")) == ("2023-01-23", "2025-01-22")
    stargate = doc.edge(edge_id("OpenAI", "participatesIn", "Stargate"))
    assert (stargate.get("start"), stargate.get("end")) == ("2025-01-21", "2025-01-22")


def test_dynamic_graph_leaves_undated_elements_without_interval(graph):
    doc = Doc(gexf_bytes(graph, dynamic=True))
    amd = doc.node(iri("AMD"))
    rivalry = doc.edge(edge_id("AMD", "competesWith", "Nvidia"))
    assert "start" not in amd.attrib and "end" not in amd.attrib
    assert "start" not in rivalry.attrib and "end" not in rivalry.attrib


def test_dynamic_graph_widens_partial_dates_to_whole_periods(graph):
    graph.nodes[iri("AMD")].update(first_seen="2024-02", last_seen="2024")
    doc = Doc(gexf_bytes(graph, dynamic=True))
    amd = doc.node(iri("AMD"))
    assert (amd.get("start"), amd.get("end")) == ("2024-02-01", "2024-12-31")
    assert xml_schema("1.3").validate(doc.root)


def test_static_graph_has_no_intervals(graph):
    data = gexf_bytes(graph)
    assert b' start="' not in data and b' end="' not in data


# --- round trip through networkx's reader ----------------------------------------------------


@pytest.mark.parametrize(("version", "dynamic"), VARIANTS)
def test_round_trip_keeps_nodes_edges_directions_and_typed_values(graph, tmp_path, version, dynamic):
    path = tmp_path / "ai.gexf"
    write_gexf(graph, path, version=version, dynamic=dynamic)
    back = read_gexf(path)
    assert isinstance(back, nx.MultiDiGraph)
    assert (back.number_of_nodes(), back.number_of_edges()) == (18, 19)
    nvidia = back.nodes[iri("Nvidia")]
    assert nvidia["label"] == "Nvidia" and nvidia["docs"] == 7 and nvidia["degree"] == 6
    assert nvidia["viz"]["color"] == {"r": 0, "g": 114, "b": 178, "a": 1.0}
    assert back.nodes[iri("Ernie_Bot")]["label"] == WEIRD_LABEL_CLEAN
    investment = back.edges[iri("Microsoft"), iri("OpenAI"), edge_id("Microsoft", "investsIn", "OpenAI")]
    assert investment["amount"] == 1.0e10 and investment["currency"] == "USD"
    assert investment["weight"] == 5.0 and investment["confidence"] == 0.93 and investment["docs"] == 4
    assert all(
        d["directed"] == (d["predicate"] not in SYMMETRIC_PREDICATES) for *_, d in back.edges(data=True)
    )
    assert len(back[iri("Microsoft")][iri("OpenAI")]) == 3


def test_plain_networkx_reader_round_trips_a_graph_without_symmetric_relations(graph, tmp_path):
    directed_only = apply_filter(graph, GraphFilter(predicates={"investsIn", "ceoOf", "suppliesTo"}))
    path = tmp_path / "directed.gexf"
    write_gexf(directed_only, path)
    back = nx.read_gexf(path)
    assert sorted(back.edges(keys=True)) == sorted(
        (u, v, f"{u}|{k}|{v}") for u, v, k in directed_only.edges(keys=True)
    )
    assert back.nodes[iri("Sam_Altman")]["type"] == "Person"


# --- graphology-gexf (Gephi Lite's parser) ---------------------------------------------------


@pytest.fixture(scope="session")
def graphology_parse():
    """A function running tests/js/parse_gexf.mjs on a file; installs node_modules once if missing."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        pytest.skip("node and npm are needed to run graphology-gexf (not found on PATH)")
    if not (JS_DIR / "node_modules" / "graphology-gexf").is_dir():
        done = subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund"], cwd=JS_DIR, capture_output=True, text=True, timeout=600
        )
        if done.returncode != 0:
            pytest.skip(f"npm ci failed in {JS_DIR}: {done.stderr.strip()[-400:]}")

    def run(path: Path) -> dict:
        done = subprocess.run(
            [node, str(JS_DIR / "parse_gexf.mjs"), str(path)], capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    return run


@pytest.mark.parametrize(("version", "dynamic"), VARIANTS)
def test_graphology_reads_counts_directions_and_parallel_edges(
    graph, tmp_path, graphology_parse, version, dynamic
):
    path = tmp_path / "ai.gexf"
    write_gexf(graph, path, version=version, dynamic=dynamic)
    result = graphology_parse(path)
    assert (result["order"], result["size"]) == (18, 19)
    assert result["type"] == "mixed" and result["multi"] is True
    undirected = {e["attributes"]["predicate"] for e in result["edges"] if e["undirected"]}
    assert undirected == {"partnersWith", "competesWith"}
    pair = [e for e in result["edges"] if (e["source"], e["target"]) == (iri("Microsoft"), iri("OpenAI"))]
    assert len(pair) == 3 and len({e["key"] for e in pair}) == 3


def test_graphology_reads_typed_attributes_colours_and_sizes(graph, tmp_path, graphology_parse):
    path = tmp_path / "ai.gexf"
    write_gexf(graph, path)
    result = graphology_parse(path)
    nodes = {n["key"]: n["attributes"] for n in result["nodes"]}
    edges = {e["key"]: e["attributes"] for e in result["edges"]}
    assert nodes[iri("Nvidia")] | {"size": None} == {
        "label": "Nvidia",
        "type": "Organization",
        "label_it": "Nvidia",
        "qid": "Q182477",
        "degree": 6,
        "docs": 7,
        "first_seen": "2023-11-15",
        "last_seen": "2024-05-02",
        "aliases": "NVIDIA|Nvidia Corporation",
        "color": "rgb(0,114,178)",
        "size": None,
    }
    assert 10 <= nodes[iri("Nvidia")]["size"] <= 50
    assert nodes[iri("Ernie_Bot")]["label"] == WEIRD_LABEL_CLEAN
    assert nodes[iri("Jensen_Huang")]["color"] == "rgb(230,159,0)"
    investment = edges[edge_id("Microsoft", "investsIn", "OpenAI")]
    assert investment["weight"] == 5 and investment["amount"] == 1.0e10 and investment["confidence"] == 0.93
    assert investment["label"] == "invests in" and investment["label_it"] == "investe in"
    assert "amount" not in edges[edge_id("Microsoft", "partnersWith", "OpenAI")]
    assert result["graph"]["lastModifiedDate"] == "2025-02-01"
