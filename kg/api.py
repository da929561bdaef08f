"""The documented Python API: thin functions over kg's stages.

>>> import kg
>>> triples = kg.extract_triples("Cisco bought Splunk for $28 billion.", lang="en")
>>> store = kg.open_store(":memory:")
>>> report = kg.build(["examples/"], store=store)
>>> rows = kg.sparql(store, "SELECT ?s ?o WHERE { ?s kg:investsIn ?o }").values()
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from kg.graph.store import OxigraphStore, open_store
from kg.models import Triple
from kg.query import QueryResult, run_query


def extract_triples(text: str, lang: str | None = None, doc_id: str = "text") -> list[Triple]:
    """Triples stated in ``text`` (language detected when ``lang`` is None)."""
    from kg.extract.pipeline import extract_text

    return extract_text(text, lang=lang, doc_id=doc_id)


def build(paths: Iterable[str], store: OxigraphStore | str | None = None, lang: str | None = None) -> Any:
    """Extract the documents under ``paths`` and merge them into ``store`` (a store or a location)."""
    from kg.build import build_store
    from kg.ingest.read import iter_documents

    st = store if isinstance(store, OxigraphStore) or hasattr(store, "put_document") else open_store(store)
    return build_store(st, iter_documents(list(paths), lang=lang))


def sparql(store: OxigraphStore, sparql: str, **params: Any) -> QueryResult:
    """Run SPARQL over ``store``; keyword arguments are bound to variables as RDF terms."""
    from kg.query import to_term

    bindings = {k: v if not isinstance(v, str) else to_term(v) for k, v in params.items()}
    return run_query(store, sparql, bindings)


__all__ = ["build", "extract_triples", "open_store", "sparql"]
