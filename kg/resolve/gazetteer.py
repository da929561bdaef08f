"""The gazetteer: known entities of the field, read from ``ontologies/gazetteer/*.toml``."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg.models import ENTITY_TYPES, Entity
from kg.resolve.normalize import normalize_name
from kg.resources import ontologies_dir


@dataclass(slots=True)
class GazetteerEntry:
    key: str
    type: str
    label: str
    label_it: str | None = None
    aliases: tuple[str, ...] = ()
    qid: str | None = None
    category: str | None = None
    parent: str | None = None
    org: str | None = None
    hq: str | None = None
    within: str | None = None  # for a place: the key of the smallest gazetteer place it lies in

    def names(self) -> list[str]:
        """Every surface form: label, Italian label and aliases."""
        out = [self.label]
        if self.label_it and self.label_it != self.label:
            out.append(self.label_it)
        out.extend(a for a in self.aliases if a not in out)
        return out

    def entity(self) -> Entity:
        return Entity(key=self.key, label=self.label, type=self.type, qid=self.qid,
                      label_it=self.label_it or self.label, source="gazetteer")


@dataclass(slots=True)
class Gazetteer:
    entries: dict[str, GazetteerEntry] = field(default_factory=dict)
    by_name: dict[str, list[str]] = field(default_factory=dict)  # normalised name -> keys
    hq_places: set[str] = field(default_factory=set)  # keys of the places some entry has its headquarters in

    def add(self, e: GazetteerEntry) -> None:
        if e.type not in ENTITY_TYPES:
            raise ValueError(f"gazetteer entry {e.key!r}: unknown type {e.type!r}")
        self.entries[e.key] = e
        if e.hq:
            self.hq_places.add(e.hq)
        for name in e.names():
            norm = normalize_name(name)
            if norm:
                keys = self.by_name.setdefault(norm, [])
                if e.key not in keys:
                    keys.append(e.key)

    def lookup(self, name: str) -> list[GazetteerEntry]:
        """Entries whose normalised name equals that of ``name``; when several do, those with a name that
        matches without removing corporate suffixes come first ("SoftBank" -> SoftBank Group, not SoftBank Corp.)."""
        hits = [self.entries[k] for k in self.by_name.get(normalize_name(name), [])]
        if len(hits) > 1:
            full = normalize_name(name, strip_suffixes=False)
            exact = [e for e in hits if any(normalize_name(n, strip_suffixes=False) == full for n in e.names())]
            hits = exact + [e for e in hits if e not in exact]
        return hits

    def is_within(self, place: str, region: str) -> bool:
        """``place`` lies in ``region`` (or is it), following the places' ``within`` links: Santa Clara is within
        California and the United States."""
        seen = 0
        while place and seen < 8:
            if place == region:
                return True
            entry = self.entries.get(place)
            place = entry.within if entry is not None else None
            seen += 1
        return False

    def may_be(self, place: str, named: str) -> bool:
        """``place`` may be what a text calls ``named``: it lies within it, or it is a town of the same name
        ("the Cambridge-based company" read as Cambridge, England may be seated in Cambridge, Massachusetts)."""
        if self.is_within(place, named):
            return True
        a, b = self.entries.get(place), self.entries.get(named)
        return a is not None and b is not None and a.label.split(",")[0] == b.label.split(",")[0]

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, key: str) -> bool:
        return key in self.entries


def _entry(raw: dict, where: str) -> GazetteerEntry:
    try:
        return GazetteerEntry(
            key=raw["key"], type=raw["type"], label=raw["label"], label_it=raw.get("label_it"),
            aliases=tuple(raw.get("aliases", [])), qid=raw.get("qid"), category=raw.get("category"),
            parent=raw.get("parent"), org=raw.get("org"), hq=raw.get("hq"), within=raw.get("within"),
        )
    except KeyError as exc:
        raise ValueError(f"{where}: gazetteer entry without {exc.args[0]!r}") from None


def load_gazetteer_files(paths: list[Path]) -> Gazetteer:
    gaz = Gazetteer()
    for path in paths:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
        for raw in data.get("entity", []):
            gaz.add(_entry(raw, str(path)))
    return gaz


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The gazetteer shipped in ``ontologies/gazetteer/``."""
    return load_gazetteer_files(sorted((ontologies_dir() / "gazetteer").glob("*.toml")))
