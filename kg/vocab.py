"""The relation vocabulary, read from ``ontologies/relations.toml``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from kg.resources import load_toml


@dataclass(frozen=True, slots=True)
class Predicate:
    name: str
    label_en: str
    label_it: str
    domain: tuple[str, ...]
    range: tuple[str, ...]
    symmetric: bool = False
    super: str | None = None
    inverse: str | None = None
    inverse_label_en: str | None = None
    inverse_label_it: str | None = None
    wikidata: str | None = None
    inverse_wikidata: str | None = None
    comment_en: str = ""
    comment_it: str = ""
    can_end: bool = True  # False: a fact once true stays true (founderOf), so it is never "ended"

    def accepts(self, subject_type: str, object_type: str) -> bool:
        """True when the types fit the predicate's domain and range."""
        return subject_type in self.domain and object_type in self.range


@lru_cache(maxsize=1)
def predicates() -> dict[str, Predicate]:
    """All predicates of the vocabulary by local name."""
    raw = load_toml("relations.toml")["predicates"]
    out = {}
    for name, p in raw.items():
        out[name] = Predicate(
            name=name, label_en=p["label_en"], label_it=p["label_it"], domain=tuple(p["domain"]),
            range=tuple(p["range"]), symmetric=bool(p.get("symmetric", False)), super=p.get("super"),
            inverse=p.get("inverse"), inverse_label_en=p.get("inverse_label_en"),
            inverse_label_it=p.get("inverse_label_it"), wikidata=p.get("wikidata") or None,
            inverse_wikidata=p.get("inverse_wikidata") or None, comment_en=p.get("comment_en", ""),
            comment_it=p.get("comment_it", ""), can_end=bool(p.get("can_end", True)),
        )
    return out


@lru_cache(maxsize=1)
def lasting_predicates() -> frozenset[str]:
    """Predicates whose facts, once true, stay true (``can_end = false``): never read as ended."""
    return frozenset(n for n, p in predicates().items() if not p.can_end)


def symmetric_predicates() -> frozenset[str]:
    return frozenset(n for n, p in predicates().items() if p.symmetric)
