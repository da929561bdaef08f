"""What the benchmark figures were made with: the repository commit and whether kg/ had local changes."""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def kg_version() -> dict[str, str | bool]:
    """The commit of the repository and whether kg/ had uncommitted changes when the figures were made."""

    def git(*args: str) -> str:
        try:
            return subprocess.run(
                ["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=30, check=True
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""

    return {
        "commit": git("rev-parse", "--short", "HEAD"),
        "kg_modified": bool(git("status", "--porcelain", "kg")),
    }
