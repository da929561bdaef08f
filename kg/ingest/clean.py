"""Clean article text (web debris, HTML leftovers, typography) while keeping offsets traceable.

Every transformation records, for each output character, the index of the input character it came
from, so evidence offsets in the cleaned text can always be mapped back to the original.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

# Characters XML 1.0 forbids (and that break exports), except tab/newline/CR; C1 controls; lone
# surrogates (not Unicode text at all: they cannot even be written as UTF-8).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s+[^<>]{0,400}?)?\s*/?>", re.S)
# Block-level tags end a line: "<h2>Chip e cloud</h2>La startup" is a heading, then a sentence.
_BLOCK_TAG = re.compile(
    r"</(?:h[1-6]|p|div|li|ul|ol|section|article|header|footer|blockquote|figcaption|tr|table)\s*>"
    r"|<br\s*/?>|<(?:h[1-6]|p|li|div)(?:\s[^<>]{0,400})?>",
    re.I,
)
# Opening tags of elements whose content is not text; ``[^<>]`` keeps the search linear.
_SCRIPT_OPEN = re.compile(r"<(script|style)\b[^<>]{0,2000}>", re.I)
_SCRIPT_CLOSE = {"script": re.compile(r"</script\s*>", re.I), "style": re.compile(r"</style\s*>", re.I)}
# Attribute debris left by broken HTML: class="wp-image-123" data-id='4' href=...
_ATTR = re.compile(
    r"\b(?:class|id|style|href|src|srcset|alt|title|width|height|data-[\w-]+|rel|target|loading|sizes)"
    r"\s*=\s*(?:\"[^\"]{0,400}\"|'[^']{0,400}'|[^\s>]{1,200})",
    re.I,
)
_URL = re.compile(
    r"(?:https?://|www\.)[^\s<>\"']*?(?=[A-Z][a-z]|\s|$|[<>\"'])|(?:https?://|www\.)[^\s<>\"']+"
)
# The look-behind starts a match only at the beginning of a run of name characters (linear time).
_IMAGE = re.compile(
    r"(?<![\w./%-])[\w./%-]*[\w%-]\.(?:jpe?g|png|gif|webp|svg|bmp|tiff?|avif)(?:\?[^\s]*)?", re.I
)
_GLUED_WORD = re.compile(r"([A-Z][a-z]+)(?=[\d_.-])")
_GLUED_CAPS = re.compile(r"([A-Z]{2,})(?=[a-z]{3,})")
# A heading in capitals run into the first sentence ("ENERGIA & DATA CENTERBloom Energy, intesa con ..."): a
# line break goes between the capitals and the capitalised word glued to them
_RUN_IN_CAPS = re.compile(r"(?<![A-Za-zÀ-ÖØ-öø-ÿ])[A-ZÀ-ÖØ-Þ]{3,}(?=[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]{2,})")
# A date or year glued to the name after it in a scraped dateline ("15/05/2025TensorWave chiude ..."): a space
_GLUED_YEAR = re.compile(r"(?<![\w])(?:\d{1,2}[/.-]\d{1,2}[/.-])?(?:19|20)\d\d(?=[A-Z][a-z]{2,})")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u200b": " ",
        "\ufeff": " ",
    }
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
_NON_SPACE = re.compile(r"\S")
_LINE_SPACE = re.compile(r"[ \t]+(?=\n)|(?<=\n)[ \t]+")
_BLANK_LINES = re.compile(r"\n{3,}")
# A navigation or tag line: short items (one to three words, a label with a colon allowed) separated by
# " | ", " · " or " • " ("STARTUP | DIFESA", "Argomenti: Difesa · Startup · Intelligenza artificiale"): page
# furniture, not text
_NAV_ITEM = r"[^\S\n]*(?:[\w'’&-]+:[^\S\n]*)?[\w'’&-]+(?:[^\S\n]+[\w'’&-]+){0,2}[^\S\n]*"
_NAV_LINE = re.compile(rf"(?m)^{_NAV_ITEM}(?:[|·•]{_NAV_ITEM})+[|·•]?[^\S\n]*$")


@dataclass(slots=True)
class Cleaned:
    """Cleaned text plus, for each of its characters, the index of the source character."""

    text: str
    offsets: list[int]


Span = tuple[int, int, str]


def _apply(text: str, offsets: list[int], spans: Iterable[Span]) -> tuple[str, list[int]]:
    """Replace the ordered, non-overlapping ``(start, end, replacement)`` spans; carry the offset map along.

    A replacement of the same length keeps the offsets of the characters it replaces; any other one
    points, character by character, at the first character it replaces.
    """
    out: list[str] = []
    out_off: list[int] = []
    pos = 0
    for s, e, rep in spans:
        out.append(text[pos:s])
        out_off.extend(offsets[pos:s])
        if rep:
            if len(rep) == e - s:
                out_off.extend(offsets[s:e])
            else:
                anchor = offsets[s] if s < len(offsets) else (offsets[-1] + 1 if offsets else 0)
                out_off.extend([anchor] * len(rep))
            out.append(rep)
        pos = e
    if not out:
        return text, offsets
    out.append(text[pos:])
    out_off.extend(offsets[pos:])
    return "".join(out), out_off


def _sub(
    text: str, offsets: list[int], pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str]
) -> tuple[str, list[int]]:
    """Apply ``pattern`` -> ``repl`` and carry the offset map along."""
    return _apply(text, offsets, ((m.start(), m.end(), repl(m)) for m in pattern.finditer(text)))


def _comment_spans(text: str) -> Iterator[Span]:
    """HTML comments, blanked; found with ``str.find`` so an unclosed ``<!--`` costs one scan, not one per ``<!--``."""
    pos = 0
    while (s := text.find("<!--", pos)) >= 0:
        e = text.find("-->", s + 4)
        if e < 0:
            return
        yield s, e + 3, " "
        pos = e + 3


def _script_spans(text: str) -> Iterator[Span]:
    """``<script>``/``<style>`` elements with their content, blanked (in linear time).

    An opening tag with no closing tag after it is left for the tag pass; once a closing tag is known to be
    missing, later opening tags of the same element are not searched again.
    """
    pos = 0
    unclosed: set[str] = set()
    while m := _SCRIPT_OPEN.search(text, pos):
        name = m.group(1).lower()
        close = None if name in unclosed else _SCRIPT_CLOSE[name].search(text, m.end())
        if close is None:
            unclosed.add(name)
            pos = m.end()
            continue
        yield m.start(), close.end(), " "
        pos = close.end()


def _image_spans(text: str) -> Iterator[Span]:
    """Image-file names, blanked; a name glued in front of one ("AMDimmagine.jpg", "Nvidiafoto.png") stays."""
    for m in _IMAGE.finditer(text):
        yield m.start() + len(glued_name(m.group(0))), m.end(), " "


def glued_name(file_name: str) -> str:
    """The name a web page glued in front of an image-file name, or "" when there is none.

    Two shapes are recognised: a capitalised word run straight into one of the image words of
    ``ontologies/lexicon/common.toml`` ("Nvidiafoto.png" -> "Nvidia"), and an all-capitals run followed by
    lowercase letters ("AMDimmagine.jpg" -> "AMD"). File names written with separators ("nvidia-h100.jpg",
    "Sam_Altman.jpg") are files, not glued names.
    """
    m = _GLUED_WORD.match(file_name)
    if m:
        run = m.group(1)
        for word in _image_words():
            if run.lower().endswith(word) and len(run) - len(word) >= 2:
                return run[: len(run) - len(word)]
    m = _GLUED_CAPS.match(file_name)
    return m.group(1) if m else ""


@lru_cache(maxsize=1)
def _image_words() -> frozenset[str]:
    from kg.resources import load_toml

    return frozenset(w.lower() for w in load_toml("lexicon/common.toml").get("image_file_words", []))


def _blank(m: re.Match[str]) -> str:
    return " "


def _heading_stop(text: str) -> Callable[[re.Match[str]], str]:
    def repl(m: re.Match[str]) -> str:
        # A short line with no final punctuation followed by a blank line or a capitalised line is a heading.
        line_start = text.rfind("\n", 0, m.start()) + 1
        if not 0 < m.start() - line_start <= 200:
            return ""
        nxt = _NON_SPACE.search(text, m.end())
        if nxt is None or nxt.group().isupper() or nxt.group().isdigit():
            return "."
        return ""

    return repl


def _source_offsets(raw: str) -> list[int]:
    """Offsets of ``raw`` after ``\\r\\n`` -> ``\\n``: each kept character's index in ``raw``."""
    if "\r\n" not in raw:
        return list(range(len(raw)))
    offsets: list[int] = []
    i = 0
    while i < len(raw):
        offsets.append(i)
        i += 2 if raw.startswith("\r\n", i) else 1
    return offsets


def clean_text(raw: str) -> Cleaned:
    """Clean ``raw`` article text for extraction; see the module docstring for guarantees.

    Removes scripts, HTML comments, tags and attribute debris, image-file names and URLs, control
    characters and lone surrogates, decodes HTML entities, normalises typographic quotes and spaces,
    blanks navigation and tag lines ("STARTUP | DIFESA", "Argomenti: Difesa · Startup"), joins numbers split by
    a stray space ("1, 5 miliardi"), breaks a heading in capitals glued to the first
    word of the text after it, parts a date glued to the name after it ("15/05/2025TensorWave"), and ends
    run-in headings with a full stop so they do not merge with the next sentence. Runs in time linear in the
    length of ``raw``.
    """
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    offsets = _source_offsets(raw)
    text, offsets = _sub(text, offsets, _CONTROL, lambda m: "")
    text, offsets = _apply(text, offsets, _script_spans(text))
    text, offsets = _apply(text, offsets, _comment_spans(text))
    text, offsets = _sub(text, offsets, _BLOCK_TAG, lambda m: "\n")
    text, offsets = _sub(text, offsets, _TAG, _blank)
    text, offsets = _sub(text, offsets, _ENTITY, lambda m: html.unescape(m.group(0)))
    text, offsets = _sub(text, offsets, _CONTROL, lambda m: "")  # characters that were entity-escaped
    text, offsets = _apply(text, offsets, _comment_spans(text))
    text, offsets = _sub(text, offsets, _TAG, _blank)  # tags that were entity-escaped
    text, offsets = _sub(text, offsets, _ATTR, _blank)
    text, offsets = _sub(text, offsets, _URL, _blank)
    text, offsets = _apply(text, offsets, _image_spans(text))
    text, offsets = _sub(text, offsets, _NAV_LINE, _blank)
    text, offsets = _apply(text, offsets, ((m.end(), m.end(), "\n") for m in _RUN_IN_CAPS.finditer(text)))
    text, offsets = _apply(text, offsets, ((m.end(), m.end(), " ") for m in _GLUED_YEAR.finditer(text)))
    text = text.translate(_QUOTES)
    text, offsets = _sub(text, offsets, _SPLIT_DECIMAL, lambda m: m.group(1))
    text, offsets = _sub(text, offsets, _CURRENCY_SPACE, lambda m: "")
    text, offsets = _sub(text, offsets, _MULTISPACE, _blank)
    text, offsets = _sub(text, offsets, _SPACE_BEFORE_PUNCT, lambda m: "")
    text, offsets = _sub(text, offsets, _HEADING_END, _heading_stop(text))
    # strip each line and the whole text, keeping offsets
    text, offsets = _sub(text, offsets, _LINE_SPACE, lambda m: "")
    text, offsets = _sub(text, offsets, _BLANK_LINES, lambda m: "\n\n")
    lead = len(text) - len(text.lstrip())
    trail = len(text.rstrip())
    return Cleaned(text[lead:trail], offsets[lead:trail])
