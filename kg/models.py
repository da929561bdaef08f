"""Plain data that flows between kg's stages.

``Document`` (ingest) -> ``Mention``/``Relation`` (extract) -> ``Entity`` (resolve) -> ``Triple`` (graph).
Every stage is a function over these dataclasses; nothing here knows about spaCy or RDF.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

#: Entity types of the kg ontology.
ENTITY_TYPES = ("Organization", "Person", "Product", "Project", "Place")

#: Modalities of a stated fact. Only ``ASSERTED_MODALITIES`` become plain graph edges.
MODALITIES = ("completed", "announced", "planned", "considered", "rumoured", "denied", "ended")
ASSERTED_MODALITIES = frozenset({"completed", "announced"})


@dataclass(slots=True)
class Document:
    """One article after ingestion: cleaned text plus where it came from.

    ``offsets`` maps every character of ``text`` back to the original source text
    (``offsets[i]`` is the index in ``raw`` of ``text[i]``); empty when text == raw.
    """

    id: str
    text: str
    lang: str = "en"
    source: str = ""
    title: str | None = None
    published: str | None = None
    url: str | None = None
    content_hash: str = ""
    raw: str | None = None
    offsets: list[int] = field(default_factory=list, repr=False)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the cleaned text to the original text."""
        if not self.offsets:
            return start, end
        if start >= len(self.offsets):
            return len(self.raw or ""), len(self.raw or "")
        last = self.offsets[max(start, end - 1)] + 1 if end > start else self.offsets[start]
        return self.offsets[start], last


@dataclass(slots=True)
class Entity:
    """A resolved, canonical entity (one node of the graph)."""

    key: str  # stable slug, e.g. "nvidia"; the IRI is base + "entity/" + key
    label: str
    type: str  # one of ENTITY_TYPES
    qid: str | None = None
    label_it: str | None = None
    source: str = "gazetteer"  # gazetteer | document | override


@dataclass(slots=True)
class Mention:
    """A span of a document that names (or refers to) an entity."""

    text: str
    start: int
    end: int
    type: str
    entity: Entity | None = None
    via: str = ""  # how it was found/resolved: ner, ruler, propn, coref:<antecedent>, ...


@dataclass(slots=True)
class Triple:
    """One extracted relation with its evidence. The unit of kg's JSONL output."""

    subject: Entity
    predicate: str  # local name of the ontology property, e.g. "investsIn"
    object: Entity
    confidence: float
    doc: str
    sentence: str
    start: int
    end: int
    lang: str
    modality: str = "completed"
    amount: float | None = None
    currency: str | None = None
    date: str | None = None
    subject_text: str = ""
    object_text: str = ""
    pattern: str = ""

    @property
    def asserted(self) -> bool:
        """True when the fact is stated as real (not denied, planned, rumoured...)."""
        return self.modality in ASSERTED_MODALITIES

    def key(self) -> tuple[str, str, str]:
        return (self.subject.key, self.predicate, self.object.key)

    def to_record(self, base_iri: str) -> dict[str, Any]:
        """The JSONL output contract (one object per triple)."""
        rec: dict[str, Any] = {
            "subject": self.subject.label,
            "subject_iri": entity_iri(base_iri, self.subject.key),
            "subject_type": self.subject.type,
            "predicate": self.predicate,
            "object": self.object.label,
            "object_iri": entity_iri(base_iri, self.object.key),
            "object_type": self.object.type,
            "confidence": round(self.confidence, 3),
            "doc": self.doc,
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "lang": self.lang,
            "modality": self.modality,
        }
        if self.amount is not None:
            rec["amount"] = self.amount
            rec["currency"] = self.currency
        if self.date:
            rec["date"] = self.date
        if self.subject.qid:
            rec["subject_qid"] = self.subject.qid
        if self.object.qid:
            rec["object_qid"] = self.object.qid
        return rec


def entity_iri(base_iri: str, key: str) -> str:
    """IRI of a canonical entity under ``base_iri``."""
    return f"{base_iri}entity/{key}"


def as_dict(obj: Any) -> dict[str, Any]:
    return asdict(obj)
