"""IsDatabaseModel on every backend: the reference's scenario and its edges."""

from __future__ import annotations

import pytest

from tempest_orm import (
    Database,
    IntegrityError,
    PrimaryKey,
    Query,
    RelationNotLoaded,
    query,
)
from tempest_orm.hashing import is_hash, verify
from tempest_orm.validation import ValidationFailed
from tests.integration.ar_models import (
    USERS,
    Author,
    Book,
    Chapter,
    Isbn,
    Novel,
    Publisher,
    User,
)
from tests.integration.models import create_tables


@pytest.fixture
def shop(db: Database) -> Database:
    create_tables(db)
    db.execute(Query(USERS[db.dialect]))
    return db


@pytest.fixture(autouse=True)
def signing_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SIGNING_KEY", "test-signing-key")
    monkeypatch.delenv("SIGNING_KEY_PREVIOUS", raising=False)


def test_the_reference_scenario(shop: Database) -> None:
    author = Author.create(name="Brent")
    book = Book.create(
        title="Timeline Taxi",
        author=author,
        chapters=[
            Chapter(index=1, contents="a"),
            Chapter(index=2, contents="b"),
            Chapter(index=3, contents="c"),
        ],
    )
    assert isinstance(book.id, PrimaryKey)
    assert all(isinstance(c.id, PrimaryKey) for c in book.chapters)
    Book.create(title="The Last Ship", author=author)

    books = (
        Book.select()
        .where("title LIKE ?", "T%")
        .order_by("title DESC")
        .limit(10)
        .with_("author", "chapters")
        .all()
    )
    assert [b.title for b in books] == ["Timeline Taxi", "The Last Ship"]
    assert books[0].author is not None and books[0].author.name == "Brent"
    assert [c.index for c in sorted(books[0].chapters, key=lambda c: c.index)] == [
        1,
        2,
        3,
    ]

    third = sorted(books[0].chapters, key=lambda c: c.index)[2]
    third.delete()
    assert Chapter.count().execute() == 2
    assert query("chapters").count().where("book_id = ?", book.id).execute() == 2


def test_class_calls(shop: Database) -> None:
    first = Author.create(name="Brent")
    Author.create(name="Aidan")
    assert Author.get(first.id) is not None
    assert Author.get(int(first.id)).name == "Brent"  # type: ignore[union-attr]
    assert Author.get(str(first.id)).name == "Brent"  # type: ignore[union-attr]
    assert Author.get(999) is None
    assert [a.name for a in Author.find(name="Aidan").all()] == ["Aidan"]
    assert Author.count().execute() == 2
    assert sorted(a.name for a in Author.all()) == ["Aidan", "Brent"]
    assert Author.update(name="X").where("name = ?", "Aidan").execute() == 1
    assert Author.delete().where("name = ?", "X").execute() == 1
    new = Author.new(name="Unsaved")
    assert new.id is None and Author.count().execute() == 1


def test_instance_save_update_refresh_and_delete(shop: Database) -> None:
    author = Author(name="Brent")
    author.save()
    key = author.id
    author.name = "Brent R."
    author.save()
    assert author.id == key
    assert Author.get(key).name == "Brent R."  # type: ignore[union-attr]

    author.update(name="Roose")
    query("authors").update(name="Changed").where("id = ?", key).execute()
    assert author.refresh().name == "Changed"

    author.delete()
    assert Author.get(key) is None


def test_saving_twice_never_duplicates_children(shop: Database) -> None:
    book = Book.create(title="T", chapters=[Chapter(index=1, contents="a")])
    book.chapters[0].contents = "changed"
    book.chapters.append(Chapter(index=2, contents="b"))
    book.save()
    book.save()
    rows = query("chapters").select("contents").order_by("id").all()
    assert [r["contents"] for r in rows] == ["changed", "b"]


def test_has_one_and_unsaved_belongs_to_targets(shop: Database) -> None:
    publisher = Publisher(name="Stitcher")
    author = Author(name="Brent", publisher=publisher)
    book = Book(title="T", author=author, isbn=Isbn(value="978"))
    book.save()
    assert publisher.id is not None and author.id is not None

    found = Book.select().with_("isbn", "author.publisher").first()
    assert found is not None
    assert found.isbn is not None and found.isbn.value == "978"
    assert found.author.publisher.name == "Stitcher"  # type: ignore[union-attr]


def test_load_on_an_instance(shop: Database) -> None:
    Book.create(
        title="T",
        author=Author(name="Brent"),
        chapters=[Chapter(index=1, contents="a")],
    )
    book = Book.get(1)
    assert book is not None
    with pytest.raises(RelationNotLoaded):
        _ = book.author
    book.load("chapters", "author.publisher")
    assert book.author.name == "Brent"  # type: ignore[union-attr]
    assert [c.index for c in book.chapters] == [1]


def test_a_failure_in_a_nested_write_leaves_nothing(shop: Database) -> None:
    chapters = [Chapter(index=1, contents="a"), Chapter(index=None, contents="b")]  # type: ignore[arg-type]
    book = Book(title="T", author=Author(name="Brent"), chapters=chapters)
    with pytest.raises(IntegrityError):
        book.save()
    for table in ("books", "authors", "chapters"):
        assert query(table).count().execute() == 0
    assert book.id is None and book.author.id is None  # type: ignore[union-attr]

    book.chapters[1].index = 2
    book.save()
    assert query("chapters").count().execute() == 2


def test_validation_lists_every_field_and_sends_nothing(shop: Database) -> None:
    chapters = [Chapter(index=1, contents="x" * 201)]
    with pytest.raises(ValidationFailed) as caught:
        Book.create(title="", author=Author(name=""), chapters=chapters)
    assert set(caught.value.errors) == {"title", "author.name", "chapters[0].contents"}
    assert query("books").count().execute() == 0

    with pytest.raises(ValidationFailed) as caught:
        User.create(email="not an email")
    assert set(caught.value.errors) == {"email"}
    with pytest.raises(ValidationFailed):
        query(Book).insert(Book(title="")).execute()
    with pytest.raises(ValidationFailed):
        Book.update(title="x" * 121).where("id = ?", 1).execute()


def test_mutable_defaults_are_per_instance() -> None:
    one, two = Book(title="a"), Book(title="b")
    one.chapters.append(Chapter(index=1, contents="x"))
    assert two.chapters == []


def test_unknown_keyword_is_refused() -> None:
    with pytest.raises(TypeError, match="no attribute 'titel'"):
        Book(titel="typo")  # type: ignore[call-arg]


def test_uuid_primary_keys(shop: Database) -> None:
    novel = Novel.create(title="Earthsea")
    assert "id" not in vars(novel) or novel.__dict__.get("id") is None
    assert len(str(novel.uuid)) == 36
    found = Novel.get(novel.uuid)
    assert found is not None and found.title == "Earthsea"
    found.update(title="A Wizard of Earthsea")
    assert Novel.get(str(novel.uuid)).title == "A Wizard of Earthsea"  # type: ignore[union-attr]


def test_hashed_passwords(shop: Database) -> None:
    user = User.create(email="a@b.co", password="hunter2")
    stored = query("users").select("password").first()
    assert stored is not None and is_hash(stored["password"])
    assert verify(stored["password"], "hunter2")

    again = User.get(user.id)
    assert again is not None
    again.save()
    assert query("users").select("password").first() == stored
    assert "hunter2" not in repr(user) and stored["password"] not in repr(again)


def test_encrypted_values_and_rotation(
    shop: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = User.create(email="a@b.co", token="sk-live-123")
    raw = query("users").select("token").first()
    assert raw is not None and "sk-live-123" not in raw["token"]
    assert User.get(user.id).token == "sk-live-123"  # type: ignore[union-attr]
    assert "sk-live-123" not in repr(User.get(user.id))

    monkeypatch.setenv("SIGNING_KEY", "a-new-key")
    monkeypatch.setenv("SIGNING_KEY_PREVIOUS", "test-signing-key")
    rotated = User.get(user.id)
    assert rotated is not None and rotated.token == "sk-live-123"
    rotated.save()
    monkeypatch.delenv("SIGNING_KEY_PREVIOUS")
    assert User.get(user.id).token == "sk-live-123"  # type: ignore[union-attr]


def test_missing_signing_key_never_writes_plain_text(
    shop: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tempest_orm.encryption import EncryptionKeyMissing

    monkeypatch.delenv("SIGNING_KEY")
    with pytest.raises(EncryptionKeyMissing, match="SIGNING_KEY"):
        User.create(email="a@b.co", token="plain")
    assert query("users").count().execute() == 0


def test_copying_to_another_database(shop: Database, make_sandbox: object) -> None:
    backup = make_sandbox("backup")  # type: ignore[operator]
    create_tables(backup)
    Author.create(name="Brent")
    Author.insert(*Author.all()).on_database("backup").execute()
    assert [a.name for a in Author.on_database("backup").all()] == ["Brent"]


def test_a_deleted_child_stays_deleted_when_the_parent_is_saved(shop: Database) -> None:
    book = Book.create(title="T", chapters=[Chapter(index=1, contents="a")])
    book.chapters[0].delete()
    book.save()
    assert query("chapters").count().execute() == 0
    book.chapters[0].save()
    assert query("chapters").count().execute() == 1


def test_instances_read_together_change_apart(shop: Database) -> None:
    # Rows of one result share what they know of their state until one changes.
    Author.create(name="A")
    Author.create(name="B")
    first, second = Author.select().order_by("name").all()

    first.delete()
    assert Author.count().execute() == 1
    second.name = "B2"
    second.save()
    first.save()

    assert [a.name for a in Author.select().order_by("name").all()] == ["A", "B2"]
    assert Author.count().execute() == 2
