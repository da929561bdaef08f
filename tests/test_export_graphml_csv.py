"""GraphML export (yEd, Cytoscape) and CSV export (Gephi's spreadsheet import)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import networkx as nx
import pytest
from export_fixtures import WEIRD_ALIASES_CLEAN, WEIRD_LABEL_CLEAN, ai_business_graph, edge_id, iri
from lxml import etree

from kg.export.filters import GraphFilter, apply_filter
from kg.export.graphml import graphml_graph, write_graphml
from kg.export.schema import SYMMETRIC_PREDICATES
from kg.export.tables import csv_paths, write_csv

GRAPHML = {"g": "http://graphml.graphdrawing.org/xmlns"}
NODE_HEADER = [
    "Id",
    "Label",
    "type",
    "label_it",
    "qid",
    "degree",
    "docs",
    "first_seen",
    "last_seen",
    "aliases",
]
EDGE_HEADER = [
    "Source",
    "Target",
    "Type",
    "Id",
    "Label",
    "Weight",
    "predicate",
    "label_en",
    "label_it",
    "confidence",
    "amount",
    "currency",
    "date",
    "first_seen",
    "last_seen",
    "docs",
]


@pytest.fixture
def graph() -> nx.MultiDiGraph:
    return ai_business_graph()


@pytest.fixture
def graphml_file(graph, tmp_path) -> Path:
    path = tmp_path / "ai.graphml"
    write_graphml(graph, path)
    return path


def by_iri(G: nx.MultiDiGraph) -> dict[str, dict]:
    return {data["iri"]: data for _, data in G.nodes(data=True)}


# --- GraphML -----------------------------------------------------------------------------------


def test_graphml_round_trip_keeps_every_node_and_relation(graphml_file):
    back = nx.read_graphml(graphml_file, force_multigraph=True)
    assert isinstance(back, nx.MultiDiGraph)
    assert (back.number_of_nodes(), back.number_of_edges()) == (18, 19)
    assert back.graph["title"] == "AI business test graph" and back.graph["created"] == "2025-02-01"


def test_graphml_ids_are_xml_name_tokens_and_iris_are_attributes(graphml_file):
    back = nx.read_graphml(graphml_file, force_multigraph=True)
    assert all(re.fullmatch(r"n\d+", node) for node in back)
    assert all(re.fullmatch(r"e\d+", key) for *_, key in back.edges(keys=True))
    assert set(by_iri(back)) == set(ai_business_graph())


def test_graphml_node_attributes_are_typed_scalars(graphml_file):
    nodes = by_iri(nx.read_graphml(graphml_file, force_multigraph=True))
    nvidia = nodes[iri("Nvidia")]
    assert {k: v for k, v in nvidia.items() if k != "size"} == {
        "iri": iri("Nvidia"),
        "label": "Nvidia",
        "type": "Organization",
        "label_it": "Nvidia",
        "qid": "Q182477",
        "degree": 6,
        "docs": 7,
        "first_seen": "2023-11-15",
        "last_seen": "2024-05-02",
        "aliases": "NVIDIA|Nvidia Corporation",
        "color": "#0072B2",
    }
    assert isinstance(nvidia["size"], float) and 10.0 <= nvidia["size"] <= 50.0
    assert "qid" not in nodes[iri("Stargate")]


def test_graphml_keeps_weird_labels_readable_and_drops_control_characters(graphml_file):
    nodes = by_iri(nx.read_graphml(graphml_file, force_multigraph=True))
    assert nodes[iri("Ernie_Bot")]["label"] == WEIRD_LABEL_CLEAN
    assert nodes[iri("Ernie_Bot")]["aliases"] == WEIRD_ALIASES_CLEAN
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", graphml_file.read_text(encoding="utf-8"))


def test_graphml_edges_keep_parallel_relations_direction_and_values(graphml_file):
    back = nx.read_graphml(graphml_file, force_multigraph=True)
    ids = {data["iri"]: node for node, data in back.nodes(data=True)}
    pair = back[ids[iri("Microsoft")]][ids[iri("OpenAI")]]
    relations = {data["predicate"]: data for data in pair.values()}
    assert set(relations) == {"investsIn", "partnersWith", "suppliesTo"}
    investment = relations["investsIn"]
    assert investment["kg_id"] == edge_id("Microsoft", "investsIn", "OpenAI")
    assert (investment["weight"], investment["amount"], investment["currency"]) == (5, 1.0e10, "USD")
    assert investment["directed"] is True and relations["partnersWith"]["directed"] is False
    assert "amount" not in relations["partnersWith"]
    assert all(
        d["directed"] == (d["predicate"] not in SYMMETRIC_PREDICATES) for *_, d in back.edges(data=True)
    )


def test_graphml_declares_one_typed_key_per_attribute(graphml_file):
    root = etree.parse(str(graphml_file)).getroot()
    keys = {(k.get("for"), k.get("attr.name")): k.get("attr.type") for k in root.iterfind("g:key", GRAPHML)}
    assert keys[("node", "degree")] == "long" and keys[("node", "size")] == "double"
    assert keys[("edge", "confidence")] == "double" and keys[("edge", "directed")] == "boolean"
    assert keys[("edge", "weight")] == "long" and keys[("node", "aliases")] == "string"
    assert ("edge", "evidence") not in keys
    assert root.find("g:graph", GRAPHML).get("edgedefault") == "directed"


def test_graphml_graph_copy_is_scalar_only(graph):
    H = graphml_graph(graph)
    values = [v for _, d in H.nodes(data=True) for v in d.values()]
    values += [v for *_, d in H.edges(data=True) for v in d.values()]
    assert all(isinstance(v, str | int | float | bool) for v in values)


# --- CSV ---------------------------------------------------------------------------------------


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def test_csv_files_use_gephi_spreadsheet_headers(graph, tmp_path):
    nodes_path, edges_path = write_csv(graph, tmp_path / "tables")
    assert (nodes_path.name, edges_path.name) == ("nodes.csv", "edges.csv")
    node_header, node_rows = read_rows(nodes_path)
    edge_header, edge_rows = read_rows(edges_path)
    assert node_header == NODE_HEADER and edge_header == EDGE_HEADER
    assert (len(node_rows), len(edge_rows)) == (18, 19)
    assert not nodes_path.read_bytes().startswith(b"\xef\xbb\xbf")


def test_csv_prefix_path_names_both_files_after_it(graph, tmp_path):
    nodes_path, edges_path = write_csv(graph, tmp_path / "out" / "ai.csv")
    assert (nodes_path, edges_path) == csv_paths(tmp_path / "out" / "ai.csv")
    assert (nodes_path.name, edges_path.name) == ("ai.nodes.csv", "ai.edges.csv")
    assert nodes_path.is_file() and edges_path.is_file()


def test_csv_node_rows_hold_scalar_values_and_empty_cells_for_unknowns(graph, tmp_path):
    nodes_path, _ = write_csv(graph, tmp_path)
    rows = {row["Id"]: row for row in read_rows(nodes_path)[1]}
    assert rows[iri("Nvidia")] == {
        "Id": iri("Nvidia"),
        "Label": "Nvidia",
        "type": "Organization",
        "label_it": "Nvidia",
        "qid": "Q182477",
        "degree": "6",
        "docs": "7",
        "first_seen": "2023-11-15",
        "last_seen": "2024-05-02",
        "aliases": "NVIDIA|Nvidia Corporation",
    }
    assert rows[iri("Stargate")]["qid"] == "" and rows[iri("AMD")]["first_seen"] == ""
    assert rows[iri("Ernie_Bot")]["Label"] == WEIRD_LABEL_CLEAN
    assert rows[iri("Ernie_Bot")]["aliases"] == WEIRD_ALIASES_CLEAN


def test_csv_edge_rows_mark_symmetric_relations_undirected(graph, tmp_path):
    _, edges_path = write_csv(graph, tmp_path)
    rows = read_rows(edges_path)[1]
    assert {row["predicate"] for row in rows if row["Type"] == "Undirected"} == {
        "partnersWith",
        "competesWith",
    }
    assert {row["Type"] for row in rows} == {"Directed", "Undirected"}
    assert len({row["Id"] for row in rows}) == 19


def test_csv_edge_rows_hold_weight_amount_and_dates(graph, tmp_path):
    _, edges_path = write_csv(graph, tmp_path)
    rows = {row["Id"]: row for row in read_rows(edges_path)[1]}
    investment = rows[edge_id("Amazon", "investsIn", "Anthropic")]
    assert investment["Source"] == iri("Amazon") and investment["Target"] == iri("Anthropic")
    assert (investment["Label"], investment["Weight"], investment["label_it"]) == (
        "invests in",
        "2",
        "investe in",
    )
    assert (float(investment["amount"]), investment["currency"]) == (4.0e9, "USD")
    assert (investment["date"], investment["confidence"], investment["docs"]) == ("2023-09-25", "0.91", "2")
    partnership = rows[edge_id("Microsoft", "partnersWith", "OpenAI")]
    assert (partnership["amount"], partnership["currency"]) == ("", "")
    assert rows[edge_id("Nvidia", "suppliesTo", "OpenAI")]["Weight"] == "4"


def test_csv_degree_follows_the_filtered_graph(graph, tmp_path):
    investments = apply_filter(graph, GraphFilter(predicates={"investsIn"}))
    nodes_path, edges_path = write_csv(investments, tmp_path)
    rows = {row["Label"]: row for row in read_rows(nodes_path)[1]}
    assert set(rows) == {"Microsoft", "OpenAI", "Mistral AI", "Amazon", "Anthropic"}
    assert rows["Microsoft"]["degree"] == "2"
    assert len(read_rows(edges_path)[1]) == 3
