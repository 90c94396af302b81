"""The connections of an application, by tag: configured, discovered or default."""

from __future__ import annotations

import atexit
import os
import threading
from pathlib import Path

from tempest_orm.config.configs import AnyConfig, SQLiteConfig, Tag, tag_key
from tempest_orm.config.discovery import discover_configs
from tempest_orm.config.environment import get_root
from tempest_orm.database import Database
from tempest_orm.exceptions import ConfigurationError, describe_tag

_lock = threading.RLock()
_configured: dict[str | None, AnyConfig] = {}
_discovered: dict[str | None, AnyConfig] = {}
_discovered_root: Path | None = None
_databases: dict[str | None, Database] = {}
# Links inherited by a forked child: closing them would end the parent's
# sessions, so the child keeps them unused for as long as it lives.
_inherited: list[Database] = []


def configure(config: AnyConfig) -> Database:
    """Register a connection at run time; a config with the same tag replaces it."""
    key = config.key
    with _lock:
        _configured[key] = config
        old = _databases.pop(key, None)
    if old is not None:
        old.close()
    return database(config.tag)


def database(tag: Tag = None) -> Database:
    """The Database of a tag; ``None`` is the default connection."""
    # Called for every statement: the common tags skip the conversion call.
    key = tag if tag is None or type(tag) is str else tag_key(tag)
    found = _databases.get(key)
    if found is not None:
        return found

    with _lock:
        found = _databases.get(key)
        if found is None:
            found = Database(_config_for(key))
            _databases[key] = found
        return found


def _config_for(key: str | None) -> AnyConfig:
    config = _configured.get(key) or _discover().get(key)
    if config is not None:
        return config
    if key is None:
        return SQLiteConfig()

    known = sorted(repr(k) for k in {*_configured, *_discovered} if k is not None)
    raise ConfigurationError(
        f"no database is configured for {describe_tag(key)}; "
        f"known tags: {', '.join(known) or 'none'}",
        tag=key,
    )


def _discover() -> dict[str | None, AnyConfig]:
    global _discovered, _discovered_root
    root = get_root()
    if root != _discovered_root:
        _discovered = discover_configs(root) if root.is_dir() else {}
        _discovered_root = root
    return _discovered


def tags() -> list[str | None]:
    """Every tag with a config: configured at run time or discovered."""
    with _lock:
        return sorted(
            {*_configured, *_discover()}, key=lambda k: (k is not None, k or "")
        )


def reset() -> None:
    """Close every connection and forget configs, as at start-up."""
    global _discovered_root
    with _lock:
        databases = list(_databases.values())
        _databases.clear()
        _configured.clear()
        _discovered.clear()
        _discovered_root = None
    for db in databases:
        db.close()


def _close_all() -> None:
    for db in list(_databases.values()):
        db.close()


def _after_fork() -> None:
    global _discovered_root
    _inherited.extend(_databases.values())
    _databases.clear()
    _discovered_root = None


atexit.register(_close_all)
os.register_at_fork(after_in_child=_after_fork)
