"""Finding configs, migrations and seeders under an application root."""

from __future__ import annotations

from tempest_orm.discovery.loader import DiscoveryFailed, load_file
from tempest_orm.discovery.walker import is_skipped, walk

__all__ = ["DiscoveryFailed", "is_skipped", "load_file", "walk"]
