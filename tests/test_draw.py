"""Relationship diagrams (kg.viz.draw): what gets drawn, where, and what lands in the file.

The checks read the DrawResult, the matplotlib artists and the saved file's structure, never pixels.
Figures are drawn with matplotlib's Agg canvas; graphs come from ``viz_fixtures``.
"""

from __future__ import annotations

import itertools
import math
import struct
import time
from pathlib import Path

import networkx as nx
import numpy as np
import pytest
from matplotlib.collections import PathCollection
from matplotlib.patches import ArrowStyle, FancyArrowPatch
from viz_fixtures import awkward_graph, iri, large_graph, medium_graph, small_graph

from kg.export.schema import NODE_TYPES, SYMMETRIC_PREDICATES, TYPE_COLORS
from kg.viz import DrawResult, draw_graph, format_amount, render_graph
from kg.viz.style import DARK, LIGHT

MAGIC = {"png": b"\x89PNG\r\n\x1a\n", "svg": b"<?xml", "pdf": b"%PDF-"}
SCHEMA_NODE_ATTRS = {"label", "label_it", "type", "qid", "docs", "first_seen", "last_seen", "aliases"}
SCHEMA_EDGE_ATTRS = {
    "predicate", "label_en", "label_it", "directed", "weight", "confidence", "amount", "currency",
    "date", "first_seen", "last_seen", "evidence", "docs",
}  # fmt: skip


@pytest.fixture(scope="module")
def small() -> nx.MultiDiGraph:
    return small_graph()


@pytest.fixture(scope="module")
def medium() -> nx.MultiDiGraph:
    return medium_graph()


@pytest.fixture(scope="module")
def large() -> nx.MultiDiGraph:
    return large_graph()


@pytest.fixture(scope="module")
def medium_drawing(medium):
    """The 40-node graph rendered once (relations view, light, 72 dpi): (figure, result)."""
    return render_graph(medium, dpi=72)


@pytest.fixture(scope="module")
def large_drawing(large, tmp_path_factory):
    """The 150-node graph drawn once, with the wall time it took."""
    path = tmp_path_factory.mktemp("large") / "large.png"
    start = time.perf_counter()
    result = draw_graph(large, path, dpi=60)
    return result, time.perf_counter() - start, path


def labels_of(G: nx.MultiDiGraph) -> list[str]:
    return [data["label"] for _, data in G.nodes(data=True)]


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from the PNG header (IHDR chunk)."""
    header = path.read_bytes()[:24]
    return struct.unpack(">II", header[16:24])


def label_boxes(fig) -> list[tuple[str, object]]:
    """(gid, display bbox) of every node and edge label text in the figure."""
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    return [
        (t.get_gid(), t.get_window_extent(renderer))
        for t in ax.texts
        if (t.get_gid() or "").startswith(("node-label", "edge-label"))
    ]


def node_discs(fig) -> list[tuple[np.ndarray, float]]:
    """(centre, radius) in pixels of every node marker, from the scatter collections."""
    ax = fig.axes[0]
    discs = []
    for coll in ax.collections:
        if isinstance(coll, PathCollection) and (coll.get_gid() or "").startswith("nodes-"):
            centres = ax.transData.transform(coll.get_offsets())
            for centre, area in zip(centres, coll.get_sizes(), strict=True):
                discs.append((centre, math.sqrt(area) / 2 * fig.dpi / 72))
    return discs


def arrows(fig) -> dict[str, FancyArrowPatch]:
    return {p.get_gid(): p for p in fig.axes[0].patches if isinstance(p, FancyArrowPatch)}


# --------------------------------------------------------------------------- fixtures themselves


def test_fixtures_have_5_40_and_150_nodes_with_every_schema_attribute(small, medium, large):
    for G, size in ((small, 5), (medium, 40), (large, 150)):
        assert G.number_of_nodes() == size
        assert {"title", "source", "created"} <= set(G.graph)
        for _, data in G.nodes(data=True):
            assert set(data) >= SCHEMA_NODE_ATTRS
            assert data["type"] in NODE_TYPES
            assert data["docs"] >= 1
        for u, v, key, data in G.edges(keys=True, data=True):
            assert set(data) >= SCHEMA_EDGE_ATTRS
            assert key == data["predicate"]
            assert data["directed"] == (key not in SYMMETRIC_PREDICATES)
            if not data["directed"]:
                assert u < v, "symmetric edges are stored from the smaller IRI"


def test_large_fixture_is_deterministic_and_denser_than_the_label_limit(large):
    again = large_graph()
    assert sorted(again.edges(keys=True)) == sorted(large.edges(keys=True))
    assert large.number_of_edges() > 60
    assert nx.is_weakly_connected(large)


# --------------------------------------------------------------------------- files and formats


@pytest.mark.parametrize(
    ("view", "style", "fmt"),
    [
        (v, s, f)
        for (v, f), s in zip(
            itertools.product(("relations", "deals", "ego"), MAGIC), itertools.cycle(("light", "dark"))
        )
    ],  # fmt: skip
)
def test_every_view_writes_a_non_empty_file_in_every_format(small, tmp_path, view, style, fmt):
    path = tmp_path / "sub" / f"diagram.{fmt}"
    result = draw_graph(small, path, view=view, style=style, dpi=72)
    assert result.path == path and result.format == fmt and result.view == view and result.style == style
    data = path.read_bytes()
    assert len(data) > 1000
    assert data.startswith(MAGIC[fmt])


def test_dark_and_light_styles_differ_in_background(small):
    light, _ = render_graph(small, style="light", dpi=50)
    dark, _ = render_graph(small, style="dark", dpi=50)
    assert light.get_facecolor()[:3] == pytest.approx(
        tuple(int(LIGHT.background[i : i + 2], 16) / 255 for i in (1, 3, 5))
    )
    assert dark.get_facecolor()[:3] == pytest.approx(
        tuple(int(DARK.background[i : i + 2], 16) / 255 for i in (1, 3, 5))
    )


def test_the_format_comes_from_the_file_name(small, tmp_path):
    assert draw_graph(small, tmp_path / "a.SVG", dpi=50).format == "svg"
    with pytest.raises(ValueError, match="png, .svg or .pdf"):
        draw_graph(small, tmp_path / "a.jpg")


def test_unknown_view_or_style_is_refused(small, tmp_path):
    with pytest.raises(ValueError, match="view"):
        draw_graph(small, tmp_path / "a.png", view="timeline")
    with pytest.raises(ValueError, match="style"):
        draw_graph(small, tmp_path / "a.png", style="sepia")


def test_size_and_dpi_set_the_pixel_size(small, tmp_path):
    path = tmp_path / "sized.png"
    result = draw_graph(small, path, size=(6, 4), dpi=50)
    assert result.figsize == (6.0, 4.0) and result.dpi == 50
    assert png_size(path) == (300, 200)


def test_automatic_size_grows_with_the_graph(small, medium_drawing, large_drawing):
    _, res_small = render_graph(small, dpi=30)
    _, res_medium = medium_drawing
    res_large = large_drawing[0]
    widths = [res_small.figsize[0], res_medium.figsize[0], res_large.figsize[0]]
    assert widths == sorted(widths) and widths[0] < widths[2]


def test_svg_keeps_labels_as_searchable_text(small, tmp_path):
    path = tmp_path / "small.svg"
    draw_graph(small, path, title="Who backs OpenAI", dpi=72)
    svg = path.read_text(encoding="utf-8")
    for text in (
        "Who backs OpenAI",
        "Sam Altman",
        "San Francisco",
        "invests in $13bn",
        "data as of 2025-06-30",
    ):
        assert text in svg


def test_the_same_graph_gives_the_same_svg(small, tmp_path):
    first, second = tmp_path / "1.svg", tmp_path / "2.svg"
    draw_graph(small, first, dpi=72)
    draw_graph(small, second, dpi=72)
    assert first.read_bytes() == second.read_bytes()


# --------------------------------------------------------------------------- what the result lists


def test_result_lists_every_node_label_and_the_expected_edge_labels(small):
    _, result = render_graph(small)
    assert isinstance(result, DrawResult)
    assert sorted(result.node_labels) == sorted(labels_of(small))
    assert sorted(result.edge_labels) == sorted(
        [
            "invests in $13bn",
            "supplies",
            "partners with",
            "CEO of",
            "founder of",
            "product of",
            "headquartered in",
        ]
    )
    assert not result.edge_labels_hidden
    assert result.legend_entries[:4] == ["Organization", "Person", "Product", "Place"]
    assert {"investment & ownership", "supply", "people", "products & places"} <= set(result.legend_entries)


def test_medium_graph_labels_every_edge_with_amounts_in_their_currency(medium, medium_drawing):
    _, result = medium_drawing
    assert sorted(result.node_labels) == sorted(labels_of(medium))
    assert len(result.edge_labels) == medium.number_of_edges() <= 60
    for text in (
        "invests in $40bn",
        "invests in EUR 1.3bn",
        "acquired EUR 8bn",
        "acquired $700m",
        "invests in",
    ):
        assert text in result.edge_labels


def test_title_and_caption_name_the_source_and_date(medium, medium_drawing):
    _, result = medium_drawing
    assert result.title == medium.graph["title"]
    assert medium.graph["source"] in result.caption
    assert "2025-10-15" in result.caption
    assert "40 entities, 58 relations" in result.caption
    _, custom = render_graph(small_graph(), title="Deals", caption="Compiled by the desk", dpi=40)
    assert custom.title == "Deals"
    assert custom.caption.startswith("Compiled by the desk")


def test_long_titles_and_captions_are_wrapped_inside_a_small_figure(small):
    title = "A very long title about investments, acquisitions and partnerships in the AI business " * 3
    caption = "Compiled from many sources across several months of English and Italian news coverage. " * 4
    fig, result = render_graph(small, title=title, caption=caption, size=(6, 4), dpi=72)
    assert result.caption.count("\n") <= 2
    assert result.caption.endswith("node size: documents and connections")
    renderer = fig.canvas.get_renderer()
    for text in fig.texts:
        box = text.get_window_extent(renderer)
        assert (
            fig.bbox.x0 <= box.x0
            and box.x1 <= fig.bbox.x1 + 1
            and fig.bbox.y0 <= box.y0
            and box.y1 <= fig.bbox.y1
        )


def test_italian_labels(medium):
    _, result = render_graph(medium, lang="it", dpi=40)
    assert "Milano" in result.node_labels and "Parigi" in result.node_labels
    assert "ha acquisito EUR 8bn" in result.edge_labels


def test_a_dense_graph_hides_edge_labels_and_says_so(large, large_drawing):
    result, _, path = large_drawing
    assert sorted(result.node_labels) == sorted(labels_of(large))
    assert result.edge_labels == [] and result.edge_labels_hidden
    assert f"edge labels hidden ({large.number_of_edges()} relations > 60)" in result.caption
    assert len(result.edges) == large.number_of_edges()
    assert 0 < path.stat().st_size < 400_000


def test_150_nodes_draw_in_reasonable_time(large_drawing):
    _, seconds, _ = large_drawing
    assert seconds < 30


def test_the_edge_label_limit_is_an_option(small):
    _, result = render_graph(small, max_edge_labels=3, dpi=40)
    assert result.edge_labels == [] and result.edge_labels_hidden
    assert "edge labels hidden (7 relations > 3)" in result.caption


# --------------------------------------------------------------------------- the artists


def test_symmetric_edges_have_no_arrowhead_and_directed_ones_do(small):
    fig, result = render_graph(small)
    patches = arrows(fig)
    assert len(patches) == small.number_of_edges()
    for edge in result.edges:
        style = patches[edge.gid].get_arrowstyle()
        if edge.predicate in SYMMETRIC_PREDICATES:
            assert not edge.directed
            assert isinstance(style, ArrowStyle.Curve), edge
        else:
            assert edge.directed
            assert isinstance(style, ArrowStyle.CurveFilledB), edge


def test_parallel_edges_are_drawn_as_distinct_curves(small):
    fig, result = render_graph(small)
    patches = arrows(fig)
    pair = {iri("microsoft"), iri("openai")}
    parallel = [e for e in result.edges if {e.source, e.target} == pair]
    assert len(parallel) == 3
    rads = sorted(patches[e.gid].get_connectionstyle().rad for e in parallel)
    assert len(set(rads)) == 3 and rads[0] < 0 < rads[-1]
    mids = [tuple(np.round(patches[e.gid].get_path().interpolated(20).vertices[10], 1)) for e in parallel]
    assert len(set(mids)) == 3
    lone = next(e for e in result.edges if e.predicate == "headquarteredIn")
    assert patches[lone.gid].get_connectionstyle().rad == 0


def test_nodes_are_coloured_and_shaped_by_type(medium_drawing):
    fig, _ = medium_drawing
    by_gid = {c.get_gid(): c for c in fig.axes[0].collections if (c.get_gid() or "").startswith("nodes-")}
    assert set(by_gid) == {f"nodes-{t}" for t in NODE_TYPES}
    for type_name, coll in by_gid.items():
        colour = TYPE_COLORS[type_name.removeprefix("nodes-")]
        expected = tuple(int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
        assert tuple(coll.get_facecolors()[0][:3]) == pytest.approx(expected)
    shapes = {len(c.get_paths()[0].vertices) for c in by_gid.values()}
    assert len(shapes) >= 4, "entity types use different marker shapes"


def test_more_important_nodes_are_bigger(medium_drawing):
    fig, result = medium_drawing
    discs = dict(
        zip(
            map(tuple, (np.round(c, 3) for c, _ in node_discs(fig))),
            (r for _, r in node_discs(fig)),
            strict=True,
        )
    )
    ax = fig.axes[0]
    radius = {n: discs[tuple(np.round(ax.transData.transform(result.positions[n]), 3))] for n in result.nodes}
    assert radius[iri("openai")] > radius[iri("run-ai")]
    assert radius[iri("nvidia")] > radius[iri("paris")] * 1.2


OVERLAP_CASES = [
    ("small", "relations"),
    ("medium", "relations"),
    ("medium", "ego"),
    ("medium", "deals"),
    ("large", "relations"),
]


@pytest.mark.parametrize(("name", "view"), OVERLAP_CASES)
def test_labels_overlap_neither_each_other_nor_the_nodes(request, name, view):
    if (name, view) == ("medium", "relations"):
        fig, result = request.getfixturevalue("medium_drawing")
    else:
        fig, result = render_graph(request.getfixturevalue(name), view=view, dpi=72)
    boxes = label_boxes(fig)
    assert len(boxes) == len(result.node_labels) + len(result.edge_labels)
    for (gid_a, a), (gid_b, b) in itertools.combinations(boxes, 2):
        assert not a.overlaps(b), f"{gid_a} overlaps {gid_b}"
    for gid, box in boxes:
        for centre, radius in node_discs(fig):
            nearest = np.clip(centre, [box.x0, box.y0], [box.x1, box.y1])
            assert np.linalg.norm(nearest - centre) >= radius - 1.0, f"{gid} covers a node"


@pytest.mark.parametrize("name", ["small", "medium", "large"])
def test_labels_and_legends_stay_inside_the_figure(request, name):
    if name == "medium":
        fig, _ = request.getfixturevalue("medium_drawing")
    else:
        fig, _ = render_graph(request.getfixturevalue(name), dpi=40)
    frame = fig.bbox
    renderer = fig.canvas.get_renderer()
    boxes = label_boxes(fig) + [
        (f"legend-{i}", leg.get_window_extent(renderer)) for i, leg in enumerate(fig.legends)
    ]
    assert len(fig.legends) == 2
    for gid, box in boxes:
        assert frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1, gid


def test_layout_is_deterministic(medium_drawing):
    _, first = medium_drawing
    _, second = render_graph(medium_graph(), dpi=72)
    assert first.positions == second.positions


def test_linked_entities_sit_closer_than_unlinked_ones(medium, medium_drawing):
    _, result = medium_drawing
    pos = {n: np.array(p) for n, p in result.positions.items()}
    linked = [np.linalg.norm(pos[u] - pos[v]) for u, v in medium.edges()]
    unlinked = [
        np.linalg.norm(pos[u] - pos[v])
        for u, v in itertools.combinations(medium.nodes, 2)
        if not medium.has_edge(u, v) and not medium.has_edge(v, u)
    ]
    assert np.median(linked) < 0.5 * np.median(unlinked)


# --------------------------------------------------------------------------- views


def test_deals_view_draws_only_investments_and_acquisitions_with_width_by_amount(medium):
    _, result = render_graph(medium, view="deals", dpi=40)
    deals = [
        (u, v, k, d) for u, v, k, d in medium.edges(keys=True, data=True) if k in ("investsIn", "acquired")
    ]
    assert {e.predicate for e in result.edges} == {"investsIn", "acquired"}
    assert len(result.edges) == len(deals)
    assert {"Microsoft", "OpenAI", "Swisscom", "Vodafone Italia"} <= set(result.node_labels)
    assert "Sam Altman" not in result.node_labels
    assert sorted(result.edge_labels) == sorted(
        format_amount(d["amount"], d["currency"]) or "undisclosed" for *_, d in deals
    )
    width = {(e.source, e.predicate, e.target): e.width for e in result.edges}
    assert (
        width[(iri("softbank"), "investsIn", iri("openai"))]
        > width[(iri("microsoft"), "investsIn", iri("openai"))]
    )
    assert (
        width[(iri("microsoft"), "investsIn", iri("openai"))]
        > width[(iri("nvidia"), "investsIn", iri("coreweave"))]
    )
    assert (
        width[(iri("nvidia"), "investsIn", iri("coreweave"))]
        > width[(iri("microsoft"), "investsIn", iri("mistral-ai"))]
    )
    assert {"invests in", "acquired", "amount undisclosed"} <= set(result.legend_entries)
    assert "log scale" in result.caption


def test_deals_view_of_a_graph_without_deals_is_an_empty_but_valid_drawing(tmp_path):
    G = small_graph()
    G.remove_edge(iri("microsoft"), iri("openai"), "investsIn")
    result = draw_graph(G, tmp_path / "none.png", view="deals", dpi=40)
    assert result.node_labels == [] and result.edges == []
    assert (tmp_path / "none.png").stat().st_size > 0


def test_ego_view_puts_the_focus_in_the_centre_and_rings_by_distance(medium):
    fig, result = render_graph(medium, view="ego", focus="OpenAI", depth=2, dpi=60)
    ax = fig.axes[0]
    focus = iri("openai")
    assert result.focus == focus
    centre = ax.transAxes.transform((0.5, 0.5))
    assert np.allclose(ax.transData.transform(result.positions[focus]), centre, atol=1.0)
    hops = nx.single_source_shortest_path_length(medium.to_undirected(as_view=True), focus)
    assert set(result.nodes) == {n for n, d in hops.items() if d <= 2}
    dist = {n: np.linalg.norm(np.array(result.positions[n]) - result.positions[focus]) for n in result.nodes}
    ring1 = [dist[n] for n in result.nodes if hops[n] == 1]
    ring2 = [dist[n] for n in result.nodes if hops[n] == 2]
    assert max(ring1) < min(ring2)
    assert "entities more than 2 hops from OpenAI left out" in result.caption


def test_ego_focus_accepts_a_key_a_label_or_an_alias(small):
    by_key = render_graph(small, view="ego", focus=iri("sam-altman"), dpi=30)[1]
    by_label = render_graph(small, view="ego", focus="sam altman", dpi=30)[1]
    by_alias = render_graph(small, view="ego", focus="Altman", dpi=30)[1]
    assert by_key.focus == by_label.focus == by_alias.focus == iri("sam-altman")
    with pytest.raises(ValueError, match="Anthropic"):
        render_graph(small, view="ego", focus="Anthropic")


def test_ego_without_focus_centres_the_most_important_entity(small):
    _, result = render_graph(small, view="ego", dpi=30)
    assert result.focus == iri("openai")


def test_ego_view_of_a_dense_graph_labels_only_the_focus_relations(medium):
    _, result = render_graph(medium, view="ego", focus="Nvidia", dpi=40)
    own = [e for e in result.edges if iri("nvidia") in (e.source, e.target)]
    assert len(result.edge_labels) == len(own) < len(result.edges)
    assert all(e.label for e in own)
    assert "labels only on those of Nvidia" in result.caption


# --------------------------------------------------------------------------- odd input


def test_awkward_input_is_drawn_with_clean_labels(tmp_path):
    G = awkward_graph()
    result = draw_graph(G, tmp_path / "odd.svg", dpi=40)
    assert 'Ernie Bot 文心一言 <beta> & "chat" 🤖' in result.node_labels
    assert "Baidu $BIDU $9" in result.node_labels
    assert "Roma" in result.node_labels and "bare" in result.node_labels
    assert all("\x07" not in label for label in result.node_labels)
    assert "acquired CNY 2.5bn" in result.edge_labels
    assert "invests in" in result.edge_labels, "a NaN amount is left out"
    assert "sponsors" in result.edge_labels
    assert len(result.edges) == G.number_of_edges() - 1, "the self-loop is not drawn"
    assert {"unknown", "Conglomerate", "other"} <= set(result.legend_entries)
    assert "Baidu $BIDU $9" in (tmp_path / "odd.svg").read_text(encoding="utf-8")


def test_an_empty_graph_gives_an_empty_drawing(tmp_path):
    result = draw_graph(nx.MultiDiGraph(), tmp_path / "empty.pdf", view="ego", dpi=40)
    assert result.nodes == [] and result.edges == [] and result.focus is None
    assert (tmp_path / "empty.pdf").read_bytes().startswith(MAGIC["pdf"])


@pytest.mark.parametrize(
    ("amount", "currency", "text"),
    [
        (2.5e9, "USD", "$2.5bn"),
        (3e8, "EUR", "EUR 300m"),
        (13e9, "USD", "$13bn"),
        (1.25e9, "GBP", "GBP 1.25bn"),
        (999.9e6, "USD", "$1bn"),
        (15e6, "eur", "EUR 15m"),
        (7500, "USD", "$7.5k"),
        (1.2e12, "USD", "$1.2tn"),
        (42, None, "42"),
        (None, "USD", ""),
        (float("nan"), "USD", ""),
    ],
)
def test_format_amount(amount, currency, text):
    assert format_amount(amount, currency) == text
