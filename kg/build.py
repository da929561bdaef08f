"""Build: extract documents and merge them into a store, idempotently and one document at a time."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from kg.extract.pipeline import DocResult, extract_documents
from kg.graph.namespaces import doc_iri
from kg.graph.rdf import document_quads
from kg.ingest.read import IngestError
from kg.models import Document
from kg.resolve.resolver import Resolver


@dataclass
class BuildReport:
    added: int = 0
    updated: int = 0
    skipped: int = 0
    failed: list[IngestError] = field(default_factory=list)
    triples: int = 0
    facts: int = 0

    @property
    def documents(self) -> int:
        return self.added + self.updated + self.skipped


def build_store(store, sources: Iterable[Document | IngestError], *, resolver: Resolver | None = None,  # type: ignore[no-untyped-def]
                on_result: Callable[[DocResult | IngestError | Document], None] | None = None,
                batch_size: int = 16) -> BuildReport:
    """Extract every new or changed document of ``sources`` and write it to ``store``.

    A document whose content hash is already recorded is skipped; a changed one replaces its graph.
    Failing documents are reported, never written half.
    """
    report = BuildReport()
    resolver = resolver or Resolver()
    status: dict[str, str] = {}

    def todo() -> Iterable[Document]:
        for d in sources:
            if isinstance(d, IngestError):
                report.failed.append(d)
                if on_result:
                    on_result(d)
                continue
            iri = doc_iri(store.base, d.id)
            old = store.document_hash(iri)
            if old == d.content_hash:
                report.skipped += 1
                if on_result:
                    on_result(d)
                continue
            status[d.id] = "updated" if old else "added"
            yield d

    for result in extract_documents(todo(), resolver, batch_size=batch_size):
        try:
            g, quads = document_quads(result, store.base)
            store.put_document(g.value, quads)
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop the build
            report.failed.append(IngestError(result.document.source, f"cannot store: {exc}"))
            continue
        if status.get(result.document.id) == "updated":
            report.updated += 1
        else:
            report.added += 1
        report.triples += len(result.triples)
        if on_result:
            on_result(result)
    report.facts = store.refresh_facts()
    store.flush()
    return report
