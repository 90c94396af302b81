"""database:seed and migrate:fresh --seed: all, one, and the terminal pick list."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import time

import pytest

from tempest_orm import query
from tests.cli.conftest import App, command, environment


def seeded(app: App) -> list[str]:
    rows = query("authors").select("name").where("name LIKE ?", "seeded%").all()
    return sorted(row["name"] for row in rows)


def test_all_runs_every_seeder(app: App) -> None:
    assert app.run("migrate:up").exit_code == 0

    result = app.run("database:seed", "--all")

    assert result.exit_code == 0, result.output
    assert "Seeded: database.seeders.AuthorSeeder (" in result.stdout
    assert seeded(app) == ["seeded author", "seeded mailing"]


@pytest.mark.parametrize("name", ["MailingSeeder", "seeders.MailingSeeder"])
def test_seeder_picks_one_by_class_or_module_class(app: App, name: str) -> None:
    assert app.run("migrate:up").exit_code == 0

    result = app.run("database:seed", "--seeder", name)

    assert result.exit_code == 0, result.output
    assert seeded(app) == ["seeded mailing"]


def test_an_unknown_seeder_exits_non_zero_naming_it(app: App) -> None:
    result = app.run("database:seed", "--seeder", "NoSuchSeeder")
    assert result.exit_code != 0
    assert "NoSuchSeeder" in result.stderr


def test_several_seeders_without_a_terminal_name_the_flags(app: App) -> None:
    assert app.run("migrate:up").exit_code == 0

    result = app.script("database:seed")

    assert result.returncode != 0
    assert "--all" in result.stderr and "--seeder" in result.stderr
    assert seeded(app) == []


def test_a_single_seeder_runs_without_a_terminal(app: App) -> None:
    app.write("database/seeders.py", (app.root / "database/seeders.py").read_text()
              .split("class MailingSeeder")[0])  # fmt: skip
    assert app.run("migrate:up").exit_code == 0

    result = app.script("database:seed")

    assert result.returncode == 0, result.stderr
    assert seeded(app) == ["seeded author"]


def test_fresh_with_seed_and_seeder(app: App) -> None:
    assert app.run("migrate:up").exit_code == 0
    assert app.run("database:seed", "--all").exit_code == 0

    result = app.run("migrate:fresh", "--seeder", "AuthorSeeder")
    assert result.exit_code == 0, result.output
    assert seeded(app) == ["seeded author"]

    result = app.run("migrate:fresh", "--seed", "--all")
    assert result.exit_code == 0, result.output
    assert seeded(app) == ["seeded author", "seeded mailing"]

    refused = app.run("migrate:fresh", "--seeder", "Nope")
    assert refused.exit_code != 0 and "Nope" in refused.stderr
    assert seeded(app) == ["seeded author", "seeded mailing"]


def _read_until(fd: int, needle: bytes, timeout: float = 20.0) -> bytes:
    seen = b""
    deadline = time.monotonic() + timeout
    while needle not in seen:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise AssertionError(f"{needle!r} never came; got {seen!r}")
        ready, _, _ = select.select([fd], [], [], remaining)
        if ready:
            try:
                seen += os.read(fd, 4096)
            except OSError:
                break
    return seen


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_the_pick_list_filters_and_runs_the_picked_seeder(app: App) -> None:
    assert app.run("migrate:up").exit_code == 0
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [*command(), "--root", str(app.root), "database:seed"],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=environment(),
        close_fds=True,
    )
    os.close(follower)
    try:
        screen = _read_until(leader, b"MailingSeeder")
        assert b"Which seeders do you want to run?" in screen
        assert b"AuthorSeeder" in screen

        os.write(leader, b"mail")
        _read_until(leader, b"/ mail")
        os.write(leader, b"\r")
        output = _read_until(leader, b"Seeded: database.seeders.MailingSeeder")
        assert process.wait(timeout=20) == 0, output
    finally:
        if process.poll() is None:
            process.kill()
        os.close(leader)

    assert seeded(app) == ["seeded mailing"]


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_the_pick_list_ticks_several_with_space(app: App) -> None:
    assert app.run("migrate:up").exit_code == 0
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [*command(), "--root", str(app.root), "database:seed"],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=environment(),
        close_fds=True,
    )
    os.close(follower)
    try:
        _read_until(leader, b"MailingSeeder")
        os.write(leader, b" ")
        _read_until(leader, b"[x]")
        os.write(leader, b"\x1b[B")
        time.sleep(0.2)
        os.write(leader, b" ")
        time.sleep(0.2)
        os.write(leader, b"\r")
        _read_until(leader, b"Seeded: database.seeders.MailingSeeder")
        assert process.wait(timeout=20) == 0
    finally:
        if process.poll() is None:
            process.kill()
        os.close(leader)

    assert seeded(app) == ["seeded author", "seeded mailing"]


def test_each_seeder_logs_one_info_line(
    app: App, caplog: pytest.LogCaptureFixture
) -> None:
    import logging

    assert app.run("migrate:up").exit_code == 0
    with caplog.at_level(logging.INFO, logger="tempest_orm.seeders"):
        assert app.run("database:seed", "--all").exit_code == 0

    lines = [r.getMessage() for r in caplog.records if r.name == "tempest_orm.seeders"]
    assert [line.split(" [")[0] for line in lines] == [
        "seeded AuthorSeeder",
        "seeded MailingSeeder",
    ]


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_escape_leaves_the_pick_list_without_seeding(app: App) -> None:
    assert app.run("migrate:up").exit_code == 0
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [*command(), "--root", str(app.root), "database:seed"],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=environment(),
        close_fds=True,
    )
    os.close(follower)
    try:
        _read_until(leader, b"MailingSeeder")
        os.write(leader, b"\x1b")
        _read_until(leader, b"nothing was picked")
        assert process.wait(timeout=20) != 0
    finally:
        if process.poll() is None:
            process.kill()
        os.close(leader)

    assert seeded(app) == []


def test_the_pick_list_state() -> None:
    from tempest_orm.cli.picker import PickList

    state = PickList(["a.AuthorSeeder", "a.MailingSeeder", "b.MailSeeder"])
    for key in "MAIL":
        state.press(key)
    assert state.visible == ["a.MailingSeeder", "b.MailSeeder"]
    state.press("\x1b[B")
    assert state.chosen() == ["b.MailSeeder"]

    state.press("\x7f")
    state.press(" ")
    assert state.press("\r") is True
    assert state.chosen() == ["a.MailingSeeder"]

    for key in "zzz":
        state.press(key)
    assert state.visible == [] and state.press("\r") is True
    assert state.chosen() == ["a.MailingSeeder"]


def test_a_failing_seeder_exits_non_zero_naming_it(app: App) -> None:
    app.write(
        "database/broken_seeder.py",
        "from tempest_orm.seeders import DatabaseSeeder\n\n"
        "class BrokenSeeder(DatabaseSeeder):\n"
        "    def run(self, database):\n"
        "        raise RuntimeError('no data today')\n",
    )

    result = app.run("database:seed", "--seeder", "BrokenSeeder")

    assert result.exit_code != 0
    assert "BrokenSeeder failed: RuntimeError: no data today" in result.stderr
