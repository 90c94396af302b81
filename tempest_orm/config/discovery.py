"""Finding ``*.config.py`` files under the application root."""

from __future__ import annotations

from pathlib import Path

from tempest_orm.config.configs import AnyConfig, DatabaseConfig
from tempest_orm.discovery import load_file, walk
from tempest_orm.exceptions import ConfigurationError, describe_tag


def discover_configs(root: Path) -> dict[str | None, AnyConfig]:
    """The database configs bound to ``config`` in the root's config files."""
    found: dict[str | None, AnyConfig] = {}
    origin: dict[str | None, Path] = {}

    for path in walk(root, ".config.py"):
        module = load_file(path, root)
        bound = getattr(module, "config", None)
        configs = bound if isinstance(bound, list | tuple) else [bound]

        for config in configs:
            if not isinstance(config, DatabaseConfig):
                # Other kinds of config files may live beside database ones.
                continue
            key = config.key
            if key in found:
                raise ConfigurationError(
                    f"{describe_tag(key)} is configured twice: "
                    f"in {origin[key]} and in {path}"
                )
            found[key] = config  # type: ignore[assignment]
            origin[key] = path
    return found
