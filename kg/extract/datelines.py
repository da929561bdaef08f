"""News datelines: the place (and date, and agency) that opens a story's first line, "SAN SEBASTIÁN, 12 GIU -",
"BERLIN, June 12 (Reuters) -", "San Francisco, May 2 (AP) —".

A dateline is not part of the first sentence: the parser reads "SAN SEBASTIÁN, 12 GIU - Multiverse Computing,
la società ..." as one noun phrase, the statistical NER misses the company after it, and reference resolution
takes the place for the subject that "la società" refers back to. kg ends a sentence after the dateline's dash
and types its place as a place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

#: a word in capitals ("SAN", "SEBASTIÁN", "L'AQUILA", "ST.", "NEW-YORK")
_CAPS_WORD = r"[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’.\-]*[A-ZÀ-ÖØ-Þ.]"
#: a capitalised word ("San", "Francisco")
_TITLE_WORD = r"[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’.\-]+"
_DATELINE = re.compile(
    rf"(?m)^[ \t]*(?P<place>(?:{_CAPS_WORD})(?:[ \t]+{_CAPS_WORD}){{0,3}}|(?:{_TITLE_WORD})(?:[ \t]+{_TITLE_WORD}){{0,2}})"
    r"(?P<rest>(?:,[ \t]*[^\n,()\-–—.:;!?]{1,24}){0,2})"
    r"[ \t]*(?P<agency>\([^()\n]{1,30}\))?"
    r"[ \t]*(?:-{1,2}|–|—)[ \t]+(?P<body>\S)"
)
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class Dateline:
    """Character offsets of one dateline: its place name, and the first character of the story after it."""

    place_start: int
    place_end: int
    body_start: int


def find_datelines(text: str) -> list[Dateline]:
    """Datelines that open a line of ``text``.

    The place is written in capitals ("MILANO -", "NEW YORK, 3 MAR -"); a place written in ordinary capitals
    counts only with a date or an agency after it ("San Francisco, May 2 (AP) -"), since "Nvidia - the
    chipmaker ..." could open a line too.
    """
    out = []
    for m in _DATELINE.finditer(text):
        place = m.group("place")
        caps = place.upper() == place and sum(ch.isalpha() for ch in place) >= 3
        dated = bool(_DIGIT.search(m.group("rest") or "")) or m.group("agency") is not None
        if not (caps or dated):
            continue
        out.append(Dateline(m.start("place"), m.end("place"), m.start("body")))
    return out


def doc_datelines(doc: Doc) -> list[Dateline]:
    """:func:`find_datelines` of a parsed document, computed once per document."""
    found = doc.user_data.get("kg_datelines")
    if found is None:
        found = doc.user_data["kg_datelines"] = find_datelines(doc.text)
    return found


def in_dateline(doc: Doc, start_char: int, end_char: int) -> Dateline | None:
    """The dateline whose opening part (place, date, agency) holds the characters, None when none does."""
    for d in doc_datelines(doc):
        if d.place_start <= start_char and end_char <= d.body_start:
            return d
    return None
