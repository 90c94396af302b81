"""Seeders: classes that fill a database, and running them."""

from __future__ import annotations

from tempest_orm.seeders.base import DatabaseSeeder
from tempest_orm.seeders.runner import SeederNotFound, run_seeder, run_seeders

__all__ = ["DatabaseSeeder", "SeederNotFound", "run_seeder", "run_seeders"]
