"""What a DDL statement is: data that compiles to SQL for one grammar."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from tempest_orm.grammar.lexer import split_statements

if TYPE_CHECKING:
    from tempest_orm.database import Database
    from tempest_orm.grammar.base import Grammar


@runtime_checkable
class QueryStatement(Protocol):
    """A statement that compiles to one or more SQL strings for a grammar."""

    def compile(self, grammar: Grammar) -> list[str]:
        """The SQL of this statement in ``grammar``'s dialect, one string each."""
        ...


@runtime_checkable
class Procedure(Protocol):
    """A step that has to read the live schema before it can run."""

    @property
    def sql(self) -> str:
        """The SQL this step stands for, as compiled and hashed."""
        ...

    @property
    def foreign_keys_off(self) -> bool:
        """Whether foreign key enforcement must be off while it runs."""
        ...

    def execute(self, database: Database) -> None:
        """Carry the step out on ``database``."""
        ...


Step = str | Procedure


@runtime_checkable
class PlansSteps(Protocol):
    """A statement whose execution differs from its compiled SQL on some backend."""

    def plan(self, grammar: Grammar) -> list[Step]:
        """The SQL strings and procedures that carry this statement out."""
        ...


class RunsOnDatabase:
    """Lets ``database.execute(statement)`` run a DDL statement directly."""

    def run_on(self, database: Database) -> int:
        """Run this statement as a migration step would; DDL reports no rows."""
        from tempest_orm.migrations.backends import run_statements

        run_statements(database, [self])  # type: ignore[list-item]
        return 0


def plan_of(statement: QueryStatement, grammar: Grammar) -> list[Step]:
    """What to run for a statement: its plan when it has one, else its SQL."""
    if isinstance(statement, PlansSteps):
        return statement.plan(grammar)
    return list(statement.compile(grammar))


class OnDelete(enum.Enum):
    """What a foreign key does when the row it references is deleted."""

    RESTRICT = "RESTRICT"
    CASCADE = "CASCADE"
    SET_NULL = "SET NULL"
    NO_ACTION = "NO ACTION"


class OnUpdate(enum.Enum):
    """What a foreign key does when the key it references changes."""

    RESTRICT = "RESTRICT"
    CASCADE = "CASCADE"
    SET_NULL = "SET NULL"
    NO_ACTION = "NO ACTION"


@dataclass(frozen=True)
class RawStatement(RunsOnDatabase):
    """Hand-written SQL, split into statements on ``;`` outside literals."""

    sql: str

    def compile(self, grammar: Grammar) -> list[str]:
        """The statements of the script, stripped of comments."""
        return split_statements(self.sql, grammar.lexicon)


def as_statements(result: object, owner: str) -> list[QueryStatement]:
    """Normalise what ``up()``/``down()`` returned into a list of statements."""
    items: Sequence[object] = result if isinstance(result, list | tuple) else [result]

    for item in items:
        if not isinstance(item, QueryStatement):
            raise TypeError(
                f"{owner} returned {type(item).__name__}, not a QueryStatement"
            )
    return [item for item in items if isinstance(item, QueryStatement)]
