"""GraphFilter and apply_filter: the one way every export and drawing selects part of the graph."""

from __future__ import annotations

import networkx as nx
import pytest
from export_fixtures import ai_business_graph, iri

from kg.export.filters import GraphFilter, apply_filter, parse_date_span, resolve_focus


@pytest.fixture
def graph() -> nx.MultiDiGraph:
    return ai_business_graph()


def labels(G: nx.MultiDiGraph) -> set[str]:
    return {data["label"] for _, data in G.nodes(data=True)}


def predicates(G: nx.MultiDiGraph) -> set[str]:
    return {key for *_, key in G.edges(keys=True)}


# --- the filter object -------------------------------------------------------------------------


def test_default_filter_keeps_everything_as_an_independent_copy(graph):
    result = apply_filter(graph, GraphFilter())
    assert GraphFilter().is_noop
    assert result is not graph
    assert nx.utils.graphs_equal(result, graph)
    result.nodes[iri("OpenAI")]["aliases"].append("changed")
    result.edges[iri("Microsoft"), iri("OpenAI"), "investsIn"]["evidence"][0]["doc"] = "changed"
    assert "changed" not in graph.nodes[iri("OpenAI")]["aliases"]
    assert graph.edges[iri("Microsoft"), iri("OpenAI"), "investsIn"]["evidence"][0]["doc"] != "changed"


def test_none_filter_is_the_same_as_the_default(graph):
    assert nx.utils.graphs_equal(apply_filter(graph, None), graph)


def test_sets_and_comma_separated_strings_are_both_accepted():
    assert GraphFilter(predicates="investsIn, acquired").predicates == frozenset({"investsIn", "acquired"})
    assert GraphFilter(predicates=["investsIn"]).predicates == frozenset({"investsIn"})


def test_entity_types_are_matched_case_insensitively():
    assert GraphFilter(types={"person", "ORGANIZATION"}).types == frozenset({"Person", "Organization"})


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"types": {"Company"}}, "valid types: Organization, Person"),
        ({"min_confidence": 1.5}, "between 0 and 1"),
        ({"depth": -1}, "non-negative"),
        ({"date_from": "23/01/2023"}, "YYYY-MM-DD"),
        ({"date_from": "2024-02-30"}, "day is out of range"),
        ({"date_from": "2025", "date_to": "2024"}, "after date_to"),
    ],
)
def test_invalid_options_are_rejected_with_a_helpful_message(kwargs, message):
    with pytest.raises(ValueError, match=message):
        GraphFilter(**kwargs)


def test_describe_summarises_the_active_criteria():
    f = GraphFilter(predicates={"investsIn"}, min_confidence=0.8, date_from="2023", focus="OpenAI", depth=2)
    assert f.describe() == "relations: investsIn; confidence >= 0.8; dates 2023 to …; around OpenAI (depth 2)"
    assert GraphFilter().describe() == "whole graph"


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2024", "2024-01-01", "2024-12-31"),
        ("2024-02", "2024-02-01", "2024-02-29"),
        ("2024-04-24", "2024-04-24", "2024-04-24"),
        ("2024-04-24T09:30:00Z", "2024-04-24", "2024-04-24"),
        ("2024-04-24+02:00", "2024-04-24", "2024-04-24"),
    ],
)
def test_partial_dates_stand_for_their_whole_period(text, first, last):
    span = parse_date_span(text)
    assert span is not None and (span[0].isoformat(), span[1].isoformat()) == (first, last)


# --- edge criteria -----------------------------------------------------------------------------


def test_predicates_keep_those_relations_and_only_the_nodes_they_join(graph):
    result = apply_filter(graph, GraphFilter(predicates={"investsIn"}))
    assert predicates(result) == {"investsIn"}
    assert result.number_of_edges() == 3
    assert labels(result) == {"Microsoft", "OpenAI", "Mistral AI", "Amazon", "Anthropic"}


def test_graph_attributes_are_kept(graph):
    result = apply_filter(graph, GraphFilter(predicates={"ceoOf"}))
    assert result.graph == graph.graph


def test_min_confidence_drops_weaker_relations(graph):
    result = apply_filter(graph, GraphFilter(min_confidence=0.9))
    assert all(d["confidence"] >= 0.9 for *_, d in result.edges(data=True))
    assert result.number_of_edges() == 12
    assert "Oracle" not in labels(result) and "AMD" not in labels(result)


def test_date_range_keeps_relations_whose_date_overlaps_it(graph):
    result = apply_filter(graph, GraphFilter(date_from="2024-01-01", date_to="2024-06-30"))
    assert sorted((graph.nodes[u]["label"], k) for u, _, k in result.edges(keys=True)) == [
        ("Jensen Huang", "ceoOf"),
        ("Microsoft", "investsIn"),
        ("Mistral AI", "headquarteredIn"),
        ("Nvidia", "headquarteredIn"),
        ("Nvidia", "suppliesTo"),
    ]


def test_partial_edge_dates_overlap_by_their_whole_period(graph):
    result = apply_filter(graph, GraphFilter(date_from="2019-06", date_to="2019-12"))
    assert sorted(predicates(result)) == [
        "ceoOf",
        "partnersWith",
    ]  # ceoOf dated "2019", partnership 2019-07-22
    founded = apply_filter(graph, GraphFilter(date_to="1993-12-31"))
    assert predicates(founded) == {"founderOf"}


def test_undated_relations_are_dropped_once_a_date_bound_is_given(graph):
    result = apply_filter(graph, GraphFilter(date_from="1900"))
    assert "competesWith" not in predicates(result)
    assert result.number_of_edges() == graph.number_of_edges() - 1


def test_edges_without_date_fall_back_to_their_publication_dates(graph):
    graph.edges[iri("AMD"), iri("Nvidia"), "competesWith"].update(
        first_seen="2024-03-01", last_seen="2024-03-09"
    )
    result = apply_filter(graph, GraphFilter(date_from="2024-03-05", date_to="2024-03-31"))
    assert "competesWith" in predicates(result)


# --- node criteria -----------------------------------------------------------------------------


def test_types_keep_matching_nodes_and_the_relations_among_them(graph):
    result = apply_filter(graph, GraphFilter(types={"Person", "Organization"}))
    assert {d["type"] for _, d in result.nodes(data=True)} == {"Person", "Organization"}
    assert result.number_of_nodes() == 13
    assert predicates(result) == {
        "investsIn",
        "partnersWith",
        "suppliesTo",
        "competesWith",
        "ceoOf",
        "founderOf",
    }


def test_types_alone_keep_nodes_left_without_relations(graph):
    result = apply_filter(graph, GraphFilter(types={"Place"}))
    assert labels(result) == {"Santa Clara", "Paris"}
    assert result.number_of_edges() == 0


def test_types_and_predicates_combine(graph):
    result = apply_filter(graph, GraphFilter(types={"Person", "Organization"}, predicates={"ceoOf"}))
    assert labels(result) == {"Jensen Huang", "Nvidia", "Sam Altman", "OpenAI", "Satya Nadella", "Microsoft"}


# --- focus -------------------------------------------------------------------------------------


@pytest.mark.parametrize("focus", [iri("Microsoft"), "microsoft", "  MICROSOFT ", "MSFT", "microsoft corp."])
def test_focus_matches_iri_label_in_any_case_or_alias(graph, focus):
    assert resolve_focus(graph, focus) == iri("Microsoft")


def test_focus_matches_the_italian_label(graph):
    assert resolve_focus(graph, "Parigi") == iri("Paris")


def test_focus_keeps_the_ego_network_ignoring_direction(graph):
    result = apply_filter(graph, GraphFilter(focus="Nvidia", depth=1))
    assert labels(result) == {"Nvidia", "OpenAI", "Microsoft", "AMD", "Santa Clara", "Jensen Huang"}
    assert result.number_of_edges() == 9  # Nvidia's 6 relations plus the 3 between Microsoft and OpenAI


def test_depth_zero_keeps_only_the_focus_node(graph):
    result = apply_filter(graph, GraphFilter(focus="OpenAI", depth=0))
    assert labels(result) == {"OpenAI"} and result.number_of_edges() == 0


def test_larger_depth_reaches_further(graph):
    one = apply_filter(graph, GraphFilter(focus="Sam Altman", depth=1))
    two = apply_filter(graph, GraphFilter(focus="Sam Altman", depth=2))
    assert labels(one) == {"Sam Altman", "OpenAI"}
    assert labels(two) == {"Sam Altman", "OpenAI", "Microsoft", "Nvidia", "ChatGPT", "Stargate"}


def test_focus_follows_only_the_relations_that_pass_the_filter(graph):
    result = apply_filter(graph, GraphFilter(focus="OpenAI", predicates={"investsIn"}, depth=2))
    assert labels(result) == {"OpenAI", "Microsoft", "Mistral AI"}
    assert predicates(result) == {"investsIn"}


def test_focus_node_is_kept_even_when_no_relation_of_it_passes(graph):
    result = apply_filter(graph, GraphFilter(focus="Paris", predicates={"investsIn"}, types={"Organization"}))
    assert labels(result) == {"Paris"}


def test_unknown_focus_lists_close_labels(graph):
    with pytest.raises(ValueError, match=r"unknown focus 'Nvidea'.*Did you mean: Nvidia"):
        apply_filter(graph, GraphFilter(focus="Nvidea"))


def test_unknown_focus_suggests_labels_containing_the_text(graph):
    with pytest.raises(ValueError, match=r"Did you mean: .*Mistral AI"):
        resolve_focus(graph, "mistral ai sas")


def test_ambiguous_focus_lists_the_candidates(graph):
    graph.add_node(iri("Stargate_film"), label="Stargate", label_it="Stargate", type="Product", aliases=[])
    with pytest.raises(ValueError, match=r"ambiguous.*Stargate_film.*pass the IRI"):
        resolve_focus(graph, "stargate")
    assert resolve_focus(graph, iri("Stargate")) == iri("Stargate")


def test_input_graph_is_not_modified(graph):
    before = ai_business_graph()
    apply_filter(graph, GraphFilter(focus="OpenAI", predicates={"investsIn"}, types={"Organization"}))
    assert nx.utils.graphs_equal(graph, before)
