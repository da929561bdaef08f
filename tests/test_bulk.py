"""Bulk loading RDF files into a kg store (kg.graph.bulk)."""

from __future__ import annotations

import io

import pytest
from pyoxigraph import NamedNode, RdfFormat

from kg.extract.pipeline import DocResult
from kg.graph.bulk import bulk_load, rdf_format
from kg.graph.rdf import document_quads
from kg.graph.store import OxigraphStore, StoreError
from kg.models import Document, Entity, Triple

BASE = "https://example.org/kg/"
ACME = Entity(key="acme", label="Acme Cloud", type="Organization")
ORBIT = Entity(key="orbit", label="Orbit AI", type="Organization")


def _doc(doc_id: str, sentence: str) -> DocResult:
    t = Triple(
        subject=ACME,
        predicate="acquired",
        object=ORBIT,
        confidence=0.7,
        doc=doc_id,
        sentence=sentence,
        start=0,
        end=len(sentence),
        lang="en",
        subject_text="Acme Cloud",
        object_text="Orbit AI",
    )
    return DocResult(Document(id=doc_id, text=sentence, content_hash=doc_id), [t])


@pytest.fixture
def built():
    """A store written the way ``kg build`` writes it: two documents stating the same fact, then facts."""
    st = OxigraphStore(":memory:", base=BASE)
    for doc_id, sentence in [
        ("d1", "Acme Cloud bought Orbit AI."),
        ("d2", "Orbit AI is now part of Acme Cloud."),
    ]:
        g, quads = document_quads(_doc(doc_id, sentence), BASE)
        st.put_document(g.value, quads)
    st.refresh_facts()
    return st


def _quads(store: OxigraphStore) -> set[str]:
    return {str(q) for q in store.quads()}


def test_a_dump_loads_back_into_an_on_disk_store(built, tmp_path):
    dump = tmp_path / "kg.nq"
    built.dump(RdfFormat.N_QUADS, dump)
    with OxigraphStore(tmp_path / "store", base=BASE) as target:
        bulk_load(target, dump)  # format from the extension
        assert _quads(target) == _quads(built)
        rows = target.query("SELECT ?n WHERE { ?f a kg:Fact ; kg:evidenceCount ?n }")
        assert [r["n"].value for r in rows] == ["2"]


def test_documents_loaded_without_facts_get_them_from_refresh_facts(built):
    facts = built.facts_graph
    docs_only = b"".join(str(q).encode() + b" .\n" for q in built.quads() if q.graph_name != NamedNode(facts))
    target = OxigraphStore(":memory:", base=BASE)
    bulk_load(target, docs_only, "nq")
    assert not list(target.quads(facts))
    target.refresh_facts()
    assert _quads(target) == _quads(built)


def test_sources_can_be_bytes_or_binary_files_in_any_named_format():
    nq = b'<urn:s> <urn:p> "o" <urn:g> .\n'
    ttl = b'@prefix ex: <urn:> . ex:s ex:p "t" .\n'
    st = OxigraphStore(":memory:", base=BASE)
    bulk_load(st, nq, "application/n-quads")
    bulk_load(st, io.BytesIO(ttl), "ttl", graph="urn:doc")
    assert {(q.object.value, q.graph_name.value) for q in st.quads()} == {("o", "urn:g"), ("t", "urn:doc")}


def test_read_only_stores_missing_files_and_unknown_formats_are_refused(built, tmp_path):
    path = tmp_path / "store"
    OxigraphStore(path, base=BASE).close()
    with OxigraphStore(path, read_only=True, base=BASE) as ro, pytest.raises(StoreError, match="read-only"):
        bulk_load(ro, b"", "nq")
    with pytest.raises(StoreError, match="no such file"):
        bulk_load(built, tmp_path / "missing.nq")
    with pytest.raises(ValueError, match="unknown RDF format"):
        bulk_load(built, b"", "docx")
    with pytest.raises(ValueError, match="pass format="):
        bulk_load(built, b"<urn:s> <urn:p> <urn:o> .")


def test_malformed_data_raises_a_syntax_error(built):
    with pytest.raises(SyntaxError):
        bulk_load(built, b"<urn:s> <urn:p> .\n", "nt")


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("nq", RdfFormat.N_QUADS),
        (".ttl", RdfFormat.TURTLE),
        ("application/trig", RdfFormat.TRIG),
        (RdfFormat.N_TRIPLES, RdfFormat.N_TRIPLES),
    ],
)
def test_formats_are_named_by_extension_media_type_or_value(given, expected):
    assert rdf_format(given) == expected
