"""Where kg finds its data files (ontology, lexicons, gazetteer, shipped models)."""

from __future__ import annotations

import os
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

PACKAGE_DIR = Path(__file__).resolve().parent


def ontologies_dir() -> Path:
    """The ``ontologies/`` directory (``KG_ONTOLOGIES`` overrides it)."""
    env = os.environ.get("KG_ONTOLOGIES")
    if env:
        return Path(env)
    return PACKAGE_DIR / "ontologies"


def models_dir() -> Path:
    """Directory of the spaCy pipelines shipped with kg."""
    return PACKAGE_DIR / "models"


@lru_cache(maxsize=32)
def load_toml(relative: str) -> dict[str, Any]:
    """Load a TOML file under ``ontologies/`` (cached)."""
    with open(ontologies_dir() / relative, "rb") as fh:
        return tomllib.load(fh)
