"""User overrides for entity resolution (a TOML file; see docs/entities.md).

```toml
[[alias]]          # add an alias to a known entity (or to an entity created from documents)
name = "Big Green"
key = "nvidia"

[[forbid]]         # never resolve this surface form to that entity
name = "Nvidia Shield"
key = "nvidia"

[[merge]]          # force several names into one entity
names = ["Domyn", "iGenius"]
key = "domyn"
```
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from kg.resolve.normalize import normalize_name

DEFAULT_OVERRIDES = Path("kg-overrides.toml")


@dataclass
class Overrides:
    aliases: dict[str, str] = field(default_factory=dict)  # normalised name -> key
    forbid: set[tuple[str, str]] = field(default_factory=set)

    def lookup(self, text: str, norm: str | None = None) -> str | None:
        return self.aliases.get(norm if norm is not None else normalize_name(text))

    def forbidden(self, norm: str, key: str) -> bool:
        return (norm, key) in self.forbid


class OverridesError(ValueError):
    pass


def load_overrides(path: Path | None = None) -> Overrides:
    """Read an overrides file; a missing default file means no overrides."""
    p = path or DEFAULT_OVERRIDES
    if not p.exists():
        if path is not None:
            raise OverridesError(f"{p}: no such overrides file")
        return Overrides()
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise OverridesError(f"{p}: not a valid TOML overrides file ({exc})") from None
    ov = Overrides()
    for a in data.get("alias", []):
        ov.aliases[normalize_name(a["name"])] = a["key"]
    for m in data.get("merge", []):
        for n in m.get("names", []):
            ov.aliases[normalize_name(n)] = m["key"]
    for f in data.get("forbid", []):
        ov.forbid.add((normalize_name(f["name"]), f["key"]))
    return ov
