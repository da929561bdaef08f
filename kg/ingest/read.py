"""Read article sources (files, directories, JSONL corpora, standard input, URLs) into Documents.

Reading never raises for a bad document: ``iter_documents`` yields an ``IngestError`` naming the
source and the problem, and goes on with the next one. Memory stays bounded whatever the input: a
file is never read beyond the size limit (see ``MAX_CHARS``), and JSONL corpora (files or standard
input) are read one line at a time. docs/bad-input.md lists every case and what kg does with it.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import stat
import sys
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from kg.ingest.clean import clean_text
from kg.ingest.decode import DecodeError, decode_bytes
from kg.ingest.html import extract_page, looks_like_html
from kg.ingest.lang import SUPPORTED_LANGUAGES, detect_language
from kg.models import Document

TEXT_SUFFIXES = {".txt", ".md", ".text", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
_DEFAULT_MAX_CHARS = 2_000_000
_DATELINE = re.compile(r"^(?:Published|Pubblicato|Date|Data)\s*:\s*(\d{4}-\d{2}-\d{2})\.?\s*$", re.I | re.M)
# Lone surrogates (from JSON escapes such as "\ud800") are not Unicode text: they cannot be stored.
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# Text with nothing to read: white space, zero-width characters, byte-order marks.
_BLANK = re.compile(r"[\s\u200b-\u200d\u2060\ufeff]*")
# Characters XML 1.0 forbids, and C1 controls: removed from titles and URLs so that exports stay valid.
_META_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _max_chars_from_env() -> int:
    raw = os.environ.get("KG_MAX_CHARS", "").strip().replace("_", "").replace(",", "")
    if not raw:
        return _DEFAULT_MAX_CHARS
    if raw.isdigit() and int(raw) > 0:
        return int(raw)
    print(
        f"kg: ignoring KG_MAX_CHARS={os.environ['KG_MAX_CHARS']!r} (not a positive whole number); "
        f"using {_DEFAULT_MAX_CHARS:,}",
        file=sys.stderr,
    )
    return _DEFAULT_MAX_CHARS


#: Largest article kg extracts from, in characters of text (``KG_MAX_CHARS`` overrides it). Bigger
#: articles are refused with a message naming the limit.
MAX_CHARS = _max_chars_from_env()
#: A text file of more bytes cannot hold MAX_CHARS characters or fewer (UTF-32 needs 4 bytes a character):
#: it is refused without being read.
MAX_TEXT_BYTES = 4 * MAX_CHARS + 4
#: Largest web page read (files, URLs, standard input): pages are much bigger than the article they hold.
MAX_HTML_BYTES = 8 * MAX_CHARS
#: Longest line of a JSONL corpus (one article and its metadata).
MAX_LINE_BYTES = MAX_TEXT_BYTES + 65_536


@dataclass(slots=True)
class IngestError:
    """A source that could not be read; ``source`` names the file (and line) and ``message`` says why."""

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


def content_hash(text: str) -> str:
    """SHA-256 of the document text (how a build recognises an unchanged document)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def path_name(path: str | Path) -> str:
    """``path`` as printable text: bytes of a file name that are not UTF-8 are shown as ``\\xNN``."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _clean_meta(value: str | None) -> str | None:
    """A title, URL or date without control characters or lone surrogates (None when nothing is left)."""
    if value is None:
        return None
    value = _META_CONTROL.sub("", value).strip()
    return value or None


def _too_many_chars(count: int) -> str:
    return f"too large: {count:,} characters (limit {MAX_CHARS:,}; set KG_MAX_CHARS to raise it)"


def _too_many_bytes(size: int | None, limit: int, what: str) -> str:
    """The message for input over a byte limit (``size`` None when it is only known to be over)."""
    if size is None:
        return f"too large: over the limit of {limit:,} bytes {what} (set KG_MAX_CHARS to raise it)"
    return f"too large: {size:,} bytes (limit {limit:,} bytes {what}; set KG_MAX_CHARS to raise it)"


def _byte_limit(path: Path) -> tuple[int, str]:
    """The byte limit of a file of that kind, and what it is for (said in the message)."""
    if path.suffix.lower() in HTML_SUFFIXES:
        return MAX_HTML_BYTES, "for a web page"
    return MAX_TEXT_BYTES, f"for an article of at most {MAX_CHARS:,} characters"


def make_document(
    doc_id: str,
    raw: str,
    *,
    lang: str | None = None,
    source: str = "",
    title: str | None = None,
    published: str | None = None,
    url: str | None = None,
) -> Document:
    """Clean ``raw``, detect the language unless given, and build a Document.

    Raises ValueError for a language kg does not read. Control characters and lone surrogates are
    removed from the text (through ``clean_text``), the title, the URL and the date.
    """
    cleaned = clean_text(raw)
    text = cleaned.text
    title, published, url = _clean_meta(title), _clean_meta(published), _clean_meta(url)
    doc_id, source = _SURROGATE.sub("\ufffd", doc_id), _SURROGATE.sub("\ufffd", source)
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
        id=doc_id,
        text=text,
        lang=lang,
        source=source or doc_id,
        title=title,
        published=published,
        url=url,
        content_hash=content_hash(text),
        raw=None if identity else raw,
        offsets=[] if identity else cleaned.offsets,
    )


def _has_letters(text: str, n: int) -> bool:
    """True as soon as ``n`` letters are seen (cheap on long documents)."""
    seen = 0
    for ch in text:
        if ch.isalpha():
            seen += 1
            if seen >= n:
                return True
    return False


def _check_text(text: str) -> str | None:
    if _BLANK.fullmatch(text):
        return "empty document (no text after cleaning)"
    if len(text) > MAX_CHARS:
        return _too_many_chars(len(text))
    if not _has_letters(text[:20000], 2):
        return "no readable text"
    return None


def _document_or_error(doc_id: str, raw: str, **kw: object) -> Document | IngestError:
    source = str(kw.get("source") or doc_id)
    try:
        if looks_like_html(raw):
            page = extract_page(raw, url=kw.get("url"))  # type: ignore[arg-type]
            kw = {
                **kw,
                "title": kw.get("title") or page.title,
                "published": kw.get("published") or page.published,
            }
            raw = page.text
            problem = _check_text(raw)
            if problem:
                return IngestError(source, problem if raw else "no article text found in the HTML page")
            doc = make_document(doc_id, raw, **kw)  # type: ignore[arg-type]
            doc.raw, doc.offsets = None, []  # offsets refer to the extracted main text
        else:
            problem = _check_text(raw)
            if problem:
                return IngestError(source, problem)
            doc = make_document(doc_id, raw, **kw)  # type: ignore[arg-type]
        problem = _check_text(doc.text)
        return IngestError(source, problem) if problem else doc
    except ValueError as exc:
        return IngestError(source, str(exc))
    except Exception as exc:  # noqa: BLE001 - a bad document must never stop the others
        return IngestError(source, f"cannot read ({type(exc).__name__}: {exc})")


# ---------------------------------------------------------------------------------------------- files
def _read_bounded(fh: BinaryIO, limit: int) -> bytes | None:
    """At most ``limit`` bytes of ``fh``; None when there are more."""
    data = fh.read(limit + 1)
    return None if len(data) > limit else data


def _open_problem(path: Path, exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "broken symbolic link (its target does not exist)" if path.is_symlink() else "no such file"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return f"cannot read ({exc.strerror or exc})"


def read_file(
    path: Path, lang: str | None = None, doc_id: str | None = None
) -> Iterator[Document | IngestError]:
    """Documents in one file (a JSONL corpus gives one per line).

    The file is never read beyond the size limit; a JSONL corpus is read one line at a time.
    """
    name = path_name(path)
    try:
        with path.open("rb") as fh:
            st = os.fstat(fh.fileno())
            if stat.S_ISDIR(st.st_mode):
                yield IngestError(name, "is a directory")
                return
            if path.suffix.lower() in JSONL_SUFFIXES:
                yield from _read_jsonl_stream(fh, name, lang)
                return
            limit, what = _byte_limit(path)
            if stat.S_ISREG(st.st_mode) and st.st_size > limit:
                yield IngestError(name, _too_many_bytes(st.st_size, limit, what))
                return
            data = _read_bounded(fh, limit)
    except OSError as exc:
        yield IngestError(name, _open_problem(path, exc))
        return
    if data is None:
        yield IngestError(name, _too_many_bytes(None, limit, what))
        return
    try:
        text, _enc = decode_bytes(data)
    except DecodeError as exc:
        yield IngestError(name, str(exc))
        return
    yield _document_or_error(doc_id or name, text, lang=lang, source=name)


# ---------------------------------------------------------------------------------------------- JSONL
def read_jsonl_text(text: str, name: str, lang: str | None = None) -> Iterator[Document | IngestError]:
    """Documents of a JSONL corpus: one ``{"id", "text"[, "lang", "url", "title", "published"]}`` per line.

    Lines end at ``\\n`` only: U+2028 and other Unicode line separators may appear raw inside JSON strings.
    """
    lines = ((n, line) for n, line in enumerate(text.split("\n"), 1))
    yield from _jsonl_records(lines, name, lang)


def _read_jsonl_stream(fh: BinaryIO, name: str, lang: str | None) -> Iterator[Document | IngestError]:
    """Documents of a JSONL corpus read line by line from a binary stream (bounded memory)."""
    head = fh.peek(4)[:4] if hasattr(fh, "peek") else b""
    for bom, enc in (
        (b"\xff\xfe\x00\x00", "utf-32"),
        (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if head.startswith(bom):
            yield from _jsonl_records(_wide_lines(fh, enc), name, lang)
            return
    yield from _jsonl_records(_decoded_lines(fh), name, lang)


def _raw_lines(fh: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) of each line; None for a line longer than ``limit`` (the rest is skipped)."""
    lineno = 0
    while line := fh.readline(limit + 1):
        lineno += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = fh.readline(1 << 20)
            yield lineno, None
            continue
        yield lineno, line


def _decoded_lines(fh: BinaryIO) -> Iterator[tuple[int, str | IngestError]]:
    for lineno, data in _raw_lines(fh, MAX_LINE_BYTES):
        if data is None:
            yield lineno, IngestError("", _too_many_bytes(None, MAX_LINE_BYTES, "for a JSONL line"))
            continue
        if lineno == 1:
            data = data.removeprefix(b"\xef\xbb\xbf")
        if not data.strip():
            yield lineno, ""
            continue
        try:
            yield lineno, decode_bytes(data.rstrip(b"\r\n"))[0]
        except DecodeError as exc:
            yield lineno, IngestError("", str(exc))


def _wide_lines(fh: BinaryIO, encoding: str) -> Iterator[tuple[int, str | IngestError]]:
    """Lines of a UTF-16/UTF-32 corpus (rare: decoded as a stream, an encoding error ends the file)."""
    reader = io.TextIOWrapper(fh, encoding=encoding, newline="\n")  # type: ignore[type-var]
    lineno = 0
    try:
        while line := reader.readline(MAX_LINE_BYTES + 1):
            lineno += 1
            if len(line) > MAX_LINE_BYTES and not line.endswith("\n"):
                while line and not line.endswith("\n"):
                    line = reader.readline(1 << 20)
                yield lineno, IngestError("", _too_many_bytes(None, MAX_LINE_BYTES, "for a JSONL line"))
                continue
            yield lineno, line.rstrip("\r\n")
    except UnicodeDecodeError as exc:
        yield (
            lineno + 1,
            IngestError("", f"invalid {encoding} text ({exc.reason}); the rest of the file is skipped"),
        )
    finally:
        reader.detach()


def _json_strings_ok(value: object) -> object:
    """``value`` with lone surrogates (from escapes such as ``"\\ud800"``) replaced by U+FFFD."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {_json_strings_ok(k): _json_strings_ok(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_strings_ok(v) for v in value]
    return value


def _jsonl_records(
    lines: Iterable[tuple[int, str | IngestError]], name: str, lang: str | None
) -> Iterator[Document | IngestError]:
    seen: set[str] = set()
    for lineno, line in lines:
        where = f"{name}:{lineno}"
        if isinstance(line, IngestError):
            yield IngestError(where, line.message)
            continue
        if not line.strip():
            continue
        rec, problem = _parse_record(line)
        if rec is None:
            yield IngestError(where, problem)
            continue
        doc_id = rec.get("id", f"{name}#{lineno}")
        doc_id = str(doc_id)
        if doc_id in seen:
            yield IngestError(where, f"duplicate id {doc_id!r} (first occurrence kept)")
            continue
        seen.add(doc_id)
        meta = {k: rec.get(k) if isinstance(rec.get(k), str) else None for k in ("url", "title", "published")}
        rec_lang = rec.get("lang") if isinstance(rec.get("lang"), str) else None
        yield _document_or_error(doc_id, rec["text"], lang=lang or rec_lang, source=where, **meta)


def _parse_record(line: str) -> tuple[dict | None, str]:
    """The JSON object of one line, or None and what is wrong with it."""
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as exc:
        return None, f"malformed JSON ({exc.msg} at column {exc.colno})"
    except RecursionError:
        return None, "malformed JSON (nested too deeply)"
    if not isinstance(rec, dict):
        return None, "each line must be a JSON object"
    rec = _json_strings_ok(rec)
    if not isinstance(rec.get("text"), str):
        return None, 'missing or non-string "text" field'
    doc_id = rec.get("id")
    if doc_id is not None and (isinstance(doc_id, bool) or not isinstance(doc_id, (str, int))):
        return None, '"id" must be a string or a number'
    if isinstance(doc_id, str) and not doc_id.strip():
        return None, '"id" is empty'
    return rec, ""


# ---------------------------------------------------------------------------------------------- stdin, URLs
class _Prefixed(io.RawIOBase):
    """A binary stream that gives ``head`` and then the rest of ``rest`` (to look ahead on standard input)."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = head
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def read_stdin(stream: BinaryIO, lang: str | None = None) -> Iterator[Document | IngestError]:
    """Documents on standard input: a JSONL corpus (read line by line) or one article or web page."""
    chunk = min(65_536, MAX_HTML_BYTES + 1)
    head = stream.read(chunk)
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"{") and b'"text"' in head:
        reader = io.BufferedReader(_Prefixed(head, stream))
        yield from _jsonl_records(_decoded_lines(reader), "<stdin>", lang)
        return
    rest = _read_bounded(stream, MAX_HTML_BYTES - len(head)) if len(head) == chunk else b""
    if rest is None or len(head) > MAX_HTML_BYTES:
        yield IngestError(
            "<stdin>", _too_many_bytes(None, MAX_HTML_BYTES, "for one document on standard input")
        )
        return
    try:
        text, _ = decode_bytes(head + rest)
    except DecodeError as exc:
        yield IngestError("<stdin>", str(exc))
        return
    yield _document_or_error("stdin", text, lang=lang, source="<stdin>")


def read_url(url: str, lang: str | None = None, timeout: float = 20.0) -> Document | IngestError:
    """Fetch a web page and reduce it to the article (only when the user passes a URL)."""
    try:
        req = urllib.request.Request(url, headers={"User-Agent": "kg/0.1 (+knowledge graph builder)"})
        with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 - user-given URL
            data = _read_bounded(resp, MAX_HTML_BYTES)
    except (urllib.error.URLError, TimeoutError, ValueError, OSError) as exc:
        return IngestError(url, f"cannot fetch ({getattr(exc, 'reason', exc)})")
    if data is None:
        return IngestError(url, _too_many_bytes(None, MAX_HTML_BYTES, "for a web page"))
    try:
        text, _ = decode_bytes(data)
    except DecodeError as exc:
        return IngestError(url, str(exc))
    return _document_or_error(url, text, lang=lang, source=url, url=url)


# ---------------------------------------------------------------------------------------------- directories
def _walk_entries(directory: Path) -> Iterator[tuple[Path, str | None]]:
    """Files under ``directory`` in sorted order, following symlinks but never looping, never twice.

    Yields ``(path, None)`` for each file to read and ``(path, problem)`` for what cannot be read (a
    directory that cannot be listed, a FIFO or device with an article suffix: reading it could block).
    """
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
        except OSError as exc:
            yield d, f"cannot list directory ({exc.strerror or exc})"
            continue
        subdirs = []
        for p in entries:
            if p.name.startswith("."):
                continue
            if p.is_dir():
                subdirs.append(p)
                continue
            if p.suffix.lower() not in TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES:
                continue
            try:
                fst = p.stat()
            except OSError:
                yield p, None  # reading it reports the problem (broken link, loop...)
                continue
            if not stat.S_ISREG(fst.st_mode):
                yield p, "not a regular file (a FIFO, socket or device), skipped"
                continue
            if (fst.st_dev, fst.st_ino) in seen:
                continue  # the same file reached through a symbolic link
            seen.add((fst.st_dev, fst.st_ino))
            yield p, None
        stack.extend(reversed(subdirs))


def _walk(directory: Path) -> Iterator[Path]:
    """Readable article files under ``directory`` in sorted order (see ``_walk_entries``)."""
    for path, problem in _walk_entries(directory):
        if problem is None:
            yield path


def iter_documents(sources: Iterable[str], lang: str | None = None) -> Iterator[Document | IngestError]:
    """Every document in ``sources`` (paths, directories, JSONL files, ``-`` for stdin, http(s) URLs)."""
    if lang == "auto":
        lang = None
    for src in sources:
        if src == "-":
            yield from read_stdin(sys.stdin.buffer, lang)
            continue
        if src.startswith(("http://", "https://")):
            yield read_url(src, lang)
            continue
        path = Path(src)
        if path.is_dir():
            found = False
            for f, problem in _walk_entries(path):
                found = True
                if problem:
                    yield IngestError(path_name(f), problem)
                else:
                    yield from read_file(f, lang)
            if not found:
                yield IngestError(path_name(src), "directory holds no .txt/.md/.html/.jsonl files")
        elif path.exists() or path.is_symlink():
            yield from read_file(path, lang)
        else:
            yield IngestError(path_name(src), "no such file or directory")
