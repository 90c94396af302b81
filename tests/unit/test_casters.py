"""Readers of stored values: what each dialect's driver may hand back."""

from __future__ import annotations

from datetime import datetime

import pytest

from tempest_orm.mapping.casters import read_as_is, reader_for


@pytest.mark.parametrize("dialect", ["sqlite", "postgres", "mysql"])
def test_a_datetime_reader_takes_text_numbers_and_datetimes(dialect: str) -> None:
    read = reader_for(datetime, dialect)
    assert read is not None
    expected = datetime(2020, 1, 1)
    # SQLite's numeric affinity turns the text '20200101' in a DATETIME column
    # into an integer.
    assert read(20200101) == expected
    assert read("2020-01-01 00:00:00") == expected
    assert read(expected) == expected


def test_only_values_a_reader_returns_unchanged_skip_it() -> None:
    assert read_as_is(float) is float
    assert read_as_is(datetime) is datetime
    # An aware field's reader puts naive values in UTC, so it always runs.
    assert read_as_is(datetime, aware=True) is not datetime
    assert read_as_is(str) is not str
