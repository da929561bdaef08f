"""The interactive HTML view: what ``write_html`` embeds, and what a real headless browser shows.

The browser tests drive Debian's Chromium (``/usr/bin/chromium``) through Playwright's Python package
and are skipped, with the reason, when either is missing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from browser import launch_chromium, open_page, unavailable_reason, wait_for_layout
from view_fixtures import (
    BASE,
    HOSTILE_LABEL,
    HOSTILE_SENTENCE,
    ai_business_graph,
    generated_graph,
    hostile_graph,
)

from kg.export.schema import TYPE_COLORS
from kg.viz.html import MAX_EVIDENCE_PER_EDGE, STATIC_DIR, graph_payload, render_html, script_json, write_html


def embedded_payload(page_html: str) -> dict[str, Any]:
    """The JSON block of a rendered page, parsed back."""
    match = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page_html, re.S)
    assert match, "no data block"
    return json.loads(match.group(1))


# ---------------------------------------------------------------- the payload


def test_payload_has_every_node_and_edge_with_their_schema_attributes() -> None:
    G = ai_business_graph()
    payload = graph_payload(G)
    assert len(payload["nodes"]) == G.number_of_nodes() == 48
    assert len(payload["edges"]) == G.number_of_edges() == 64
    ids = [n["id"] for n in payload["nodes"]]
    microsoft = payload["nodes"][ids.index(BASE + "microsoft")]
    assert microsoft["label"] == "Microsoft" and microsoft["type"] == "Organization"
    assert microsoft["qid"] == "Q2283" and microsoft["aliases"] == ["Microsoft Corp.", "MSFT"]
    assert microsoft["first_seen"] <= microsoft["last_seen"] and microsoft["docs"] > 0
    invest = next(
        e
        for e in payload["edges"]
        if ids[e["source"]] == BASE + "microsoft"
        and e["predicate"] == "investsIn"
        and ids[e["target"]] == BASE + "openai"
    )
    assert invest["amount"] == 13e9 and invest["currency"] == "USD" and invest["confidence"] == 0.95
    assert (
        invest["label_en"] == "invests in"
        and invest["label_it"] == "investe in"
        and invest["directed"] is True
    )
    assert invest["weight"] == 3 and invest["docs"] == 3 and invest["evidence_total"] == 3
    assert {"doc", "source", "sentence", "confidence"} == set(invest["evidence"][0])


def test_payload_order_does_not_depend_on_insertion_order() -> None:
    G = ai_business_graph()
    shuffled = nx.MultiDiGraph(**G.graph)
    shuffled.add_nodes_from(reversed(list(G.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(G.edges(keys=True, data=True))))
    assert graph_payload(shuffled) == graph_payload(G)


def test_legends_list_present_types_and_predicates_in_ontology_order_with_colours() -> None:
    payload = graph_payload(ai_business_graph())
    assert [t["name"] for t in payload["types"]] == ["Organization", "Person", "Product", "Project", "Place"]
    assert all(t["color"] == TYPE_COLORS[t["name"]] for t in payload["types"])
    assert [p["name"] for p in payload["predicates"]][:3] == ["investsIn", "acquired", "owns"]
    counts = {p["name"]: p["count"] for p in payload["predicates"]}
    assert counts["investsIn"] == 6 and sum(counts.values()) == 64
    competes = next(p for p in payload["predicates"] if p["name"] == "competesWith")
    assert competes["directed"] is False


def test_importance_is_documents_plus_distinct_neighbours() -> None:
    G = nx.MultiDiGraph()
    G.add_node("a", label="A", type="Organization", docs=4)
    G.add_node("b", label="B", type="Organization", docs=1)
    G.add_edge("a", "b", key="investsIn", predicate="investsIn")
    G.add_edge("a", "b", key="partnersWith", predicate="partnersWith")
    nodes = {n["id"]: n for n in graph_payload(G)["nodes"]}
    assert (nodes["a"]["degree"], nodes["a"]["importance"]) == (1, 5)
    assert (nodes["b"]["degree"], nodes["b"]["importance"]) == (1, 2)


def test_missing_attributes_get_neutral_defaults_for_any_graph_class() -> None:
    for G in (nx.MultiDiGraph(), nx.DiGraph()):
        G.add_edge(
            "https://example.org/kg/entity/acme",
            "https://example.org/kg/entity/globex",
            predicate="suppliesTo",
        )
        payload = graph_payload(G)
        acme = payload["nodes"][0]
        assert (acme["label"], acme["type"], acme["qid"], acme["aliases"]) == ("acme", "Unknown", "", [])
        edge = payload["edges"][0]
        assert (edge["predicate"], edge["label_en"], edge["directed"]) == ("suppliesTo", "supplies to", True)
        assert edge["amount"] is None and edge["evidence"] == [] and edge["weight"] == 1
        assert payload["types"][0]["color"] == "#999999"


def test_aliases_drop_the_label_and_duplicates_and_accept_a_joined_string() -> None:
    G = nx.MultiDiGraph()
    G.add_node("m", label="Meta", aliases="Meta|Facebook|facebook| Meta Platforms ")
    assert graph_payload(G)["nodes"][0]["aliases"] == ["Facebook", "Meta Platforms"]


def test_non_finite_numbers_become_null_instead_of_invalid_json() -> None:
    payload = graph_payload(hostile_graph())
    acquired = next(e for e in payload["edges"] if e["predicate"] == "acquired")
    assert acquired["amount"] is None
    json.loads(script_json(payload))


def test_evidence_is_capped_per_edge_but_the_total_is_kept() -> None:
    G = nx.MultiDiGraph()
    evidence = [
        {"doc": f"d{i}", "source": "s", "sentence": f"Sentence {i}.", "confidence": 0.5} for i in range(40)
    ]
    G.add_edge("a", "b", key="investsIn", predicate="investsIn", evidence=evidence, weight=40)
    edge = graph_payload(G)["edges"][0]
    assert len(edge["evidence"]) == MAX_EVIDENCE_PER_EDGE and edge["evidence_total"] == 40


def test_script_json_parses_back_and_can_never_close_its_script_element() -> None:
    value = {"label": HOSTILE_LABEL, "sentence": HOSTILE_SENTENCE, "amp": "R&D > 0"}
    text = script_json(value)
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == value


# ---------------------------------------------------------------- the page


def test_page_is_one_self_contained_file_that_loads_nothing() -> None:
    page = render_html(ai_business_graph())
    assert "<script src" not in page and "<link" not in page and "@import" not in page
    assert "default-src 'none'" in page
    assert page.count("<script") == 2 and page.count("</script>") == 2
    assert (STATIC_DIR / "view.css").read_text(encoding="utf-8") in page
    assert (STATIC_DIR / "view.js").read_text(encoding="utf-8") in page


def test_static_code_has_no_way_to_reach_the_network() -> None:
    code = (STATIC_DIR / "view.js").read_text(encoding="utf-8") + (STATIC_DIR / "view.css").read_text(
        encoding="utf-8"
    )
    for forbidden in (
        "fetch(",
        "XMLHttpRequest",
        "WebSocket",
        "EventSource",
        "sendBeacon",
        "import(",
        "Worker(",
        "url(",
    ):
        assert forbidden not in code, forbidden


def test_hostile_labels_and_sentences_stay_inside_the_data_block() -> None:
    G = hostile_graph()
    page = render_html(G)
    assert page.count("</script>") == 2
    assert "<script>window.__pwned" not in page
    assert "<title>Hostile &lt;/title&gt;&lt;script&gt;" in page
    payload = embedded_payload(page)
    labels = {n["label"] for n in payload["nodes"]}
    assert HOSTILE_LABEL in labels
    assert HOSTILE_SENTENCE in {item["sentence"] for e in payload["edges"] for item in e["evidence"]}


def test_title_defaults_to_the_graph_title_and_can_be_overridden() -> None:
    G = ai_business_graph()
    assert "<title>AI business: investments, supply and leadership</title>" in render_html(G)
    assert "<title>My &amp; view</title>" in render_html(G, title="My & view")


def test_write_html_creates_directories_and_writes_utf8(tmp_path: Path) -> None:
    target = tmp_path / "out" / "nested" / "graph.html"
    write_html(ai_business_graph(), target)
    text = target.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    assert "è amministratore delegato di" in text


# ---------------------------------------------------------------- in a real browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's headless Chromium, shared by the module; every browser test is skipped without it."""
    reason = unavailable_reason()
    if reason:
        pytest.skip(reason)
    with launch_chromium() as chromium:
        yield chromium


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The fixture graphs written once as HTML files."""
    folder = tmp_path_factory.mktemp("view")
    files = {"ai": ai_business_graph(), "g150": generated_graph(), "hostile": hostile_graph()}
    paths = {}
    for name, G in files.items():
        paths[name] = folder / f"{name}.html"
        write_html(G, paths[name])
    return paths


@pytest.fixture
def ai_page(browser: Any, pages: dict[str, Path]) -> Iterator[tuple[Any, Any]]:
    with open_page(browser, pages["ai"].as_uri()) as (page, watch):
        wait_for_layout(page)
        yield page, watch


def panel_text(page: Any) -> str:
    """The details panel's text as written in the DOM (before CSS upper-cases headings)."""
    return page.text_content("#kg-panel")


def edge_index(page: Any, source: str, predicate: str, target: str) -> int:
    edges = page.evaluate("kgView.edges()")
    return next(
        e["index"]
        for e in edges
        if (e["source"], e["predicate"], e["target"]) == (BASE + source, predicate, BASE + target)
    )


@pytest.mark.browser
def test_page_loads_from_file_url_offline_without_errors(
    ai_page: tuple[Any, Any], pages: dict[str, Path]
) -> None:
    page, watch = ai_page
    assert watch.console_errors == [] and watch.page_errors == []
    assert watch.network_requests == [] and watch.blocked == []
    assert watch.requests == [pages["ai"].as_uri()]
    G = ai_business_graph()
    counts = page.evaluate("kgView.counts()")
    assert counts == {"nodes": 48, "edges": 64, "visibleNodes": 48, "visibleEdges": 64}
    assert (counts["nodes"], counts["edges"]) == (G.number_of_nodes(), G.number_of_edges())
    assert page.inner_text("#kg-status") == "48 entities · 64 relations"


@pytest.mark.browser
def test_search_finds_entities_by_label_alias_and_italian_label(ai_page: tuple[Any, Any]) -> None:
    page, _ = ai_page
    assert page.evaluate("kgView.search('Facebook')") == BASE + "meta"
    assert page.evaluate("kgView.selected()")["label"] == "Meta"
    assert page.inner_text("#kg-panel h2") == "Meta"
    assert page.evaluate("kgView.search('parigi')") == BASE + "paris"
    assert page.evaluate("kgView.search('open')") == BASE + "openai"
    assert page.evaluate("kgView.search('no such company')") is None


@pytest.mark.browser
def test_typing_in_the_search_box_and_pressing_enter_selects_and_centres(ai_page: tuple[Any, Any]) -> None:
    page, _ = ai_page
    page.locator("#kg-canvas").focus()
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "kg-search"
    page.keyboard.type("nvid")
    assert page.locator("#kg-suggestions li").first.inner_text().startswith("Nvidia")
    page.keyboard.press("Enter")
    assert page.evaluate("kgView.selected()") == {
        "kind": "node",
        "id": BASE + "nvidia",
        "label": "Nvidia",
        "type": "Organization",
    }
    page.wait_for_timeout(600)  # the centring animation
    position = page.evaluate(f"kgView.screenPosition('{BASE}nvidia')")
    box = page.locator("#kg-canvas").bounding_box()
    assert abs(position["x"] - (box["x"] + box["width"] / 2)) < 2
    assert abs(position["y"] - (box["y"] + box["height"] / 2)) < 2


@pytest.mark.browser
def test_clicking_a_node_shows_its_facts_relations_and_evidence(ai_page: tuple[Any, Any]) -> None:
    page, watch = ai_page
    position = page.evaluate(f"kgView.screenPosition('{BASE}microsoft')")
    page.mouse.click(position["x"], position["y"])
    assert page.evaluate("kgView.selected()")["id"] == BASE + "microsoft"
    text = panel_text(page)
    relations = len(ai_business_graph().in_edges(BASE + "microsoft")) + len(
        ai_business_graph().out_edges(BASE + "microsoft")
    )
    assert "Organization" in text and "Microsoft Corp., MSFT" in text
    assert f"Relations ({relations})" in text and "Satya Nadella" in text and "$13B" in text
    assert "bringing its total commitment to about $13 billion" in text
    link = page.locator("#kg-panel a[href='https://www.wikidata.org/wiki/Q2283']")
    assert link.inner_text() == "Q2283"
    assert watch.network_requests == []


@pytest.mark.browser
def test_clicking_an_edge_shows_every_evidence_sentence_with_its_source(ai_page: tuple[Any, Any]) -> None:
    page, _ = ai_page
    index = edge_index(page, "amazon", "investsIn", "anthropic")
    position = page.evaluate(f"kgView.edgeScreenPosition({index})")
    assert page.evaluate(f"kgView.itemAt({position['x']}, {position['y']})") == {
        "kind": "edge",
        "index": index,
    }
    page.mouse.click(position["x"], position["y"])
    assert page.evaluate("kgView.selected()")["predicate"] == "investsIn"
    text = panel_text(page)
    assert "Amazon invests in Anthropic" in text and "Evidence (3)" in text
    assert "$8B" in text and "0.93" in text and "2023-09-25" in text
    assert "doubling its bet on the Claude maker to $8 billion" in text
    source = "https://news.example.com/2023/09/25/amazon-anthropic-stake"
    assert page.locator(f"#kg-panel a[href='{source}']").count() == 1


@pytest.mark.browser
def test_relation_details_link_in_a_node_panel_opens_the_edge(ai_page: tuple[Any, Any]) -> None:
    page, _ = ai_page
    page.evaluate(f"kgView.select('{BASE}run-ai')")
    page.get_by_role("button", name="Details of: Nvidia acquired Run:ai").click()
    text = panel_text(page)
    assert "Evidence (2)" in text and "corpus/en/2024-04-24-nvidia-runai.txt" in text and "$700M" in text


@pytest.mark.browser
def test_type_filter_hides_its_nodes_and_their_edges(ai_page: tuple[Any, Any]) -> None:
    page, _ = ai_page
    G = ai_business_graph()
    people = {n for n, d in G.nodes(data=True) if d["type"] == "Person"}
    remaining_edges = sum(1 for u, v in G.edges() if u not in people and v not in people)
    page.get_by_label("Person").uncheck()
    counts = page.evaluate("kgView.counts()")
    assert counts["visibleNodes"] == 48 - len(people) == 39
    assert counts["visibleEdges"] == remaining_edges
    assert page.inner_text("#kg-status") == f"39 of 48 entities · {remaining_edges} of 64 relations"
    assert page.evaluate("kgView.search('Sam Altman')") is None
    page.get_by_label("Person").check()
    assert page.evaluate("kgView.counts()")["visibleEdges"] == 64


@pytest.mark.browser
def test_predicate_filters_hide_only_their_relations(ai_page: tuple[Any, Any]) -> None:
    page, _ = ai_page
    page.get_by_label("invests in").uncheck()
    assert page.evaluate("kgView.counts()") == {
        "nodes": 48,
        "edges": 64,
        "visibleNodes": 48,
        "visibleEdges": 58,
    }
    page.locator("button[data-group=pred][data-set=none]").click()
    assert page.evaluate("kgView.counts()")["visibleEdges"] == 0
    page.locator("button[data-group=pred][data-set=all]").click()
    assert page.evaluate("kgView.counts()")["visibleEdges"] == 64


@pytest.mark.browser
def test_filtering_out_the_selected_item_clears_the_selection(ai_page: tuple[Any, Any]) -> None:
    page, _ = ai_page
    page.evaluate(f"kgView.select('{BASE}chatgpt')")
    page.get_by_label("Product").uncheck()
    assert page.evaluate("kgView.selected()") is None
    assert page.inner_text("#kg-panel h2") == "Overview"


@pytest.mark.browser
def test_wheel_zooms_drag_pans_and_escape_clears_the_selection(ai_page: tuple[Any, Any]) -> None:
    page, _ = ai_page
    box = page.locator("#kg-canvas").bounding_box()
    before = page.evaluate("kgView.view()")
    page.mouse.move(box["x"] + 20, box["y"] + 20)  # a corner without nodes
    page.mouse.wheel(0, -300)
    zoomed = page.evaluate("kgView.view()")
    assert zoomed["k"] > before["k"] * 1.3
    page.mouse.down()
    page.mouse.move(box["x"] + 120, box["y"] + 70, steps=5)
    page.mouse.up()
    panned = page.evaluate("kgView.view()")
    assert panned["tx"] == pytest.approx(zoomed["tx"] + 100) and panned["ty"] == pytest.approx(
        zoomed["ty"] + 50
    )
    page.evaluate(f"kgView.select('{BASE}oracle')")
    page.locator("#kg-canvas").focus()
    page.keyboard.press("Escape")
    assert page.evaluate("kgView.selected()") is None


@pytest.mark.browser
def test_hovering_a_node_names_it_in_a_tooltip(ai_page: tuple[Any, Any]) -> None:
    page, _ = ai_page
    position = page.evaluate(f"kgView.screenPosition('{BASE}stargate')")
    page.mouse.move(position["x"], position["y"])
    tooltip = page.locator("#kg-tooltip")
    assert tooltip.is_visible() and tooltip.inner_text() == "Stargate Project"


@pytest.mark.browser
@pytest.mark.parametrize("size", [0, 1])
def test_empty_and_single_node_graphs_load_without_errors(browser: Any, tmp_path: Path, size: int) -> None:
    G = nx.MultiDiGraph(title="Tiny")
    if size:
        G.add_node(BASE + "solo", label="Solo", type="Person", docs=1)
    path = tmp_path / "tiny.html"
    write_html(G, path)
    with open_page(browser, path.as_uri()) as (page, watch):
        wait_for_layout(page)
        assert page.evaluate("kgView.counts()") == {
            "nodes": size,
            "edges": 0,
            "visibleNodes": size,
            "visibleEdges": 0,
        }
        assert watch.page_errors == [] and watch.console_errors == []
        assert page.evaluate("kgView.search('solo')") == (BASE + "solo" if size else None)


@pytest.mark.browser
def test_layout_is_the_same_on_every_load(browser: Any, pages: dict[str, Path]) -> None:
    layouts = []
    for _ in range(2):
        with open_page(browser, pages["g150"].as_uri()) as (page, _watch):
            wait_for_layout(page)
            layouts.append(page.evaluate("kgView.positions()"))
    assert layouts[0] == layouts[1]
    xs = [p["x"] for p in layouts[0]]
    assert max(xs) - min(xs) > 100  # really spread out, not collapsed


@pytest.mark.browser
def test_hostile_markup_is_shown_as_text_and_never_run(browser: Any, pages: dict[str, Path]) -> None:
    with open_page(browser, pages["hostile"].as_uri()) as (page, watch):
        wait_for_layout(page)
        assert watch.page_errors == [] and watch.console_errors == [] and watch.network_requests == []
        assert page.evaluate("window.__pwned") is None
        assert page.evaluate("document.title").startswith("Hostile </title><script>")
        assert page.evaluate("kgView.search('Evil')") == BASE + "evil"
        assert page.inner_text("#kg-panel h2") == HOSTILE_LABEL
        page.get_by_role("button", name=re.compile("^Details of: Evil")).first.click()
        assert page.locator("#kg-panel blockquote").first.text_content() == HOSTILE_SENTENCE
        assert page.locator("#kg-panel a[href^='javascript']").count() == 0
        assert page.locator("#kg-panel img").count() == 0
        assert page.evaluate("window.__pwned") is None


@pytest.mark.browser
def test_two_thousand_nodes_lay_out_and_stay_interactive(browser: Any, tmp_path: Path) -> None:
    G = generated_graph(2000)
    path = tmp_path / "large.html"
    write_html(G, path)
    with open_page(browser, path.as_uri()) as (page, watch):
        wait_for_layout(page, timeout_ms=120_000)
        stats = page.evaluate("kgView.layoutStats()")
        print(
            f"2,000 nodes / {G.number_of_edges()} edges: layout {stats['ms']:.0f} ms, {stats['ticks']} ticks"
        )
        assert page.evaluate("kgView.counts()")["edges"] == G.number_of_edges()
        frame_ms = page.evaluate(
            """() => new Promise((done) => {
                const canvas = document.getElementById('kg-canvas');
                const box = canvas.getBoundingClientRect();
                const t0 = performance.now();
                let frames = 0;
                function step() {
                    canvas.dispatchEvent(new WheelEvent('wheel', {deltaY: -40, clientX: box.left + box.width / 2,
                                                                   clientY: box.top + box.height / 2, bubbles: true, cancelable: true}));
                    if (++frames < 20) requestAnimationFrame(step);
                    else requestAnimationFrame(() => done((performance.now() - t0) / 21));
                }
                requestAnimationFrame(step);
            })"""
        )
        print(f"2,000 nodes: {frame_ms:.1f} ms per zoom frame")
        assert frame_ms < 250
        hub = max(G.nodes, key=lambda n: (G.degree(n), n))
        assert page.evaluate(f"kgView.search({G.nodes[hub]['label']!r})") == hub
        assert watch.page_errors == [] and watch.console_errors == [] and watch.network_requests == []


@pytest.fixture(scope="module")
def english_examples_graph(tmp_path_factory: pytest.TempPathFactory) -> nx.MultiDiGraph:
    """The real pipeline's graph of the English example articles (build, store, ``to_networkx``)."""
    from kg.build import build_store
    from kg.export.netx import to_networkx
    from kg.graph.store import open_store
    from kg.ingest.read import iter_documents

    examples = sorted(str(p) for p in (Path(__file__).resolve().parents[1] / "examples").glob("en-*.txt"))
    store = open_store(tmp_path_factory.mktemp("store") / "kg")
    try:
        report = build_store(store, iter_documents(examples))
        assert not report.failed, report.failed
        return to_networkx(store)
    finally:
        store.close()


@pytest.mark.browser
def test_the_pipelines_graph_of_the_examples_opens_in_the_browser(
    browser: Any, english_examples_graph: nx.MultiDiGraph, tmp_path: Path
) -> None:
    G = english_examples_graph
    path = tmp_path / "examples.html"
    write_html(G, path)
    with open_page(browser, path.as_uri()) as (page, watch):
        wait_for_layout(page)
        counts = page.evaluate("kgView.counts()")
        assert (counts["nodes"], counts["edges"]) == (G.number_of_nodes(), G.number_of_edges()) != (0, 0)
        nvidia = next(n for n, d in G.nodes(data=True) if d["label"] == "Nvidia")
        assert page.evaluate("kgView.search('Nvidia')") == nvidia
        assert page.locator("#kg-panel blockquote").count() > 0
        assert watch.page_errors == [] and watch.console_errors == [] and watch.network_requests == []


@pytest.mark.browser
def test_screenshot_shows_the_graph_in_its_type_colours(ai_page: tuple[Any, Any], tmp_path: Path) -> None:
    page, _ = ai_page
    shot = tmp_path / "view.png"
    page.screenshot(path=str(shot))
    from PIL import Image

    with Image.open(shot) as image:
        colours = {f"#{r:02X}{g:02X}{b:02X}" for _, (r, g, b) in image.convert("RGB").getcolors(1 << 24)}
    for type_name in ("Organization", "Person", "Product", "Project", "Place"):
        assert TYPE_COLORS[type_name] in colours, type_name
