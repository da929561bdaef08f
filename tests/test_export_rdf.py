"""RDF exports (Turtle, TriG, N-Quads, JSON-LD) read back with rdflib, an independent RDF parser."""

from __future__ import annotations

import pytest
import rdflib

from kg.export.rdf import export_rdf
from kg.graph.namespaces import KG


@pytest.mark.parametrize("fmt,parser", [("ttl", "turtle"), ("trig", "trig"), ("nq", "nquads"), ("jsonld", "json-ld")])
def test_rdf_export_reads_back_with_the_facts_and_their_evidence(example_store, tmp_path, fmt, parser):
    path = tmp_path / f"graph.{fmt}"
    export_rdf(example_store, path, fmt)
    ds = rdflib.Dataset()
    ds.parse(path, format=parser)
    triples = set(ds.triples((None, None, None))) if fmt == "ttl" else {(s, p, o) for s, p, o, _g in ds.quads()}
    preds = {p for _s, p, _o in triples}
    assert rdflib.URIRef(KG + "investsIn") in preds
    assert rdflib.URIRef(KG + "evidence") in preds
    nvidia = rdflib.URIRef(example_store.base + "entity/nvidia")
    assert any(s == nvidia for s, _p, _o in triples)
    if fmt in {"trig", "nq", "jsonld"}:
        graphs = {g for *_x, g in ds.quads()}
        assert len(graphs) > 10  # one named graph per document, plus inferred and facts graphs
