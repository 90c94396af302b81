"""Test databases: a fresh, private schema on each backend for each test."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

import psycopg2
import pymysql

from tempest_orm.config import MysqlConfig, PostgresConfig, SQLiteConfig

BACKENDS = ("sqlite", "postgres", "mysql")

PG = {
    "host": os.environ.get("TEMPEST_TEST_PG_HOST", "127.0.0.1"),
    "port": int(os.environ.get("TEMPEST_TEST_PG_PORT", "5432")),
    "user": os.environ.get("TEMPEST_TEST_PG_USER", "postgres"),
    "password": os.environ.get("TEMPEST_TEST_PG_PASSWORD", ""),
    "dbname": os.environ.get("TEMPEST_TEST_PG_DATABASE", "test"),
}
MY = {
    "host": os.environ.get("TEMPEST_TEST_MYSQL_HOST", "127.0.0.1"),
    "port": int(os.environ.get("TEMPEST_TEST_MYSQL_PORT", "3306")),
    "user": os.environ.get("TEMPEST_TEST_MYSQL_USER", "root"),
    "password": os.environ.get("TEMPEST_TEST_MYSQL_PASSWORD", ""),
    "database": os.environ.get("TEMPEST_TEST_MYSQL_DATABASE", "test"),
}


def required() -> set[str]:
    """Backends whose absence fails the run instead of skipping."""
    names = os.environ.get("TEMPEST_TEST_REQUIRE", "")
    return {name.strip() for name in names.split(",") if name.strip()}


@cache
def unreachable(backend: str) -> str | None:
    """Why a backend cannot be used, or None when it can."""
    try:
        if backend == "postgres":
            psycopg2.connect(connect_timeout=3, **PG).close()
        elif backend == "mysql":
            pymysql.connect(connect_timeout=3, **MY).close()
    except Exception as error:  # any failure to connect means "skip"
        return f"{backend} is not reachable: {error}"
    return None


@contextmanager
def sandbox(
    backend: str, directory: str, tag: str | None = None
) -> Iterator[SQLiteConfig | PostgresConfig | MysqlConfig]:
    """A config for a fresh schema that is dropped afterwards."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    if backend == "sqlite":
        yield SQLiteConfig(path=os.path.join(directory, f"{name}.sqlite"), tag=tag)
        return

    if backend == "postgres":
        admin = psycopg2.connect(**PG)
        admin.autocommit = True
        with admin.cursor() as cursor:
            cursor.execute(f'CREATE SCHEMA "{name}"')
        try:
            yield PostgresConfig(
                host=PG["host"],
                port=PG["port"],
                username=PG["user"],
                password=PG["password"],
                database=PG["dbname"],
                schema=name,
                tag=tag,
            )
        finally:
            with admin.cursor() as cursor:
                cursor.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')
            admin.close()
        return

    admin = pymysql.connect(autocommit=True, **MY)
    with admin.cursor() as cursor:
        cursor.execute(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4")
    try:
        yield MysqlConfig(
            host=MY["host"],
            port=MY["port"],
            username=MY["user"],
            password=MY["password"],
            database=name,
            tag=tag,
        )
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS `{name}`")
        admin.close()
