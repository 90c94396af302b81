"""Finding the classes a root's Python files define, importing only likely files."""

from __future__ import annotations

import inspect
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

from tempest_orm.discovery.loader import load_file
from tempest_orm.discovery.walker import walk


def modules_mentioning(
    root: Path, words: tuple[str, ...]
) -> Iterator[tuple[Path, ModuleType]]:
    """Import the ``.py`` files under ``root`` whose text names one of ``words``.

    Importing runs a module's code, so files that cannot define what is looked
    for (they do not even name its base class) are left alone.
    """
    # The application's files import each other from the root, whichever of
    # them is loaded first.
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))

    for path in walk(root, ".py"):
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if any(word in text for word in words):
            yield path, load_file(path, root)


def defined_classes(module: ModuleType, base: type) -> list[type]:
    """Concrete subclasses of ``base`` defined in ``module`` itself, not imported."""
    found = []
    for _, value in sorted(vars(module).items()):
        if not inspect.isclass(value) or value.__module__ != module.__name__:
            continue
        if issubclass(value, base) and not inspect.isabstract(value):
            found.append(value)
    return found
