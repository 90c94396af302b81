"""Unit tests for tempest_orm.validation: rules, pydantic constraints, errors."""

from __future__ import annotations

import dataclasses
import datetime
import enum
import ipaddress
import pickle
import re
import uuid
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Annotated, get_args, get_type_hints

import annotated_types as at
import pydantic
import pytest

import tempest_orm.validation as validation
from tempest_orm.validation import (
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
    ValidationFailed,
    rules_of,
    validate_fields,
)

SECRET = "hunter2-Sup3rSecret"


class Colour(enum.Enum):
    RED = "red"
    BLUE = "blue"


class Status(enum.StrEnum):
    DRAFT = "draft"


class Size(enum.IntEnum):
    SMALL = 1
    LARGE = 9


def fail(
    model: str, fields: Mapping[str, tuple[object, Sequence[object]]]
) -> dict[str, list[str]]:
    with pytest.raises(ValidationFailed) as caught:
        validate_fields(model, fields)
    return caught.value.errors


# Each rule with values it accepts and values it refuses, with the refusal message.
PASSES = [
    (HasLength(min=1, max=3), "abc"),
    (HasLength(min=1, max=3), "a"),
    (HasLength(max=2), [1, 2]),
    (HasLength(min=2), b"ab"),
    (HasLength(min=0, max=0), ""),
    (NotEmpty(), "x"),
    (NotEmpty(), [0]),
    (NotEmpty(), 0),
    (Between(1, 10), 1),
    (Between(1, 10), 10),
    (Between(0.5, 1.5), 1.0),
    (
        Between(datetime.date(2020, 1, 1), datetime.date(2021, 1, 1)),
        datetime.date(2020, 6, 1),
    ),
    (MinValue(3), 3),
    (MinValue(Decimal("1.5")), Decimal("2")),
    (MaxValue(3), 3),
    (MaxValue(3), -100),
    (IsIn("draft", "published"), "draft"),
    (IsIn(Colour.RED, Colour.BLUE), Colour.BLUE),
    (IsIn(1, 2), 2),
    (IsNotIn("admin", "root"), "alice"),
    (Matches(r"^\d{3}-\d{4}$"), "555-1234"),
    (Matches(r"\d"), "abc1def"),
    (StartsWith("ISBN"), "ISBN-123"),
    (EndsWith(".pdf"), "book.pdf"),
    (IsAlphaNumeric(), "abc123"),
    (IsEmail(), "brent@example.com"),
    (IsEmail(), "first.last+tag@mail.example.co.uk"),
    (IsUrl(), "https://tempestphp.com/docs?x=1#top"),
    (IsUrl(), "http://localhost:8000"),
    (IsUrl(schemes=("ftp",)), "ftp://files.example.org/a.txt"),
    (IsUrl(("FTP",)), "ftp://files.example.org"),
    (IsUrl("ftp"), "ftp://files.example.org"),  # type: ignore[arg-type]
    (IsUuid(), "0190a4e8-8b6e-7c3a-9f7e-5d2c1b0a9e8f"),
    (IsUuid(), uuid.uuid4()),
    (IsUuid(version=4), str(uuid.uuid4()).upper()),
    (IsIpAddress(), "192.168.1.10"),
    (IsIpAddress(), "::1"),
    (IsIpAddress(version=6), "2001:db8::1"),
    (IsIpAddress(version=4), ipaddress.ip_address("10.0.0.1")),
]

FAILURES = [
    (HasLength(min=1, max=3), "abcd", "must be at most 3 characters long"),
    (HasLength(min=2, max=3), "a", "must be at least 2 characters long"),
    (HasLength(min=1), "", "must be at least 1 character long"),
    (HasLength(max=1), [1, 2], "must have at most 1 item"),
    (HasLength(min=2, max=2), (1,), "must have exactly 2 items"),
    (HasLength(max=1), b"ab", "must be at most 1 byte long"),
    (HasLength(max=1), 5, "must have a length"),
    (NotEmpty(), "", "must not be empty"),
    (NotEmpty(), "   \t", "must not be empty"),
    (NotEmpty(), [], "must not be empty"),
    (NotEmpty(), {}, "must not be empty"),
    (Between(1, 10), 0, "must be between 1 and 10"),
    (Between(1, 10), 11, "must be between 1 and 10"),
    (Between(1, 10), "5", "must be between 1 and 10"),
    (MinValue(3), 2, "must be at least 3"),
    (MinValue(3), "x", "must be at least 3"),
    (MaxValue(3), 4, "must be at most 3"),
    (MaxValue(3), [], "must be at most 3"),
    (IsIn("draft", "published"), "deleted", "must be one of: 'draft', 'published'"),
    (IsIn(1, 2), 3, "must be one of: 1, 2"),
    (IsNotIn("admin", "root"), "root", "must not be one of: 'admin', 'root'"),
    (Matches(r"^\d{3}-\d{4}$"), "5551234", r"must match the pattern ^\d{3}-\d{4}$"),
    (Matches(r"\d"), 5, r"must match the pattern \d"),
    (StartsWith("ISBN"), "978-ISBN", "must start with 'ISBN'"),
    (StartsWith("ISBN"), 12, "must start with 'ISBN'"),
    (EndsWith(".pdf"), "book.pdf.exe", "must end with '.pdf'"),
    (IsAlphaNumeric(), "abc 123", "must contain only letters and digits"),
    (IsAlphaNumeric(), "", "must contain only letters and digits"),
    (IsEmail(), "brent", "must be a valid email address"),
    (IsEmail(), "brent@localhost", "must be a valid email address"),
    (IsEmail(), "a..b@example.com", "must be a valid email address"),
    (IsEmail(), "a@-example.com", "must be a valid email address"),
    (IsEmail(), "x" * 250 + "@ex.com", "must be a valid email address"),
    (IsEmail(), 42, "must be a valid email address"),
    (IsUrl(), "tempestphp.com", "must be a valid URL (http, https)"),
    (IsUrl(), "javascript:alert(1)", "must be a valid URL (http, https)"),
    (IsUrl(), "http://", "must be a valid URL (http, https)"),
    (IsUrl(), "http://exa mple.com", "must be a valid URL (http, https)"),
    (IsUrl(), "http://example.com:99999", "must be a valid URL (http, https)"),
    (IsUrl(), "http://[::1", "must be a valid URL (http, https)"),
    (IsUrl(schemes=("ftp",)), "https://example.com", "must be a valid URL (ftp)"),
    (IsUuid(), "not-a-uuid", "must be a valid UUID"),
    (IsUuid(), "0190a4e88b6e7c3a9f7e5d2c1b0a9e8f", "must be a valid UUID"),
    (IsUuid(), 12, "must be a valid UUID"),
    (IsUuid(version=7), str(uuid.uuid4()), "must be a version 7 UUID"),
    (IsIpAddress(), "256.1.1.1", "must be a valid IP address"),
    (IsIpAddress(), 167772161, "must be a valid IP address"),
    (IsIpAddress(version=4), "::1", "must be a valid IPv4 address"),
    (IsIpAddress(version=6), "10.0.0.1", "must be a valid IPv6 address"),
]


@pytest.mark.parametrize(("rule", "value"), PASSES, ids=repr)
def test_rule_accepts(rule: Rule, value: object) -> None:
    assert rule.validate(value) is None


@pytest.mark.parametrize(("rule", "value", "message"), FAILURES, ids=repr)
def test_rule_refuses_with_message(rule: Rule, value: object, message: str) -> None:
    assert rule.validate(value) == message


@pytest.mark.parametrize("rule", sorted({type(r) for r, _ in PASSES}, key=str))
def test_every_rule_is_covered_by_both_tables(rule: type) -> None:
    assert rule in {type(r) for r, _, _ in FAILURES}


def test_every_exported_rule_is_tested() -> None:
    exported = {
        getattr(validation, name)
        for name in validation.__all__
        if isinstance(getattr(validation, name), type)
    }
    rules = exported - {Rule, ValidationFailed}
    assert rules == {type(r) for r, _ in PASSES}


@pytest.mark.parametrize("rule", [r for r, _ in PASSES], ids=repr)
def test_rules_skip_none(rule: Rule) -> None:
    assert rule.validate(None) is None


@pytest.mark.parametrize("rule", [r for r, _ in PASSES], ids=repr)
def test_rules_satisfy_the_protocol_and_are_frozen(rule: Rule) -> None:
    assert isinstance(rule, Rule)
    with pytest.raises(dataclasses.FrozenInstanceError):
        rule.anything = 1  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "build",
    [
        lambda: HasLength(),
        lambda: HasLength(min=-1),
        lambda: HasLength(min=3, max=2),
        lambda: IsIn(),
        lambda: IsNotIn(),
        lambda: Matches("("),
        lambda: IsIpAddress(version=5),
        lambda: Between(10, 1),
        lambda: Between(1, "z"),
    ],
)
def test_rules_reject_nonsense_declarations(build: object) -> None:
    with pytest.raises(Exception) as caught:
        build()  # type: ignore[operator]
    assert isinstance(caught.value, ValueError | re.error)


def test_matches_honours_flags() -> None:
    assert Matches("^abc$", flags=re.IGNORECASE).validate("ABC") is None


def test_rules_are_usable_as_annotated_metadata() -> None:
    class Book:
        title: Annotated[str, HasLength(min=1, max=120)]

    hint = get_type_hints(Book, include_extras=True)["title"]
    (rule,) = get_args(hint)[1:]
    assert rule == HasLength(min=1, max=120)
    assert hash(rule) == hash(HasLength(min=1, max=120))


# validate_fields


def test_valid_fields_raise_nothing() -> None:
    validate_fields(
        "Book",
        {
            "title": ("Timeline Taxi", (HasLength(min=1, max=120),)),
            "isbn": ("978-1", (NotEmpty(), pydantic.Field(max_length=20))),
            "pages": (300, (at.Gt(0),)),
        },
    )


def test_every_failing_field_is_listed_in_one_error() -> None:
    with pytest.raises(ValidationFailed) as caught:
        validate_fields(
            "Book",
            {
                "title": ("x" * 121, (HasLength(min=1, max=120),)),
                "subtitle": ("fine", (HasLength(max=10),)),
                "isbn": ("", (NotEmpty(),)),
            },
        )
    error = caught.value
    assert error.model_name == "Book"
    assert error.errors == {
        "title": ["must be at most 120 characters long"],
        "isbn": ["must not be empty"],
    }
    assert str(error) == (
        "Book: title: must be at most 120 characters long; isbn: must not be empty"
    )


def test_every_failing_rule_of_one_field_is_listed() -> None:
    errors = fail("User", {"name": ("a b", (HasLength(min=5), IsAlphaNumeric()))})
    assert errors == {
        "name": [
            "must be at least 5 characters long",
            "must contain only letters and digits",
        ]
    }


def test_none_values_are_never_checked() -> None:
    validate_fields(
        "Book",
        {"title": (None, (NotEmpty(), pydantic.Field(min_length=3), at.Gt(1)))},
    )


def test_metadata_that_is_not_a_rule_is_ignored() -> None:
    class Marker:
        pass

    validate_fields("Book", {"author": ("", (Marker(), "a doc string", 42, Marker))})


def test_a_class_with_a_validate_method_is_not_taken_for_a_rule() -> None:
    class Model(pydantic.BaseModel):
        name: str = "x"

    assert rules_of([Model]) == ()
    validate_fields("Book", {"owner": ("x", (Model,))})


def test_custom_rules_follow_the_protocol() -> None:
    class IsEven:
        def validate(self, value: object) -> str | None:
            return None if isinstance(value, int) and value % 2 == 0 else "must be even"

    validate_fields("Counter", {"n": (4, (IsEven(),))})
    assert fail("Counter", {"n": (3, (IsEven(),))}) == {"n": ["must be even"]}


@pytest.mark.parametrize(
    ("constraint", "value", "message"),
    [
        (pydantic.Field(max_length=10), "x" * 11, "must be at most 10 characters long"),
        (pydantic.Field(min_length=2), "x", "must be at least 2 characters long"),
        (pydantic.Field(max_length=2), [1, 2, 3], "must have at most 2 items"),
        (pydantic.Field(min_length=1), {}, "must have at least 1 item"),
        (pydantic.Field(max_length=1), b"ab", "must be at most 1 byte long"),
        (pydantic.Field(pattern=r"^\d+$"), "12a", r"must match the pattern ^\d+$"),
        (pydantic.Field(gt=0), 0, "must be greater than 0"),
        (pydantic.Field(ge=1.5), 1.0, "must be at least 1.5"),
        (pydantic.Field(lt=10), 10, "must be less than 10"),
        (pydantic.Field(le=10), Decimal("10.5"), "must be at most 10"),
        (pydantic.Field(multiple_of=5), 7, "must be a multiple of 5"),
        (pydantic.Field(max_digits=3), Decimal("1234"), "must have at most 3 digits"),
        (
            pydantic.Field(decimal_places=1),
            Decimal("1.25"),
            "must have at most 1 decimal place",
        ),
        (pydantic.Field(allow_inf_nan=False), float("inf"), "must be a finite number"),
        (at.MaxLen(3), "abcd", "must be at most 3 characters long"),
        (at.MinLen(2), ["a"], "must have at least 2 items"),
        (at.Len(2, 3), "a", "must be at least 2 characters long"),
        (at.Gt(5), 5, "must be greater than 5"),
        (at.Ge(5), 4, "must be at least 5"),
        (at.Lt(5), 5, "must be less than 5"),
        (at.Le(5), 6, "must be at most 5"),
        (at.Interval(ge=1, le=3), 4, "must be at most 3"),
        (at.MultipleOf(2), 3, "must be a multiple of 2"),
        (
            at.Gt(datetime.date(2020, 1, 1)),
            datetime.date(2019, 1, 1),
            "must be greater than 2020-01-01",
        ),
        (at.Predicate(str.isupper), "abc", "predicate 'str.isupper' failed"),
        (
            pydantic.StringConstraints(max_length=2),
            "abc",
            "must be at most 2 characters long",
        ),
        (at.Gt(3), Size.SMALL, "must be greater than 3"),
    ],
    ids=repr,
)
def test_pydantic_constraints_are_applied(
    constraint: object, value: object, message: str
) -> None:
    assert fail("Thing", {"field": (value, (constraint,))}) == {"field": [message]}


@pytest.mark.parametrize(
    ("constraint", "value"),
    [
        (pydantic.Field(max_length=10), "x" * 10),
        (pydantic.Field(pattern="^a"), "abc"),
        (pydantic.Field(gt=0, lt=10), 5),
        (pydantic.Field(max_length=5), Status.DRAFT),
        (at.Ge(datetime.datetime(2020, 1, 1)), datetime.datetime(2024, 5, 1, 12)),
        (at.MaxLen(2), {"a": 1}),
        (pydantic.Field(description="only documentation"), ""),
        (pydantic.Field(max_length=3, strict=True), "abc"),
    ],
    ids=repr,
)
def test_pydantic_constraints_accept_good_values(
    constraint: object, value: object
) -> None:
    validate_fields("Thing", {"field": (value, (constraint,))})


def test_pydantic_validators_in_metadata_are_applied() -> None:
    def even(value: int) -> int:
        if value % 2:
            raise ValueError("must be even")
        return value

    check = pydantic.AfterValidator(even)
    validate_fields("Counter", {"n": (4, (check,))})
    assert fail("Counter", {"n": (5, (check,))}) == {"n": ["must be even"]}


def test_pydantic_constraints_do_not_change_the_value() -> None:
    value = " padded "
    constraint = pydantic.StringConstraints(strip_whitespace=True, max_length=20)
    validate_fields("Thing", {"field": (value, (constraint,))})
    assert value == " padded "


def test_rules_and_pydantic_constraints_combine() -> None:
    errors = fail(
        "Book",
        {
            "title": ("", (NotEmpty(), pydantic.Field(min_length=3))),
            "pages": (-1, (at.Ge(1),)),
        },
    )
    assert errors == {
        "title": ["must not be empty", "must be at least 3 characters long"],
        "pages": ["must be at least 1"],
    }


def test_a_constraint_that_does_not_fit_the_type_fails_without_the_value() -> None:
    errors = fail("Thing", {"a": (SECRET, (at.Gt(1),)), "b": (5, (at.MinLen(2),))})
    assert set(errors) == {"a", "b"}
    for messages in errors.values():
        assert messages == ["has a type its constraints cannot be checked against"]


@pytest.mark.parametrize(
    "metadata",
    [
        (HasLength(max=3),),
        (IsEmail(),),
        (IsIn("a"),),
        (IsUuid(),),
        (Matches("^x"),),
        (pydantic.Field(max_length=3),),
        (pydantic.Field(pattern="^x"),),
        (at.Predicate(str.isdigit),),
        (at.Gt(1),),
        (pydantic.Field(max_digits=2),),
    ],
    ids=repr,
)
def test_messages_never_contain_the_value(metadata: tuple[object, ...]) -> None:
    secret: object = Decimal("98765.4321") if "max_digits" in repr(metadata) else SECRET
    with pytest.raises(ValidationFailed) as caught:
        validate_fields("User", {"password": (secret, metadata)})
    text = str(caught.value) + repr(caught.value.errors) + repr(caught.value.args)
    assert str(secret) not in text
    assert "Sup3r" not in text
    assert "98765" not in text
    assert "password" in text


def test_messages_do_not_reveal_the_length_of_a_value() -> None:
    errors = fail("User", {"pin": ([1] * 7, (at.MaxLen(4),))})
    assert "7" not in repr(errors)


def test_validate_fields_accepts_metadata_from_rules_of() -> None:
    metadata = rules_of((pydantic.Field(max_length=2), "doc", HasLength(min=1)))
    assert fail("Thing", {"f": ("abc", metadata)}) == {
        "f": ["must be at most 2 characters long"]
    }


def test_validate_fields_accepts_lists_of_metadata() -> None:
    assert fail("Thing", {"f": ("", [NotEmpty()])}) == {"f": ["must not be empty"]}


# rules_of


def test_rules_of_picks_rules_and_constraints_in_order() -> None:
    length = HasLength(max=3)
    gt = at.Gt(1)
    after = pydantic.AfterValidator(int)
    grouped = at.Len(1, 2)
    picked = rules_of(["doc", length, object(), gt, after, grouped, None])
    assert picked == (length, gt, after, grouped)


def test_rules_of_unpacks_field_constraints() -> None:
    picked = rules_of([pydantic.Field(max_length=3, gt=1)])
    assert at.MaxLen(3) in picked
    assert at.Gt(1) in picked
    assert len(picked) == 2


def test_rules_of_drops_fields_without_constraints_and_strictness() -> None:
    assert rules_of([pydantic.Field(description="x"), pydantic.Strict()]) == ()
    assert rules_of([pydantic.Field(strict=True, default=1)]) == ()


def test_rules_of_accepts_metadata_from_a_type_hint() -> None:
    hint = Annotated[str, "doc", pydantic.Field(max_length=5), NotEmpty()]
    picked = rules_of(get_args(hint)[1:])
    assert picked == (at.MaxLen(5), NotEmpty())


def test_rules_of_is_idempotent() -> None:
    once = rules_of([pydantic.Field(max_length=3), IsEmail(), "doc"])
    assert rules_of(once) == once


# speed and caching


def test_fields_without_metadata_cost_no_lookups(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def explode(*args: object) -> None:
        raise AssertionError("planned a field that has no metadata")

    monkeypatch.setattr("tempest_orm.validation.validator._plan", explode)
    validate_fields("Book", {f"f{i}": (i, ()) for i in range(50)})


def test_pydantic_adapters_are_built_once_per_constraint_tuple(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    built: list[object] = []
    real = pydantic.TypeAdapter

    def counting(*args: object, **kwargs: object) -> object:
        built.append(args)
        return real(*args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(
        "tempest_orm.validation.validator.pydantic.TypeAdapter", counting
    )
    metadata = (pydantic.Field(max_length=7, pattern="^q"),)
    for _ in range(20):
        validate_fields("Cached", {"a": ("qa", metadata), "b": ("qb", metadata)})
    assert len(built) == 1


def test_metadata_holding_unhashable_values_is_supported() -> None:
    rule = IsIn(["a"], ["b"])
    validate_fields("Thing", {"f": (["a"], (rule,))})
    assert fail("Thing", {"f": (["c"], (rule,))}) == {
        "f": ["must be one of: ['a'], ['b']"]
    }


# ValidationFailed


def test_validation_failed_copies_the_errors() -> None:
    source = {"title": ["must not be empty"]}
    error = ValidationFailed("Book", source)
    source["title"].append("changed later")
    assert error.errors == {"title": ["must not be empty"]}


def test_validation_failed_without_errors_still_reads() -> None:
    assert str(ValidationFailed("Book", {})) == "Book: validation failed"
    assert ValidationFailed("Book", {"a": []}).errors == {}


def test_validation_failed_survives_pickling() -> None:
    error = ValidationFailed("Book", {"title": ["must not be empty"]})
    copy = pickle.loads(pickle.dumps(error))
    assert copy.errors == error.errors
    assert copy.model_name == "Book"
    assert str(copy) == str(error)


def test_validation_failed_is_a_plain_exception() -> None:
    assert issubclass(ValidationFailed, Exception)


def test_public_names_are_exported() -> None:
    for name in validation.__all__:
        assert hasattr(validation, name), name
    public = {n for n in vars(validation) if not n.startswith("_")}
    modules = {"errors", "rules", "validator"}
    assert public - modules - {"annotations"} == set(validation.__all__)
