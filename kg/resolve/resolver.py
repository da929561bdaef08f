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

    _names_by_first: dict[str, dict[str, list[str]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for norm, keys in self.gazetteer.by_name.items():
            if " " in norm:
                self._names_by_first.setdefault(norm.split()[0], {})[norm] = list(keys)
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
            r = self._fuzzy(norm, type_) or self._truncation(text, norm, type_)
            if r is not None:
                return r
        return self._unknown(text, norm, type_)

    def _truncation(self, text: str, norm: str, type_: str) -> Resolution | None:
        """ "Samsung Elec.", "Taiwan Semi", "Advanced Micro": every word a prefix of the words of one known name."""
        words = norm.split()
        if len(words) < 2 or type_ not in {"Organization", "Product"} or all(w in _GENERIC_WORDS for w in words):
            return None
        found: dict[str, str] = {}
        for name, keys in self._names_by_first.get(words[0], {}).items():
            nw = name.split()
            if len(nw) <= len(words) or any(not nw[i].startswith(w) for i, w in enumerate(words)):
                continue
            if len(words[-1]) < 3:
                continue
            for k in keys:
                found.setdefault(k, name)
        if len(found) != 1:
            return None
        key, name = next(iter(found.items()))
        e = self.gazetteer.entries[key]
        if e.type not in CONFUSABLE.get(type_, {type_}) or self.overrides.forbidden(norm, key):
            return None
        return Resolution(e.entity(), "truncation", f"{norm!r} abbreviates {name!r} ({key})")

    def _within_document(self, text: str, norm: str, type_: str, doc_names: dict) -> Resolution | None:
        words = norm.split()
        if not words or all(w in _GENERIC_WORDS for w in words):
            return None
        for full_norm, ent in doc_names.items():
            if full_norm == norm or ent.type not in CONFUSABLE.get(type_, {type_}):
                continue
            fw = full_norm.split()
            if len(fw) > len(words):
                # people are shortened to their surname, organisations to their leading words; places never
                short = (fw[-len(words):] == words) if ent.type == "Person" else (
                    fw[: len(words)] == words if ent.type in {"Organization", "Product", "Project"} else False)
                if short:
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
            if " " not in name and (name.endswith("s") and name[:-1] == norm or norm.endswith("s") and norm[:-1] == name):
                continue  # "Microns" is not Micron (a plural word is another name, not a typo)
            d = DamerauLevenshtein.distance(norm, name, score_cutoff=limit)
            if d <= limit:
                for _, k in keys:
                    best.append((d, name, k))
        if not best:
            return None
        best.sort()
        d0 = best[0][0]
        top_names = {n for d, n, _k in best if d == d0}
        if len(top_names) == 1:
            # one name shared by several entries (after suffix stripping): the gazetteer's preferred one
            name0 = next(iter(top_names))
            top = {self.gazetteer.lookup(name0)[0].key} if self.gazetteer.lookup(name0) else set()
        else:
            top = {k for d, _n, k in best if d == d0}
        cands = [self.gazetteer.entries[k] for k in top]
        if type_ == "Person" or any(e.type == "Person" for e in cands):
            # a different first name is a different person ("Alexander Wang" is not "Alexandr Wang")
            first = norm.split()[0]
            cands = [e for e in cands if any(normalize_name(n).split()[0] == first for n in e.names())]
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
                if (t2 == type_ and n2[:1] == norm[:1] and abs(len(n2) - len(norm)) <= limit
                        and DamerauLevenshtein.distance(norm, n2, score_cutoff=limit) <= limit):
                    self.unknown[k] = ent
                    return Resolution(ent, "corpus", f"typo of {ent.label!r} seen earlier")
        slug = slugify(norm)
        if slug in self.gazetteer.entries or any(e.key == slug and e.type != type_ for e in self.unknown.values()):
            slug = f"{slug}-{type_.lower()}"
        label = _display_label(text)
        ent = Entity(key=slug, label=label, type=type_, source="document")
        self.unknown[k] = ent
        return Resolution(ent, "corpus", f"new {type_} {label!r}")


def remember(doc_names: dict[str, Entity], text: str, r: Resolution) -> None:
    """Record a resolved mention for later short forms in the same document (surface and canonical name)."""
    norm = normalize_name(text)
    if norm and r.step != "document":
        doc_names.setdefault(norm, r.entity)
        # the canonical name too: after a typo ("Elon Musck"), "Musk" is still a short form of Elon Musk
        doc_names.setdefault(normalize_name(r.entity.label), r.entity)


def _display_label(text: str) -> str:
    from kg.resolve.normalize import strip_possessive

    t = strip_possessive(text).strip(" ,.;:")
    for art in ("the ", "The "):
        if t.startswith(art):
            t = t[len(art):]
    return t
