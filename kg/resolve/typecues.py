"""Type evidence from the words around a mention: what KIND of thing the context says a name is.

A gazetteer name can belong to something else of another type: "the Amazon rainforest", "missili Mistral"
(a missile, not Mistral AI), "the Gemini crypto exchange" (not Google's model). A statistical NER label alone
cannot tell those apart from the frequent mistyping of a known company ("OpenAI" tagged as a place), so the
resolver only refuses a gazetteer link when a *cue* in the context supports another type:

- a cue noun right before the name: "the constellation Gemini", "la società Domyn", "missili Mistral";
- a cue phrase right after it: "the Amazon rainforest", "the Gemini crypto exchange";
- an apposition: "Groq, the inference-chip start-up", "ADM, il gruppo agroalimentare";
- a locative: "in the Amazon" in a sentence that speaks of forests, rivers or deforestation.

The words are data (``ontologies/gazetteer/context/type_cues.toml``); see that file for what each list means.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.resources import load_toml

CUES_FILE = "gazetteer/context/type_cues.toml"

#: entry types a cue of each type lets the resolver link to
ALLOWED = {
    "Place": frozenset({"Place"}),
    "Person": frozenset({"Person"}),
    "Organization": frozenset({"Organization", "Project"}),
    "Product": frozenset({"Product"}),
    "Project": frozenset({"Project", "Organization"}),
}
_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*['’]?|[^\w\s]")
_APPOSITION = re.compile(r"^\s*,\s*(?:(?:the|an?|il|lo|la|i|gli|le|un|uno|una)\b|un['’]|l['’])\s*", re.I)
_POSSESSIVE = re.compile(r"^['’]s?\b")
_SENTENCE_END = re.compile(r"[.!?;]\s|\n")
# the verbs of an attribution: "X, the company said" says nothing about X
_SPEECH = frozenset(
    ("said", "says", "told", "added", "noted", "announced", "reported", "wrote", "confirmed", "explained")
    + ("ha", "hanno")
)
# words that end an apposition's noun phrase: "X, the company said", "X, a unit of Y", "X, la società che ..."
_PHRASE_END = _SPEECH | frozenset(
    ("of", "for", "that", "which", "who", "whose", "with", "and", "or", "from", "in", "at", "to", "by", "based")
    + ("di", "del", "della", "dei", "degli", "delle", "da", "che", "con", "e", "o", "per", "a", "su")
    + ("aveva", "detto", "spiega")
)


@dataclass(frozen=True, slots=True)
class MentionContext:
    """Where a mention stands: the text around it (a sentence or a whole document) and its offsets."""

    text: str
    start: int
    end: int

    @classmethod
    def around(cls, text: str, mention: str) -> MentionContext | None:
        """The context of the first occurrence of ``mention`` in ``text`` (None when it does not occur)."""
        i = text.find(mention)
        return cls(text, i, i + len(mention)) if i >= 0 else None


@dataclass(frozen=True, slots=True)
class TypeEvidence:
    """A type the context supports, the cue that supports it and where the cue stands."""

    type: str
    cue: str
    where: str  # before | after | apposition | locative
    #: plain | maker (an organisation next to it is its maker) | foreign (outside the gazetteer's domain)
    kind: str = "plain"

    def allows(self, entry_type: str) -> bool:
        """Whether a gazetteer entry of ``entry_type`` can be what the context describes."""
        if self.kind == "foreign":
            return False
        if self.kind == "maker" and entry_type == "Organization":
            return True
        return entry_type in ALLOWED.get(self.type, frozenset({self.type}))

    def describe(self) -> str:
        """ "after-name cue 'rainforest' says Place" """
        return f"{self.where} cue {self.cue!r} says {self.type}" + (
            " (outside the gazetteer's domain)" if self.kind == "foreign" else ""
        )


@dataclass(frozen=True, slots=True)
class _Cues:
    anywhere: dict[str, tuple[str, str]]  # phrase -> (type, kind): before, after or in apposition
    not_after: dict[str, tuple[str, str]]  # phrase -> (type, kind): before or in apposition only
    prepositions: tuple[tuple[str, ...], ...]
    place_words: frozenset[str]
    verbs_before: frozenset[str] = frozenset()  # "sono state HPE e AMD": a cue word after these is a participle


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    data = load_toml(CUES_FILE)
    anywhere: dict[str, tuple[str, str]] = {}
    not_after: dict[str, tuple[str, str]] = {}
    for type_ in ALLOWED:
        section = data.get(type_, {})
        for list_name, kind, target in (
            ("nouns", "maker" if type_ == "Product" else "plain", anywhere),
            ("foreign", "foreign", anywhere),
            ("before_only", "plain", not_after),
        ):
            for phrase in section.get(list_name, []):
                target[_key(phrase)] = (type_, kind)
    loc = data.get("locative", {})
    preps = tuple(tuple(_words(p)) for p in loc.get("prepositions", []))
    return _Cues(anywhere, not_after, preps, frozenset(_key(w) for w in loc.get("place_words", [])),
                 frozenset(_key(w) for w in data.get("homographs", {}).get("verbs_before", [])))


def _key(phrase: str) -> str:
    return " ".join(_words(phrase))


def _words(text: str) -> list[str]:
    return [t.lower().replace("’", "'") for t in _TOKEN.findall(text)]


def type_evidence(ctx: MentionContext) -> TypeEvidence | None:
    """The type the words around the mention support, or None when they say nothing about it."""
    cues = _cues()
    before = _TOKEN.findall(ctx.text[max(0, ctx.start - 120) : ctx.start])
    after_text = ctx.text[ctx.end : ctx.end + 160]
    return (
        _apposition(after_text, cues)
        or _before(before, cues)
        or _after(after_text, cues)
        or _locative(ctx, before, cues)
    )


def _lookup(phrase: str, cues: _Cues, *, after: bool) -> tuple[str, str] | None:
    hit = cues.anywhere.get(phrase)
    if hit is None and not after:
        hit = cues.not_after.get(phrase)
    return hit


def _evidence(words: list[str], cues: _Cues, where: str) -> TypeEvidence | None:
    phrase = " ".join(w.lower().replace("’", "'") for w in words)
    hit = _lookup(phrase, cues, after=where == "after")
    return TypeEvidence(hit[0], phrase, where, hit[1]) if hit else None


def _before(tokens: list[str], cues: _Cues) -> TypeEvidence | None:
    """ "the constellation Gemini", "missili Mistral": the longest cue phrase ending right before the name."""
    for n in (3, 2, 1):
        words = tokens[-n:]
        if len(tokens) < n or not all(t[:1].isalpha() for t in words):
            continue
        sentence_start = len(tokens) == n or tokens[-n - 1] in {".", "!", "?", ":", ";"}
        if len(tokens) > n and tokens[-n - 1].lower() in cues.verbs_before:
            continue  # "sono state HPE e AMD": the Italian participle "state", not the noun
        if all(t == t.lower() for t in words[1:]) and (words[0] == words[0].lower() or sentence_start):
            # a capitalised word inside a sentence belongs to another name ("Altimeter Capital Gemini")
            ev = _evidence(words, cues, "before")
            if ev is not None:
                return ev
    return None


def _after(text: str, cues: _Cues) -> TypeEvidence | None:
    """ "the Amazon rainforest", "the Gemini crypto exchange": a lowercase cue phrase right after the name."""
    if _POSSESSIVE.match(text):
        return None  # "Amazon's forest" speaks of something Amazon has
    tokens = _TOKEN.findall(text[:80])
    for n in (3, 2, 1):
        words = tokens[:n]
        if len(words) == n and all(w[:1].isalpha() and w == w.lower() for w in words):
            ev = _evidence(words, cues, "after")
            if ev is not None:
                return ev
    return None


def _apposition(text: str, cues: _Cues) -> TypeEvidence | None:
    """ "Groq, the inference-chip start-up, ...": the head of a noun phrase set off by a comma after the name
    (its last word in English, its first in Italian); not "X, the company said" (attribution)."""
    m = _APPOSITION.match(text)
    if m is None:
        return None
    phrase: list[str] = []
    stop = ""
    for tok in _TOKEN.findall(text[m.end() :])[:8]:
        low = tok.lower()
        if not tok[:1].isalnum() or low in _PHRASE_END:
            stop = low
            break
        phrase.append(tok)
    if not phrase or len(phrase) > 5 or stop in _SPEECH:
        return None
    candidates = [phrase[-2:], phrase[-1:], phrase[:2], phrase[:1]]
    for words in candidates:
        if any(w != w.lower() for w in words):
            continue  # "Coatue, Altimeter Capital and ...": a capitalised word belongs to a name
        ev = _evidence(words, cues, "apposition")
        if ev is not None:
            return ev
    return None


def _locative(ctx: MentionContext, before: list[str], cues: _Cues) -> TypeEvidence | None:
    """ "Deforestation in the Amazon rose": a locative preposition with a lowercase article before the name,
    in a sentence that speaks of land, water or nature."""
    low = [t.lower().replace("’", "'") for t in before]
    for prep in cues.prepositions:
        n = len(prep)
        if len(before) >= n and tuple(low[-n:]) == prep and before[-1] == before[-1].lower():
            sentence = _sentence(ctx)
            words = set(_words(sentence))
            found = sorted(words & cues.place_words)
            if found:
                return TypeEvidence("Place", f"{' '.join(prep)} ... {found[0]}", "locative")
    return None


def _sentence(ctx: MentionContext) -> str:
    """The sentence of the mention (rough: split at . ! ? ; followed by a space, and at newlines)."""
    starts = [m.end() for m in _SENTENCE_END.finditer(ctx.text, 0, ctx.start)]
    begin = starts[-1] if starts else 0
    m = _SENTENCE_END.search(ctx.text, ctx.end)
    return ctx.text[begin : m.start() + 1 if m else len(ctx.text)]
