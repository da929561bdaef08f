"""Name normalisation used by matching: case, diacritics, punctuation, articles, corporate suffixes."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from kg.resources import load_toml

_ARTICLES = ("the ", "la ", "il ", "lo ", "l'", "gli ", "le ", "i ")
_PUNCT = re.compile(r"[^\w\s&+]")
_SPACES = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"(?:'s|’s|')$")


@lru_cache(maxsize=1)
def _suffixes() -> tuple[str, ...]:
    raw = load_toml("lexicon/common.toml").get("org_suffixes", [])
    forms = {_basic(s) for s in raw}
    forms.discard("")
    # longest first so "co ltd" is removed before "ltd"
    return tuple(sorted(forms, key=len, reverse=True))


def _basic(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.lower().replace("’", "'")
    text = _PUNCT.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def strip_possessive(text: str) -> str:
    return _POSSESSIVE.sub("", text.strip())


@lru_cache(maxsize=65536)
def normalize_name(text: str, *, strip_suffixes: bool = True) -> str:
    """Comparable key of a name: ``"The NVIDIA Corp."`` -> ``"nvidia"``, ``"Société Générale"`` -> ``"societe generale"``."""
    text = strip_possessive(text)
    low = text.lower().lstrip()
    first = text.lstrip().split(" ", 1)[0]
    for art in _ARTICLES:
        # an article written in capitals is part of a name ("LA Galaxy"), not an article
        if low.startswith(art) and len(low) > len(art) + 1 and not (first.isupper() and len(first) > 1):
            text = text.lstrip()[len(art):]
            break
    key = _basic(text)
    if strip_suffixes:
        changed = True
        while changed:
            changed = False
            for suf in _suffixes():
                if key.endswith(" " + suf) and len(key) > len(suf) + 2:
                    key = key[: -len(suf) - 1].rstrip()
                    changed = True
    return key


def slugify(text: str) -> str:
    """Readable stable slug for an IRI: ``"Mistral AI"`` -> ``"mistral-ai"``."""
    key = _basic(text).replace("&", " and ").replace("+", " plus ")
    slug = re.sub(r"[^a-z0-9]+", "-", key).strip("-")
    return slug or "entity"
