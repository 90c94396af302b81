"""An interactive, filterable pick list on a terminal, with the stdlib only."""

from __future__ import annotations

import os
import sys
import termios
import tty
from collections.abc import Sequence
from dataclasses import dataclass, field

import click

_UP = ("\x1b[A", "\x1bOA")
_DOWN = ("\x1b[B", "\x1bOB")
_ENTER = ("\r", "\n")
_BACKSPACE = ("\x7f", "\x08")
_CANCEL = ("\x03", "\x1b")


class PickCancelled(click.ClickException):
    """The user left the pick list without choosing."""

    def __init__(self) -> None:
        super().__init__("nothing was picked")


@dataclass
class PickList:
    """The state of a pick list: the filter, the cursor and the ticked options."""

    options: Sequence[str]
    query: str = ""
    cursor: int = 0
    ticked: set[str] = field(default_factory=set)

    @property
    def visible(self) -> list[str]:
        """The options whose text holds the filter, ignoring case."""
        needle = self.query.lower()
        return [option for option in self.options if needle in option.lower()]

    def press(self, key: str) -> bool:
        """Apply one key; True once the choice is confirmed."""
        visible = self.visible
        if key in _ENTER:
            return bool(self.ticked) or bool(visible)
        if key in _UP:
            self.cursor = max(self.cursor - 1, 0)
        elif key in _DOWN:
            self.cursor = min(self.cursor + 1, max(len(visible) - 1, 0))
        elif key == " " and visible:
            self.ticked ^= {visible[self.cursor]}
        elif key in _BACKSPACE:
            self.query = self.query[:-1]
            self.cursor = 0
        elif key.isprintable():
            self.query += key
            self.cursor = 0
        return False

    def chosen(self) -> list[str]:
        """The ticked options in their order, else the one under the cursor."""
        if self.ticked:
            return [option for option in self.options if option in self.ticked]
        return [self.visible[self.cursor]]

    def render(self, title: str) -> list[str]:
        """The lines that show the list."""
        lines = [click.style(title, bold=True)]
        lines.append("/ " + (self.query or click.style("Filter...", dim=True)))
        for index, option in enumerate(self.visible):
            pointer = "→" if index == self.cursor else " "
            mark = "[x]" if option in self.ticked else "[ ]"
            lines.append(f"{pointer} {mark} {option}")
        lines.append(
            click.style("↑/↓ move, space ticks, type to filter, enter runs", dim=True)
        )
        return lines


def pick(title: str, options: Sequence[str]) -> list[str]:
    """Let the user pick options on the terminal of stdin; raises on Ctrl-C or Esc."""
    state = PickList(options)
    descriptor = sys.stdin.fileno()
    saved = termios.tcgetattr(descriptor)
    drawn = 0
    try:
        tty.setcbreak(descriptor)
        while True:
            drawn = _draw(state.render(title), drawn)
            key = os.read(descriptor, 16).decode("utf-8", errors="ignore")
            if key in _CANCEL:
                raise PickCancelled()
            if state.press(key):
                return state.chosen()
    finally:
        termios.tcsetattr(descriptor, termios.TCSADRAIN, saved)
        click.echo()


def _draw(lines: list[str], previous: int) -> int:
    # Move back over what was drawn last time and clear it before drawing anew.
    prefix = f"\x1b[{previous}F\x1b[J" if previous else ""
    click.echo(prefix + "\n".join(lines), nl=False)
    return len(lines) - 1
