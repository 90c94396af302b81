"""DROP TABLE as data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from tempest_orm.statements.base import RunsOnDatabase
from tempest_orm.statements.dialects import ddl_for

if TYPE_CHECKING:
    from tempest_orm.grammar.base import Grammar


@dataclass(frozen=True)
class DropTableStatement(RunsOnDatabase):
    """A table to drop, optionally only when it exists."""

    table: str
    if_exists: bool = False

    def compile(self, grammar: Grammar) -> list[str]:
        """DROP TABLE."""
        return [ddl_for(grammar).compile_drop_table(self.table, self.if_exists)]
