"""Tables on the terminal: drawn with rich on a terminal, plain text otherwise."""

from __future__ import annotations

import sys
from collections.abc import Sequence

import click


def show_table(
    title: str, headers: Sequence[str], rows: Sequence[Sequence[str]]
) -> None:
    """Print a table; pipes and files get aligned plain text that greps well."""
    if sys.stdout.isatty():
        _rich_table(title, headers, rows)
        return

    widths = [len(header) for header in headers]
    for row in rows:
        widths = [
            max(width, len(cell)) for width, cell in zip(widths, row, strict=True)
        ]
    click.echo(title)
    click.echo(_line(headers, widths))
    for row in rows:
        click.echo(_line(row, widths))


def _line(cells: Sequence[str], widths: Sequence[int]) -> str:
    return "  ".join(
        cell.ljust(width) for cell, width in zip(cells, widths, strict=True)
    ).rstrip()


def _rich_table(
    title: str, headers: Sequence[str], rows: Sequence[Sequence[str]]
) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    for header in headers:
        table.add_column(header)
    for row in rows:
        table.add_row(*row)
    Console().print(table)
