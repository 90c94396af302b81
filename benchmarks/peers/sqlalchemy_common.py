"""The SQLAlchemy engine and tables shared by the Core and ORM workloads."""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Engine,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
)

from benchmarks.backends import MY, PG, SQLITE_PRAGMAS, Target

metadata = MetaData()
publishers = Table(
    "publishers",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(100), nullable=False),
)
authors = Table(
    "authors",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(100), nullable=False),
    Column("publisher_id", ForeignKey("publishers.id")),
)
books = Table(
    "books",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("author_id", ForeignKey("authors.id")),
    Column("title", String(200), nullable=False),
    Column("published_at", DateTime, nullable=False),
    Column("price", Float, nullable=False),
    Column("in_stock", Boolean, nullable=False),
)
chapters = Table(
    "chapters",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("book_id", ForeignKey("books.id"), nullable=False),
    Column("index", Integer, nullable=False),
    Column("contents", Text, nullable=False),
)


def engine_for(target: Target) -> Engine:
    """An engine on a fresh benchmark database, with the same settings as the rest."""
    if target.backend == "sqlite":
        engine = create_engine(f"sqlite:///{target.path}")

        @event.listens_for(engine, "connect")
        def pragmas(link: Any, record: Any) -> None:
            for pragma in SQLITE_PRAGMAS:
                link.execute(pragma)

        return engine
    if target.backend == "postgres":
        url = f"postgresql+psycopg2://{PG['user']}@{PG['host']}:{PG['port']}/{PG['dbname']}"
        return create_engine(
            url, connect_args={"options": f"-c search_path={target.name}"}
        )
    url = f"mysql+pymysql://{MY['user']}@{MY['host']}:{MY['port']}/{target.name}"
    return create_engine(url)
