"""Field validation: rules for ``Annotated`` metadata and the error they raise."""

from tempest_orm.validation.errors import ValidationFailed
from tempest_orm.validation.rules import (
    Between,
    EndsWith,
    HasLength,
    IsAlphaNumeric,
    IsEmail,
    IsIn,
    IsIpAddress,
    IsNotIn,
    IsUrl,
    IsUuid,
    Matches,
    MaxValue,
    MinValue,
    NotEmpty,
    Rule,
    StartsWith,
)
from tempest_orm.validation.validator import rules_of, validate_fields

__all__ = [
    "Between",
    "EndsWith",
    "HasLength",
    "IsAlphaNumeric",
    "IsEmail",
    "IsIn",
    "IsIpAddress",
    "IsNotIn",
    "IsUrl",
    "IsUuid",
    "Matches",
    "MaxValue",
    "MinValue",
    "NotEmpty",
    "Rule",
    "StartsWith",
    "ValidationFailed",
    "rules_of",
    "validate_fields",
]
