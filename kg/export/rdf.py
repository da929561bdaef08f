"""RDF serialisations of the whole store: Turtle, TriG, N-Quads, JSON-LD (with a context)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pyoxigraph import RdfFormat

from kg.graph.namespaces import prefixes

FORMATS = {"ttl": RdfFormat.TURTLE, "trig": RdfFormat.TRIG, "nq": RdfFormat.N_QUADS, "nt": RdfFormat.N_TRIPLES}


def export_rdf(store: Any, path: str | Path, fmt: str) -> None:
    """Write the store as ``fmt`` (ttl = union of all graphs; trig/nq keep the named graphs)."""
    path = Path(path)
    pfx = prefixes(store.base)
    if fmt == "jsonld":
        import rdflib

        ds = rdflib.Dataset()
        ds.parse(data=store.dump(RdfFormat.N_QUADS).decode("utf-8"), format="nquads")
        context = {k: v for k, v in pfx.items()}
        path.write_text(ds.serialize(format="json-ld", context=context, indent=1), encoding="utf-8")
        return
    if fmt == "ttl":
        from pyoxigraph import DefaultGraph, Quad, Store

        union = Store()
        union.extend(Quad(q.subject, q.predicate, q.object) for q in store.quads())
        data = union.dump(format=RdfFormat.TURTLE, prefixes=pfx, from_graph=DefaultGraph())
        path.write_bytes(data)
        return
    kw: dict[str, Any] = {"prefixes": pfx} if fmt == "trig" else {}
    path.write_bytes(store.dump(FORMATS[fmt], **kw))


def context_json() -> str:
    return json.dumps({"@context": prefixes()}, indent=1)
