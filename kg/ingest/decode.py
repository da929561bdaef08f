"""Turn bytes into text, refusing binary files and decoding legacy encodings with a documented fallback.

Order: BOM (UTF-8/UTF-16/UTF-32) -> strict UTF-8 -> Windows-1252 -> Latin-1 (never fails).
"""

from __future__ import annotations

import codecs

_BINARY_MAGIC = {
    b"%PDF": "a PDF file",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or Office document)",
    b"\x1f\x8b": "a gzip archive",
    b"BZh": "a bzip2 archive",
    b"\xfd7zXZ": "an xz archive",
    b"7z\xbc\xaf": "a 7z archive",
    b"\x7fELF": "an executable",
    b"RIFF": "a RIFF media file",
    b"\x00\x00\x01\x00": "an icon file",
    b"SQLite format 3": "an SQLite database",
}


class DecodeError(ValueError):
    """The bytes are not text kg can read."""


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding_used)``; raise DecodeError for binary content."""
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                     (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as exc:
                raise DecodeError(f"invalid {enc} text ({exc.reason} at byte {exc.start})") from None
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise DecodeError(f"binary content ({what}), not text")
    head = data[:8192]
    if b"\x00" in head:
        raise DecodeError("binary content (NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"
