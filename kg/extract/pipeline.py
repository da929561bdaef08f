"""Extraction of triples from documents: parse, find mentions and references, extract, resolve.

``extract_documents`` is the entry point of ``kg extract`` and the Python API; ``kg build`` runs the same two
halves (``kg.parallel.extract_parsed`` in workers, ``kg.parallel.resolve_extraction`` in order).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc

from kg.extract.mentions import DocMention
from kg.models import Document, Entity, Triple
from kg.nlp import load_pipeline
from kg.resolve.normalize import normalize_name
from kg.resolve.resolver import Resolution, Resolver, remember, spelling_vote
from kg.resolve.typecues import MentionContext


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


def _resolve_doc(
    doc: Doc, mentions: list[DocMention], resolver: Resolver, text: str | None = None
) -> dict[int, Resolution]:
    """Resolve named mentions in document order (so short forms see their full names); the document ``text``
    (``doc.text`` when not given) lets the resolver read type cues around each mention."""
    doc_names: dict[str, Entity] = {}
    out: dict[int, Resolution] = {}
    text = text if text is not None else (doc.text if doc is not None else None)
    named = sorted((m for m in mentions if m.antecedent is None), key=lambda m: m.start)
    named = sorted(named, key=lambda m: (_surname_before_full_name(m, named), m.start))
    # "Kinnara" once and "Kinara" twice in one article: the rarer spelling is a slip for the frequent one
    vote = spelling_vote([m.text for m in named if m.key is None and m.type == "Organization"],
                         lambda t: bool(resolver.gazetteer.lookup(t) or resolver.gazetteer.lookup(normalize_name(t))))
    for m in named:
        ctx = MentionContext(text, m.char_start, m.char_end) if text and m.char_end > m.char_start else None
        name = vote.get(m.text, m.text) if m.key is None and m.type == "Organization" else m.text
        r = resolver.resolve(name, m.type, key=m.key, doc_names=doc_names, source=m.source, context=ctx)
        out[id(m)] = r
        remember(doc_names, m.text, r)
    return out


def _surname_before_full_name(m: DocMention, named: list[DocMention]) -> bool:
    """ "Ellison: construction has started" in a headline or a live blog, "Larry Ellison" only later: a lone
    unknown surname that a later full name of a person ends with is resolved after that name (so it is the same
    person, as a surname after the full name is)."""
    if m.key is not None or m.type != "Person" or " " in m.text:
        return False
    return any(x.start > m.start and x.type == "Person" and " " in x.text and x.text.split()[-1] == m.text
               for x in named)


def analyse(doc: Doc, document: Document, resolver: Resolver) -> DocResult:
    """Triples and resolved mentions of one parsed document: extraction (``kg.parallel.extract_parsed``,
    what a worker process does) then resolution in document order (``kg.parallel.resolve_extraction``)."""
    from kg.parallel import extract_parsed, resolve_extraction

    extraction = extract_parsed(doc, document.lang, document.published, resolver.gazetteer)
    return resolve_extraction(extraction, document, resolver)


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
