"""Configs, env(), the application root and discovery of *.config.py files."""

from __future__ import annotations

import enum
from pathlib import Path

import pytest

import tempest_orm
from tempest_orm import ConfigurationError, database, env, root_path
from tempest_orm.config import MysqlConfig, PostgresConfig, SQLiteConfig, set_root
from tempest_orm.discovery import DiscoveryFailed
from tempest_orm.registry import tags


def test_env_reads_and_parses(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TEMPEST_X", raising=False)
    assert env("TEMPEST_X") is None
    assert env("TEMPEST_X", default="5432") == "5432"

    monkeypatch.setenv("TEMPEST_X", "3307")
    assert env("TEMPEST_X", default=3306) == 3307
    assert env("TEMPEST_X") == "3307"
    for text, value in [
        ("true", True),
        ("false", False),
        ("null", None),
        ("empty", ""),
    ]:
        monkeypatch.setenv("TEMPEST_X", text)
        assert env("TEMPEST_X", default="x") == value


def test_ports_are_ints_from_strings() -> None:
    assert PostgresConfig(port="5433").port == 5433
    assert MysqlConfig(port=3307).port == 3307
    with pytest.raises(ConfigurationError, match="not a number"):
        PostgresConfig(port="pg")
    with pytest.raises(ConfigurationError, match="out of range"):
        MysqlConfig(port=70000)


def test_repr_hides_the_password() -> None:
    config = PostgresConfig(password="hunter2", tag="main")
    assert "hunter2" not in repr(config)
    assert "***" in repr(config)
    assert "hunter2" not in str(MysqlConfig(password="hunter2"))


def test_enum_tags_count_by_value() -> None:
    class Kind(enum.Enum):
        MAIN = "main"

    assert SQLiteConfig(tag=Kind.MAIN).key == "main"
    assert SQLiteConfig().key is None


def test_root_path(tmp_path: Path) -> None:
    set_root(tmp_path)
    assert root_path("a", "b.txt") == str(tmp_path / "a" / "b.txt")


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def test_config_files_are_discovered_in_subfolders(tmp_path: Path) -> None:
    write(
        tmp_path / "app" / "Config" / "database.config.py",
        "from tempest_orm.config import SQLiteConfig\n"
        "from tempest_orm import root_path\n"
        "config = SQLiteConfig(path=root_path('main.sqlite'))\n",
    )
    write(
        tmp_path / "app" / "database-backup.config.py",
        "from tempest_orm.config import SQLiteConfig\n"
        "config = SQLiteConfig(path='backup.sqlite', tag='backup')\n",
    )
    write(tmp_path / ".hidden" / "x.config.py", "raise SystemExit('not scanned')\n")
    write(tmp_path / "node_modules" / "y.config.py", "raise SystemExit('no')\n")
    write(tmp_path / "venv" / "pyvenv.cfg", "")
    write(tmp_path / "venv" / "z.config.py", "raise SystemExit('no')\n")

    assert tags() == [None, "backup"]
    db = database()
    assert isinstance(db.config, SQLiteConfig)
    assert db.config.path == str(tmp_path / "main.sqlite")
    assert database("backup").config.tag == "backup"


def test_a_config_file_that_fails_names_itself(tmp_path: Path) -> None:
    write(tmp_path / "broken.config.py", "import no_such_module\n")
    with pytest.raises(DiscoveryFailed) as caught:
        database()
    assert "broken.config.py" in str(caught.value)
    assert "no_such_module" in str(caught.value)


def test_a_tag_configured_twice_is_an_error(tmp_path: Path) -> None:
    for name in ("a", "b"):
        write(
            tmp_path / f"{name}.config.py",
            "from tempest_orm.config import SQLiteConfig\nconfig = SQLiteConfig()\n",
        )
    with pytest.raises(ConfigurationError, match="configured twice"):
        database()


def test_configure_wins_over_discovery(tmp_path: Path) -> None:
    write(
        tmp_path / "database.config.py",
        "from tempest_orm.config import SQLiteConfig\n"
        "config = SQLiteConfig(path='a')\n",
    )
    tempest_orm.configure(SQLiteConfig(path=str(tmp_path / "b.sqlite")))
    assert database().config.path == str(tmp_path / "b.sqlite")  # type: ignore[union-attr]


def test_public_names_are_exported() -> None:
    for name in tempest_orm.__all__:
        assert hasattr(tempest_orm, name), name
    for name in ("DatabaseError", "IntegrityError", "ConnectionLost", "QueryError"):
        assert name in tempest_orm.__all__
