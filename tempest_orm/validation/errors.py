"""The error raised when a model's fields break their validation rules."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

__all__ = ["ValidationFailed"]


class ValidationFailed(Exception):
    """One or more fields of a model broke their rules; ``errors`` lists them all.

    ``errors`` maps each failing field to its messages. Neither the messages nor the
    exception's text contain the values, which may be secrets.
    """

    def __init__(self, model_name: str, errors: Mapping[str, Sequence[str]]) -> None:
        self.model_name = model_name
        self.errors: dict[str, list[str]] = {
            name: list(messages) for name, messages in errors.items() if messages
        }
        super().__init__(self._describe())

    def _describe(self) -> str:
        if not self.errors:
            return f"{self.model_name}: validation failed"
        # The field is repeated per message because messages may contain commas.
        parts = [
            f"{name}: {message}"
            for name, messages in self.errors.items()
            for message in messages
        ]
        return f"{self.model_name}: " + "; ".join(parts)

    def __reduce__(
        self,
    ) -> tuple[type[ValidationFailed], tuple[str, dict[str, list[str]]]]:
        # Exceptions pickle their args by default, which would lose the field map.
        return (type(self), (self.model_name, self.errors))
