"""``kg serve``: a read-only SPARQL 1.1 endpoint, exercised over real HTTP on 127.0.0.1.

Standard clients (SPARQLWrapper, plain urllib) talk to a server started on a free port; every answer is
compared with the same query run directly on the store.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
import servers
from pyoxigraph import Literal, NamedNode, Quad, QueryResultsFormat, RdfFormat, parse, parse_query_results
from SPARQLWrapper import CSV, JSON, POST, POSTDIRECTLY, TSV, TURTLE, URLENCODED, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from kg.build import build_store
from kg.graph.remote import RemoteStore
from kg.graph.store import OxigraphStore
from kg.ingest.read import make_document
from kg.query import run_query
from kg.serve.app import ServeError, SparqlServer, is_loopback

pytestmark = pytest.mark.server

TEXTS = {
    "deals-a.txt": "Microsoft has invested $13 billion in OpenAI. OpenAI is headquartered in San Francisco. "
    "Sam Altman is the chief executive of OpenAI.",
    "deals-b.txt": "Amazon has invested $8 billion in Anthropic. Google has invested $3 billion in Anthropic. "
    "Dario Amodei is the chief executive of Anthropic.",
    "deals-c.txt": "Microsoft invested $10 billion in OpenAI in 2023. Nvidia acquired Mellanox in 2020. "
    "Microsoft partners with Nvidia.",
}
INVESTMENTS = """SELECT DISTINCT ?investor ?investee ?amount WHERE {
  ?a a kg:Assertion ; rdf:predicate kg:investsIn ; rdf:subject ?i ; rdf:object ?e ; kg:amount ?amount .
  ?i rdfs:label ?investor . ?e rdfs:label ?investee .
} ORDER BY ?investor ?amount"""
CONSTRUCT = "CONSTRUCT { ?i kg:investsIn ?e } WHERE { ?i kg:investsIn ?e }"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


# ---------------------------------------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def store_path(tmp_path_factory) -> Path:
    """Three small articles built into an on-disk store (closed, so the server can open it read-only)."""
    path = tmp_path_factory.mktemp("served") / "store"
    store = OxigraphStore(path)
    docs = [make_document(name, text, lang="en") for name, text in TEXTS.items()]
    assert build_store(store, docs).added == 3
    store.close()
    return path


@pytest.fixture(scope="module")
def local(store_path):
    """The served store opened read-only in the test process: the expected answers."""
    store = OxigraphStore(store_path, read_only=True)
    yield store
    store.close()


@pytest.fixture(scope="module")
def generated_path(tmp_path_factory) -> Path:
    """A store of 2,000 generated triples: enough for a three-way cross join to run for minutes."""
    path = tmp_path_factory.mktemp("generated") / "store"
    store = OxigraphStore(path)
    g = NamedNode("https://example.org/graph/generated")
    p = NamedNode("https://example.org/p")
    quads = [Quad(NamedNode(f"https://example.org/s{i}"), p, Literal(str(i)), g) for i in range(2000)]
    store.load(
        "\n".join(f"{q.subject} {q.predicate} {q.object} {q.graph_name} ." for q in quads).encode(),
        RdfFormat.N_QUADS,
    )
    store.close()
    return path


def running(server: SparqlServer):
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server


@pytest.fixture(scope="module")
def endpoint(store_path):
    """A server with the default limits over the built store; yields its root URL."""
    server = running(SparqlServer(str(store_path), "127.0.0.1", 0, quiet=True))
    yield server.url
    server.shutdown_all()


@pytest.fixture(scope="module")
def limited(generated_path):
    """A server with tight limits (1 s, 5 rows, 4 KiB requests, one worker) over the generated store."""
    server = running(
        SparqlServer(
            str(generated_path),
            "127.0.0.1",
            0,
            timeout=1.0,
            max_rows=5,
            max_request_bytes=4096,
            workers=1,
            quiet=True,
        )
    )
    yield server
    server.shutdown_all()


def request(url, data=None, headers=None, method=None):
    """(status, headers, body) of one HTTP request; HTTP errors are answers too."""
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


def get_query(root, query, **params):
    return f"{root}sparql?{urllib.parse.urlencode({'query': query, **params})}"


def form(**fields):
    return urllib.parse.urlencode(fields).encode()


def wrapper(root, query, fmt, method=None):
    sparql = SPARQLWrapper(root + "sparql")
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    if method:
        sparql.setMethod(POST)
        sparql.setRequestMethod(method)
    return sparql


def values(result):
    """Rows of a run_query result as lexical values (None when unbound)."""
    return [[None if t is None else t.value for t in row] for row in result.rows]


# ---------------------------------------------------------------------------------------------- SELECT / ASK
def test_select_as_sparql_json_through_sparqlwrapper(endpoint, local):
    data = wrapper(endpoint, INVESTMENTS, JSON).query().convert()
    expected = run_query(local, INVESTMENTS)
    assert data["head"]["vars"] == expected.variables
    got = [[b[v]["value"] for v in data["head"]["vars"]] for b in data["results"]["bindings"]]
    assert got == values(expected) and len(got) == 4
    assert data["results"]["bindings"][0]["amount"]["datatype"] == "http://www.w3.org/2001/XMLSchema#decimal"


def test_select_as_sparql_xml_through_sparqlwrapper(endpoint, local):
    doc = wrapper(endpoint, INVESTMENTS, XML).query().convert()
    rows = []
    for result in doc.getElementsByTagName("result"):
        cells = {
            b.getAttribute("name"): b.firstChild.firstChild.data
            for b in result.getElementsByTagName("binding")
        }
        rows.append([cells["investor"], cells["investee"], cells["amount"]])
    assert rows == values(run_query(local, INVESTMENTS))


def test_select_as_csv_through_sparqlwrapper(endpoint, local):
    body = wrapper(endpoint, INVESTMENTS, CSV).query().convert()
    table = list(csv.reader(io.StringIO(body.decode("utf-8"))))
    assert table[0] == ["investor", "investee", "amount"]
    assert table[1:] == values(run_query(local, INVESTMENTS))


def test_select_as_tsv_keeps_rdf_terms(endpoint, local):
    body = wrapper(endpoint, INVESTMENTS, TSV).query().convert()
    parsed = parse_query_results(body, format=QueryResultsFormat.TSV)
    assert [[s[v] for v in ("investor", "investee", "amount")] for s in parsed] == run_query(
        local, INVESTMENTS
    ).rows


@pytest.mark.parametrize("fmt", ["json", "xml", "tsv"])
def test_every_results_format_parses_back_to_the_same_terms(endpoint, local, fmt):
    query = "SELECT ?e ?label WHERE { ?e kg:key ?k ; skos:prefLabel ?label } ORDER BY ?e"
    status, headers, body = request(get_query(endpoint, query, format=fmt))
    assert status == 200
    parsed = parse_query_results(body, format=getattr(QueryResultsFormat, fmt.upper()))
    assert [[s["e"], s["label"]] for s in parsed] == run_query(local, query).rows
    assert headers["X-KG-Rows"] == str(len(run_query(local, query).rows))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ASK { kgr:microsoft kg:investsIn kgr:openai }", True),
        ("ASK { kgr:openai kg:investsIn kgr:microsoft }", False),
    ],
)
def test_ask_answers_a_boolean(endpoint, query, expected):
    assert wrapper(endpoint, query, JSON).query().convert()["boolean"] is expected
    xml = wrapper(endpoint, query, XML).query().convert()
    assert xml.getElementsByTagName("boolean")[0].firstChild.data == str(expected).lower()


# ---------------------------------------------------------------------------------------------- CONSTRUCT
def local_triples(local, query):
    """The distinct triples the query gives on the store itself (RDF formats hold each triple once)."""
    return sorted({tuple(str(t) for t in row) for row in run_query(local, query).rows})


def test_construct_as_turtle_through_sparqlwrapper(endpoint, local):
    body = wrapper(endpoint, CONSTRUCT, TURTLE).query().convert()
    got = sorted(
        (str(q.subject), str(q.predicate), str(q.object)) for q in parse(body, format=RdfFormat.TURTLE)
    )
    assert got == local_triples(local, CONSTRUCT) and len(got) == 3
    assert b"@prefix kg:" in body


@pytest.mark.parametrize(
    "accept",
    ["application/n-triples", "application/rdf+xml", "application/ld+json", "text/n3", "text/turtle"],
)
def test_construct_in_every_rdf_format(endpoint, local, accept):
    status, headers, body = request(get_query(endpoint, CONSTRUCT), headers={"Accept": accept})
    assert status == 200 and headers.get_content_type() == accept
    got = sorted(
        (str(q.subject), str(q.predicate), str(q.object))
        for q in parse(body, format=RdfFormat.from_media_type(accept))
    )
    assert got == local_triples(local, CONSTRUCT)


def test_describe_returns_the_triples_about_a_resource(endpoint):
    status, _, body = request(
        get_query(endpoint, "DESCRIBE kgr:nvidia"), headers={"Accept": "application/n-triples"}
    )
    subjects = {q.subject.value for q in parse(body, format=RdfFormat.N_TRIPLES)}
    assert status == 200 and subjects == {"https://w3id.org/kg/id/entity/nvidia"}


# ---------------------------------------------------------------------------------------------- POST and negotiation
@pytest.mark.parametrize("method", [URLENCODED, POSTDIRECTLY], ids=["form", "sparql-query"])
def test_post_requests_answer_like_get(endpoint, local, method):
    sparql = wrapper(endpoint, INVESTMENTS, JSON, method=method)
    data = sparql.query().convert()
    got = [[b[v]["value"] for v in data["head"]["vars"]] for b in data["results"]["bindings"]]
    assert got == values(run_query(local, INVESTMENTS))


def test_post_of_a_raw_query_with_a_url_format_parameter(endpoint):
    status, headers, body = request(
        endpoint + "sparql?format=csv",
        data=b"ASK { ?s ?p ?o }",
        headers={"Content-Type": "application/sparql-query"},
    )
    assert (status, headers.get_content_type(), body) == (200, "text/csv", b"true\n")


def test_accept_header_picks_the_format_and_q_values_rank(endpoint):
    accept = "text/csv;q=0.5, application/sparql-results+xml;q=0.9, text/html"
    status, headers, _ = request(get_query(endpoint, INVESTMENTS), headers={"Accept": accept})
    assert status == 200 and headers.get_content_type() == "application/sparql-results+xml"
    _, headers, _ = request(get_query(endpoint, INVESTMENTS), headers={"Accept": "*/*"})
    assert headers.get_content_type() == "application/sparql-results+json"


def test_an_unacceptable_format_is_406(endpoint):
    status, _, body = request(get_query(endpoint, INVESTMENTS), headers={"Accept": "image/png"})
    assert status == 406 and b"application/sparql-results+json" in body
    status, _, _ = request(get_query(endpoint, CONSTRUCT), headers={"Accept": "text/csv"})
    assert status == 406


def test_dataset_parameters_are_refused_with_a_reason(endpoint):
    status, _, body = request(get_query(endpoint, COUNT, **{"default-graph-uri": "https://example.org/g"}))
    assert status == 400 and b"FROM" in body


# ---------------------------------------------------------------------------------------------- errors
def test_a_malformed_query_is_400_with_one_line(endpoint):
    status, headers, body = request(get_query(endpoint, "SELECT ?s WHERE { ?s ?p }"))
    assert status == 400 and headers.get_content_type() == "text/plain"
    assert body.decode().startswith("malformed query:") and body.count(b"\n") == 1
    with pytest.raises(QueryBadFormed):
        wrapper(endpoint, "SELECT ?s WHERE { ?s ?p }", JSON).query()


def test_missing_query_unknown_path_and_wrong_method(endpoint):
    assert request(endpoint + "sparql")[0] == 400
    assert request(endpoint + "nothing-here")[0] == 404
    assert request(endpoint, data=b"x", method="PUT")[0] == 405
    assert request(endpoint + "sparql", data=b"query=ASK{}", headers={"Content-Type": "text/plain"})[0] == 415


def test_a_foreign_host_header_is_refused(endpoint):
    status, _, _ = request(get_query(endpoint, COUNT), headers={"Host": "attacker.example"})
    assert status == 403
    assert request(get_query(endpoint, COUNT), headers={"Host": "localhost:80"})[0] == 200


# ---------------------------------------------------------------------------------------------- read-only
def quad_count(root):
    status, _, body = request(get_query(root, COUNT, format="json"))
    assert status == 200
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


UPDATE = "INSERT DATA { GRAPH <https://example.org/g> { <https://example.org/a> <https://example.org/b> 1 } }"


def test_sparql_update_is_refused_and_the_store_is_unchanged(endpoint, store_path):
    before = quad_count(endpoint)
    attempts = [
        request(endpoint + "sparql", data=form(update=UPDATE)),
        request(
            endpoint + "sparql", data=UPDATE.encode(), headers={"Content-Type": "application/sparql-update"}
        ),
        request(endpoint + "sparql?" + urllib.parse.urlencode({"update": UPDATE})),
        request(endpoint + "update", data=form(update=UPDATE)),
        request(endpoint + "sparql", data=form(query=UPDATE)),  # an update is not a query either
    ]
    assert [a[0] for a in attempts] == [403, 403, 403, 403, 400]
    sparql = SPARQLWrapper(endpoint + "sparql")
    sparql.setMethod(POST)
    sparql.setQuery(UPDATE)
    with pytest.raises(urllib.error.HTTPError) as info:
        sparql.query()
    assert info.value.code == 403
    assert quad_count(endpoint) == before
    with OxigraphStore(store_path, read_only=True) as on_disk:
        assert len(on_disk) == before


@pytest.mark.parametrize("method", ["PUT", "POST", "DELETE", "PATCH"])
def test_graph_store_writes_are_refused(endpoint, method):
    before = quad_count(endpoint)
    status, _, body = request(
        endpoint + "store?graph=https://example.org/g",
        data=b"<a:b> <a:c> <a:d> .",
        headers={"Content-Type": "application/n-triples"},
        method=method,
    )
    assert status == 403 and b"read-only" in body
    assert quad_count(endpoint) == before


def test_graph_store_reads_a_named_graph(endpoint, local):
    doc = local.documents()[0]
    status, _, body = request(
        endpoint + "store?" + urllib.parse.urlencode({"graph": doc}),
        headers={"Accept": "application/n-triples"},
    )
    got = sorted(
        str(q.subject) + str(q.predicate) + str(q.object) for q in parse(body, format=RdfFormat.N_TRIPLES)
    )
    assert status == 200
    assert got == sorted(str(q.subject) + str(q.predicate) + str(q.object) for q in local.quads(doc))


def test_a_kg_remote_store_can_read_the_endpoint(endpoint, local):
    remote = RemoteStore(endpoint + "query", read_only=True)
    assert sorted(values(run_query(remote, INVESTMENTS))) == sorted(values(run_query(local, INVESTMENTS)))
    doc = local.documents()[0]
    assert sorted(map(str, remote.quads(doc))) == sorted(map(str, local.quads(doc)))


def test_the_endpoint_can_serve_a_remote_store_read_only(local, tmp_path):
    if servers.oxigraph_unavailable():
        pytest.skip(servers.oxigraph_unavailable())
    oxigraph = servers.start_oxigraph(tmp_path / "oxigraph")
    try:
        remote = RemoteStore(oxigraph.url)
        for doc in local.documents():
            remote.put_document(doc, list(local.quads(doc)) + list(local.quads(doc + "/inferred")))
        server = running(SparqlServer(oxigraph.url, "127.0.0.1", 0, workers=1, quiet=True))
        try:
            status, _, body = request(get_query(server.url, INVESTMENTS, format="tsv"))
            rows = [
                [s[v] for v in ("investor", "investee", "amount")]
                for s in parse_query_results(body, format=QueryResultsFormat.TSV)
            ]
            assert status == 200 and rows == run_query(local, INVESTMENTS).rows
            assert request(server.url + "sparql", data=form(update=UPDATE))[0] == 403
        finally:
            server.shutdown_all()
    finally:
        oxigraph.stop()


# ---------------------------------------------------------------------------------------------- limits
def test_a_slow_query_is_stopped_at_the_time_limit(limited):
    before = set(limited.pool.pids)
    started = time.monotonic()
    status, headers, body = request(get_query(limited.url, SLOW))
    elapsed = time.monotonic() - started
    assert status == 503 and b"timed out" in body and headers["Retry-After"]
    assert elapsed < 5, f"answered after {elapsed:.1f} s"
    deadline = time.monotonic() + 30
    while (set(limited.pool.pids) & before or not limited.pool.pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert limited.pool.pids and not set(limited.pool.pids) & before, "the busy worker was not replaced"
    status, _, body = request(get_query(limited.url, "ASK { ?s ?p ?o }", format="json"))
    assert status == 200 and json.loads(body)["boolean"] is True


def test_answers_are_cut_at_the_row_limit_and_say_so(limited):
    status, headers, body = request(get_query(limited.url, "SELECT ?s WHERE { ?s ?p ?o }", format="json"))
    assert status == 200
    assert len(json.loads(body)["results"]["bindings"]) == 5
    assert (headers["X-KG-Truncated"], headers["X-KG-Row-Limit"], headers["X-KG-Rows"]) == ("true", "5", "5")
    status, headers, body = request(get_query(limited.url, "CONSTRUCT WHERE { ?s ?p ?o }", format="nt"))
    assert len(list(parse(body, format=RdfFormat.N_TRIPLES))) == 5 and headers["X-KG-Truncated"] == "true"
    _, headers, _ = request(get_query(limited.url, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 5"))
    assert "X-KG-Truncated" not in headers


def test_requests_over_the_size_limit_are_413(limited):
    big = "SELECT * WHERE { ?s ?p ?o } # " + "x" * 10_000
    status, _, body = request(limited.url + "sparql", data=form(query=big))
    assert status == 413 and b"too large" in body
    assert request(get_query(limited.url, big))[0] == 413
    assert request(get_query(limited.url, "ASK { }"))[0] == 200


# ---------------------------------------------------------------------------------------------- query page
def test_the_query_page_and_its_assets_are_served_locally(endpoint):
    status, headers, body = request(endpoint)
    page = body.decode()
    assert status == 200 and headers.get_content_type() == "text/html"
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert "<textarea" in page and "kg:investsIn" not in page  # the example query comes from query.js
    assets = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sorted(assets) == ["/static/favicon.svg", "/static/query.css", "/static/query.js"]
    for asset, kind in [
        ("/static/query.js", "text/javascript"),
        ("/static/query.css", "text/css"),
        ("/static/favicon.svg", "image/svg+xml"),
        ("/prefixes.json", "application/json"),
    ]:
        status, headers, body = request(endpoint + asset.lstrip("/"))
        assert (status, headers.get_content_type()) == (200, kind), asset
    js = request(endpoint + "static/query.js")[2].decode()
    assert "kg:investsIn" in js
    assert set(re.findall(r'fetch\("([^"]+)"', js)) == {"/sparql", "/prefixes.json"}
    assert "url(" not in request(endpoint + "static/query.css")[2].decode()


def test_the_query_page_runs_the_example_in_a_browser(endpoint):
    import browser

    reason = browser.unavailable_reason()
    if reason:
        pytest.skip(reason)
    requested = []
    with browser.launch_chromium() as chromium:
        context = chromium.new_context()

        def guard(route):
            requested.append(route.request.url)
            if route.request.url.startswith(endpoint):
                route.continue_()
            else:
                route.abort()

        context.route("**/*", guard)
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(endpoint)
        page.click("#run")
        page.wait_for_selector("#results table tbody tr", timeout=30_000)
        headers = page.eval_on_selector_all("#results th", "cells => cells.map(c => c.textContent)")
        rows = page.eval_on_selector_all("#results tbody tr", "rows => rows.length")
        status = page.text_content("#status")
        context.close()
    assert headers == ["investor", "investee", "amount", "currency", "articles"]
    assert rows == 3 and "3 rows" in status
    assert errors == []
    assert all(url.startswith(endpoint) for url in requested), requested


# ---------------------------------------------------------------------------------------------- command line
def test_kg_serve_command_serves_and_stops_cleanly(store_path, tmp_path):
    proc = servers.start_kg_serve(str(store_path), tmp_path, "--timeout", "5", "--max-rows", "100")
    try:
        status, _, body = request(
            get_query(proc.url, "ASK { kgr:nvidia kg:acquired kgr:mellanox }", format="json")
        )
        assert status == 200 and json.loads(body)["boolean"] is True
    finally:
        proc.stop()
    assert proc.process.returncode == 0
    log = proc.log.read_text()
    assert "SPARQL endpoint http://127.0.0.1:" in log and "read-only" in log
    with pytest.raises(OSError):
        urllib.request.urlopen(proc.url, timeout=2)


def test_kg_serve_without_a_store_fails_with_one_line(tmp_path):
    missing = tmp_path / "nothing"
    done = subprocess.run(
        [sys.executable, "-m", "kg.serve", "--store", str(missing), "--port", "0"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=servers.ROOT,
    )
    assert done.returncode == 2
    assert "no kg store here" in done.stderr and done.stderr.count("\n") <= 2


def test_a_missing_store_is_a_serve_error(tmp_path):
    with pytest.raises(ServeError, match="no kg store here"):
        SparqlServer(str(tmp_path / "nothing"), "127.0.0.1", 0)


def test_loopback_addresses_are_recognised():
    assert all(is_loopback(h) for h in ["127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2"])
    assert not any(is_loopback(h) for h in ["0.0.0.0", "192.0.2.1", "example.org", "::"])
