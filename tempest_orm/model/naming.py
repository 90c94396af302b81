"""Table names of models: pluralised snake_case unless a strategy says otherwise."""

from __future__ import annotations

import inflection


class PluralSnakeCase:
    """``BookReview`` -> ``book_reviews``, ``Person`` -> ``people``."""

    def get_name(self, model: type) -> str:
        """The table name of ``model``."""
        return str(inflection.pluralize(inflection.underscore(model.__name__)))


def snake(name: str) -> str:
    """``BookReview`` -> ``book_review``."""
    return str(inflection.underscore(name))


def singular(name: str) -> str:
    """``books`` -> ``book``."""
    return str(inflection.singularize(name))
