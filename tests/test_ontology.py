"""ontologies/kg.ttl declares in OWL exactly the vocabulary of ontologies/relations.toml.

relations.toml drives the code (extraction, materialised entailments, exports); kg.ttl is what other RDF
tools read. These tests keep the two in sync: change one, and they fail until the other follows.
"""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SKOS

from kg.models import ENTITY_TYPES, MODALITIES
from kg.resources import ontologies_dir
from kg.vocab import Predicate, predicates

KG = Namespace("https://w3id.org/kg/ontology#")
ONTOLOGY = URIRef("https://w3id.org/kg/ontology")
PROVENANCE_CLASSES = ("Document", "Assertion", "Fact")
LINKS = {"mentionedIn", "fact"}  # object properties that are not relations between entities
MAPPINGS = (
    SKOS.exactMatch,
    SKOS.closeMatch,
    SKOS.broadMatch,
    SKOS.narrowMatch,
    SKOS.relatedMatch,
    OWL.equivalentProperty,
    RDFS.subPropertyOf,
)
EXTERNAL = (
    "https://schema.org/",
    "http://www.w3.org/ns/org#",
    "http://www.w3.org/ns/prov#",
    "http://www.wikidata.org/entity/",
    "http://www.wikidata.org/prop/direct/",
    "http://purl.org/dc/terms/",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
)
VOCAB = predicates()


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ontologies_dir() / "kg.ttl", format="turtle")


def local(node: URIRef) -> str:
    assert str(node).startswith(str(KG)), node
    return str(node)[len(KG) :]


def class_set(g: Graph, node) -> set[str]:  # type: ignore[no-untyped-def]
    """A class or an owl:unionOf of classes, as a set of kg local names."""
    if isinstance(node, URIRef):
        return {local(node)}
    members = g.value(node, OWL.unionOf)
    assert members is not None, "a class expression must be a kg class or an owl:unionOf"
    return {local(m) for m in Collection(g, members)}


def labels(g: Graph, node: URIRef, prop: URIRef = RDFS.label) -> dict[str, str]:
    out: dict[str, str] = {}
    for lit in g.objects(node, prop):
        assert isinstance(lit, Literal) and lit.language, f"{node} {prop}: {lit!r} has no language tag"
        assert lit.language not in out, f"{node} has two {prop} in {lit.language}"
        out[lit.language] = str(lit)
    return out


def domain_range(g: Graph, prop: URIRef) -> tuple[set[str], set[str]]:
    return class_set(g, g.value(prop, RDFS.domain)), class_set(g, g.value(prop, RDFS.range))


def kg_terms(g: Graph, kind: URIRef) -> set[URIRef]:
    return {s for s in g.subjects(RDF.type, kind) if isinstance(s, URIRef) and str(s).startswith(str(KG))}


def inverse_pairs() -> list[tuple[Predicate, str]]:
    return [(p, p.inverse) for p in VOCAB.values() if p.inverse]


def test_the_ontology_parses_and_describes_itself(onto: Graph) -> None:
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in onto
    assert onto.value(ONTOLOGY, OWL.versionInfo) is not None
    assert set(labels(onto, ONTOLOGY, URIRef("http://purl.org/dc/terms/title"))) == {"en", "it"}


def test_entity_and_provenance_classes_are_declared(onto: Graph) -> None:
    declared = {local(c) for c in kg_terms(onto, OWL.Class)}
    assert declared == set(ENTITY_TYPES) | set(PROVENANCE_CLASSES)


def test_entity_types_are_pairwise_disjoint(onto: Graph) -> None:
    groups = [
        set(Collection(onto, onto.value(d, OWL.members)))
        for d in onto.subjects(RDF.type, OWL.AllDisjointClasses)
    ]
    assert {KG[t] for t in ENTITY_TYPES} in groups


@pytest.mark.parametrize("name", list(VOCAB))
def test_every_relation_is_declared_as_in_relations_toml(onto: Graph, name: str) -> None:
    p, prop = VOCAB[name], KG[name]
    assert (prop, RDF.type, OWL.ObjectProperty) in onto
    assert labels(onto, prop) == {"en": p.label_en, "it": p.label_it}
    assert labels(onto, prop, RDFS.comment) == {"en": p.comment_en, "it": p.comment_it}
    assert domain_range(onto, prop) == (set(p.domain), set(p.range))
    assert ((prop, RDF.type, OWL.SymmetricProperty) in onto) == p.symmetric
    supers = {local(o) for o in onto.objects(prop, RDFS.subPropertyOf) if str(o).startswith(str(KG))}
    assert supers == ({p.super} if p.super else set())


@pytest.mark.parametrize(("p", "inverse"), inverse_pairs(), ids=lambda x: getattr(x, "name", x))
def test_every_inverse_is_declared_as_in_relations_toml(onto: Graph, p: Predicate, inverse: str) -> None:
    inv = KG[inverse]
    assert (inv, RDF.type, OWL.ObjectProperty) in onto
    assert list(onto.objects(inv, OWL.inverseOf)) == [KG[p.name]]
    assert labels(onto, inv) == {"en": p.inverse_label_en, "it": p.inverse_label_it}
    assert domain_range(onto, inv) == (set(p.range), set(p.domain)), "the inverse swaps domain and range"


def test_the_inverse_of_a_sub_property_is_a_sub_property_of_the_super_propertys_inverse(onto: Graph) -> None:
    checked = 0
    for p in VOCAB.values():
        sup = VOCAB[p.super] if p.super else None
        if p.inverse and sup and sup.inverse:
            assert (KG[p.inverse], RDFS.subPropertyOf, KG[sup.inverse]) in onto
            checked += 1
    assert checked >= 2  # acquiredBy -> subsidiaryOf, hasCEO -> ledBy


def test_sub_properties_stay_within_the_domain_and_range_of_their_super_property() -> None:
    for p in VOCAB.values():
        if p.super:
            sup = VOCAB[p.super]
            assert set(p.domain) <= set(sup.domain), f"{p.name} domain is wider than {sup.name}'s"
            assert set(p.range) <= set(sup.range), f"{p.name} range is wider than {sup.name}'s"


def test_the_required_super_properties_and_symmetric_relations_are_there(onto: Graph) -> None:
    assert (KG.acquired, RDFS.subPropertyOf, KG.owns) in onto
    assert (KG.ceoOf, RDFS.subPropertyOf, KG.leads) in onto
    assert (KG.headquarteredIn, RDFS.subPropertyOf, KG.locatedIn) in onto
    assert {local(s) for s in onto.subjects(RDF.type, OWL.SymmetricProperty)} == {
        "partnersWith",
        "competesWith",
    }


def test_the_ontology_declares_no_relation_the_vocabulary_lacks(onto: Graph) -> None:
    expected = set(VOCAB) | {p.inverse for p in VOCAB.values() if p.inverse} | LINKS
    assert {local(p) for p in kg_terms(onto, OWL.ObjectProperty)} == expected


def test_every_wikidata_alignment_of_relations_toml_is_in_the_ontology(onto: Graph) -> None:
    """The TOML names one Wikidata property per direction; the TTL maps it on the relation or its inverse
    (Wikidata states person-organisation roles on the organisation, so the TTL may carry it the other way)."""

    def wikidata_ids(*names: str | None) -> set[str]:
        ids = set()
        for n in filter(None, names):
            for m in MAPPINGS:
                ids |= {str(o).rsplit("/", 1)[1] for o in onto.objects(KG[n], m) if "wikidata.org" in str(o)}
        return ids

    for p in VOCAB.values():
        for qid in filter(None, (p.wikidata, p.inverse_wikidata)):
            assert qid in wikidata_ids(p.name, p.inverse), f"{p.name}: Wikidata {qid} is not aligned"


def test_alignments_point_at_known_vocabularies_and_never_claim_owl_equivalence(onto: Graph) -> None:
    count = 0
    for m in MAPPINGS:
        for s, o in onto.subject_objects(m):
            if str(o).startswith(str(KG)):
                continue
            assert str(o).startswith(EXTERNAL), f"{s} {m} {o}: unknown vocabulary"
            assert m != OWL.equivalentProperty, f"{s}: kg facts are dated news claims, not owl equivalents"
            count += 1
    assert not list(onto.subject_objects(OWL.equivalentProperty))
    assert count >= 20


def test_every_kg_term_has_an_english_and_an_italian_label_and_comment(onto: Graph) -> None:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, RDFS.Datatype)
    terms = set().union(*(kg_terms(onto, k) for k in kinds))
    assert len(terms) > 40
    for t in terms:
        assert set(labels(onto, t)) == {"en", "it"}, t
        assert set(labels(onto, t, RDFS.comment)) == {"en", "it"}, t
        assert (t, RDFS.isDefinedBy, ONTOLOGY) in onto, t


def test_the_modality_datatype_lists_the_modalities_of_the_code(onto: Graph) -> None:
    restriction = onto.value(KG.Modality, OWL.equivalentClass)
    values = [str(v) for v in Collection(onto, onto.value(restriction, OWL.oneOf))]
    assert values == list(MODALITIES)


def test_confidence_is_a_probability(onto: Graph) -> None:
    assert onto.value(KG.confidence, RDFS.range) == KG.Probability
    restriction = onto.value(KG.Probability, OWL.equivalentClass)
    facets = {}
    for f in Collection(onto, onto.value(restriction, OWL.withRestrictions)):
        facets.update({str(p).rsplit("#", 1)[1]: o.toPython() for p, o in onto.predicate_objects(f)})
    assert facets == {"minInclusive": 0, "maxInclusive": 1}


def test_every_kg_term_a_built_store_uses_is_declared(onto: Graph, example_store) -> None:  # type: ignore[no-untyped-def]
    declared = {str(s) for s in onto.subjects(RDF.type, None)}
    used = set()
    for q in example_store.quads():
        for term in (q.predicate, q.object if q.predicate.value == str(RDF.type) else None):
            if term is not None and term.value.startswith(str(KG)):
                used.add(term.value)
    assert {str(KG.Assertion), str(KG.confidence), str(KG.investsIn)} <= used
    assert used - declared == set()
