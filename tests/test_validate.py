"""`kg validate`: a store built by kg conforms to ontologies/shapes.ttl; damaged data is reported.

The damaged stores are copies of a real built store, rewritten through the store's own API
(``put_document`` replaces a document's graphs), so every test starts from what ``kg build`` writes.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat
from rdflib import RDF, Graph, Namespace, URIRef
from rdflib.collection import Collection
from rich.console import Console

from kg.build import build_store
from kg.graph.namespaces import DCT, KG, RDFS, XSD, inferred_graph
from kg.graph.store import OxigraphStore, open_store
from kg.ingest.read import make_document
from kg.models import ASSERTED_MODALITIES, ENTITY_TYPES, MODALITIES
from kg.resources import ontologies_dir
from kg.validate import (
    ValidationReport,
    Violation,
    load_shapes,
    store_graph,
    validate_command,
    validate_store,
)
from kg.vocab import predicates

ENTITY = "https://w3id.org/kg/id/entity/"
SH = Namespace("http://www.w3.org/ns/shacl#")
KGNS = Namespace(KG)

EN_TEXT = (
    "Cisco acquired Splunk for $28 billion. Jensen Huang is the CEO of Nvidia. "
    "Nvidia is headquartered in Santa Clara. Apple is in talks to acquire Perplexity."
)
IT_TEXT = (
    "Microsoft ha investito 15 milioni di euro in Mistral AI. "
    "Arthur Mensch è l'amministratore delegato di Mistral AI."
)

Transform = Callable[[Quad], Iterable[Quad]]


@pytest.fixture(scope="module")
def built() -> OxigraphStore:
    """Two small articles, one English and one Italian, built as `kg build` would."""
    store = open_store(":memory:")
    docs = [
        make_document(
            "deals-en.txt", EN_TEXT, lang="en", title="Chip and software deals", published="2024-03-05"
        ),
        make_document("mistral-it.txt", IT_TEXT, lang="it"),
    ]
    report = build_store(store, docs)
    assert report.added == 2 and not report.failed
    return store


@pytest.fixture
def store(built: OxigraphStore) -> OxigraphStore:
    """A private copy of the built store that a test may damage."""
    copy = open_store(":memory:")
    copy.load(built.dump(RdfFormat.N_QUADS), RdfFormat.N_QUADS)
    return copy


def rewrite(store: OxigraphStore, transform: Transform) -> None:
    """Apply ``transform`` to every quad of every document (and its inferred graph)."""
    for doc in store.documents():
        quads = list(store.quads(doc)) + list(store.quads(inferred_graph(doc)))
        store.put_document(doc, [out for q in quads for out in transform(q)])


def add_to_first_document(store: OxigraphStore, *triples: tuple[str, str, str]) -> None:
    doc = store.documents()[0]
    quads = list(store.quads(doc)) + list(store.quads(inferred_graph(doc)))
    quads += [Quad(NamedNode(s), NamedNode(p), NamedNode(o), NamedNode(doc)) for s, p, o in triples]
    store.put_document(doc, quads)


def replace_value(predicate: str, old: str | None, new: Literal, *, subject: str | None = None) -> Transform:
    """Replace the ``predicate`` values (equal to ``old`` unless None; of ``subject`` unless None) by ``new``."""

    def transform(q: Quad) -> Iterable[Quad]:
        hit = (
            q.predicate.value == predicate
            and (old is None or q.object.value == old)
            and (subject is None or q.subject.value == subject)
        )
        return [Quad(q.subject, q.predicate, new, q.graph_name) if hit else q]

    return transform


def assertion_of(store: OxigraphStore, subject: str, predicate: str) -> str:
    """The IRI of the assertion stating ``subject predicate ?o``."""
    rows = list(
        store.query(
            "SELECT ?a WHERE { ?a a kg:Assertion ; rdf:subject ?s ; rdf:predicate ?p }",
            {"s": NamedNode(subject), "p": NamedNode(predicate)},
        )
    )
    assert len(rows) == 1
    return rows[0]["a"].value


def drop(subject: str, predicate: str) -> Transform:
    return lambda q: [] if (q.subject.value, q.predicate.value) == (subject, predicate) else [q]


def only(report: ValidationReport) -> Violation:
    assert not report.conforms
    assert len(report.violations) == 1, report.violations
    return report.violations[0]


# ---------------------------------------------------------------------------------------------- conforming data
def test_a_store_built_by_kg_conforms(built: OxigraphStore) -> None:
    report = validate_store(built)
    assert report.conforms
    assert report.violations == []
    assert report.triples > 100


def test_the_materialised_entailments_respect_domains_and_ranges_too(built: OxigraphStore) -> None:
    plain, with_inferred = validate_store(built), validate_store(built, inferred=True)
    assert with_inferred.conforms and with_inferred.violations == []
    assert with_inferred.triples > plain.triples


def test_the_bundled_examples_conform(example_store) -> None:  # type: ignore[no-untyped-def]
    report = validate_store(example_store)
    assert report.violations == []


def test_validation_reads_the_union_of_graphs_without_the_inferred_ones(built: OxigraphStore) -> None:
    union = store_graph(built.quads())
    everything = store_graph(built.quads(), inferred=True)
    inverse = URIRef(KG + "acquiredBy")
    assert (URIRef(ENTITY + "cisco"), URIRef(KG + "acquired"), URIRef(ENTITY + "splunk")) in union
    assert not list(union.triples((None, inverse, None)))
    assert (URIRef(ENTITY + "splunk"), inverse, URIRef(ENTITY + "cisco")) in everything


# ---------------------------------------------------------------------------------------------- damaged data
def test_a_confidence_above_one_is_a_violation(store: OxigraphStore) -> None:
    acquisition = assertion_of(store, ENTITY + "cisco", KG + "acquired")
    rewrite(
        store,
        replace_value(
            KG + "confidence", None, Literal("1.7", datatype=NamedNode(XSD + "decimal")), subject=acquisition
        ),
    )
    v = only(validate_store(store))
    assert (v.focus, v.path, v.value, v.severity) == (acquisition, KG + "confidence", "1.7", "Violation")
    assert "between 0 and 1" in v.message


def test_an_unknown_modality_is_a_violation(store: OxigraphStore) -> None:
    rewrite(store, replace_value(KG + "modality", "considered", Literal("maybe")))
    v = only(validate_store(store))
    assert (v.path, v.value, v.severity) == (KG + "modality", "maybe", "Violation")
    assert "completed, announced, planned" in v.message


def test_a_modality_that_contradicts_kg_asserted_is_a_violation(store: OxigraphStore) -> None:
    rewrite(store, replace_value(KG + "modality", "considered", Literal("announced")))
    v = only(validate_store(store))
    assert "kg:asserted must be true exactly when kg:modality is completed or announced" in v.message


def test_a_person_ceo_of_a_place_breaks_the_range_of_ceo_of(store: OxigraphStore) -> None:
    add_to_first_document(store, (ENTITY + "jensen-huang", KG + "ceoOf", ENTITY + "santa-clara"))
    v = only(validate_store(store))
    assert (v.focus, v.path, v.value) == (ENTITY + "jensen-huang", KG + "ceoOf", ENTITY + "santa-clara")
    assert v.message == "the object of kg:ceoOf must be an Organization"


def test_a_place_ceo_of_a_company_breaks_the_domain_of_ceo_of(store: OxigraphStore) -> None:
    add_to_first_document(store, (ENTITY + "santa-clara", KG + "ceoOf", ENTITY + "nvidia"))
    v = only(validate_store(store))
    assert (v.focus, v.path) == (ENTITY + "santa-clara", "")
    assert v.message == "the subject of kg:ceoOf must be a Person"


def test_an_entity_without_a_label_is_a_violation(store: OxigraphStore) -> None:
    rewrite(store, drop(ENTITY + "nvidia", RDFS + "label"))
    v = only(validate_store(store))
    assert (v.focus, v.path) == (ENTITY + "nvidia", RDFS + "label")
    assert "exactly one rdfs:label" in v.message


@pytest.mark.parametrize(
    ("transform", "focus", "path", "words"),
    [
        (replace_value(KG + "wikidata", "Q182477", Literal("182477")), "nvidia", KG + "wikidata", "QID"),
        (replace_value(KG + "key", "nvidia", Literal("Nvidia Corp")), "nvidia", KG + "key", "slug"),
        (drop(ENTITY + "splunk", KG + "mentionedIn"), "splunk", KG + "mentionedIn", "kg:mentionedIn"),
        (replace_value(DCT + "language", "en", Literal("fr")), None, DCT + "language", '"en" or "it"'),
        (
            replace_value(KG + "start", None, Literal("9999", datatype=NamedNode(XSD + "integer"))),
            None,
            KG + "start",
            "kg:start must not be after kg:end",
        ),
        (replace_value(KG + "currency", "USD", Literal("dollars")), None, KG + "currency", "ISO 4217"),
    ],
    ids=["bad-qid", "bad-key", "not-mentioned", "language", "start-after-end", "currency"],
)
def test_other_damage_is_reported_on_the_right_node_and_property(
    store: OxigraphStore, transform: Transform, focus: str | None, path: str, words: str
) -> None:
    rewrite(store, transform)
    report = validate_store(store)
    assert not report.conforms
    hits = [v for v in report.violations if v.path == path and words in v.message]
    assert hits, report.violations
    if focus:
        assert {v.focus for v in hits} == {ENTITY + focus}


def test_an_asserted_assertion_needs_its_plain_triple(store: OxigraphStore) -> None:
    rewrite(store, lambda q: [] if q.predicate.value == KG + "acquired" else [q])
    v = only(validate_store(store))
    assert "/assertion/" in v.focus
    assert "needs its plain triple" in v.message and ENTITY + "cisco" in v.message


def test_facts_of_a_removed_document_are_stale_until_the_facts_are_refreshed(store: OxigraphStore) -> None:
    store.delete_document(store.documents()[0])
    report = validate_store(store)
    assert not report.conforms
    stale = [v for v in report.violations if v.path == "http://www.w3.org/ns/prov#wasDerivedFrom"]
    assert stale and all("/fact/" in v.focus and "re-run `kg build`" in v.message for v in stale)
    store.refresh_facts()
    assert validate_store(store).conforms


def test_an_unrecognised_publication_date_is_only_a_warning(store: OxigraphStore) -> None:
    rewrite(store, replace_value(DCT + "date", None, Literal("early March 2024")))
    report = validate_store(store)
    assert report.conforms
    assert [(v.path, v.severity) for v in report.violations] == [(DCT + "date", "Warning")]
    assert "publication date was not recognised" in report.violations[0].message


def test_other_shapes_can_be_given(built: OxigraphStore, tmp_path: Path) -> None:
    shapes = tmp_path / "qid.ttl"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix kg: <https://w3id.org/kg/ontology#> .\n"
        "<#OrgQid> a sh:NodeShape ; sh:targetClass kg:Organization ;\n"
        '  sh:property [ sh:path kg:wikidata ; sh:minCount 1 ; sh:message "needs a QID" ] .\n',
        encoding="utf-8",
    )
    report = validate_store(built, shapes=shapes)
    assert {v.focus for v in report.violations} == {ENTITY + "splunk"}  # the one organisation without a QID
    assert validate_store(built, shapes=Graph()).conforms


# ---------------------------------------------------------------------------------------------- the command
def run(store: str, limit: int = 20) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = validate_command(
        store, limit, console=Console(file=out, width=240), err_console=Console(file=err, width=240)
    )
    return code, out.getvalue(), err.getvalue()


def save(store: OxigraphStore, path: Path) -> str:
    disk = open_store(path)
    disk.load(store.dump(RdfFormat.N_QUADS), RdfFormat.N_QUADS)
    disk.close()
    return str(path)


def test_the_command_exits_0_for_a_conforming_store(built: OxigraphStore, tmp_path: Path) -> None:
    code, out, err = run(save(built, tmp_path / "ok"))
    assert (code, err) == (0, "")
    assert "conforms" in out and "no violations" in out


def test_the_command_exits_1_and_tabulates_the_violations(store: OxigraphStore, tmp_path: Path) -> None:
    rewrite(store, drop(ENTITY + "nvidia", RDFS + "label"))
    add_to_first_document(store, (ENTITY + "jensen-huang", KG + "ceoOf", ENTITY + "santa-clara"))
    code, out, _ = run(save(store, tmp_path / "bad"))
    assert code == 1
    assert "does not conform: 2 violation(s)" in out
    assert "kgr:jensen-huang" in out and "kg:ceoOf" in out and "kgr:santa-clara" in out
    assert "the object of kg:ceoOf must be an Organization" in out
    assert "exactly one rdfs:label" in out


def test_the_command_shows_at_most_limit_rows_and_counts_the_rest(
    store: OxigraphStore, tmp_path: Path
) -> None:
    rewrite(
        store, replace_value(KG + "confidence", None, Literal("1.7", datatype=NamedNode(XSD + "decimal")))
    )
    code, out, _ = run(save(store, tmp_path / "many"), limit=1)
    assert code == 1
    assert out.count("/assertion/") == 1
    assert "more result(s) not shown" in out


def test_the_command_reports_a_missing_store_in_one_line(tmp_path: Path) -> None:
    code, out, err = run(str(tmp_path / ("nowhere-" + "x" * 100)))
    assert code == 2 and out == ""
    assert err.strip().count("\n") == 0 and "no kg store here" in err


# ---------------------------------------------------------------------------------------------- shapes vs vocabulary
@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes(ontologies_dir() / "shapes.ttl")


def classes(g: Graph, node) -> set[str]:  # type: ignore[no-untyped-def]
    """kg classes required by a shape node: sh:class, or an sh:or of sh:class."""
    direct = g.value(node, SH["class"])
    if direct is not None:
        return {str(direct)[len(KG) :]}
    return {str(g.value(m, SH["class"]))[len(KG) :] for m in Collection(g, g.value(node, SH["or"]))}


def relation_shape(g: Graph, name: str) -> tuple[set[str], set[str]]:
    [shape] = list(g.subjects(SH.targetSubjectsOf, KGNS[name]))
    [prop] = [p for p in g.objects(shape, SH.property) if g.value(p, SH.path) == KGNS[name]]
    return classes(g, shape), classes(g, prop)


def test_every_relation_and_inverse_has_the_domain_and_range_of_the_vocabulary(shapes: Graph) -> None:
    for p in predicates().values():
        assert relation_shape(shapes, p.name) == (set(p.domain), set(p.range)), p.name
        if p.inverse:
            assert relation_shape(shapes, p.inverse) == (set(p.range), set(p.domain)), p.inverse


def test_shapes_list_the_predicates_modalities_and_types_of_the_code(shapes: Graph) -> None:
    def in_lists(path: URIRef) -> list[list[str]]:
        return [
            [str(x) for x in Collection(shapes, shapes.value(p, SH["in"]))]
            for p in shapes.subjects(SH.path, path)
            if shapes.value(p, SH["in"]) is not None
        ]

    vocab = [KG + n for n in predicates()]
    assert in_lists(RDF.predicate) == [vocab, vocab]  # assertions and facts
    modality_lists = in_lists(KGNS.modality)
    assert list(MODALITIES) in modality_lists
    assert sorted(ASSERTED_MODALITIES) in [sorted(x) for x in modality_lists]
    assert all(set(x) <= set(MODALITIES) for x in modality_lists)
    [entity_types] = [
        [str(x)[len(KG) :] for x in Collection(shapes, shapes.value(q, SH["in"]))]
        for q in shapes.objects(None, SH.qualifiedValueShape)
    ]
    assert entity_types == list(ENTITY_TYPES)
