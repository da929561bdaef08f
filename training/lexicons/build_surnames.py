"""Build ``ontologies/lexicon/surnames.txt``: family names, for typing a lone unknown name as a person.

    pip install faker && python training/lexicons/build_surnames.py

The names come from the person providers of the Faker package (https://github.com/joke2k/faker, MIT licence),
every locale written in the Latin script: the ``last_names`` lists (and the female/male variants some locales
keep). Names shorter than four letters or with characters other than Latin letters, apostrophes and hyphens are
left out. kg reads the file only for a one-word name that nothing else types (no gazetteer entry, no cue in the
sentence, not a common word of the language): a known family name is then a person ("Scalzone ha detto ...")
rather than the organisation kg would otherwise guess.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "ontologies" / "lexicon" / "surnames.txt"
_ATTRS = ("last_names", "last_names_female", "last_names_male")


def _names(attr: object) -> list[str]:
    if isinstance(attr, dict):  # some providers weight names: {name: frequency}
        return list(attr)
    return list(attr) if isinstance(attr, (list, tuple)) else []


def _latin_name(name: str) -> bool:
    """Letters of the Latin script (plus apostrophes and hyphens), at least four of them, capitalised."""
    letters = [ch for ch in name if ch not in "'’-"]
    return (
        len(letters) >= 4
        and name[:1].isupper()
        and all(ch.isalpha() and ord(ch) < 0x250 for ch in letters)
    )


def surnames() -> list[str]:
    """Every Latin-script family name of every Faker person provider, sorted."""
    import faker.providers.person as person

    out: set[str] = set()
    for mod in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"faker.providers.person.{mod.name}").Provider
        for attr in _ATTRS:
            out.update(n.strip() for n in _names(getattr(provider, attr, ())) if _latin_name(n.strip()))
    return sorted(out)


def main() -> None:
    names = surnames()
    header = ("# Family names from the person providers of Faker (MIT licence), Latin-script locales; built by\n"
              "# training/lexicons/build_surnames.py. One name per line.\n")
    OUT.write_text(header + "\n".join(names) + "\n", encoding="utf-8")
    print(f"{len(names)} surnames -> {OUT}")


if __name__ == "__main__":
    main()
