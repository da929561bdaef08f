"""Extraction of triples from documents: parse, find mentions and references, extract, resolve.

``extract_documents`` is the one entry point the CLI, the Python API and the parallel workers use.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc

from kg.extract.coref import resolve_references
from kg.extract.lexicon import load_lexicon
from kg.extract.mentions import DocMention, collect_mentions
from kg.extract.relations import RawRelation, extract_relations
from kg.extract.roles import extract_roles, extract_structural
from kg.models import Document, Entity, Triple
from kg.nlp import load_pipeline
from kg.resolve.resolver import Resolution, Resolver, remember
from kg.vocab import symmetric_predicates


@dataclass
class MentionRecord:
    """A resolved named mention (for ``kg entities --explain`` and the graph's surface forms)."""

    text: str
    start: int
    end: int
    entity: Entity
    step: str
    detail: str


@dataclass
class DocResult:
    document: Document
    triples: list[Triple] = field(default_factory=list)
    mentions: list[MentionRecord] = field(default_factory=list)


def _resolve_doc(doc: Doc, mentions: list[DocMention], resolver: Resolver) -> dict[int, Resolution]:
    """Resolve named mentions in document order (so short forms see their full names)."""
    doc_names: dict[str, Entity] = {}
    out: dict[int, Resolution] = {}
    for m in sorted((m for m in mentions if m.antecedent is None), key=lambda m: m.start):
        r = resolver.resolve(m.text, m.type, key=m.key, doc_names=doc_names, source=m.source)
        out[id(m)] = r
        remember(doc_names, m.text, r)
    return out


def _noisy_or(a: float, b: float) -> float:
    return 1 - (1 - a) * (1 - b)


def analyse(doc: Doc, document: Document, resolver: Resolver) -> DocResult:
    """Triples and resolved mentions of one parsed document."""
    lex = load_lexicon(document.lang)
    gaz = resolver.gazetteer
    dm = collect_mentions(doc, gaz)
    resolve_references(dm, lex, gaz)
    raw: list[RawRelation] = []
    raw.extend(extract_relations(dm, lex, gaz, document.published))
    raw.extend(extract_roles(dm, lex))
    raw.extend(extract_structural(dm, lex))
    res = _resolve_doc(doc, dm.mentions, resolver)

    def entity_of(m: DocMention) -> Entity | None:
        t = m.target
        if id(t) in res:
            return res[id(t)].entity
        if t.key and t.key in gaz.entries:
            return gaz.entries[t.key].entity()
        r = resolver.resolve(t.text, t.type, key=t.key)
        res[id(t)] = r
        return r.entity

    result = DocResult(document)
    seen: dict[tuple[str, str, str, str], Triple] = {}
    symmetric = symmetric_predicates()
    for r in raw:
        s, o = entity_of(r.subject), entity_of(r.object)
        if s is None or o is None or s.key == o.key:
            continue
        if r.predicate in symmetric and o.key < s.key:
            s, o = o, s
        sentence = document.text[r.sent_start : r.sent_end].strip()
        lead = len(document.text[r.sent_start : r.sent_end]) - len(document.text[r.sent_start : r.sent_end].lstrip())
        t = Triple(
            subject=s, predicate=r.predicate, object=o, confidence=r.confidence, doc=document.id,
            sentence=sentence, start=r.sent_start + lead, end=r.sent_start + lead + len(sentence),
            lang=document.lang, modality=r.modality, amount=r.amount, currency=r.currency, date=r.date,
            subject_text=r.subject.text, object_text=r.object.text, pattern=r.pattern,
        )
        k = (s.key, r.predicate, o.key, "fact" if t.asserted else t.modality)
        if k in seen:
            prev = seen[k]
            prev.confidence = min(0.99, _noisy_or(prev.confidence, t.confidence))
            if prev.amount is None and t.amount is not None:
                prev.amount, prev.currency = t.amount, t.currency
            if prev.date is None and t.date:
                prev.date = t.date
            continue
        seen[k] = t
    # the same fact read as real and as denied/ended/planned in the same sentence ("Meta's chief scientist
    # Yann LeCun is leaving"): the qualified reading wins
    qualified = {(k[0], k[1], k[2], t.start) for k, t in seen.items() if not t.asserted}
    for k in [k for k, t in seen.items() if t.asserted and (k[0], k[1], k[2], t.start) in qualified]:
        del seen[k]
    result.triples = sorted(seen.values(), key=lambda t: (t.start, t.predicate))
    for m in dm.mentions:
        if m.antecedent is None and id(m) in res:
            r = res[id(m)]
            result.mentions.append(MentionRecord(m.text, m.char_start, m.char_end, r.entity, r.step, r.detail))
    return result


def extract_documents(documents: Iterable[Document], resolver: Resolver | None = None,
                      batch_size: int = 16) -> Iterator[DocResult]:
    """Parse and extract documents in input order, streaming in batches per language."""
    resolver = resolver or Resolver()
    batch: list[Document] = []
    for d in documents:
        batch.append(d)
        if len(batch) >= batch_size:
            yield from _run_batch(batch, resolver)
            batch = []
    if batch:
        yield from _run_batch(batch, resolver)


def _run_batch(batch: list[Document], resolver: Resolver) -> Iterator[DocResult]:
    parsed: dict[int, Doc] = {}
    for lang in sorted({d.lang for d in batch}):
        idx = [i for i, d in enumerate(batch) if d.lang == lang]
        nlp = load_pipeline(lang)
        for i, doc in zip(idx, nlp.pipe((batch[i].text for i in idx), batch_size=len(idx)), strict=True):
            parsed[i] = doc
    for i, d in enumerate(batch):
        yield analyse(parsed[i], d, resolver)


def extract_text(text: str, lang: str | None = None, doc_id: str = "text") -> list[Triple]:
    """Convenience: triples of one text (language detected unless given)."""
    from kg.ingest.read import make_document

    doc = make_document(doc_id, text, lang=lang)
    return next(extract_documents([doc])).triples
