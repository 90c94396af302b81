"""Reading settings from the environment, and the application root."""

from __future__ import annotations

import os
from pathlib import Path
from typing import overload

_KEYWORDS: dict[str, object] = {
    "true": True,
    "(true)": True,
    "false": False,
    "(false)": False,
    "null": None,
    "(null)": None,
    "empty": "",
    "(empty)": "",
}

_root: Path | None = None


@overload
def env(name: str) -> object: ...
@overload
def env(name: str, default: object) -> object: ...


def env(name: str, default: object = None) -> object:
    """Read an environment variable, parsed after the type of ``default``.

    ``true``/``false``/``null``/``empty`` read as ``True``/``False``/``None``/``""``;
    with an ``int``, ``float`` or ``bool`` default the text is converted to that type.
    An unset variable gives ``default``.
    """
    raw = os.environ.get(name)
    if raw is None:
        return default

    keyword = raw.strip().lower()
    if keyword in _KEYWORDS:
        return _KEYWORDS[keyword]
    if isinstance(default, bool):
        return keyword in {"1", "yes", "on"}
    if isinstance(default, int):
        return int(raw)
    if isinstance(default, float):
        return float(raw)
    return raw


def set_root(path: str | os.PathLike[str] | None) -> None:
    """Set the application root; ``None`` returns to ``TEMPEST_ROOT`` or the cwd."""
    global _root
    _root = None if path is None else Path(path).resolve()


def get_root() -> Path:
    """The application root: set explicitly, else ``TEMPEST_ROOT``, else the cwd."""
    if _root is not None:
        return _root
    named = os.environ.get("TEMPEST_ROOT")
    return Path(named).resolve() if named else Path.cwd()


def root_path(*parts: str | os.PathLike[str]) -> str:
    """A path under the application root, as a string."""
    return str(get_root().joinpath(*parts))
