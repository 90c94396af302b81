"""The hash of a migration: its compiled SQL, minified and stripped of comments."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from tempest_orm.grammar.base import Grammar
from tempest_orm.grammar.lexer import minify
from tempest_orm.statements.base import QueryStatement


def hash_statements(statements: Sequence[QueryStatement], grammar: Grammar) -> str:
    """The SHA-256 of the statements' SQL, so formatting does not change it."""
    sql = [text for statement in statements for text in statement.compile(grammar)]
    minified = ";".join(minify(text, grammar.lexicon) for text in sql)
    return hashlib.sha256(minified.encode("utf-8")).hexdigest()
