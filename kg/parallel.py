"""Parallel extraction: parse and extract in worker processes, resolve in the main process in input order.

Extraction of one document (spaCy parse, mentions, coreference, relations, roles, structural relations)
depends on nothing but the document, the pipelines and the gazetteer, so it can run anywhere. Entity
resolution is stateful across documents (an unknown name seen in document 3 is the same entity in
document 900), so it runs in the main process, document after document in input order. The result is
the same graph whatever the number of workers or machines.

The split of :func:`kg.extract.pipeline.analyse` into two halves:

- :func:`extract_parsed` (worker side): a parsed ``Doc`` to an :class:`Extraction`, plain picklable data
  (mentions and raw relations, no spaCy objects);
- :func:`resolve_extraction` (main process): an :class:`Extraction` to a ``DocResult`` with a
  :class:`~kg.resolve.resolver.Resolver`.

``resolve_extraction(extract_parsed(doc, ...), ...)`` gives exactly what ``analyse`` gives (checked by
``tests/test_parallel_build.py``).

Engines run :func:`extract_batch` on batches of documents and hand back futures (anything with
``.result()``): :class:`InlineEngine` in the calling process, :class:`ProcessEngine` in a pool of local
processes (started with 'forkserver' or 'spawn', never 'fork', to be safe with spaCy's and BLAS's
threads), and ``kg.distributed.DaskEngine`` on a Dask cluster.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Protocol

from kg.extract.coref import resolve_references
from kg.extract.lexicon import load_lexicon
from kg.extract.mentions import DocMention, collect_mentions
from kg.extract.pipeline import DocResult, MentionRecord, _resolve_doc
from kg.extract.relations import RawRelation, extract_relations
from kg.extract.roles import extract_roles, extract_structural
from kg.ingest.lang import SUPPORTED_LANGUAGES
from kg.models import Document, Entity, Triple
from kg.resolve.gazetteer import Gazetteer, default_gazetteer
from kg.resolve.resolver import Resolution, Resolver
from kg.vocab import lasting_predicates, symmetric_predicates


@dataclass(slots=True)
class DocInput:
    """What a worker needs of a document: its text, language and publication date (nothing else travels)."""

    text: str
    lang: str
    published: str | None = None

    @classmethod
    def of(cls, document: Document) -> DocInput:
        """The worker input of ``document``."""
        return cls(document.text, document.lang, document.published)


@dataclass
class Extraction:
    """One document's mentions and raw relations before entity resolution: plain, picklable data.

    ``mentions`` holds every mention of the document (named ones, references with their antecedents and
    the ad-hoc ones the relation extractor added); the relations point at those same objects.
    """

    mentions: list[DocMention] = field(default_factory=list)
    relations: list[RawRelation] = field(default_factory=list)


@dataclass(slots=True)
class ExtractionFailure:
    """A document whose extraction raised: the message says why (the build reports it and goes on)."""

    message: str


Outcome = Extraction | ExtractionFailure


# ---------------------------------------------------------------------------------------------- halves
def extract_parsed(doc: Any, lang: str, published: str | None, gazetteer: Gazetteer) -> Extraction:
    """The first half of ``analyse``: mentions, references and raw relations of a parsed ``doc``."""
    lex = load_lexicon(lang)
    dm = collect_mentions(doc, gazetteer)
    resolve_references(dm, lex, gazetteer)
    raw: list[RawRelation] = []
    raw.extend(extract_relations(dm, lex, gazetteer, published))
    raw.extend(extract_roles(dm, lex))
    raw.extend(extract_structural(dm, lex))
    return Extraction(list(dm.mentions), _drop_referred_seats_elsewhere(
        _drop_coarse_seats(_drop_sold_units(raw)), gazetteer))


def _drop_referred_seats_elsewhere(raw: list[RawRelation], gazetteer: Gazetteer) -> list[RawRelation]:
    """ "il colosso di Santa Clara" read as Groq, which the gazetteer seats in Mountain View: a seat said of a
    reference (not of a name) is dropped when it names another headquarters city than the one the gazetteer
    gives its company; the reference was resolved to the wrong company, or the city is only an office's."""
    def elsewhere(r: RawRelation) -> bool:
        if r.predicate != "headquarteredIn" or r.subject.antecedent is None:
            return False
        entry = gazetteer.entries.get(r.subject.target.key or "")
        city = r.object.target.key
        return entry is not None and entry.hq is not None and city is not None and \
            not gazetteer.may_be(entry.hq, city) and city in gazetteer.hq_places
    return [r for r in raw if not elsewhere(r)]


def _drop_coarse_seats(raw: list[RawRelation]) -> list[RawRelation]:
    """ "the Taiwanese foundry" and "TSMC, based in Hsinchu": a seat read from a nationality adjective gives way to
    any other seat the document states for the same company (the city when given, else the country)."""
    stated = {r.subject.target.identity for r in raw
              if r.predicate == "headquarteredIn" and r.pattern != "structure:nationality"}
    return [r for r in raw if not (r.pattern == "structure:nationality" and r.subject.target.identity in stated)]


def _drop_sold_units(raw: list[RawRelation]) -> list[RawRelation]:
    """ "Swisscom ha completato l'acquisizione di Vodafone Italia": a national unit the document has another
    company buy is no longer owned by the parent its name carries."""
    bought = {(r.object.target.identity, r.subject.target.identity)
              for r in raw if r.predicate == "acquired"}

    def sold(r: RawRelation) -> bool:
        unit = r.object.target.identity
        owner = r.subject.target.identity
        return r.pattern == "structure:national-unit" and any(u == unit and b != owner for u, b in bought)

    return [r for r in raw if not sold(r)]


def _noisy_or(a: float, b: float) -> float:
    return 1 - (1 - a) * (1 - b)


def _triple(r: RawRelation, s: Entity, o: Entity, document: Document) -> Triple:
    span = document.text[r.sent_start : r.sent_end]
    sentence = span.strip()
    lead = len(span) - len(span.lstrip())
    return Triple(
        subject=s,
        predicate=r.predicate,
        object=o,
        confidence=r.confidence,
        doc=document.id,
        sentence=sentence,
        start=r.sent_start + lead,
        end=r.sent_start + lead + len(sentence),
        lang=document.lang,
        modality="completed" if r.modality == "ended" and r.predicate in lasting_predicates() else r.modality,
        amount=r.amount,
        currency=r.currency,
        date=r.date,
        subject_text=r.subject.text,
        object_text=r.object.text,
        pattern=r.pattern,
    )


def _merge_into(prev: Triple, t: Triple) -> None:
    """The same fact stated twice in a document: one triple with the combined confidence."""
    prev.confidence = min(0.99, _noisy_or(prev.confidence, t.confidence))
    if prev.amount is None and t.amount is not None:
        prev.amount, prev.currency = t.amount, t.currency
    if prev.date is None and t.date:
        prev.date = t.date


def _drop_overridden(seen: dict[tuple[str, str, str, str], Triple]) -> None:
    """The same fact read as real and as denied/ended/planned in one sentence: the qualified reading wins."""
    qualified = {(k[0], k[1], k[2], t.start) for k, t in seen.items() if not t.asserted}
    for k in [k for k, t in seen.items() if t.asserted and (k[0], k[1], k[2], t.start) in qualified]:
        del seen[k]


#: roles and the more specific roles that make them redundant when read from the same sentence: "Nokia ha
#: nominato X amministratore delegato" is no separate hiring; "Alla guida di Groq passa X, nominato amministratore
#: delegato" is no separate leading
_SUBSUMED_BY = {"employeeOf": frozenset({"ceoOf", "leads"}), "leads": frozenset({"ceoOf"})}


def _drop_subsumed_employment(seen: dict[tuple[str, str, str, str], Triple]) -> None:
    """A general role (employeeOf, leads) read from a verb or idiom in the same sentence as a more specific role
    of the same person at the same organisation is dropped (two titles, "chairman and CEO", are two roles)."""
    by_pair = {(k[0], k[2], t.start, k[1]) for k, t in seen.items()}
    for k in [k for k, t in seen.items() if k[1] in _SUBSUMED_BY
              and any((k[0], k[2], t.start, p) in by_pair for p in _SUBSUMED_BY[k[1]])
              and not (t.pattern or "").startswith("title:")]:
        del seen[k]


def resolve_extraction(extraction: Extraction, document: Document, resolver: Resolver) -> DocResult:
    """The second half of ``analyse``: resolve the mentions of one document and build its triples."""
    gaz = resolver.gazetteer
    res: dict[int, Resolution] = _resolve_doc(
        None, extraction.mentions, resolver, document.text  # type: ignore[arg-type]
    )

    def entity_of(m: DocMention) -> Entity | None:
        t = m.target
        if t.source == "coref":
            return None  # a reference with no named antecedent is never an entity ("she", "the company")
        if id(t) in res:
            return res[id(t)].entity
        if t.key and t.key in gaz.entries:
            return gaz.entries[t.key].entity()
        r = resolver.resolve(t.text, t.type, key=t.key)
        res[id(t)] = r
        return r.entity

    seen: dict[tuple[str, str, str, str], Triple] = {}
    symmetric = symmetric_predicates()
    for r in extraction.relations:
        s, o = entity_of(r.subject), entity_of(r.object)
        if s is None or o is None or s.key == o.key:
            continue
        if r.predicate in symmetric and o.key < s.key:
            s, o = o, s
        t = _triple(r, s, o, document)
        k = (s.key, r.predicate, o.key, "fact" if t.asserted else t.modality)
        if k in seen:
            _merge_into(seen[k], t)
        else:
            seen[k] = t
    _drop_overridden(seen)
    _drop_subsumed_employment(seen)
    result = DocResult(document, triples=sorted(seen.values(), key=lambda t: (t.start, t.predicate)))
    for m in extraction.mentions:
        if m.antecedent is None and id(m) in res:
            r = res[id(m)]
            result.mentions.append(
                MentionRecord(m.text, m.char_start, m.char_end, r.entity, r.step, r.detail)
            )
    return result


# ---------------------------------------------------------------------------------------------- workers
_GAZETTEER: Gazetteer | None = None


def worker_gazetteer() -> Gazetteer:
    """The gazetteer extraction uses in this process (the shipped one unless a worker was given another)."""
    return _GAZETTEER if _GAZETTEER is not None else default_gazetteer()


def init_worker(gazetteer: Gazetteer | None = None, langs: Iterable[str] = SUPPORTED_LANGUAGES) -> None:
    """Initializer of a worker process: load the pipelines of ``langs`` once, keep ``gazetteer``.

    Workers ignore Ctrl-C: the main process decides when a build stops (what it wrote stays written).
    """
    global _GAZETTEER
    if multiprocessing.parent_process() is not None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    _GAZETTEER = gazetteer
    load_pipelines(langs)


def load_pipelines(langs: Iterable[str] = SUPPORTED_LANGUAGES) -> list[str]:
    """Load (once per process) the spaCy pipelines of ``langs``; the languages loaded."""
    from kg.nlp import load_pipeline

    loaded = list(langs)
    for lang in loaded:
        load_pipeline(lang)
    return loaded


def extract_batch(items: list[DocInput], gazetteer: Gazetteer | None = None) -> list[Outcome]:
    """Parse ``items`` with ``nlp.pipe`` (one stream per language) and extract each, in input order.

    A document whose extraction fails gives an :class:`ExtractionFailure`; the others are unaffected.
    """
    from kg.nlp import load_pipeline

    gaz = gazetteer if gazetteer is not None else worker_gazetteer()
    out: list[Outcome | None] = [None] * len(items)
    for lang in sorted({d.lang for d in items}):
        idx = [i for i, d in enumerate(items) if d.lang == lang]
        try:
            nlp = load_pipeline(lang)
        except Exception as exc:  # noqa: BLE001 - the documents of that language fail, the others go on
            for i in idx:
                out[i] = ExtractionFailure(f"no pipeline for language {lang!r}: {type(exc).__name__}: {exc}")
            continue
        try:
            docs = list(nlp.pipe((items[i].text for i in idx), batch_size=len(idx)))
        except Exception:  # noqa: BLE001 - find the document that breaks the parser, parse the rest
            docs = [_parse_one(nlp, items[i].text) for i in idx]
        for i, doc in zip(idx, docs, strict=True):
            if isinstance(doc, ExtractionFailure):
                out[i] = doc
                continue
            try:
                out[i] = extract_parsed(doc, lang, items[i].published, gaz)
            except Exception as exc:  # noqa: BLE001 - one bad document must not stop the build
                out[i] = ExtractionFailure(f"cannot extract: {type(exc).__name__}: {exc}")
    return [o for o in out if o is not None]


def _parse_one(nlp: Any, text: str) -> Any:
    try:
        return nlp(text)
    except Exception as exc:  # noqa: BLE001
        return ExtractionFailure(f"cannot parse: {type(exc).__name__}: {exc}")


# ---------------------------------------------------------------------------------------------- engines
class Engine(Protocol):
    """Runs :func:`extract_batch` somewhere and hands back a future per batch."""

    #: How many batches may be submitted and not yet consumed (bounds the memory of a build).
    max_in_flight: int

    def submit(self, items: list[DocInput]) -> Any:
        """Start extracting ``items``; the returned object's ``result()`` is the list of outcomes."""
        ...

    def close(self) -> None:
        """Release the workers."""
        ...


class InlineEngine:
    """Extraction in the calling process (one worker): the reference every other engine must match."""

    max_in_flight = 1

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer

    def submit(self, items: list[DocInput]) -> Future[list[Outcome]]:
        """Extract ``items`` now; the future is already done."""
        f: Future[list[Outcome]] = Future()
        try:
            f.set_result(extract_batch(items, self.gazetteer or worker_gazetteer()))
        except Exception as exc:  # noqa: BLE001 - surfaces from result(), like the other engines
            f.set_exception(exc)
        return f

    def close(self) -> None:
        """Nothing to release."""

    def __enter__(self) -> InlineEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def start_method() -> str:
    """'forkserver' where the platform has it (Linux), else 'spawn'; never 'fork' (spaCy, BLAS threads)."""
    methods = multiprocessing.get_all_start_methods()
    return "forkserver" if "forkserver" in methods else "spawn"


class ProcessEngine:
    """A pool of ``workers`` local processes, each loading the pipelines once (see :func:`init_worker`)."""

    def __init__(
        self,
        workers: int,
        gazetteer: Gazetteer | None = None,
        *,
        in_flight_per_worker: int = 2,
        langs: Iterable[str] = SUPPORTED_LANGUAGES,
    ) -> None:
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self.workers = workers
        self.max_in_flight = workers * in_flight_per_worker
        ctx = multiprocessing.get_context(start_method())
        self._pool = ProcessPoolExecutor(
            max_workers=workers, mp_context=ctx, initializer=init_worker, initargs=(gazetteer, tuple(langs))
        )

    def submit(self, items: list[DocInput]) -> Future[list[Outcome]]:
        """Queue ``items`` for the next free worker."""
        return self._pool.submit(extract_batch, items)

    def close(self) -> None:
        """Stop the workers; batches not yet started are dropped."""
        self._pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> ProcessEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def default_workers() -> int:
    """A sensible ``--workers`` for this machine: the CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def make_engine(workers: int = 1, gazetteer: Gazetteer | None = None) -> InlineEngine | ProcessEngine:
    """The local engine for ``workers`` processes (1: extract in this process)."""
    if gazetteer is default_gazetteer():
        gazetteer = None  # workers load the shipped one themselves
    return InlineEngine(gazetteer) if workers <= 1 else ProcessEngine(workers, gazetteer)
