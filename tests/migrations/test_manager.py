"""The migration manager on each backend: records, order, failures, hashes."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import pytest

from tempest_orm import Database, Query, query
from tempest_orm.migrations import (
    DatabaseMigration,
    MigratesUp,
    MigrationFailed,
    MigrationManager,
    MigrationsTampered,
    ShouldMigrate,
)
from tempest_orm.statements import (
    CreateTableStatement,
    DropTableStatement,
    QueryStatement,
    RawStatement,
)
from tests.migrations.helpers import columns, tables


class CreateAuthors(DatabaseMigration):
    name = "2024-01-01_create_authors"

    def up(self) -> QueryStatement:
        return CreateTableStatement("authors").primary().varchar("name")

    def down(self) -> QueryStatement:
        return DropTableStatement("authors")


class CreateBooks(DatabaseMigration):
    name = "2024-01-03_create_books"

    def up(self) -> list[QueryStatement]:
        return [
            CreateTableStatement("books")
            .primary()
            .text("title")
            .belongs_to("books.author_id", "authors.id"),
        ]

    def down(self) -> QueryStatement:
        return DropTableStatement("books")


class Raw(MigratesUp):
    def __init__(self, name: str, sql: str) -> None:
        self.name = name
        self.sql = sql

    def up(self) -> QueryStatement:
        return RawStatement(self.sql)


def applied(db: Database) -> list[str]:
    rows = db.fetch(Query("SELECT name FROM migrations ORDER BY id"))
    return [row["name"] for row in rows]


def test_execute_up_creates_the_migrations_table(db: Database) -> None:
    manager = MigrationManager([]).on_database(None)

    assert manager.execute_up(CreateAuthors()) is True
    assert manager.execute_up(CreateAuthors()) is False

    assert set(columns(db, "migrations")) == {"id", "name", "hash", "applied_at"}
    row = db.fetch_first(Query("SELECT name, hash FROM migrations"))
    assert row is not None and row["name"] == CreateAuthors.name
    assert len(row["hash"]) == 64
    assert "authors" in tables(db)


def test_classes_and_sql_files_apply_together_in_name_order(
    db: Database, tmp_path: Path
) -> None:
    (tmp_path / "db").mkdir()
    (tmp_path / "db" / "2024-01-02_seed_authors.sql").write_text(
        "-- two statements; one literal holds a ;\n"
        "INSERT INTO authors (name) VALUES ('semi;colon');\n"
        "INSERT INTO authors (name) VALUES ('it''s');\n"
    )
    manager_all = MigrationManager(
        [*_discovered(tmp_path), CreateBooks(), CreateAuthors()]
    )

    done = manager_all.up()

    assert done == [
        "2024-01-01_create_authors",
        "2024-01-02_seed_authors",
        "2024-01-03_create_books",
    ]
    assert applied(db) == done
    names = query("authors").select("name").order_by("id").all()
    assert [row["name"] for row in names] == ["semi;colon", "it's"]
    assert manager_all.up() == []


def _discovered(root: Path) -> list[MigratesUp]:
    from tempest_orm.discovery.migrations import discover_migrations

    return [m for m in discover_migrations(root) if isinstance(m, MigratesUp)]


def test_a_failing_migration_leaves_no_record(db: Database) -> None:
    broken = Raw(
        "2024-01-02_broken",
        "CREATE TABLE half (id INTEGER); INSERT INTO missing_table VALUES (1)",
    )
    manager = MigrationManager([CreateAuthors(), broken, CreateBooks()])

    with pytest.raises(MigrationFailed) as failure:
        manager.up()

    assert failure.value.migration == "2024-01-02_broken"
    message = str(failure.value).splitlines()[0]
    assert "2024-01-02_broken" in message and "statement 2 of 2" in message
    assert applied(db) == ["2024-01-01_create_authors"]
    if db.dialect == "mysql":
        assert "stay applied" in message and "half" in tables(db)
    else:
        assert "nothing of it was applied" in message and "half" not in tables(db)


def test_down_undoes_newest_first_and_forgets_the_records(db: Database) -> None:
    manager = MigrationManager([CreateAuthors(), CreateBooks()])
    manager.up()

    assert manager.down() == ["2024-01-03_create_books", "2024-01-01_create_authors"]

    assert applied(db) == []
    assert tables(db) == {"migrations"}
    assert manager.up() == ["2024-01-01_create_authors", "2024-01-03_create_books"]


def test_fresh_drops_every_table_even_unknown_ones(db: Database) -> None:
    manager = MigrationManager([CreateAuthors(), CreateBooks()])
    manager.up()
    db.execute(Query("CREATE TABLE stray (id INTEGER PRIMARY KEY)"))
    db.execute(
        Query(
            "CREATE TABLE stray_child (id INTEGER PRIMARY KEY, author_id BIGINT "
            "REFERENCES authors (id))"
        )
    )
    query("authors").insert(name="kept?").execute()

    assert manager.fresh() == ["2024-01-01_create_authors", "2024-01-03_create_books"]

    assert tables(db) == {"migrations", "authors", "books"}
    assert query("authors").count().execute() == 0


def test_formatting_does_not_change_the_hash_but_content_does(db: Database) -> None:
    original = Raw("2024-01-05_raw", "CREATE TABLE t (id INTEGER, name TEXT)")
    MigrationManager([original]).up()

    reformatted = Raw(
        "2024-01-05_raw",
        "-- the same table\nCREATE TABLE t (\n    id   INTEGER,\n    name TEXT\n);",
    )
    MigrationManager([reformatted]).validate()

    changed = Raw("2024-01-05_raw", "CREATE TABLE t (id INTEGER, label TEXT)")
    other = Raw("2024-01-06_other", "CREATE TABLE u (id INTEGER)")
    MigrationManager([original, other]).up()
    tampered = MigrationManager(
        [changed, Raw("2024-01-06_other", "CREATE TABLE u (id BIGINT)")]
    )
    with pytest.raises(MigrationsTampered) as error:
        tampered.validate()
    assert error.value.names == ["2024-01-05_raw", "2024-01-06_other"]
    with pytest.raises(MigrationsTampered):
        tampered.up()
    assert [s.tampered for s in tampered.status()] == [True, True]

    assert tampered.rehash() == ["2024-01-05_raw", "2024-01-06_other"]
    tampered.validate()
    assert tampered.up(validate=True) == []


def test_one_dialect_gives_one_hash_on_every_database(
    make_sandbox: Callable[..., Database],
) -> None:
    first, second = make_sandbox("first"), make_sandbox("second")
    for tag in ("first", "second"):
        MigrationManager([CreateAuthors()]).on_database(tag).up()

    sql = "SELECT hash FROM migrations"
    assert first.fetch(Query(sql)) == second.fetch(Query(sql))


class OnlyOnBackup(MigratesUp, ShouldMigrate):
    name = "2024-01-09_backup_only"

    def should_migrate(self, database: Database) -> bool:
        return database.tag == "backup"

    def up(self) -> QueryStatement:
        return CreateTableStatement("archive").primary()


def test_should_migrate_picks_the_databases(
    make_sandbox: Callable[..., Database],
) -> None:
    main, backup = make_sandbox(), make_sandbox("backup")
    manager = MigrationManager([CreateAuthors(), OnlyOnBackup()])

    assert manager.up() == ["2024-01-01_create_authors"]
    assert manager.on_database("backup").up() == [
        "2024-01-01_create_authors",
        "2024-01-09_backup_only",
    ]
    assert "archive" not in tables(main) and "archive" in tables(backup)


def test_each_migration_logs_one_info_line(
    db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="tempest_orm.migrations"):
        MigrationManager([CreateAuthors(), CreateBooks()]).up()

    lines = [
        r.getMessage() for r in caplog.records if r.name == "tempest_orm.migrations"
    ]
    assert len(lines) == 2
    assert lines[0].startswith("migrated up 2024-01-01_create_authors [")
    assert lines[0].endswith(" ms]")


def test_an_up_that_returns_no_statement_names_the_migration(db: Database) -> None:
    class Wrong(MigratesUp):
        name = "2024-02-01_wrong"

        def up(self) -> QueryStatement:
            return "CREATE TABLE x (id INT)"  # type: ignore[return-value]

    with pytest.raises(MigrationFailed, match="2024-02-01_wrong"):
        MigrationManager([Wrong()]).up()
    assert applied(db) == []


def test_a_failing_data_migration_is_rolled_back_everywhere(db: Database) -> None:
    broken = Raw(
        "2024-01-02_bad_data",
        "INSERT INTO authors (name) VALUES ('x'); INSERT INTO nowhere VALUES (1)",
    )
    manager = MigrationManager([CreateAuthors(), broken])

    with pytest.raises(MigrationFailed, match="nothing of it was applied"):
        manager.up()

    assert query("authors").count().execute() == 0
    assert applied(db) == ["2024-01-01_create_authors"]


def test_fresh_refuses_tampered_migrations_before_dropping(db: Database) -> None:
    MigrationManager(
        [CreateAuthors(), Raw("2024-01-05_raw", "CREATE TABLE t (a INT)")]
    ).up()
    tampered = MigrationManager(
        [CreateAuthors(), Raw("2024-01-05_raw", "CREATE TABLE t (b INT)")]
    )

    with pytest.raises(MigrationsTampered, match="2024-01-05_raw"):
        tampered.fresh()

    assert {"authors", "t"} <= tables(db)
    assert tampered.fresh(validate=False) == [
        "2024-01-01_create_authors",
        "2024-01-05_raw",
    ]


def test_execute_down_and_status(db: Database) -> None:
    manager = MigrationManager([CreateAuthors(), CreateBooks()])
    manager.execute_up(CreateAuthors())

    status = {s.name: s for s in manager.status()}
    assert status["2024-01-01_create_authors"].applied
    assert status["2024-01-01_create_authors"].applied_at is not None
    assert not status["2024-01-03_create_books"].applied

    assert manager.execute_down(CreateAuthors()) is True
    assert manager.execute_down(CreateAuthors()) is False
    assert applied(db) == [] and "authors" not in tables(db)
