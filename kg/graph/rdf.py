"""Turn a document's extraction result into RDF quads (its named graphs).

Data model (see docs/data-model.md):
- the document ``<doc>`` is a ``prov:Entity`` and ``kg:Document`` with source, title, language, date,
  content hash and extractor version; its facts live in the named graph ``<doc>``;
- every stated fact is a plain triple ``<s> kg:p <o>`` (only for completed/announced modality) and is
  described by an ``kg:Assertion`` (rdf:subject/predicate/object, evidence sentence, offsets,
  confidence, modality, amount, currency, date, ``prov:wasDerivedFrom <doc>``, ``kg:fact <fact>``);
- entities mentioned get their type, labels, surface forms (``skos:altLabel``) and ``owl:sameAs`` to
  Wikidata in the same graph, so removing a document removes exactly its contribution;
- entailments chosen at build time (super-properties, inverses, symmetry) go to ``<doc>/inferred``.
"""

from __future__ import annotations

import re

from pyoxigraph import Literal, NamedNode, Quad

from kg import __version__
from kg.extract.pipeline import DocResult
from kg.graph.namespaces import (
    DCT,
    KG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SKOS,
    WD,
    XSD,
    doc_iri,
    inferred_graph,
    short_hash,
)
from kg.models import Entity, entity_iri
from kg.vocab import predicates

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _n(iri: str) -> NamedNode:
    return NamedNode(iri)


def _lit(value: object, dtype: str | None = None, lang: str | None = None) -> Literal:
    if lang:
        return Literal(str(value), language=lang)
    if dtype:
        return Literal(str(value), datatype=NamedNode(XSD + dtype))
    return Literal(str(value))


def _date_literal(value: str) -> Literal:
    if _DATE.match(value):
        return _lit(value, "date")
    if re.match(r"^\d{4}-\d{2}$", value):
        return _lit(value, "gYearMonth")
    if re.match(r"^\d{4}$", value):
        return _lit(value, "gYear")
    return _lit(value)


def fact_iri(base: str, s: str, p: str, o: str) -> str:
    return f"{base}fact/{short_hash(s, p, o)}"


def entity_quads(base: str, e: Entity, g: NamedNode, surface: set[tuple[str, str]]) -> list[Quad]:
    s = _n(entity_iri(base, e.key))
    out = [
        Quad(s, _n(RDF + "type"), _n(KG + e.type), g),
        Quad(s, _n(RDFS + "label"), _lit(e.label), g),
        Quad(s, _n(SKOS + "prefLabel"), _lit(e.label, lang="en"), g),
        Quad(s, _n(KG + "key"), _lit(e.key), g),
    ]
    if e.label_it and e.label_it != e.label:
        out.append(Quad(s, _n(SKOS + "prefLabel"), _lit(e.label_it, lang="it"), g))
    if e.qid:
        out.append(Quad(s, _n(OWL + "sameAs"), _n(WD + e.qid), g))
        out.append(Quad(s, _n(KG + "wikidata"), _lit(e.qid), g))
    for text, lang in sorted(surface):
        if text != e.label:
            out.append(Quad(s, _n(SKOS + "altLabel"), _lit(text, lang=lang), g))
    return out


def document_quads(result: DocResult, base: str) -> tuple[NamedNode, list[Quad]]:
    """All quads of one document (its graph and its inferred graph)."""
    d = result.document
    g = _n(doc_iri(base, d.id))
    gi = _n(inferred_graph(g.value))
    q: list[Quad] = [
        Quad(g, _n(RDF + "type"), _n(PROV + "Entity"), g),
        Quad(g, _n(RDF + "type"), _n(KG + "Document"), g),
        Quad(g, _n(KG + "docId"), _lit(d.id), g),
        Quad(g, _n(DCT + "source"), _lit(d.url or d.source or d.id), g),
        Quad(g, _n(DCT + "language"), _lit(d.lang), g),
        Quad(g, _n(KG + "contentHash"), _lit(d.content_hash), g),
        Quad(g, _n(KG + "extractorVersion"), _lit(__version__), g),
        Quad(g, _n(KG + "tripleCount"), _lit(len(result.triples), "integer"), g),
    ]
    if d.title:
        q.append(Quad(g, _n(DCT + "title"), _lit(d.title), g))
    if d.published:
        q.append(Quad(g, _n(DCT + "date"), _date_literal(d.published[:10]), g))
    # entities: those in triples, with every surface form seen in this document
    surface: dict[str, set[tuple[str, str]]] = {}
    entities: dict[str, Entity] = {}
    for m in result.mentions:
        surface.setdefault(m.entity.key, set()).add((m.text, d.lang))
    for t in result.triples:
        for e in (t.subject, t.object):
            entities[e.key] = e
    for key, e in sorted(entities.items()):
        q.extend(entity_quads(base, e, g, surface.get(key, set())))
        q.append(Quad(_n(entity_iri(base, key)), _n(KG + "mentionedIn"), g, g))
    preds = predicates()
    for t in result.triples:
        s, o = _n(entity_iri(base, t.subject.key)), _n(entity_iri(base, t.object.key))
        p = _n(KG + t.predicate)
        f = _n(fact_iri(base, s.value, t.predicate, o.value))
        a = _n(f"{base}assertion/{short_hash(d.id, s.value, t.predicate, o.value, str(t.start), t.modality)}")
        if t.asserted:
            q.append(Quad(s, p, o, g))
            pred = preds[t.predicate]
            if pred.super:
                q.append(Quad(s, _n(KG + pred.super), o, gi))
                sup = preds[pred.super]
                if sup.inverse:
                    q.append(Quad(o, _n(KG + sup.inverse), s, gi))
            if pred.inverse:
                q.append(Quad(o, _n(KG + pred.inverse), s, gi))
            if pred.symmetric:
                q.append(Quad(o, p, s, gi))
        q.extend([
            Quad(a, _n(RDF + "type"), _n(KG + "Assertion"), g),
            Quad(a, _n(RDF + "subject"), s, g),
            Quad(a, _n(RDF + "predicate"), p, g),
            Quad(a, _n(RDF + "object"), o, g),
            Quad(a, _n(KG + "fact"), f, g),
            Quad(a, _n(KG + "evidence"), _lit(t.sentence), g),
            Quad(a, _n(KG + "start"), _lit(t.start, "integer"), g),
            Quad(a, _n(KG + "end"), _lit(t.end, "integer"), g),
            Quad(a, _n(KG + "confidence"), _lit(f"{t.confidence:.4f}", "decimal"), g),
            Quad(a, _n(KG + "modality"), _lit(t.modality), g),
            Quad(a, _n(KG + "asserted"), _lit("true" if t.asserted else "false", "boolean"), g),
            Quad(a, _n(PROV + "wasDerivedFrom"), g, g),
            Quad(a, _n(KG + "pattern"), _lit(t.pattern), g),
        ])
        if t.amount is not None:
            q.append(Quad(a, _n(KG + "amount"), _lit(f"{t.amount:.2f}", "decimal"), g))
            q.append(Quad(a, _n(KG + "currency"), _lit(t.currency or ""), g))
        if t.date:
            q.append(Quad(a, _n(KG + "date"), _date_literal(t.date), g))
    return g, q
