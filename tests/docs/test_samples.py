"""Run every ```python block of ``docs/*.md``, so the documentation cannot drift.

The blocks of one page run top to bottom in one namespace: a real module object,
registered in ``sys.modules`` so that forward references in model classes resolve.
Each page runs on every backend, with the default connection on a fresh schema.

A block is not run when its fence reads ```python skip, or when the line before it
is an HTML comment ``<!-- not run: why -->``. A page whose samples import a module
that is not built yet (migrations, statements, seeders) is reported as skipped.
"""

from __future__ import annotations

import re
import sys
import textwrap
import types
from dataclasses import dataclass
from pathlib import Path

import pytest

from tempest_orm import Database

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"

# Modules another branch is building: their absence skips a page instead of failing.
PENDING = ("tempest_orm.migrations", "tempest_orm.statements", "tempest_orm.seeders")

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>[^`]*)$")
_NOT_RUN = re.compile(r"^\s*<!--\s*not run:.*-->\s*$")


@dataclass(frozen=True)
class Sample:
    """One fenced python block of a page."""

    page: str
    line: int
    code: str
    run: bool


def samples_of(path: Path) -> list[Sample]:
    """The python blocks of a page, in order, each with its first line number."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found: list[Sample] = []
    index = 0
    while index < len(lines):
        opening = _FENCE.match(lines[index])
        if opening is None:
            index += 1
            continue

        fence = opening["fence"]
        words = opening["info"].split()
        start = index + 1
        index = start
        while index < len(lines) and lines[index].strip() != fence:
            index += 1
        body = textwrap.dedent("\n".join(lines[start:index]))
        index += 1

        if not words or words[0] not in ("python", "py"):
            continue
        previous = next((ln for ln in reversed(lines[: start - 1]) if ln.strip()), "")
        skipped = "skip" in words[1:] or _NOT_RUN.match(previous) is not None
        found.append(Sample(path.name, start + 1, body, not skipped))
    return found


def _in_this_tree(module: str) -> bool:
    path = ROOT.joinpath(*module.split("."))
    return path.is_dir() or path.with_suffix(".py").is_file()


PAGES = sorted(DOCS.glob("*.md"))


def test_the_docs_have_pages() -> None:
    assert PAGES, f"no pages under {DOCS}"


def test_every_page_is_in_the_nav_and_every_nav_entry_exists() -> None:
    nav = re.findall(r":\s*(\S+\.md)\s*$", (ROOT / "mkdocs.yml").read_text(), re.M)
    assert sorted(nav) == sorted(page.name for page in PAGES)


@pytest.mark.parametrize("page", PAGES, ids=[page.stem for page in PAGES])
def test_page(
    page: Path,
    db: Database,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """Every runnable block of the page passes, in order, in one module."""
    samples = [sample for sample in samples_of(page) if sample.run]
    if not samples:
        return

    monkeypatch.setenv("SIGNING_KEY", "docs-signing-key")
    monkeypatch.delenv("SIGNING_KEY_PREVIOUS", raising=False)
    monkeypatch.chdir(tmp_path)

    for pending in PENDING:
        if not _in_this_tree(pending):
            # An installed copy of the package elsewhere may have the module;
            # the docs describe this tree, so it counts as missing here.
            monkeypatch.setitem(sys.modules, pending, None)

    name = f"docs_{page.stem.replace('-', '_')}"
    module = types.ModuleType(name)
    module.__file__ = str(page)
    monkeypatch.setitem(sys.modules, name, module)

    for done, sample in enumerate(samples):
        # Blank lines in front make tracebacks point at the page's own lines.
        source = "\n" * (sample.line - 1) + sample.code
        code = compile(source, f"docs/{sample.page}", "exec")
        try:
            exec(code, module.__dict__)
        except ModuleNotFoundError as error:
            if error.name in PENDING:
                pytest.skip(
                    f"{page.name}: {error.name} is not available "
                    f"({done} of {len(samples)} samples ran)"
                )
            raise


def test_a_skip_marker_is_seen(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "```python\nx = 1\n```\n\n```python skip\nboom\n```\n\n"
        "<!-- not run: needs a server -->\n```python\nboom\n```\n\n"
        "!!! note\n    ```python\n    y = x\n    ```\n\n```sh\nls\n```\n",
        encoding="utf-8",
    )
    found = samples_of(page)
    assert [(s.line, s.run) for s in found] == [
        (2, True),
        (6, False),
        (11, False),
        (16, True),
    ]
    assert found[3].code.strip() == "y = x"
