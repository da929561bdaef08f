"""The property-graph view of the knowledge graph, shared by every export and drawing.

``kg.export.netx.to_networkx(store, filters)`` turns the RDF graph into a ``networkx.MultiDiGraph``
with exactly these attributes; GEXF, GraphML, CSV, matplotlib diagrams and the HTML view all read
this shape and nothing else.

Graph attributes (``G.graph``):
    title (str), source (str: where the data came from, e.g. the store location), created (ISO date str)

Node key: the entity IRI (str). Node attributes:
    label (str)            canonical English label, e.g. "Nvidia"
    label_it (str)         Italian label (same as label when none)
    type (str)             Organization | Person | Product | Project | Place
    qid (str)              Wikidata QID, "" when unknown
    docs (int)             number of documents mentioning the entity in a fact
    first_seen (str)       earliest publication date (YYYY-MM-DD) of those documents, "" when unknown
    last_seen (str)        latest publication date, "" when unknown
    aliases (list[str])    surface forms seen (exporters that need scalars join them with "|")

Edge key: the predicate local name (str) -- at most one edge per (u, v, predicate).
Edge attributes:
    predicate (str)        ontology local name, e.g. "investsIn"
    label_en, label_it     human labels of the predicate, e.g. "invests in" / "investe in"
    directed (bool)        False for symmetric predicates (partnersWith, competesWith); such an edge is
                           stored once, from the lexicographically smaller IRI to the larger
    weight (int)           evidence count (number of assertions across documents)
    confidence (float)     aggregated confidence 0..1
    amount (float|None)    largest stated amount, None when unknown
    currency (str|None)    ISO 4217 code of amount
    date (str)             earliest stated date of the fact or publication date, "" when unknown
    first_seen, last_seen  publication dates of the supporting documents ("" when unknown)
    evidence (list[dict])  [{"doc": doc id, "source": path/URL, "sentence": str, "confidence": float}]
    docs (int)             number of supporting documents
"""

from __future__ import annotations

NODE_TYPES = ("Organization", "Person", "Product", "Project", "Place")

#: Colours by entity type (colour-blind-safe Okabe-Ito palette), used by GEXF viz:color and diagrams.
TYPE_COLORS = {
    "Organization": "#0072B2",
    "Person": "#E69F00",
    "Product": "#009E73",
    "Project": "#CC79A7",
    "Place": "#56B4E9",
}

SYMMETRIC_PREDICATES = frozenset({"partnersWith", "competesWith"})
