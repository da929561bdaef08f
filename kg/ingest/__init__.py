"""Ingestion: read sources, decode, clean, detect language -> ``Document``."""

from kg.ingest.clean import clean_text
from kg.ingest.lang import detect_language
from kg.ingest.read import IngestError, iter_documents, make_document

__all__ = ["IngestError", "clean_text", "detect_language", "iter_documents", "make_document"]
