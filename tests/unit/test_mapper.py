"""The mapper: JSON and dicts to models and back, with clear errors."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest

from tempest_orm import mapper
from tempest_orm.mapper import MappingFailed, SerializeAs
from tests.integration.models import Author, Book, Chapter, Settings, Theme


def test_json_collection_to_models_and_back() -> None:
    text = json.dumps(
        [
            {
                "id": 1,
                "title": "Timeline Taxi",
                "chapters": [{"index": 1, "contents": "a"}],
                "author": {"name": "Brent"},
            },
            {"title": "Dune"},
        ]
    )
    books = mapper.map(text).collection().to(Book)
    assert [b.title for b in books] == ["Timeline Taxi", "Dune"]
    assert isinstance(books[0].chapters[0], Chapter)
    assert isinstance(books[0].author, Author) and books[0].author.name == "Brent"
    assert books[0].id == 1

    back = json.loads(mapper.map(books).to_json())
    assert back[0]["title"] == "Timeline Taxi"
    assert back[0]["chapters"] == [{"index": 1, "contents": "a"}]
    assert back[0]["id"] == 1


def test_dict_to_model() -> None:
    book = mapper.map({"title": "X"}).to(Book)
    assert isinstance(book, Book) and book.title == "X"
    assert mapper.map(book).to_dict() == {"title": "X"}


def test_json_that_does_not_fit_names_the_field() -> None:
    with pytest.raises(
        MappingFailed, match=r"Chapter\[0\]\.index: expected int, got str"
    ):
        mapper.map('[{"index": "one"}]').collection().to(Chapter)
    with pytest.raises(MappingFailed, match=r"Book\.chapters: expected a list"):
        mapper.map({"chapters": 3}).to(Book)
    with pytest.raises(MappingFailed, match="expected an object"):
        mapper.map("[1]").collection().to(Book)


def test_serialize_as_round_trip_and_unique_identifiers() -> None:
    data = mapper.map(Settings(theme=Theme.DARK, hide_sidebar=False)).to_dict()
    assert data == {
        "type": "test_settings",
        "data": {"theme": "dark", "hide_sidebar": False},
    }

    with pytest.raises(TypeError, match="already used"):

        @SerializeAs("test_settings")
        @dataclass
        class Other:
            x: int
