from tempest_orm import Database, Query, query


def test_round_trip(db: Database) -> None:
    db.execute(Query("CREATE TABLE books (id INTEGER PRIMARY KEY, title VARCHAR(50))"))
    query("books").insert(id=1, title="a").execute()
    assert query("books").select().all() == [{"id": 1, "title": "a"}]
