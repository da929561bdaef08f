"""RemoteStore: a kg store on a real SPARQL 1.1 server (Oxigraph server and Virtuoso, started on 127.0.0.1).

The same documents are built into an in-memory OxigraphStore and into each server; every answer must
agree. Tests that need a server skip, with the install command, when its binary is missing.
"""

from __future__ import annotations

import socket
import time
from collections import namedtuple
from decimal import Decimal
from pathlib import Path

import pytest
import servers
from pyoxigraph import Literal, NamedNode, Quad, QueryBoolean, RdfFormat

from kg.build import build_store
from kg.graph.namespaces import KG, XSD, doc_iri, inferred_graph
from kg.graph.remote import (
    RemoteStore,
    RemoteStoreError,
    endpoints_for,
    insert_operations,
    query_form,
    with_prefixes,
)
from kg.graph.store import OxigraphStore, StoreError, open_store
from kg.ingest.read import make_document
from kg.query import QueryError, run_query

pytestmark = pytest.mark.server

ROOT = Path(__file__).resolve().parents[1]
INVESTMENTS_RQ = (ROOT / "kg" / "examples" / "queries" / "investments.rq").read_text(encoding="utf-8")
NUMERIC = {XSD + t for t in ("integer", "decimal", "double", "float", "int", "long", "nonNegativeInteger")}

TEXTS = {
    "deals-a.txt": "Microsoft has invested $13 billion in OpenAI. OpenAI is headquartered in San Francisco. "
    "Sam Altman is the chief executive of OpenAI.",
    "deals-b.txt": "Amazon has invested $8 billion in Anthropic. Google has invested $3 billion in Anthropic. "
    "Dario Amodei is the chief executive of Anthropic.",
    "deals-c.txt": "Microsoft invested $10 billion in OpenAI in 2023. Nvidia acquired Mellanox in 2020. "
    "Microsoft partners with Nvidia.",
}
QUERIES = {
    "relations": "SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER(STRSTARTS(STR(?p), STR(kg:))) }",
    "investments.rq": INVESTMENTS_RQ,
    "assertions": "SELECT ?p (COUNT(?a) AS ?n) WHERE { ?a a kg:Assertion ; rdf:predicate ?p } GROUP BY ?p",
    "facts": "SELECT ?f ?c ?n ?d WHERE { ?f a kg:Fact ; kg:confidence ?c ; kg:evidenceCount ?n ; "
    "kg:documentCount ?d }",
    "labels": "SELECT ?e ?label WHERE { ?e kg:key ?k ; skos:prefLabel ?label }",
    "documents": "SELECT ?d ?title ?date WHERE { ?d a kg:Document OPTIONAL { ?d dcterms:title ?title } "
    "OPTIONAL { ?d dcterms:date ?date } }",
}


def documents():
    """Three small English articles (two of them state the same investment)."""
    meta = {
        "deals-a.txt": {"title": "Microsoft and OpenAI", "published": "2025-01-15"},
        "deals-b.txt": {"published": "2025-02-01"},
        "deals-c.txt": {},
    }
    return [make_document(name, text, lang="en", **meta[name]) for name, text in TEXTS.items()]


def canon(term):
    """A term as a comparable value: servers may write numbers differently ("0.90" vs "0.9")."""
    if term is None:
        return None
    if isinstance(term, Literal) and term.datatype.value in NUMERIC:
        return ("number", Decimal(term.value))
    if isinstance(term, Literal) and term.datatype.value == XSD + "boolean":
        return ("boolean", term.value in ("true", "1"))
    return str(term)


def canon_rows(result):
    return sorted((tuple(canon(t) for t in row) for row in result.rows), key=repr)


def canon_quads(quads):
    return sorted((canon(q.subject), canon(q.predicate), canon(q.object), str(q.graph_name)) for q in quads)


def copy_documents(source, target) -> None:
    """Put every document of ``source`` (its graph and inferred graph) into ``target``, then the facts."""
    for doc in source.documents():
        target.put_document(doc, list(source.quads(doc)) + list(source.quads(inferred_graph(doc))))
    target.refresh_facts()


def rebased(source, base: str) -> OxigraphStore:
    """An in-memory copy of ``source`` whose kg IRIs start with ``base`` instead (documents and facts)."""

    def move(term):
        if isinstance(term, NamedNode) and term.value.startswith(source.base):
            return NamedNode(base + term.value[len(source.base) :])
        return term

    store = OxigraphStore(None, base=base)
    for doc in source.documents():
        quads = list(source.quads(doc)) + list(source.quads(inferred_graph(doc)))
        store.put_document(
            move(NamedNode(doc)).value,
            [Quad(move(q.subject), move(q.predicate), move(q.object), move(q.graph_name)) for q in quads],
        )
    store.refresh_facts()
    return store


# ---------------------------------------------------------------------------------------------- servers
@pytest.fixture(scope="module")
def reference():
    """The corpus built into the embedded in-memory store."""
    store = OxigraphStore(None)
    report = build_store(store, documents())
    assert report.added == 3 and not report.failed
    return store


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def server(request, tmp_path_factory):
    """A running SPARQL server (each kind in turn)."""
    unavailable = {"oxigraph": servers.oxigraph_unavailable, "virtuoso": servers.virtuoso_unavailable}[
        request.param
    ]()
    if unavailable:
        pytest.skip(unavailable)
    start = {"oxigraph": servers.start_oxigraph, "virtuoso": servers.start_virtuoso}[request.param]
    proc = start(tmp_path_factory.mktemp(request.param))
    yield proc
    proc.stop()


@pytest.fixture(scope="module")
def built(server):
    """The corpus built through ``build_store`` into the server: (store, first report)."""
    store = RemoteStore(server.url)
    report = build_store(store, documents())
    return store, report


@pytest.fixture
def scratch(server, reference):
    """(RemoteStore, in-memory store) holding the corpus under a base IRI of their own, so writes do not
    touch the built corpus; the server's copy is removed afterwards."""
    base = f"https://example.org/scratch-{time.monotonic_ns()}/"
    local = rebased(reference, base)
    store = RemoteStore(server.url, base=base)
    copy_documents(local, store)
    yield store, local
    store.clear()
    assert store.graphs() == []


# ---------------------------------------------------------------------------------------------- pure helpers
def test_endpoints_follow_the_usual_server_conventions():
    ox = endpoints_for("http://127.0.0.1:7878/query")
    assert (ox.query, ox.update, ox.gsp) == (
        "http://127.0.0.1:7878/query",
        "http://127.0.0.1:7878/update",
        "http://127.0.0.1:7878/store",
    )
    virtuoso = endpoints_for("http://127.0.0.1:8890/sparql")
    assert (virtuoso.update, virtuoso.gsp) == ("http://127.0.0.1:8890/sparql", None)
    graphdb = endpoints_for("http://127.0.0.1:7200/repositories/news")
    assert graphdb.update == "http://127.0.0.1:7200/repositories/news/statements"
    fuseki = endpoints_for("http://127.0.0.1:3030/news", gsp_url="http://127.0.0.1:3030/news/data")
    assert (fuseki.update, fuseki.gsp, fuseki.gsp_derived) == (
        "http://127.0.0.1:3030/news",
        "http://127.0.0.1:3030/news/data",
        False,
    )


def test_query_parameters_of_the_url_are_kept_for_queries_only():
    e = endpoints_for("http://127.0.0.1:7878/query?union-default-graph")
    assert e.query == "http://127.0.0.1:7878/query"
    assert e.params == {"union-default-graph": ""}
    assert e.update == "http://127.0.0.1:7878/update"


def test_a_location_that_is_not_an_http_url_is_refused():
    with pytest.raises(StoreError, match="not an http"):
        RemoteStore("ftp://127.0.0.1/sparql")


def test_open_store_gives_a_remote_store_for_http_locations():
    store = open_store("http://127.0.0.1:9/query", read_only=True)
    assert isinstance(store, RemoteStore) and store.read_only


def test_query_form_is_read_after_the_prologue():
    assert query_form("PREFIX ex: <http://ex.org/#>\n# ASK in a comment\nselect * { ?s ?p ?o }") == "select"
    assert query_form("BASE <http://ex.org/> CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }") == "construct"
    assert query_form("  ask { ?s ?p ?o }") == "ask"
    assert query_form("DESCRIBE <http://ex.org/a>") == "describe"
    assert query_form("INSERT DATA { <a:b> <a:c> <a:d> }") is None


def test_kg_prefixes_are_declared_unless_the_query_declares_them():
    text = with_prefixes(
        "PREFIX kg: <http://other/> SELECT * { ?s kg:p ?o }", {"kg": "http://kg/", "rdfs": "http://r/"}
    )
    assert "PREFIX rdfs: <http://r/>" in text
    assert "<http://kg/>" not in text


def test_inserts_are_split_into_operations_of_bounded_size():
    g = NamedNode("http://ex.org/g")
    quads = [
        Quad(NamedNode(f"http://ex.org/s{i}"), NamedNode("http://ex.org/p"), Literal(str(i)), g)
        for i in range(25)
    ]
    ops = insert_operations(quads, chunk=10)
    assert len(ops) == 3
    assert all(op.startswith("INSERT DATA {\nGRAPH <http://ex.org/g> {") for op in ops)
    assert sum(op.count(" .\n") + op.endswith(" .") for op in ops) == 25


# ---------------------------------------------------------------------------------------------- errors
def test_connection_refused_is_one_clear_line():
    store = RemoteStore(f"http://127.0.0.1:{servers.free_port()}/query", timeout=5)
    with pytest.raises(RemoteStoreError) as info:
        store.document_hash("https://example.org/doc")
    message = str(info.value)
    assert "connection refused" in message and "\n" not in message
    with pytest.raises(QueryError, match="query failed: .*connection refused"):
        run_query(store, "ASK { ?s ?p ?o }")


def test_a_server_that_never_answers_times_out_with_one_line():
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)  # connections complete in the backlog; nothing is ever sent back
    try:
        store = RemoteStore(f"http://127.0.0.1:{listener.getsockname()[1]}/sparql", timeout=0.5)
        started = time.monotonic()
        with pytest.raises(RemoteStoreError) as info:
            store.documents()
        assert time.monotonic() - started < 5
        assert "timed out" in str(info.value) and "\n" not in str(info.value)
    finally:
        listener.close()


def test_http_errors_name_the_status(server):
    store = RemoteStore(server.url.rsplit("/", 1)[0] + "/no-such-endpoint")
    with pytest.raises(RemoteStoreError, match=r"HTTP 404") as info:
        store.documents()
    assert "\n" not in str(info.value)


def test_a_malformed_query_is_a_syntax_error_like_in_the_embedded_store(built):
    store, _ = built
    with pytest.raises(SyntaxError):
        store.query("SELECT ?s WHERE { ?s ?p }")
    with pytest.raises(QueryError, match="malformed SPARQL"):
        run_query(store, "SELECT ?s WHERE { ?s ?p }")


def test_a_read_only_store_refuses_writes(server, built):
    store, _ = built
    before = len(store)
    ro = RemoteStore(server.url, read_only=True)
    doc = store.documents()[0]
    with pytest.raises(StoreError, match="read-only"):
        ro.put_document(doc, [])
    with pytest.raises(StoreError, match="read-only"):
        ro.delete_document(doc)
    with pytest.raises(StoreError, match="read-only"):
        ro.refresh_facts()
    assert len(store) == before


# ---------------------------------------------------------------------------------------------- building
def test_building_through_the_server_reports_every_document(built):
    _, report = built
    assert (report.added, report.updated, report.skipped, report.failed) == (3, 0, 0, [])
    assert report.facts == 8  # Microsoft -> OpenAI is stated twice


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_queries_give_the_same_rows_as_the_embedded_store(built, reference, name):
    store, _ = built
    remote, local = run_query(store, QUERIES[name]), run_query(reference, QUERIES[name])
    assert remote.variables == local.variables
    assert canon_rows(remote) == canon_rows(local)
    assert remote.rows, "the query must match something, or the comparison proves nothing"


def test_rebuilding_the_same_documents_changes_nothing(built):
    store, _ = built
    before = canon_quads(store.quads())
    report = build_store(store, documents())
    assert (report.added, report.updated, report.skipped) == (0, 0, 3)
    assert canon_quads(store.quads()) == before


def test_documents_and_quads_match_the_embedded_store(built, reference):
    store, _ = built
    assert sorted(store.documents()) == sorted(reference.documents())
    assert len(store) == len(reference)
    assert canon_quads(store.quads()) == canon_quads(reference.quads())


def test_dump_writes_the_same_dataset_as_the_embedded_store(built, reference):
    store, _ = built
    from pyoxigraph import parse

    remote = list(parse(store.dump(RdfFormat.N_QUADS), format=RdfFormat.N_QUADS))
    local = list(parse(reference.dump(RdfFormat.N_QUADS), format=RdfFormat.N_QUADS))
    assert canon_quads(remote) == canon_quads(local)


def test_ask_and_construct_answers_have_the_embedded_store_types(built, reference):
    store, _ = built
    yes = store.query("ASK { ?i kg:investsIn ?e }")
    no = store.query("ASK { ?i kg:investsIn kgr:no-such-company }")
    assert isinstance(yes, QueryBoolean) and bool(yes) is True
    assert isinstance(no, QueryBoolean) and bool(no) is False
    construct = "CONSTRUCT { ?i kg:investsIn ?e } WHERE { ?i kg:investsIn ?e }"
    remote, local = run_query(store, construct), run_query(reference, construct)
    assert remote.kind == "graph" and canon_rows(remote) == canon_rows(local)


def test_bindings_are_substituted_as_rdf_terms(built, reference):
    store, _ = built
    query = "SELECT DISTINCT ?investor ?investee WHERE { ?investor kg:investsIn ?investee }"
    bindings = {"investor": NamedNode(reference.base + "entity/microsoft")}
    remote, local = run_query(store, query, bindings), run_query(reference, query, bindings)
    assert canon_rows(remote) == canon_rows(local)
    assert [row[1].value.rsplit("/", 1)[-1] for row in remote.rows] == ["openai"]


# ---------------------------------------------------------------------------------------------- writing
BadQuad = namedtuple("BadQuad", "subject predicate object graph_name")  # a term no server accepts


def test_a_rejected_document_leaves_the_previous_version_whole(built):
    """put_document is ONE update request: when the server rejects it, the DROP is not applied either."""
    store, _ = built
    doc = doc_iri(store.base, "deals-a.txt")
    before_hash, before = store.document_hash(doc), canon_quads(store.quads(doc))
    good = list(store.quads(doc))
    broken = BadQuad("<not a valid IRI", NamedNode("http://ex.org/p"), Literal("x"), NamedNode(doc))
    with pytest.raises(RemoteStoreError):
        store.put_document(doc, good + [broken])
    assert store.document_hash(doc) == before_hash
    assert canon_quads(store.quads(doc)) == before


def test_a_batch_of_documents_is_written_whole_or_not_at_all(scratch):
    store, local = scratch
    docs = [doc_iri(store.base, name) for name in ("deals-a.txt", "deals-b.txt")]
    before = {d: canon_quads(store.quads(d)) for d in docs}
    batch = [
        (d, list(local.quads(d)) + [Quad(NamedNode(d), NamedNode(KG + "note"), Literal("v2"), NamedNode(d))])
        for d in docs
    ]
    broken = BadQuad("<not a valid IRI", NamedNode("http://ex.org/p"), Literal("x"), NamedNode(docs[1]))
    with pytest.raises(RemoteStoreError):
        store.put_documents([batch[0], (docs[1], batch[1][1] + [broken])])
    assert {d: canon_quads(store.quads(d)) for d in docs} == before
    store.put_documents(batch)
    for d, quads in batch:
        assert canon_quads(store.quads(d)) == canon_quads(quads)


def test_malformed_data_is_refused_before_anything_is_sent(scratch):
    store = RemoteStore(scratch[0].url, base=scratch[0].base, graph_store_protocol=False)
    before = len(store)
    with pytest.raises(StoreError, match="malformed .*nothing loaded"):
        store.load("<http://ex.org/a> <http://ex.org/p> .", RdfFormat.N_TRIPLES, store.base + "graph/extra")
    assert len(store) == before


def test_deleting_a_document_removes_only_its_graphs(scratch):
    store, _ = scratch
    doc_a, doc_b = doc_iri(store.base, "deals-a.txt"), doc_iri(store.base, "deals-b.txt")
    kept = {g: canon_quads(store.quads(g)) for g in store.graphs() if not g.startswith(doc_a)}
    assert len(kept) == len(store.graphs()) - 2
    store.delete_document(doc_a)
    assert doc_a not in store.graphs() and inferred_graph(doc_a) not in store.graphs()
    assert store.document_hash(doc_a) is None
    assert {g: canon_quads(store.quads(g)) for g in store.graphs()} == kept
    assert store.document_hash(doc_b) is not None


def test_refresh_facts_recomputes_the_facts_like_the_embedded_store(scratch):
    store, local = scratch
    doc_c = doc_iri(store.base, "deals-c.txt")
    store.delete_document(doc_c)
    local.delete_document(doc_c)
    assert store.refresh_facts() == local.refresh_facts() == 6
    assert canon_quads(store.quads(store.facts_graph)) == canon_quads(local.quads(local.facts_graph))


def test_a_large_facts_graph_is_staged_then_moved_in_place(scratch):
    store, local = scratch
    staged = RemoteStore(store.url, base=store.base, max_quads_per_request=10)
    assert staged.refresh_facts() == 8
    assert canon_quads(staged.quads(staged.facts_graph)) == canon_quads(local.quads(local.facts_graph))
    assert [g for g in staged.graphs() if g.endswith("/staging")] == []


@pytest.mark.parametrize("graph_store_protocol", [True, False], ids=["graph-store", "sparql-update"])
def test_load_adds_rdf_to_a_graph(scratch, graph_store_protocol):
    store = RemoteStore(scratch[0].url, base=scratch[0].base, graph_store_protocol=graph_store_protocol)
    graph = store.base + "graph/extra"
    turtle = '@prefix ex: <http://ex.org/> . ex:acme ex:partnersWith ex:globex ; ex:name "Acme Società" .'
    store.load(turtle, RdfFormat.TURTLE, graph)
    got = sorted(
        (q.subject.value, q.predicate.value, q.object.value, q.graph_name) for q in store.quads(graph)
    )
    assert got == [
        ("http://ex.org/acme", "http://ex.org/name", "Acme Società", NamedNode(graph)),
        ("http://ex.org/acme", "http://ex.org/partnersWith", "http://ex.org/globex", NamedNode(graph)),
    ]


def test_load_of_a_dataset_keeps_its_graphs(scratch):
    store, _ = scratch
    g1, g2 = store.base + "graph/one", store.base + "graph/two"
    trig = f"<{g1}> {{ <http://ex.org/a> <http://ex.org/p> 1 }} <{g2}> {{ <http://ex.org/b> <http://ex.org/p> 2 }}"
    store.load(trig, RdfFormat.TRIG)
    assert [q.subject.value for q in store.quads(g1)] == ["http://ex.org/a"]
    assert [q.subject.value for q in store.quads(g2)] == ["http://ex.org/b"]


# ---------------------------------------------------------------------------------------------- Oxigraph only
def test_oxigraph_union_default_graph_can_be_asked_for_in_the_url(tmp_path, reference):
    if servers.oxigraph_unavailable():
        pytest.skip(servers.oxigraph_unavailable())
    plain = servers.start_oxigraph(tmp_path / "plain", union_default_graph=False)
    try:
        copy_documents(reference, RemoteStore(plain.url))
        query = "SELECT ?i ?e WHERE { ?i kg:investsIn ?e }"
        assert run_query(RemoteStore(plain.url), query).rows == []
        union = RemoteStore(plain.url + "?union-default-graph")
        assert canon_rows(run_query(union, query)) == canon_rows(run_query(reference, query))
    finally:
        plain.stop()
