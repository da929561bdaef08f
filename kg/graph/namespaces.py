"""IRIs and prefixes used in kg's RDF."""

from __future__ import annotations

import hashlib
import os

KG = "https://w3id.org/kg/ontology#"
DEFAULT_BASE_IRI = "https://w3id.org/kg/id/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
DCT = "http://purl.org/dc/terms/"
WD = "http://www.wikidata.org/entity/"
SCHEMA = "https://schema.org/"
ORG = "http://www.w3.org/ns/org#"

PREFIXES = {
    "kg": KG, "rdf": RDF, "rdfs": RDFS, "owl": OWL, "xsd": XSD, "skos": SKOS, "prov": PROV, "dcterms": DCT,
    "wd": WD, "schema": SCHEMA, "org": ORG,
}


def base_iri() -> str:
    """Base IRI of entities and documents (``KG_BASE_IRI`` overrides the default)."""
    b = os.environ.get("KG_BASE_IRI", DEFAULT_BASE_IRI)
    return b if b.endswith(("/", "#")) else b + "/"


def prefixes(base: str | None = None) -> dict[str, str]:
    """Prefixes predeclared for queries: the standard ones plus ``kgr:`` for entities and ``kgd:`` for documents."""
    b = base or base_iri()
    return {**PREFIXES, "kgr": f"{b}entity/", "kgd": f"{b}doc/"}


def short_hash(*parts: str, n: int = 16) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:n]


def doc_iri(base: str, doc_id: str) -> str:
    """Stable IRI of a document, from its id (path, URL or JSONL id)."""
    return f"{base}doc/{short_hash(doc_id)}"


def inferred_graph(doc: str) -> str:
    return f"{doc}/inferred"


FACTS_GRAPH_SUFFIX = "graph/facts"
