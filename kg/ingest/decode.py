"""Turn bytes into text, refusing binary files and decoding legacy encodings with a documented fallback.

Order: BOM (UTF-32, UTF-8, UTF-16) -> UTF-16 without a BOM (recognised by its NUL bytes) -> strict
UTF-8 -> UTF-8 with its few invalid bytes replaced by U+FFFD (when valid multi-byte characters outnumber
invalid sequences) -> Windows-1252 -> Latin-1 (never fails). Binary content (a known file signature, NUL bytes, or
many control characters) raises ``DecodeError``; nothing else is ever raised.
"""

from __future__ import annotations

import codecs
import re

# File signatures (at the start of the data). Those that could begin a real sentence ("RIFF", "ID3",
# "GIF8"...) are checked with the bytes that follow them, so no text is ever taken for binary.
_BINARY_MAGIC = [
    (re.compile(rb"%PDF-"), "a PDF file"),
    (re.compile(rb"\x89PNG"), "a PNG image"),
    (re.compile(rb"\xff\xd8\xff"), "a JPEG image"),
    (re.compile(rb"GIF8[79]a"), "a GIF image"),
    (re.compile(rb"PK(\x03\x04|\x05\x06)"), "a ZIP archive (or Office document)"),
    (re.compile(rb"\x1f\x8b"), "a gzip archive"),
    (re.compile(rb"BZh[1-9]1AY&SY"), "a bzip2 archive"),
    (re.compile(rb"\xfd7zXZ"), "an xz archive"),
    (re.compile(rb"7z\xbc\xaf"), "a 7z archive"),
    (re.compile(rb"\x28\xb5\x2f\xfd"), "a zstd archive"),
    (re.compile(rb"\x7fELF"), "an executable"),
    (re.compile(rb"MZ\x90\x00"), "a Windows executable"),
    (re.compile(rb"RIFF.{4}(WAVE|AVI |WEBP)", re.S), "a RIFF media file"),
    (re.compile(rb"ID3[\x02-\x04]\x00"), "an MP3 file"),
    (re.compile(rb"OggS\x00"), "an Ogg media file"),
    (re.compile(rb"fLaC[\x00\x80]"), "a FLAC audio file"),
    (re.compile(rb"\xd0\xcf\x11\xe0"), "an old Office document"),
    (re.compile(rb"\x00\x00\x01\x00"), "an icon file"),
    (re.compile(rb"SQLite format 3\x00"), "an SQLite database"),
]
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# C0 controls other than tab, newline, vertical tab, form feed and carriage return, plus DEL.
_BINARY_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_SAMPLE = 8192


class DecodeError(ValueError):
    """The bytes are not text kg can read."""


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding_used)``; raise DecodeError for binary content."""
    text, enc = _decode(bytes(data))
    head = text[:_SAMPLE]
    controls = len(_BINARY_CONTROL.findall(head))
    if controls >= 8 and controls > len(head) // 20:
        raise DecodeError(
            f"binary content ({controls} control characters in the first {len(head)}), not text"
        )
    return text, enc


def _decode(data: bytes) -> tuple[str, str]:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as exc:
                if enc == "utf-32" and data.startswith(codecs.BOM_UTF16_LE):
                    continue  # FF FE 00 00 is also UTF-16LE text starting with U+0000
                raise DecodeError(f"invalid {enc} text ({exc.reason} at byte {exc.start})") from None
    for magic, what in _BINARY_MAGIC:
        if magic.match(data):
            raise DecodeError(f"binary content ({what}), not text")
    if b"\x00" in data:
        enc = _bomless_utf16(data)
        if enc is not None:
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError:
                pass
        raise DecodeError("binary content (NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", "replace")
    invalid = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    valid_multibyte = len(text) - len(text.encode("ascii", "ignore")) - text.count("\ufffd")
    if valid_multibyte > invalid:  # UTF-8 with a few stray bytes: keep it UTF-8
        return text, "utf-8 (invalid bytes replaced)"
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _bomless_utf16(data: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` when ``data`` looks like UTF-16 text without a BOM, else None.

    Text in a Latin script encoded as UTF-16 has a NUL in the high byte of almost every character, and
    never a NUL in the low byte; binary data has NULs scattered on both sides.
    """
    if len(data) % 2 or len(data) < 4:
        return None
    head = data[:_SAMPLE]
    even_nuls = head[0::2].count(0)
    odd_nuls = head[1::2].count(0)
    pairs = len(head) // 2
    if odd_nuls >= pairs // 2 and even_nuls == 0:
        return "utf-16-le"
    if even_nuls >= pairs // 2 and odd_nuls == 0:
        return "utf-16-be"
    return None
