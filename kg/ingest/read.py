"""Read article sources (files, directories, JSONL corpora, standard input, URLs) into Documents.

Reading never raises for a bad document: ``iter_documents`` yields an ``IngestError`` naming the
source and the problem, and goes on with the next one.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.ingest.clean import clean_text
from kg.ingest.decode import DecodeError, decode_bytes
from kg.ingest.html import extract_page, looks_like_html
from kg.ingest.lang import SUPPORTED_LANGUAGES, detect_language
from kg.models import Document

TEXT_SUFFIXES = {".txt", ".md", ".text", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
#: Largest article kg extracts from, in characters of cleaned text (``KG_MAX_CHARS`` overrides it).
MAX_CHARS = int(os.environ.get("KG_MAX_CHARS", 2_000_000))
_DATELINE = re.compile(r"^(?:Published|Pubblicato|Date|Data)\s*:\s*(\d{4}-\d{2}-\d{2})\.?\s*$", re.I | re.M)


@dataclass(slots=True)
class IngestError:
    """A source that could not be read; ``source`` names the file (and line) and ``message`` says why."""

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def make_document(doc_id: str, raw: str, *, lang: str | None = None, source: str = "", title: str | None = None,
                  published: str | None = None, url: str | None = None) -> Document:
    """Clean ``raw``, detect the language unless given, and build a Document."""
    cleaned = clean_text(raw)
    text = cleaned.text
    if published is None:
        m = _DATELINE.search(text[:400])
        if m:
            published = m.group(1)
            if title is None:
                first = text[: m.start()].strip().splitlines()
                if len(first) == 1 and len(first[0]) <= 200:
                    title = first[0].rstrip(".")
    if lang in (None, "", "auto"):
        lang = detect_language(text)
    lang = lang.lower()[:2]
    if lang not in SUPPORTED_LANGUAGES:
        raise ValueError(f"unsupported language {lang!r} (kg reads {', '.join(SUPPORTED_LANGUAGES)})")
    identity = text == raw
    return Document(
        id=doc_id, text=text, lang=lang, source=source or doc_id, title=title, published=published, url=url,
        content_hash=content_hash(text), raw=None if identity else raw,
        offsets=[] if identity else cleaned.offsets,
    )


def _check_text(source: str, text: str) -> str | None:
    if not text.strip():
        return "empty document (no text after cleaning)"
    if len(text) > MAX_CHARS:
        return f"too large: {len(text):,} characters (limit {MAX_CHARS:,}; set KG_MAX_CHARS to raise it)"
    if sum(ch.isalpha() for ch in text[:20000]) < 2:
        return "no readable text"
    return None


def _document_or_error(doc_id: str, raw: str, **kw: object) -> Document | IngestError:
    source = str(kw.get("source") or doc_id)
    try:
        if looks_like_html(raw):
            page = extract_page(raw, url=kw.get("url"))  # type: ignore[arg-type]
            kw = {**kw, "title": kw.get("title") or page.title, "published": kw.get("published") or page.published}
            raw = page.text
            problem = _check_text(source, raw)
            if problem:
                return IngestError(source, problem if raw else "no article text found in the HTML page")
            doc = make_document(doc_id, raw, **kw)  # type: ignore[arg-type]
            doc.raw, doc.offsets = None, []  # offsets refer to the extracted main text
        else:
            problem = _check_text(source, raw)
            if problem:
                return IngestError(source, problem)
            doc = make_document(doc_id, raw, **kw)  # type: ignore[arg-type]
        problem = _check_text(source, doc.text)
        return IngestError(source, problem) if problem else doc
    except ValueError as exc:
        return IngestError(source, str(exc))


def read_file(path: Path, lang: str | None = None, doc_id: str | None = None) -> Iterator[Document | IngestError]:
    """Documents in one file (a JSONL corpus gives one per line)."""
    name = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        yield IngestError(name, "no such file")
        return
    except IsADirectoryError:
        yield IngestError(name, "is a directory")
        return
    except PermissionError:
        yield IngestError(name, "permission denied")
        return
    except OSError as exc:
        yield IngestError(name, f"cannot read ({exc.strerror or exc})")
        return
    try:
        text, _enc = decode_bytes(data)
    except DecodeError as exc:
        yield IngestError(name, str(exc))
        return
    if path.suffix.lower() in JSONL_SUFFIXES:
        yield from read_jsonl_text(text, name, lang)
        return
    yield _document_or_error(doc_id or name, text, lang=lang, source=name)


def read_jsonl_text(text: str, name: str, lang: str | None = None) -> Iterator[Document | IngestError]:
    """Documents of a JSONL corpus: one ``{"id", "text"[, "lang", "url", "title", "published"]}`` per line."""
    seen: set[str] = set()
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{name}:{lineno}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            yield IngestError(where, f"malformed JSON ({exc.msg})")
            continue
        if not isinstance(rec, dict):
            yield IngestError(where, "each line must be a JSON object")
            continue
        body = rec.get("text")
        if not isinstance(body, str):
            yield IngestError(where, "missing or non-string \"text\" field")
            continue
        doc_id = rec.get("id", f"{name}#{lineno}")
        if not isinstance(doc_id, (str, int)):
            yield IngestError(where, "\"id\" must be a string or a number")
            continue
        doc_id = str(doc_id)
        if doc_id in seen:
            yield IngestError(where, f"duplicate id {doc_id!r} (first occurrence kept)")
            continue
        seen.add(doc_id)
        meta = {k: rec.get(k) if isinstance(rec.get(k), str) else None for k in ("url", "title", "published")}
        rec_lang = rec.get("lang") if isinstance(rec.get("lang"), str) else None
        yield _document_or_error(doc_id, body, lang=lang or rec_lang, source=where, **meta)


def read_url(url: str, lang: str | None = None, timeout: float = 20.0) -> Document | IngestError:
    """Fetch a web page and reduce it to the article (only when the user passes a URL)."""
    try:
        req = urllib.request.Request(url, headers={"User-Agent": "kg/0.1 (+knowledge graph builder)"})
        with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 - user-given URL
            data = resp.read(50_000_000)
    except (urllib.error.URLError, TimeoutError, ValueError, OSError) as exc:
        return IngestError(url, f"cannot fetch ({getattr(exc, 'reason', exc)})")
    try:
        text, _ = decode_bytes(data)
    except DecodeError as exc:
        return IngestError(url, str(exc))
    return _document_or_error(url, text, lang=lang, source=url, url=url)


def _walk(directory: Path) -> Iterator[Path]:
    """Files under ``directory`` in sorted order, following symlinks but never looping."""
    seen: set[tuple[int, int]] = set()
    stack = [directory]
    while stack:
        d = stack.pop()
        try:
            st = d.stat()
        except OSError:
            continue
        if (st.st_dev, st.st_ino) in seen:
            continue
        seen.add((st.st_dev, st.st_ino))
        try:
            entries = sorted(d.iterdir(), key=lambda p: p.name)
        except OSError:
            continue
        subdirs = []
        for p in entries:
            if p.name.startswith("."):
                continue
            if p.is_dir():
                subdirs.append(p)
            elif p.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES:
                yield p
        stack.extend(reversed(subdirs))


def iter_documents(sources: Iterable[str], lang: str | None = None) -> Iterator[Document | IngestError]:
    """Every document in ``sources`` (paths, directories, JSONL files, ``-`` for stdin, http(s) URLs)."""
    if lang == "auto":
        lang = None
    for src in sources:
        if src == "-":
            data = sys.stdin.buffer.read()
            try:
                text, _ = decode_bytes(data)
            except DecodeError as exc:
                yield IngestError("<stdin>", str(exc))
                continue
            stripped = text.lstrip()
            if stripped.startswith("{") and "\"text\"" in stripped[:10000]:
                yield from read_jsonl_text(text, "<stdin>", lang)
            else:
                yield _document_or_error("stdin", text, lang=lang, source="<stdin>")
            continue
        if src.startswith(("http://", "https://")):
            yield read_url(src, lang)
            continue
        path = Path(src)
        if path.is_dir():
            found = False
            for f in _walk(path):
                found = True
                yield from read_file(f, lang)
            if not found:
                yield IngestError(src, "directory holds no .txt/.md/.html/.jsonl files")
        elif path.exists():
            yield from read_file(path, lang)
        else:
            yield IngestError(src, "no such file or directory")
