"""Models through query(Model): hydration, relations, eager loading, conversion."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import Decimal
from uuid import UUID

import pytest

from tempest_orm import Database, ModelError, PrimaryKey, RelationNotLoaded, query
from tempest_orm.model.inspector import inspect
from tests.integration.models import (
    Author,
    Book,
    Keyless,
    Novel,
    Publisher,
    Settings,
    Theme,
    Value,
    Writer,
    create_tables,
)


@pytest.fixture
def shop(db: Database) -> Database:
    create_tables(db)
    return db


def make(cls: type, **values: object) -> object:
    instance = cls()
    for name, value in values.items():
        setattr(instance, name, value)
    return instance


@pytest.fixture
def library(shop: Database) -> Database:
    """Two publishers, three authors, four books with chapters and one isbn."""
    publishers = [make(Publisher, name=n) for n in ("Stitcher", "Orbit")]
    query(Publisher).insert(*publishers).execute()
    authors = [
        make(Author, name="Brent", publisher=publishers[0]),
        make(Author, name="Aidan", publisher=publishers[1]),
        make(Author, name="Nobody"),
    ]
    query(Author).insert(*authors).execute()
    books = [
        make(Book, title="Timeline Taxi", author=authors[0]),
        make(Book, title="The Last Ship", author=authors[0]),
        make(Book, title="Dune", author=authors[1]),
        make(Book, title="Orphan"),
    ]
    query(Book).insert(*books).execute()
    for book in books[:3]:
        chapters = [
            {"index": i, "contents": f"{book.title} {i}", "book_id": book.id}  # type: ignore[attr-defined]
            for i in (1, 2)
        ]
        query("chapters").insert(*chapters).execute()
    query("isbns").insert(value="978-0", book_id=books[0].id).execute()  # type: ignore[attr-defined]
    return shop


class Counter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@pytest.fixture
def statements() -> Iterator[Counter]:
    counter = Counter()
    logger = logging.getLogger("tempest_orm.query")
    logger.addHandler(counter)
    logger.setLevel(logging.DEBUG)
    yield counter
    logger.removeHandler(counter)
    logger.setLevel(logging.NOTSET)


def test_metadata_from_type_hints() -> None:
    meta = inspect(Book)
    assert meta.table == "books"
    assert [c.name for c in meta.columns] == ["id", "title", "published_at"]
    assert {name: r.kind for name, r in meta.relations.items()} == {
        "author": "belongs_to",
        "chapters": "has_many",
        "isbn": "has_one",
    }
    assert inspect(Novel).table == "table_novels"
    assert inspect(Novel).primary is not None and inspect(Novel).primary.uuid  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("name", "table"),
    [
        ("Book", "books"),
        ("BookReview", "book_reviews"),
        ("Person", "people"),
        ("Category", "categories"),
    ],
)
def test_table_names(name: str, table: str) -> None:
    model = type(name, (), {"__annotations__": {"id": PrimaryKey}})
    assert inspect(model).table == table


def test_naming_strategy_from_the_config(backend: str, tmp_path: object) -> None:
    from tempest_orm import configure
    from tempest_orm.config import SQLiteConfig

    class Prefixed:
        def get_name(self, model: type) -> str:
            return "table_" + model.__name__

    configure(SQLiteConfig(path=f"{tmp_path}/n.sqlite", naming_strategy=Prefixed()))
    sql, _ = query(Book).select().to_sql()
    assert sql == 'SELECT * FROM "table_Book"'


def test_insert_sets_keys_and_select_hydrates(shop: Database) -> None:
    book = make(Book, title="Timeline Taxi", published_at=datetime(2024, 1, 2, 3, 4, 5))
    key = query(Book).insert(book).execute()
    assert book.id == key and isinstance(book.id, PrimaryKey)  # type: ignore[attr-defined]

    found = query(Book).select().where("id = ?", key).first()
    assert isinstance(found, Book)
    assert found.title == "Timeline Taxi"
    assert found.published_at == datetime(2024, 1, 2, 3, 4, 5)
    assert found.id == key and isinstance(found.id, PrimaryKey)
    assert found.slug == "timeline-taxi"


def test_belongs_to_writes_its_foreign_key(library: Database) -> None:
    rows = query("books").select("title", "author_id").order_by("id").all()
    assert [r["author_id"] for r in rows] == [1, 1, 2, None]


def test_unloaded_relations_raise_a_clear_error(library: Database) -> None:
    book = query(Book).select().where("id = ?", 1).first()
    assert book is not None
    with pytest.raises(RelationNotLoaded, match=r"with_\('author'\)"):
        _ = book.author
    with pytest.raises(RelationNotLoaded, match="chapters"):
        _ = book.chapters
    fresh = Book()
    assert fresh.chapters == [] and fresh.author is None


def test_eager_loading_costs_one_query_per_path(
    library: Database, statements: Counter
) -> None:
    books = (
        query(Book)
        .select()
        .with_("chapters", "author.publisher", "isbn")
        .order_by("id")
        .all()
    )
    assert statements.count == 1 + 4

    assert [b.author.name if b.author else None for b in books] == [
        "Brent",
        "Brent",
        "Aidan",
        None,
    ]
    assert books[0].author is books[1].author or books[0].author.name == "Brent"  # type: ignore[union-attr]
    assert books[2].author.publisher.name == "Orbit"  # type: ignore[union-attr]
    assert [len(b.chapters) for b in books] == [2, 2, 2, 0]
    assert books[0].chapters[1].contents == "Timeline Taxi 2"
    assert books[0].isbn is not None and books[0].isbn.value == "978-0"
    assert books[1].isbn is None
    assert books[3].chapters == [] and books[3].author is None


def test_has_many_eager_load(library: Database) -> None:
    authors = query(Author).select().with_("books.chapters").order_by("id").all()
    assert [len(a.books) for a in authors] == [2, 1, 0]
    assert sorted(c.index for c in authors[0].books[0].chapters) == [1, 2]


def test_parents_with_the_same_key_get_lists_of_their_own(library: Database) -> None:
    from tempest_orm.relations.eager import load_paths

    first = query(Author).select().where("name = ?", "Brent").first()
    again = query(Author).select().where("name = ?", "Brent").first()
    assert first is not None and again is not None
    load_paths(inspect(Author), library, [first, again], ["books"])

    assert [b.title for b in first.books] == [b.title for b in again.books]
    assert len(first.books) == 2
    first.books.pop()
    assert len(again.books) == 2


def test_eager_loading_many_parents_in_chunks(
    shop: Database, statements: Counter
) -> None:
    authors = [make(Author, name=f"a{i}") for i in range(1200)]
    query(Author).insert(*authors).execute()
    query(Book).insert(
        *[make(Book, title=f"b{i}", author=a) for i, a in enumerate(authors)]
    ).execute()
    statements.count = 0
    books = query(Book).select().with_("author").all()
    assert len(books) == 1200
    assert all(
        b.author is not None and b.author.name == f"a{b.title[1:]}" for b in books
    )
    assert statements.count == 2


def test_unknown_relation_in_with_names_it(library: Database) -> None:
    with pytest.raises(ModelError, match="no relation 'nope'"):
        query(Book).select().with_("nope").all()
    with pytest.raises(ModelError, match="Author has no relation 'missing'"):
        query(Book).select().with_("author.missing").all()


def test_model_without_primary_key(shop: Database) -> None:
    query(Keyless).insert(make(Keyless, title="x")).execute()
    assert [k.title for k in query(Keyless).select().all()] == ["x"]
    with pytest.raises(ModelError, match="Keyless has no primary key"):
        query(Keyless).delete(make(Keyless, title="x")).execute()


def test_update_and_delete_with_models(library: Database) -> None:
    book = query(Book).select().where("title = ?", "Dune").first()
    assert book is not None
    book.title = "Dune Messiah"
    assert query(Book).update(book).execute() == 1
    assert query(Book).update(title="Emma").where("id = ?", 4).execute() == 1
    titles = [b.title for b in query(Book).select().order_by("id").all()]
    assert titles == ["Timeline Taxi", "The Last Ship", "Dune Messiah", "Emma"]

    query("chapters").delete().where("book_id = ?", book.id).execute()
    assert query(Book).delete(book).execute() == 1
    assert query(Book).count().execute() == 3


def test_update_with_a_relation_writes_the_key(library: Database) -> None:
    aidan = query(Author).select().where("name = ?", "Aidan").first()
    query(Book).update(author=aidan).where("title = ?", "Orphan").execute()
    row = query("books").select("author_id").where("title = ?", "Orphan").first()
    assert row == {"author_id": 2}


def test_copying_models_keeps_foreign_keys(
    library: Database, make_sandbox: object
) -> None:
    backup = make_sandbox("backup")  # type: ignore[operator]
    create_tables(backup)
    publishers = query(Publisher).select().all()
    query(Publisher).insert(*publishers).on_database("backup").execute()
    authors = query(Author).select().all()
    query(Author).insert(*authors).on_database("backup").execute()
    copied = (
        query(Author)
        .select()
        .with_("publisher")
        .on_database("backup")
        .order_by("id")
        .all()
    )
    assert [a.publisher.name if a.publisher else None for a in copied] == [
        "Stitcher",
        "Orbit",
        None,
    ]


def test_uuid_keys_and_overridden_joins(shop: Database) -> None:
    writer = make(Writer, name="Le Guin")
    query(Writer).insert(writer).execute()
    key = writer.uuid  # type: ignore[attr-defined]
    assert UUID(str(key)).version == 7

    novels = [make(Novel, title=t, writer=writer) for t in ("Earthsea", "Dispossessed")]
    query(Novel).insert(*novels).execute()
    assert all(UUID(str(n.uuid)).version == 7 for n in novels)  # type: ignore[attr-defined]

    found = query(Writer).select().with_("novels").first()
    assert found is not None and found.uuid == str(key)
    assert sorted(n.title for n in found.novels) == ["Dispossessed", "Earthsea"]
    back = query(Novel).select().with_("writer").all()
    assert {n.writer.name for n in back if n.writer} == {"Le Guin"}


AWARE = datetime(2024, 3, 1, 12, 30, 45, 123456, tzinfo=timezone(timedelta(hours=2)))


def test_every_column_type_round_trips(shop: Database) -> None:
    value = Value(
        an_int=-(2**62),
        a_float=-0.1,
        a_decimal=Decimal("1234.567800"),
        a_bool=True,
        a_str="héllo 🐍 e\u0301",
        a_bytes=b"\x00\x01\xff",
        a_datetime=datetime(1999, 12, 31, 23, 59, 59, 999999),
        an_aware=AWARE,
        a_date=date(2000, 2, 29),
        a_time=time(23, 59, 58, 500000),
        a_uuid=UUID("12345678-1234-5678-1234-567812345678"),
        an_enum=Theme.DARK,
        a_list=[1, 2, 3],
        a_dict={"nested": {"list": [1, "two", None]}, "flag": True},
        settings=Settings(theme=Theme.LIGHT, hide_sidebar=True),
    )
    query(Value).insert(value).execute()
    (back,) = query(Value).select().all()

    for name in vars(value):
        if name == "id":
            continue
        got, sent = getattr(back, name), getattr(value, name)
        assert got == sent, name
        assert type(got) is type(sent), name
    assert back.an_aware is not None and back.an_aware.tzinfo is not None
    assert back.an_aware.astimezone(UTC) == AWARE.astimezone(UTC)
    assert back.settings is not None and back.settings.theme is Theme.LIGHT


def test_nulls_round_trip(shop: Database) -> None:
    query(Value).insert(Value()).execute()
    (back,) = query(Value).select().all()
    assert back.a_datetime is None and back.an_enum is None and back.settings is None


def test_streaming_and_chunks_hydrate_models(library: Database) -> None:
    assert [b.title for b in query(Book).select().order_by("id")][:2] == [
        "Timeline Taxi",
        "The Last Ship",
    ]
    chunks = list(query(Book).select().order_by("id").chunk(3))
    assert [len(c) for c in chunks] == [3, 1] and isinstance(chunks[0][0], Book)
    page = query(Book).select().order_by("id").paginate(2, 2)
    assert [b.title for b in page.items] == ["Dune", "Orphan"]


def test_eager_loading_past_the_binding_limit_goes_in_chunks(
    shop: Database, statements: Counter, monkeypatch: pytest.MonkeyPatch
) -> None:
    authors = [make(Author, name=f"a{i}") for i in range(250)]
    query(Author).insert(*authors).execute()
    books = [make(Book, title=f"b{i}", author=a) for i, a in enumerate(authors)]
    query(Book).insert(*books).execute()

    # Keys are sent as one array on PostgreSQL, and in chunks of the limit elsewhere.
    monkeypatch.setattr(type(shop.grammar), "max_bindings", 100)
    monkeypatch.setattr(type(shop.grammar), "supports_array_bindings", False)
    statements.count = 0
    loaded = query(Book).select().with_("author").all()
    assert statements.count == 1 + 3
    assert all(b.author is not None for b in loaded)
    assert all(b.author.name[1:] == b.title[1:] for b in loaded)  # type: ignore[union-attr]


class NoKey:
    name: str


class PointsAtNoKey:
    id: PrimaryKey
    target: NoKey | None = None


def test_a_relation_that_cannot_be_resolved_names_model_and_attribute(
    shop: Database,
) -> None:
    expected = r"PointsAtNoKey\.target: NoKey has no primary"
    with pytest.raises(ModelError, match=expected):
        query(PointsAtNoKey).select().with_("target").all()
