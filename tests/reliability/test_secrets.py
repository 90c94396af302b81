"""Secrets: no password, key or plain secret in logs, errors, reprs or to_sql()."""

from __future__ import annotations

import dataclasses
import logging
import traceback
import uuid
from collections.abc import Callable, Iterator
from typing import Annotated, Any

import pymysql
import pytest

from tempest_orm import (
    ConfigurationError,
    Database,
    PrimaryKey,
    Query,
    QueryError,
    configure,
    query,
)
from tempest_orm.attributes import Encrypted, Hashed, Table
from tempest_orm.config import MysqlConfig
from tempest_orm.encryption import DecryptionFailed, EncryptionKeyMissing
from tempest_orm.hashing import verify
from tempest_orm.validation import HasLength, ValidationFailed
from tests.backends import MY

CONFIG_PASSWORD = "Config-Password-7f3a9"
SIGNING_KEY = "Signing-Key-0d1e2f3a4b5c6d7e8f90"
PLAIN_PASSWORD = "Plain-Password-hunter2"
SHORT_PASSWORD = "Short-1"
PLAIN_SECRET = "Plain-Secret-078-05-1120"
NEW_SECRET = "Plain-Secret-Rotated-219-09-9999"
SECRETS = [
    CONFIG_PASSWORD,
    SIGNING_KEY,
    PLAIN_PASSWORD,
    SHORT_PASSWORD,
    PLAIN_SECRET,
    NEW_SECRET,
]


class Account:
    id: PrimaryKey
    name: str
    password: Annotated[str, Hashed(), HasLength(min=8)]
    secret: Annotated[str, Encrypted()]


@Table("cramped")
class Cramped:
    id: PrimaryKey
    secret: Annotated[str, Encrypted()]


KEY = {
    "sqlite": "INTEGER PRIMARY KEY AUTOINCREMENT",
    "postgres": "SERIAL PRIMARY KEY",
    "mysql": "INTEGER AUTO_INCREMENT PRIMARY KEY",
}


class Everything(logging.Handler):
    """Every record of every logger, formatted with its exception and extras."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))
        self.lines.append(repr(vars(record)))


@pytest.fixture
def logs() -> Iterator[Everything]:
    handler = Everything()
    root = logging.getLogger()
    names = ["tempest_orm", "tempest_orm.query"]
    names += [n for n in logging.root.manager.loggerDict if n.startswith("tempest_orm")]
    levels = {name: logging.getLogger(name).level for name in names}
    old_root = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    for name in levels:
        logging.getLogger(name).setLevel(logging.DEBUG)
    yield handler
    root.removeHandler(handler)
    root.setLevel(old_root)
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)


@pytest.fixture
def guarded(db: Database) -> Iterator[Database]:
    """The test's database, reached with a password wherever a server takes one."""
    config: Any = db.config
    if db.dialect == "sqlite":
        yield db
        return
    if db.dialect == "postgres":
        # The test server trusts local connections, so any password is taken.
        yield configure(dataclasses.replace(config, password=CONFIG_PASSWORD))
        return

    user = f"t_{uuid.uuid4().hex[:10]}"
    admin = pymysql.connect(autocommit=True, **MY)
    hosts = ("%", "localhost", "127.0.0.1")
    with admin.cursor() as cursor:
        for host in hosts:
            password = admin.escape(CONFIG_PASSWORD)
            cursor.execute(f"CREATE USER '{user}'@'{host}' IDENTIFIED BY {password}")
            cursor.execute(f"GRANT ALL ON `{config.database}`.* TO '{user}'@'{host}'")
    try:
        yield configure(
            MysqlConfig(
                host=config.host,
                port=config.port,
                username=user,
                password=CONFIG_PASSWORD,
                database=config.database,
            )
        )
    finally:
        with admin.cursor() as cursor:
            for host in hosts:
                cursor.execute(f"DROP USER IF EXISTS '{user}'@'{host}'")
        admin.close()


def account(name: str, password: str, secret: str) -> Account:
    made = Account()
    made.name, made.password, made.secret = name, password, secret
    return made


def test_no_secret_in_logs_errors_reprs_or_sql(
    guarded: Database, logs: Everything, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SIGNING_KEY", SIGNING_KEY)
    db = guarded
    seen: list[str] = [repr(db), repr(db.config), str(db.config)]
    seen += [repr(db.connection()), repr(db.connection().raw)]

    def failing(action: Callable[[], object], kind: type[BaseException]) -> None:
        with pytest.raises(kind) as caught:
            action()
        seen.extend(traceback.format_exception(caught.value))
        seen.extend([str(caught.value), repr(caught.value)])

    key = KEY[db.dialect]
    db.execute(
        Query(
            f"CREATE TABLE accounts (id {key}, name VARCHAR(40) NOT NULL UNIQUE, "
            "password TEXT NOT NULL, secret TEXT NOT NULL)"
        )
    )
    db.execute(Query(f"CREATE TABLE cramped (id {key}, secret VARCHAR(10) NOT NULL)"))

    # Writes: an insert, an update by values and an update of a model.
    alice = account("alice", PLAIN_PASSWORD, PLAIN_SECRET)
    inserting = query(Account).insert(alice)
    seen += [repr(inserting), str(inserting.to_sql())]
    inserting.execute()
    updating = query(Account).update(secret=NEW_SECRET).where("name = ?", "alice")
    seen += [str(updating.to_sql())]
    assert updating.execute() == 1
    alice.secret = NEW_SECRET
    seen += [str(query(Account).update(alice).to_sql())]
    query(Account).update(alice).execute()

    # Reads: hydrated values are the plain ones, stored ones are not.
    back = query(Account).select().where("name = ?", "alice").first()
    assert back is not None and back.secret == NEW_SECRET
    assert verify(back.password, PLAIN_PASSWORD)
    seen += [repr(back), str(back), repr(vars(back).get("_tempest_state"))]
    stored = db.fetch_first(Query("SELECT password, secret FROM accounts"))
    assert stored is not None
    assert stored["password"].startswith("$argon2id$")
    seen += [str(stored)]
    # A plain value bound by hand reaches the driver but never a log line.
    db.fetch(Query("SELECT id FROM accounts WHERE name = ?", [PLAIN_SECRET]))

    # Failures: a duplicate, a value too long, bad SQL, validation, keys.
    failing(
        lambda: (
            query(Account)
            .insert(account("alice", PLAIN_PASSWORD, PLAIN_SECRET))
            .execute()
        ),
        QueryError,
    )
    if db.dialect != "sqlite":  # SQLite does not enforce VARCHAR lengths
        cramped = Cramped()
        cramped.secret = PLAIN_SECRET
        failing(lambda: query(Cramped).insert(cramped).execute(), QueryError)
    # (A value bound by hand is the caller's: the driver's own error, chained
    # as the cause, may quote it. Only Hashed and Encrypted values are kept
    # out of it, as the hash or the token.)
    failing(
        lambda: db.execute(Query("UPDATE accounts SET nope = ?", ["not secret"])),
        QueryError,
    )
    failing(
        lambda: (
            query(Account)
            .insert(account("bob", SHORT_PASSWORD, PLAIN_SECRET))
            .execute()
        ),
        ValidationFailed,
    )
    monkeypatch.setenv("SIGNING_KEY", "another-key-entirely-4242")
    failing(lambda: query(Account).select().all(), DecryptionFailed)
    monkeypatch.delenv("SIGNING_KEY")
    failing(
        lambda: (
            query(Account)
            .insert(account("carol", PLAIN_PASSWORD, PLAIN_SECRET))
            .execute()
        ),
        EncryptionKeyMissing,
    )
    if db.dialect != "sqlite":
        wrong: Any = dataclasses.replace(
            db.config, password=CONFIG_PASSWORD + "-wrong", database="t_missing_db"
        )
        failing(lambda: configure(wrong).execute(Query("SELECT 1")), ConfigurationError)

    assert logs.lines, "the session logged nothing: the capture is broken"
    for secret in SECRETS:
        for text in [*logs.lines, *seen]:
            assert secret not in text, f"{secret!r} leaked: {text[:200]!r}"
