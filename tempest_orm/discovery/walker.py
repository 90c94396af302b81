"""Walking an application root, skipping what is not the application's own."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

SKIPPED = frozenset(
    {
        "node_modules",
        "__pycache__",
        "site-packages",
        "dist-packages",
        "venv",
        "env",
        "build",
        "dist",
        "htmlcov",
        "site",
    }
)


def is_skipped(folder: Path) -> bool:
    """Hidden folders, virtual environments and package caches are not scanned."""
    name = folder.name
    if name.startswith(".") or name in SKIPPED or name.endswith(".egg-info"):
        return True
    return (folder / "pyvenv.cfg").exists()


def walk(root: Path, suffix: str) -> Iterator[Path]:
    """Yield the files under ``root`` whose names end with ``suffix``, sorted."""
    for folder, subfolders, files in os.walk(root):
        here = Path(folder)
        subfolders[:] = sorted(s for s in subfolders if not is_skipped(here / s))
        for name in sorted(files):
            if name.endswith(suffix) and not name.startswith("."):
                yield here / name
