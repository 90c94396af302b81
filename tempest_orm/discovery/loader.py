"""Importing a discovered Python file as a module of its own."""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from tempest_orm.exceptions import ConfigurationError


class DiscoveryFailed(ConfigurationError):
    """A discovered file could not be imported."""


def load_file(path: Path, root: Path) -> ModuleType:
    """Import ``path``; a file that fails is reported with its path and error.

    A file whose dotted path is importable from the root is imported under that
    name, so the application's own imports of it give the same module.
    """
    name = module_name(path, root)
    loaded = sys.modules.get(name)
    if loaded is not None and getattr(loaded, "__file__", None) == str(path):
        return loaded

    if not name.startswith("tempest_discovered_"):
        return _import_dotted(name, path, root)

    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise DiscoveryFailed(f"cannot import {path}: not a Python module")

    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except Exception as error:
        del sys.modules[name]
        raise DiscoveryFailed(
            f"cannot import {path}: {type(error).__name__}: {error}"
        ) from error
    return module


def module_name(path: Path, root: Path) -> str:
    """A stable module name for a file: its dotted path when it is importable."""
    relative = path.relative_to(root).with_suffix("")
    parts = list(relative.parts)
    if all(part.isidentifier() for part in parts):
        return ".".join(parts)

    # File names such as ``database.config.py`` are not identifiers; a digest of
    # the path keeps two of them apart.
    digest = hashlib.sha1(str(path).encode()).hexdigest()[:12]
    return f"tempest_discovered_{digest}"


def _import_dotted(name: str, path: Path, root: Path) -> ModuleType:
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    try:
        return importlib.import_module(name)
    except Exception as error:
        raise DiscoveryFailed(
            f"cannot import {path}: {type(error).__name__}: {error}"
        ) from error
