"""Any value of every column type comes back equal, or is refused before sending."""

from __future__ import annotations

import math
import os
from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tempest_orm import Database, QueryError, ValueNotStorable, query
from tempest_orm.grammar import GRAMMARS
from tests.integration.models import Settings, Theme, Value, create_tables
from tests.reliability.conftest import Sent

EXAMPLES = int(os.environ.get("TEMPEST_TEST_EXAMPLES", "25"))
# The function-scoped ``db`` fixture is shared by the examples on purpose: each
# one writes its own row, found again by its key.
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

INT64 = st.integers(-(2**63), 2**63 - 1)
# DECIMAL(20, 6) on PostgreSQL and MariaDB; SQLite keeps the text of any Decimal.
DECIMALS = st.decimals(
    min_value=Decimal("-99999999999999.999999"),
    max_value=Decimal("99999999999999.999999"),
    places=6,
    allow_nan=False,
    allow_infinity=False,
)
SPECIAL_TEXT = [
    "",
    "e\u0301\u0327\u20dd",  # combining marks stacked on one letter
    "🐍👩\u200d💻🏳️\u200d🌈",  # emoji, joiners and a flag
    "\u202eright-to-left\u202c",
    "\ufdfa \U0001d518\U0001d52b \U0010fffd",  # wide ligature, Fraktur, last plane
    "a\x00b",
    '\'; DROP TABLE "values"; --',
]
OFFSETS = st.integers(-23 * 60 - 59, 23 * 60 + 59).map(
    lambda minutes: timezone(timedelta(minutes=minutes))
)


def first_year(backend: str) -> int:
    """MySQL's DATE and DATETIME are promised from the year 1000."""
    return 1000 if backend == "mysql" else 1


def text(backend: str) -> st.SearchStrategy[str]:
    """Any text the backend's text columns hold: PostgreSQL's cannot hold NUL."""
    banned = "\x00" if backend == "postgres" else ""
    alphabet = st.characters(exclude_categories=("Cs",), exclude_characters=banned)
    special = [s for s in SPECIAL_TEXT if not (banned and banned in s)]
    return st.one_of(st.text(alphabet, max_size=80), st.sampled_from(special))


def floats(backend: str) -> st.SearchStrategy[float]:
    """Doubles: PostgreSQL holds NaN and infinities, SQLite infinities only."""
    return st.floats(allow_nan=backend == "postgres", allow_infinity=backend != "mysql")


def json_values(backend: str) -> st.SearchStrategy[Any]:
    """Nested JSON: objects, arrays, text, numbers, booleans and null."""
    leaves = st.one_of(
        st.none(),
        st.booleans(),
        INT64,
        st.floats(allow_nan=False, allow_infinity=False),
        text(backend),
    )
    return st.recursive(
        leaves,
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.dictionaries(text(backend), inner, max_size=4)
        ),
        max_leaves=12,
    )


def aware(backend: str) -> st.SearchStrategy[datetime]:
    """Aware datetimes in any whole-minute offset whose UTC instant is storable."""
    # A day of margin keeps the local time inside the years 1 to 9999 too.
    instants = st.datetimes(
        min_value=datetime(first_year(backend), 1, 2),
        max_value=datetime(9999, 12, 30),
    )
    return st.builds(
        lambda instant, zone: instant.replace(tzinfo=UTC).astimezone(zone),
        instants,
        OFFSETS,
    )


def values(backend: str) -> st.SearchStrategy[Value]:
    """A Value with every column drawn from what the backend can hold."""
    year = first_year(backend)
    return st.builds(
        Value,
        an_int=INT64,
        a_float=floats(backend),
        a_decimal=DECIMALS,
        a_bool=st.booleans(),
        a_str=text(backend),
        a_bytes=st.binary(max_size=64) | st.just(b"\x00\x00\xff\x00"),
        a_datetime=st.none() | st.datetimes(min_value=datetime(year, 1, 1)),
        an_aware=st.none() | aware(backend),
        a_date=st.none() | st.dates(min_value=date(year, 1, 1)),
        a_time=st.none() | st.times(),
        a_uuid=st.none() | st.uuids(),
        an_enum=st.none() | st.sampled_from(Theme),
        a_list=st.lists(INT64, max_size=6),
        a_dict=st.dictionaries(text(backend), json_values(backend), max_size=4),
        settings=st.none()
        | st.builds(Settings, theme=st.sampled_from(Theme), hide_sidebar=st.booleans()),
    )


def assert_same(back: Value, sent: Value) -> None:
    """Every field equal and of the same type; instants for aware datetimes."""
    for name, value in vars(sent).items():
        if name == "id":
            continue
        got = getattr(back, name)
        if isinstance(value, float) and math.isnan(value):
            assert isinstance(got, float) and math.isnan(got), name
            continue
        assert got == value, name
        assert type(got) is type(value), name
    if sent.an_aware is not None:
        assert back.an_aware is not None and back.an_aware.utcoffset() is not None
        assert back.an_aware.astimezone(UTC) == sent.an_aware.astimezone(UTC)


@pytest.fixture
def table(db: Database) -> Database:
    create_tables(db)
    return db


def test_any_value_of_every_type_round_trips(table: Database, backend: str) -> None:
    @SETTINGS
    @given(value=values(backend))
    def round_trip(value: Value) -> None:
        value.id = None
        key = query(Value).insert(value).execute()
        back = query(Value).select().where("id = ?", key).first()
        assert back is not None
        assert_same(back, value)

    round_trip()


def edges(backend: str) -> list[Value]:
    """Rows at the ends of every range the backend holds."""
    year = first_year(backend)
    low, high = (-math.inf, math.inf) if backend != "mysql" else (-1e308, 1e308)
    return [
        Value(
            an_int=-(2**63),
            a_float=low,
            a_decimal=Decimal("-99999999999999.999999"),
            a_str="\U0010ffff",
            a_bytes=b"\x00",
            a_datetime=datetime(year, 1, 1),
            an_aware=datetime(year, 1, 2, tzinfo=timezone(timedelta(hours=23))),
            a_date=date(year, 1, 1),
            a_time=time.min,
            a_list=[-(2**63), 2**63 - 1],
            a_dict={"": None, "deep": [[[[{"x": []}]]]]},
        ),
        Value(
            an_int=2**63 - 1,
            a_float=high,
            a_decimal=Decimal("99999999999999.999999"),
            a_str="e" + "\u0301" * 500,
            a_bytes=b"\xff" * 1000,
            a_datetime=datetime.max,
            an_aware=datetime(9999, 12, 30, tzinfo=timezone(timedelta(hours=-23))),
            a_date=date.max,
            a_time=time.max,
            a_dict={"tiny": 5e-324, "huge": 1.7976931348623157e308},
        ),
    ]


def test_the_edges_of_every_range_round_trip(table: Database, backend: str) -> None:
    for value in edges(backend):
        key = query(Value).insert(value).execute()
        back = query(Value).select().where("id = ?", key).first()
        assert back is not None
        assert_same(back, value)


def test_long_text_and_bytes_round_trip(table: Database) -> None:
    long_text = "Iñtërnâtiônàlizætiøn 🐍 e\u0301 " * 40_000  # about a megabyte
    long_bytes = bytes(range(256)) * 4096
    key = query(Value).insert(Value(a_str=long_text, a_bytes=long_bytes)).execute()
    back = query(Value).select().where("id = ?", key).first()
    assert back is not None
    assert back.a_str == long_text and back.a_bytes == long_bytes


def test_negative_zero_comes_back_as_an_equal_zero(table: Database) -> None:
    # No backend keeps the sign: SQLite and MariaDB drop it, and PostgreSQL
    # reads the bound -0.0 as minus a NUMERIC zero, which has no sign.
    key = query(Value).insert(Value(a_float=-0.0)).execute()
    back = query(Value).select().where("id = ?", key).first()
    assert back is not None and back.a_float == 0.0 and type(back.a_float) is float


NOT_STORABLE: dict[str, list[tuple[str, object]]] = {
    "sqlite": [
        ("an_int", 2**63),
        ("an_int", -(2**63) - 1),
        ("a_float", math.nan),
    ],
    "postgres": [
        ("a_str", "a\x00b"),
    ],
    "mysql": [
        ("a_float", math.inf),
        ("a_float", -math.inf),
        ("a_float", math.nan),
        ("a_date", date(999, 12, 31)),
        ("a_datetime", datetime(999, 12, 31, 23, 59, 59)),
        ("an_aware", datetime(1000, 1, 1, 0, 30, tzinfo=timezone(timedelta(hours=1)))),
    ],
}
# Every backend: an aware value whose UTC instant is past 9999-12-31, and
# JSON holding numbers JSON cannot write.
PAST_THE_END = datetime(9999, 12, 31, 23, 0, tzinfo=timezone(timedelta(hours=-2)))


def refusals(backend: str) -> list[tuple[str, object]]:
    """The values ``backend`` cannot hold."""
    return [
        *NOT_STORABLE[backend],
        ("an_aware", PAST_THE_END),
        ("a_dict", {"nested": [1.5, math.nan]}),
        ("a_dict", {"nested": {"deeper": -math.inf}}),
    ]


def test_values_a_backend_cannot_hold_are_refused_before_sending(
    table: Database, backend: str, sent: Sent
) -> None:
    for column, value in refusals(backend):
        sent.sql.clear()
        with pytest.raises(ValueNotStorable, match=f"column '{column}'") as caught:
            query(Value).insert(Value(**{column: value})).execute()  # type: ignore[arg-type]
        assert "nothing was sent" in str(caught.value)
        if not isinstance(value, float):  # "nan" and "inf" are words of the text
            assert repr(value) not in str(caught.value)
        assert sent.sql == []

        with pytest.raises(ValueNotStorable, match=f"column '{column}'"):
            query(Value).update(**{column: value}).where("id = ?", 1).execute()
        with pytest.raises(ValueNotStorable, match="binding 1"):
            query(Value).select().where(f"{column} = ?", value).all()
        assert sent.sql == []
    assert query(Value).count().execute() == 0


def test_every_dialect_names_its_unstorable_values_without_a_server() -> None:
    for name, cls in GRAMMARS.items():
        grammar = cls()
        for _, value in refusals(name):
            found = grammar.find_unstorable([1, "x", value])
            assert found is not None and found[0] == 2
        assert grammar.find_unstorable([1, "x", 2.5, None, b"\x00"]) is None


def test_a_refused_value_leaves_the_transaction_usable(
    table: Database, backend: str
) -> None:
    # PostgreSQL aborts a transaction on any error the server sees, so the
    # rows committed after the refusal prove that nothing reached it.
    with table.transaction():
        query(Value).insert(Value(a_str="before")).execute()
        for column, value in refusals(backend):
            with pytest.raises(ValueNotStorable):
                query(Value).insert(Value(**{column: value})).execute()  # type: ignore[arg-type]
        query(Value).insert(Value(a_str="after")).execute()
    assert sorted(v.a_str for v in query(Value).select().all()) == ["after", "before"]


def test_integers_past_bigint_are_refused_whole(table: Database) -> None:
    # PostgreSQL and MariaDB bind any integer (a NUMERIC column may hold it), so
    # the server refuses a BIGINT overflow; SQLite refuses it before sending.
    rows = [Value(an_int=1), Value(an_int=2**64)]
    with pytest.raises(QueryError):
        query(Value).insert(*rows).execute()
    assert query(Value).count().execute() == 0
