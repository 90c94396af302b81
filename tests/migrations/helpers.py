"""Reading a schema back from each backend's catalogue, and running statements."""

from __future__ import annotations

from typing import Any

from tempest_orm import Database, Query
from tempest_orm.statements import QueryStatement, plan_of


def run(db: Database, *statements: QueryStatement) -> None:
    """Carry statements out the way the migration manager does."""
    from tempest_orm.migrations.backends import backend_for
    from tempest_orm.statements import Procedure

    steps = [step for s in statements for step in plan_of(s, db.grammar)]
    keys_off = any(isinstance(step, Procedure) for step in steps)
    with backend_for(db).scope(keys_off):
        for step in steps:
            if isinstance(step, str):
                db.execute(Query(step))
            else:
                step.execute(db)


def columns(db: Database, table: str) -> dict[str, dict[str, Any]]:
    """Each column's type and nullability, as the backend's catalogue says."""
    if db.dialect == "sqlite":
        rows = db.fetch(Query(f"PRAGMA table_info({db.grammar.quote(table)})"))
        return {
            r["name"]: {"type": r["type"], "nullable": not r["notnull"] and not r["pk"]}
            for r in rows
        }

    schema = "current_schema()" if db.dialect == "postgres" else "DATABASE()"
    kind = "udt_name" if db.dialect == "postgres" else "column_type"
    rows = db.fetch(
        Query(
            f"SELECT column_name AS name, {kind} AS type, is_nullable AS nullable, "
            "character_maximum_length AS length, numeric_precision AS digits, "
            "numeric_scale AS scale FROM information_schema.columns "
            f"WHERE table_schema = {schema} AND table_name = ?",
            [table],
        )
    )
    return {
        r["name"]: {
            "type": str(r["type"]).lower(),
            "nullable": r["nullable"] == "YES",
            "length": r["length"],
            "numeric": (r["digits"], r["scale"]),
        }
        for r in rows
    }


def tables(db: Database) -> set[str]:
    """The tables of the schema."""
    from tempest_orm.migrations.backends import backend_for

    return {name for name, view in backend_for(db).relations() if not view}


def indexes(db: Database, table: str) -> set[str]:
    """The names of a table's indexes, constraints' own left out."""
    if db.dialect == "sqlite":
        sql = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?"
        return {r["name"] for r in db.fetch(Query(sql, [table]))}
    if db.dialect == "postgres":
        sql = (
            "SELECT indexname AS name FROM pg_indexes "
            "WHERE schemaname = current_schema() AND tablename = ?"
        )
        return {r["name"] for r in db.fetch(Query(sql, [table]))}
    sql = (
        "SELECT DISTINCT index_name AS name FROM information_schema.statistics "
        "WHERE table_schema = DATABASE() AND table_name = ?"
    )
    return {r["name"] for r in db.fetch(Query(sql, [table]))}
