"""Clean article text (web debris, HTML leftovers, typography) while keeping offsets traceable.

Every transformation records, for each output character, the index of the input character it came
from, so evidence offsets in the cleaned text can always be mapped back to the original.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

# Characters XML 1.0 forbids (and that break exports), except tab/newline/CR.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s+[^<>]{0,400}?)?\s*/?>|<!--.*?-->", re.S)
_SCRIPT = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.S | re.I)
# Attribute debris left by broken HTML: class="wp-image-123" data-id='4' href=...
_ATTR = re.compile(
    r"\b(?:class|id|style|href|src|srcset|alt|title|width|height|data-[\w-]+|rel|target|loading|sizes)"
    r"\s*=\s*(?:\"[^\"]{0,400}\"|'[^']{0,400}'|[^\s>]{1,200})",
    re.I,
)
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"']*?(?=[A-Z][a-z]|\s|$|[<>\"'])|(?:https?://|www\.)[^\s<>\"']+")
_IMAGE = re.compile(r"[\w./%-]*[\w%-]\.(?:jpe?g|png|gif|webp|svg|bmp|tiff?|avif)(?:\?[^\s]*)?", re.I)
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_QUOTES = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
     "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
     "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00a0": " ", "\u202f": " ", "\u2009": " ",
     "\u200b": " ", "\ufeff": " "}
)
# "1, 5 miliardi" / "1 ,5 billion" / "13 .5 mld" -> no space inside the number
_SPLIT_DECIMAL = re.compile(
    r"(?<=\d)\s*([.,])\s+(?=\d{1,3}\s*(?:%|miliard|milion|mld|mln|mila|billion|million|bn\b|m\b|k\b|trillion|trilion))",
    re.I,
)
_CURRENCY_SPACE = re.compile(r"(?<=[$€£¥])\s+(?=\d)")
_MULTISPACE = re.compile(r"[ \t]{2,}")
_SPACE_BEFORE_PUNCT = re.compile(r"[ \t]+(?=[,.;:!?](?:\s|$))")
_HEADING_END = re.compile(r"(?<=[\w)%])[ \t]*(?=\n)")


@dataclass(slots=True)
class Cleaned:
    """Cleaned text plus, for each of its characters, the index of the source character."""

    text: str
    offsets: list[int]


def _sub(text: str, offsets: list[int], pattern: re.Pattern[str],
         repl: Callable[[re.Match[str]], str]) -> tuple[str, list[int]]:
    """Apply ``pattern`` -> ``repl`` and carry the offset map along."""
    out: list[str] = []
    out_off: list[int] = []
    pos = 0
    for m in pattern.finditer(text):
        s, e = m.span()
        out.append(text[pos:s])
        out_off.extend(offsets[pos:s])
        rep = repl(m)
        if rep:
            anchor = offsets[s] if s < len(offsets) else (offsets[-1] + 1 if offsets else 0)
            if len(rep) == e - s:
                out_off.extend(offsets[s:e])
            else:
                out_off.extend([anchor] * len(rep))
            out.append(rep)
        pos = e
    out.append(text[pos:])
    out_off.extend(offsets[pos:])
    return "".join(out), out_off


def _blank(m: re.Match[str]) -> str:
    return " "


def _heading_stop(text: str) -> Callable[[re.Match[str]], str]:
    def repl(m: re.Match[str]) -> str:
        # A short line with no final punctuation followed by a blank line or a capitalised line is a heading.
        line_start = text.rfind("\n", 0, m.start()) + 1
        line = text[line_start : m.start()]
        nxt = text[m.end() :].lstrip()
        if 0 < len(line) <= 200 and (not nxt or nxt[:1].isupper() or nxt[:1].isdigit()):
            return "."
        return ""

    return repl


def clean_text(raw: str) -> Cleaned:
    """Clean ``raw`` article text for extraction; see the module docstring for guarantees.

    Removes scripts, HTML tags and attribute debris, image-file names and URLs, decodes HTML entities,
    normalises typographic quotes and spaces, joins numbers split by a stray space ("1, 5 miliardi")
    and ends run-in headings with a full stop so they do not merge with the next sentence.
    """
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    # \r\n -> \n shortens the text: rebuild offsets against raw explicitly
    offsets: list[int] = []
    i = 0
    while i < len(raw):
        offsets.append(i)
        i += 2 if raw.startswith("\r\n", i) else 1
    text, offsets = _sub(text, offsets, _CONTROL, lambda m: "")
    text, offsets = _sub(text, offsets, _SCRIPT, _blank)
    text, offsets = _sub(text, offsets, _TAG, _blank)
    text, offsets = _sub(text, offsets, _ENTITY, lambda m: html.unescape(m.group(0)))
    text, offsets = _sub(text, offsets, _TAG, _blank)  # tags that were entity-escaped
    text, offsets = _sub(text, offsets, _ATTR, _blank)
    text, offsets = _sub(text, offsets, _URL, _blank)
    text, offsets = _sub(text, offsets, _IMAGE, _blank)
    text = text.translate(_QUOTES)
    text, offsets = _sub(text, offsets, _SPLIT_DECIMAL, lambda m: m.group(1))
    text, offsets = _sub(text, offsets, _CURRENCY_SPACE, lambda m: "")
    text, offsets = _sub(text, offsets, _MULTISPACE, _blank)
    text, offsets = _sub(text, offsets, _SPACE_BEFORE_PUNCT, lambda m: "")
    text, offsets = _sub(text, offsets, _HEADING_END, _heading_stop(text))
    # strip each line and the whole text, keeping offsets
    text, offsets = _sub(text, offsets, re.compile(r"[ \t]+(?=\n)|(?<=\n)[ \t]+"), lambda m: "")
    text, offsets = _sub(text, offsets, re.compile(r"\n{3,}"), lambda m: "\n\n")
    lead = len(text) - len(text.lstrip())
    trail = len(text.rstrip())
    return Cleaned(text[lead:trail], offsets[lead:trail])
