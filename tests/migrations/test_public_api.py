"""The public names of the packages this feature adds exist and are exported."""

from __future__ import annotations

import importlib

import pytest


@pytest.mark.parametrize(
    "module",
    ["tempest_orm.statements", "tempest_orm.migrations", "tempest_orm.seeders"],
)
def test_all_names_exist(module: str) -> None:
    loaded = importlib.import_module(module)
    assert loaded.__all__ == sorted(loaded.__all__, key=lambda n: (not n.isupper(), n))
    for name in loaded.__all__:
        assert hasattr(loaded, name), name


def test_the_spec_imports() -> None:
    from tempest_orm.migrations import (  # noqa: F401
        DatabaseMigration,
        MigratesDown,
        MigratesUp,
        MigrationManager,
        ShouldMigrate,
    )
    from tempest_orm.seeders import DatabaseSeeder  # noqa: F401
    from tempest_orm.statements import (  # noqa: F401
        AlterTableStatement,
        CreateTableStatement,
        DropTableStatement,
        OnDelete,
        OnUpdate,
        QueryStatement,
        RawStatement,
    )
