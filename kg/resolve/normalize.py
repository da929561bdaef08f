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


@lru_cache(maxsize=1)
def _company_words() -> dict[str, str]:
    return {w.lower(): w for w in load_toml("lexicon/common.toml").get("company_words", [])}


def _one_slip(word: str, target: str) -> bool:
    """``word`` is ``target`` with one letter dropped (not a final "s": "Robotic" is a word of its own), one letter
    doubled, or two neighbouring letters swapped; substitutions are not slips ("Capitol" is a word)."""
    if len(word) == len(target) - 1:
        return target[:-1] != word and any(target[:i] + target[i + 1 :] == word for i in range(len(target)))
    if len(word) == len(target) + 1:
        return any(word[:i] + word[i + 1 :] == target and word[i] == word[i - 1] for i in range(1, len(word)))
    if len(word) == len(target):
        diff = [i for i in range(len(word)) if word[i] != target[i]]
        return len(diff) == 2 and diff[1] == diff[0] + 1 and word[diff[0]] == target[diff[1]] and \
            word[diff[1]] == target[diff[0]]
    return False


def correct_company_words(text: str) -> str:
    """A name with a misspelled company word corrected ("Atreides Managment" -> "Atreides Management"): a word of
    six letters or more that is a word of ``company_words`` (``common.toml``) with one letter dropped or doubled or
    two letters swapped, and the same first letter, is that word."""
    words = _company_words()
    if " " not in text.strip():
        return text  # a company word alone is no name to correct
    out = []
    changed = False
    for w in text.split(" "):
        low = w.lower()
        fixed = w
        if len(low) >= 6 and low.isalpha() and low not in words:
            for cand_low, cand in words.items():
                if cand_low[0] == low[0] and _one_slip(low, cand_low):
                    fixed = cand if w[:1].isupper() else cand_low
                    changed = True
                    break
        out.append(fixed)
    return " ".join(out) if changed else text


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
