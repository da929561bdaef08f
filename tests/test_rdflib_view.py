"""rdflib's API over kg's store: the live view (queries run by Oxigraph) and the in-memory copy."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDFS, XSD
from rdflib.plugins.sparql import prepareQuery

from kg.extract.pipeline import DocResult
from kg.graph.namespaces import KG, doc_iri
from kg.graph.rdf import document_quads
from kg.graph.rdflib_view import (
    ReadOnlyViewError,
    as_rdflib_dataset,
    bind_values_in_where,
    to_rdflib_graph,
    where_group_start,
)
from kg.graph.store import OxigraphStore
from kg.models import Document, Entity, Triple

BASE = "https://example.org/kg/"
ACME = Entity(key="acme", label="Acme Cloud", type="Organization", label_it="Acme Cloud Italia")
ORBIT = Entity(key="orbit", label="Orbit AI", type="Organization")
NOVA = Entity(key="nova", label="Nova Chips", type="Organization")


def _article(doc_id: str, facts: list[tuple[Entity, str, Entity, str]]) -> DocResult:
    triples = [
        Triple(
            subject=s,
            predicate=p,
            object=o,
            confidence=0.8,
            doc=doc_id,
            sentence=text,
            start=0,
            end=len(text),
            lang="en",
            subject_text=s.label,
            object_text=o.label,
        )
        for s, p, o, text in facts
    ]
    body = " ".join(t.sentence for t in triples)
    return DocResult(Document(id=doc_id, text=body, title=f"About {doc_id}", content_hash=doc_id), triples)


def _put(store: OxigraphStore, result: DocResult) -> None:
    g, quads = document_quads(result, store.base)
    store.put_document(g.value, quads)


@pytest.fixture
def store():
    """Two articles: Acme invests in Orbit (stated twice), Orbit partners with Nova."""
    st = OxigraphStore(":memory:", base=BASE)
    _put(st, _article("a1", [(ACME, "investsIn", ORBIT, "Acme Cloud invested in Orbit AI.")]))
    _put(
        st,
        _article(
            "a2",
            [
                (ACME, "investsIn", ORBIT, "Acme Cloud backs Orbit AI with new money."),
                (ORBIT, "partnersWith", NOVA, "Orbit AI signed a deal with Nova Chips."),
            ],
        ),
    )
    st.refresh_facts()
    return st


def _iri(key: str) -> URIRef:
    return URIRef(f"{BASE}entity/{key}")


# --------------------------------------------------------------------------- the view runs on Oxigraph
def test_view_queries_are_evaluated_by_oxigraph_not_by_rdflib(store):
    """hasLANG() is SPARQL 1.2, implemented by Oxigraph and unknown to rdflib's parser: the view answers
    the query, a plain rdflib Dataset holding the same data cannot even parse it."""
    query = "SELECT DISTINCT ?label (hasLANG(?label) AS ?tagged) WHERE { kgr:acme rdfs:label|skos:prefLabel ?label }"
    rows = {(r.label, r.tagged.toPython()) for r in as_rdflib_dataset(store).query(query)}
    assert rows == {
        (Literal("Acme Cloud"), False),
        (Literal("Acme Cloud", lang="en"), True),
        (Literal("Acme Cloud Italia", lang="it"), True),
    }
    with pytest.raises(Exception, match="Expected"):
        to_rdflib_graph(store).query(query)


def test_prepared_queries_fall_back_to_rdflib_over_the_view(store):
    """A pre-parsed query has no text for Oxigraph: rdflib evaluates it on the view's triples."""
    q = prepareQuery("SELECT ?o WHERE { ?s <https://w3id.org/kg/ontology#investsIn> ?o }")
    assert [r.o for r in as_rdflib_dataset(store).query(q)] == [_iri("orbit")]


def test_view_predeclares_kg_prefixes_and_binds_parameters(store):
    ds = as_rdflib_dataset(store)
    query = "SELECT DISTINCT ?other WHERE { ?company ?p ?other . ?other a kg:Organization }"
    assert {r.other for r in ds.query(query, initBindings={"company": _iri("orbit")})} == {
        _iri("nova"),
        _iri("acme"),
    }
    assert ds.query("ASK { kgr:acme kg:investsIn kgr:orbit }").askAnswer is True


def test_parameters_restrict_an_aggregate_before_grouping(store):
    """A bound parameter that is not projected still restricts the groups (like rdflib's initBindings)."""
    query = "SELECT ?p (COUNT(DISTINCT ?doc) AS ?n) WHERE { ?a rdf:subject ?s ; rdf:predicate ?p ; prov:wasDerivedFrom ?doc } GROUP BY ?p"
    rows = {
        (r.p, r.n.toPython()) for r in as_rdflib_dataset(store).query(query, initBindings={"s": _iri("acme")})
    }
    assert rows == {(URIRef(KG + "investsIn"), 2)}


def test_construct_results_are_rdflib_graphs(store):
    g = (
        as_rdflib_dataset(store)
        .query("CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s kg:key 'nova' ; rdfs:label ?l }")
        .graph
    )
    assert set(g) == {(_iri("nova"), RDFS.label, Literal("Nova Chips"))}


# --------------------------------------------------------------------------- rdflib semantics of the view
def test_union_holds_each_triple_once_and_quads_name_every_graph(store):
    ds = as_rdflib_dataset(store)
    fact = (_iri("acme"), URIRef(KG + "investsIn"), _iri("orbit"))
    assert list(ds.triples(fact)) == [fact]
    graphs = {c for s, p, o, c in ds.quads((*fact, None))}
    assert graphs == {URIRef(doc_iri(BASE, "a1")), URIRef(doc_iri(BASE, "a2"))}
    assert fact in ds


def test_terms_come_back_as_rdflib_builds_them(store):
    ds = as_rdflib_dataset(store)
    acme = _iri("acme")
    assert set(ds.objects(acme, RDFS.label)) == {Literal("Acme Cloud")}  # no explicit xsd:string
    prefs = set(ds.objects(acme, URIRef("http://www.w3.org/2004/02/skos/core#prefLabel")))
    assert Literal("Acme Cloud Italia", lang="it") in prefs
    counts = set(ds.objects(None, URIRef(KG + "evidenceCount")))
    assert Literal("2", datatype=XSD.integer) in counts


def test_named_graphs_and_lengths_match_the_store(store):
    ds = as_rdflib_dataset(store)
    names = {g.identifier for g in ds.graphs()}
    doc = URIRef(doc_iri(BASE, "a1"))
    assert {doc, URIRef(f"{doc}/inferred"), URIRef(BASE + "graph/facts")} <= names
    assert len(ds.graph(doc)) == sum(1 for _ in store.quads(str(doc)))
    assert len(ds) == len({(q.subject, q.predicate, q.object) for q in store.quads()})


def test_view_is_live(store):
    ds = as_rdflib_dataset(store)
    late = Entity(key="late", label="Late Labs", type="Organization")
    _put(store, _article("a3", [(late, "acquired", NOVA, "Late Labs bought Nova Chips.")]))
    assert (_iri("late"), URIRef(KG + "acquired"), _iri("nova")) in ds


def test_view_is_read_only(store):
    ds = as_rdflib_dataset(store)
    triple = (_iri("nova"), RDFS.label, Literal("Renamed"))
    with pytest.raises(ReadOnlyViewError):
        ds.add(triple)
    with pytest.raises(ReadOnlyViewError):
        ds.remove((_iri("nova"), None, None))
    with pytest.raises(ReadOnlyViewError):
        ds.update("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    assert triple not in ds


def test_view_wraps_a_plain_pyoxigraph_store_and_rejects_other_objects():
    raw = ox.Store()
    raw.add(ox.Quad(ox.NamedNode("urn:x"), ox.NamedNode("urn:p"), ox.Literal("v"), ox.NamedNode("urn:g")))
    assert list(as_rdflib_dataset(raw).triples((None, None, None))) == [
        (URIRef("urn:x"), URIRef("urn:p"), Literal("v"))
    ]
    with pytest.raises(TypeError, match="to_rdflib_graph"):
        as_rdflib_dataset(object())


# --------------------------------------------------------------------------- the copy
def test_copy_holds_the_same_quads_as_the_view(store):
    copy, view = to_rdflib_graph(store), as_rdflib_dataset(store)
    assert isinstance(copy, Dataset)
    assert sorted(copy.quads((None, None, None, None))) == sorted(view.quads((None, None, None, None)))
    query = "SELECT DISTINCT ?s ?l WHERE { ?s rdfs:label ?l } ORDER BY ?l"
    assert list(copy.query(query)) == list(view.query(query))


def test_view_sparql_sees_one_match_per_graph_as_kg_query_does(store):
    """Oxigraph's union default graph keeps a triple once per graph holding it (rdflib's copy keeps it once):
    SELECT DISTINCT where that matters."""
    query = "SELECT ?l WHERE { kgr:acme rdfs:label ?l }"
    assert len(list(as_rdflib_dataset(store).query(query))) == 2  # stated in a1 and in a2
    assert len(list(to_rdflib_graph(store).query(query))) == 1


def test_copy_is_independent_and_serialisable(store):
    copy = to_rdflib_graph(store)
    copy.add((_iri("nova"), RDFS.comment, Literal("added to the copy only"), URIRef("urn:scratch")))
    assert (_iri("nova"), RDFS.comment, None) not in as_rdflib_dataset(store)
    again = Dataset()
    again.parse(data=copy.serialize(format="nquads"), format="nquads")
    assert len(list(again.quads((None, None, None, None)))) == len(list(copy.quads((None, None, None, None))))


def test_copy_of_one_graph_and_the_size_limit(store):
    facts = BASE + "graph/facts"
    copy = to_rdflib_graph(store, graph=facts)
    assert {c for *_, c in copy.quads((None, None, None, None))} == {URIRef(facts)}
    with pytest.raises(ValueError, match="as_rdflib_dataset"):
        to_rdflib_graph(store, max_quads=10)
    assert len(to_rdflib_graph(store, max_quads=None)) == len(as_rdflib_dataset(store))


# --------------------------------------------------------------------------- parameter binding
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("SELECT ?x WHERE { ?x ?p ?o }", "SELECT ?x WHERE { VALUES (?s) { (<urn:a>) } ?x ?p ?o }"),
        ("ASK { ?s ?p ?o }", "ASK { VALUES (?s) { (<urn:a>) } ?s ?p ?o }"),
        (
            "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
            "CONSTRUCT { ?s ?p ?o } WHERE { VALUES (?s) { (<urn:a>) } ?s ?p ?o }",
        ),
        (
            "PREFIX ex: <urn:x#where> SELECT (IF(?a < 3, 1, 2) AS ?z) WHERE { ?s ex:p '{' }",
            "PREFIX ex: <urn:x#where> SELECT (IF(?a < 3, 1, 2) AS ?z) WHERE { VALUES (?s) { (<urn:a>) } ?s ex:p '{' }",
        ),
        ("# where {\nSELECT * { ?s ?p ?o }", "# where {\nSELECT * { VALUES (?s) { (<urn:a>) } ?s ?p ?o }"),
    ],
)
def test_parameters_go_at_the_start_of_the_where_pattern(query, expected):
    result = bind_values_in_where(query, {"s": ox.NamedNode("urn:a")})
    assert result == expected
    ox.Store().query(result)  # still valid SPARQL


@pytest.mark.parametrize(
    "query",
    ["CONSTRUCT WHERE { ?s ?p ?o }", "SELECT * WHERE { SELECT ?s WHERE { ?s ?p ?o } }", "DESCRIBE <urn:a>"],
)
def test_queries_without_a_place_inside_fall_back_to_a_trailing_values(query):
    assert where_group_start(query) is None
    result = bind_values_in_where(query, {"s": ox.NamedNode("urn:a")})
    assert result.endswith("VALUES (?s) { (<urn:a>) }")
    ox.Store().query(result)


def test_binding_values_cannot_change_the_query_structure():
    evil = ox.Literal('x" } } INSERT DATA { <urn:a> <urn:b> <urn:c> } #')
    result = bind_values_in_where("SELECT ?o WHERE { ?s ?p ?o }", {"s": evil})
    st = ox.Store()
    assert list(st.query(result)) == []
    assert len(st) == 0
