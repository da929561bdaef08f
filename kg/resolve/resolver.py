"""Entity resolution: every mention to one canonical entity, each decision explainable.

Order of the steps (the first that applies wins):
 1. ``gazetteer``  the entity ruler recognised a gazetteer name, or the normalised name equals one
    (case, punctuation, diacritics, articles and corporate suffixes ignored);
 2. ``document``   a short form of a name seen earlier in the same document ("Huang" -> "Jensen Huang",
    "Mistral" -> "Mistral AI"), or an acronym of it ("AWS" after "Amazon Web Services");
 3. ``fuzzy``      a typo of a gazetteer name (Damerau-Levenshtein distance 1, or 2 for long names; same
    first letter; not a plural; unambiguous; never when the mention is itself a different known name);
 4. ``corpus``     an unknown name: one entity per normalised name and type across all documents, with
    typo-tolerant matching against unknowns already seen.
User overrides (``kg.resolve.overrides``) are applied before everything else.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz.distance import DamerauLevenshtein

from kg.models import Entity
from kg.resolve.gazetteer import Gazetteer, GazetteerEntry, default_gazetteer
from kg.resolve.normalize import normalize_name, slugify
from kg.resolve.overrides import Overrides

#: NER type confusions the resolver may correct when the gazetteer knows better.
CONFUSABLE = {
    "Organization": {"Organization", "Place", "Person", "Product"},
    "Place": {"Place", "Organization"},
    "Person": {"Person", "Organization"},
    "Product": {"Product", "Organization"},
    "Project": {"Project", "Organization", "Product"},
}
_GENERIC_WORDS = {"holdings", "holding", "group", "gruppo", "labs", "lab", "capital", "ventures", "partners", "ai",
                  "technologies", "technology", "systems", "cloud", "global", "international", "services", "inc",
                  "corp", "the", "company", "networks", "solutions", "software", "semiconductor", "energy", "bank"}


@dataclass(slots=True)
class Resolution:
    entity: Entity
    step: str
    detail: str


@dataclass
class Resolver:
    """Stateful resolver: remembers unknown entities across the documents of a run."""

    gazetteer: Gazetteer = field(default_factory=default_gazetteer)
    overrides: Overrides = field(default_factory=Overrides)
    unknown: dict[tuple[str, str], Entity] = field(default_factory=dict)  # (normalised, type) -> entity
    _fuzzy_index: dict[str, dict[str, list[tuple[str, str]]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # first letter -> list of (normalised name, key), for typo matching
        for norm, keys in self.gazetteer.by_name.items():
            if len(norm) < 5:
                continue
            for k in keys:
                self._fuzzy_index.setdefault(norm[0], {}).setdefault(norm, []).append(("", k))

    # ------------------------------------------------------------------ steps
    def _entry_entity(self, e: GazetteerEntry) -> Entity:
        return e.entity()

    def resolve(self, text: str, type_: str, *, key: str | None = None, doc_names: dict | None = None,
                source: str = "ner") -> Resolution:
        """Resolve one mention. ``doc_names`` carries what earlier mentions of the same document resolved to."""
        norm = normalize_name(text)
        forced = self.overrides.lookup(text, norm)
        if forced is not None and forced in self.gazetteer.entries:
            return Resolution(self.gazetteer.entries[forced].entity(), "override", f"override maps {text!r} to {forced}")
        if key and key in self.gazetteer.entries and not self.overrides.forbidden(norm, key):
            return Resolution(self.gazetteer.entries[key].entity(), "gazetteer", f"gazetteer name {text!r}")
        hits = [e for e in self.gazetteer.lookup(text) if not self.overrides.forbidden(norm, e.key)]
        compatible = [e for e in hits if e.type in CONFUSABLE.get(type_, {type_})]
        if compatible:
            same = [e for e in compatible if e.type == type_]
            e = (same or compatible)[0]
            return Resolution(e.entity(), "gazetteer", f"normalised name {norm!r} is an alias of {e.key}")
        if doc_names:
            r = self._within_document(text, norm, type_, doc_names)
            if r is not None:
                return r
        if not hits:
            r = self._fuzzy(norm, type_)
            if r is not None:
                return r
        return self._unknown(text, norm, type_)

    def _within_document(self, text: str, norm: str, type_: str, doc_names: dict) -> Resolution | None:
        words = norm.split()
        if not words or all(w in _GENERIC_WORDS for w in words):
            return None
        for full_norm, ent in doc_names.items():
            if full_norm == norm or ent.type not in CONFUSABLE.get(type_, {type_}):
                continue
            fw = full_norm.split()
            if len(fw) > len(words) and (fw[-len(words):] == words or fw[: len(words)] == words):
                if ent.type == "Person" and fw[: len(words)] == words and len(words) == 1:
                    continue  # a first name alone is not the person
                return Resolution(ent, "document", f"short form of {ent.label!r} earlier in the document")
            if text.isupper() and 2 <= len(text) <= 6 and len(fw) >= 2:
                initials = "".join(w[0] for w in fw if w not in {"of", "and", "di", "e", "the"})
                if initials == text.lower():
                    return Resolution(ent, "document", f"acronym of {ent.label!r} in the document")
        return None

    def _fuzzy(self, norm: str, type_: str) -> Resolution | None:
        if len(norm) < 5 or all(w in _GENERIC_WORDS for w in norm.split()):
            return None
        limit = 2 if len(norm) >= 10 else 1
        best: list[tuple[int, str, str]] = []
        for name, keys in self._fuzzy_index.get(norm[0], {}).items():
            if abs(len(name) - len(norm)) > limit:
                continue
            if name.endswith("s") and name[:-1] == norm or norm.endswith("s") and norm[:-1] == name:
                continue
            d = DamerauLevenshtein.distance(norm, name, score_cutoff=limit)
            if d <= limit:
                for _, k in keys:
                    best.append((d, name, k))
        if not best:
            return None
        best.sort()
        d0 = best[0][0]
        top = {k for d, _n, k in best if d == d0}
        cands = [self.gazetteer.entries[k] for k in top]
        cands = [e for e in cands if e.type in CONFUSABLE.get(type_, {type_}) and not self.overrides.forbidden(norm, e.key)]
        if len({e.key for e in cands}) != 1:
            return None
        e = cands[0]
        name = next(n for d, n, k in best if k == e.key)
        return Resolution(e.entity(), "fuzzy", f"{norm!r} is {d0} edit(s) from {name!r} ({e.key})")

    def _unknown(self, text: str, norm: str, type_: str) -> Resolution:
        if not norm:
            norm = text.lower()
        k = (norm, type_)
        if k in self.unknown:
            return Resolution(self.unknown[k], "corpus", f"same name as an entity seen earlier ({self.unknown[k].key})")
        if len(norm) >= 6:
            limit = 2 if len(norm) >= 12 else 1
            for (n2, t2), ent in self.unknown.items():
                if t2 == type_ and n2[:1] == norm[:1] and abs(len(n2) - len(norm)) <= limit:
                    if DamerauLevenshtein.distance(norm, n2, score_cutoff=limit) <= limit:
                        self.unknown[k] = ent
                        return Resolution(ent, "corpus", f"typo of {ent.label!r} seen earlier")
        slug = slugify(norm)
        if slug in self.gazetteer.entries or any(e.key == slug and e.type != type_ for e in self.unknown.values()):
            slug = f"{slug}-{type_.lower()}"
        label = _display_label(text)
        ent = Entity(key=slug, label=label, type=type_, source="document")
        self.unknown[k] = ent
        return Resolution(ent, "corpus", f"new {type_} {label!r}")


def _display_label(text: str) -> str:
    from kg.resolve.normalize import strip_possessive

    t = strip_possessive(text).strip(" ,.;:")
    for art in ("the ", "The "):
        if t.startswith(art):
            t = t[len(art):]
    return t
