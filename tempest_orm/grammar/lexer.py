"""A small SQL scanner: literals, quoted names, comments, placeholders, separators.

It knows just enough SQL to tell where string literals and quoted identifiers
begin and end, so that a ``?`` or a ``;`` inside them is left alone. Each dialect
describes its quoting rules with a :class:`Lexicon`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tempest_orm.exceptions import QueryError

_CACHE_LIMIT = 2048


@dataclass(frozen=True)
class Lexicon:
    """The lexical rules of one dialect, and the placeholder of its driver."""

    name: str
    backslash_escapes: bool = False
    double_quoted_strings: bool = False
    hash_comments: bool = False
    dollar_quotes: bool = False
    escape_strings: bool = False
    backtick_names: bool = False
    bracket_names: bool = False
    placeholder: str = "?"
    pattern: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "pattern", _compile(self))

    @property
    def rewrites(self) -> bool:
        """Whether the driver needs ``?`` rewritten and ``%`` doubled."""
        return self.placeholder != "?"


@dataclass(frozen=True)
class Scan:
    """What scanning one statement found."""

    sql: str
    placeholders: int
    has_separator: bool
    has_comment: bool


def _compile(lexicon: Lexicon) -> re.Pattern[str]:
    escaped = r"'(?:[^'\\]|\\.|'')*'?"
    plain = r"'(?:[^']|'')*'?"
    parts = [escaped if lexicon.backslash_escapes else plain]

    if lexicon.escape_strings:
        parts.insert(0, r"(?<![A-Za-z0-9_$])[eE]'(?:[^'\\]|\\.|'')*'?")
    if lexicon.double_quoted_strings:
        parts.append(r'"(?:[^"\\]|\\.|"")*"?')
    else:
        parts.append(r'"(?:[^"]|"")*"?')
    # A quote the server does not know must not hide a ";" from the scan:
    # PostgreSQL reads a backtick as an operator and "$" inside a name as part
    # of it, so each quoting rule applies only where the dialect has it.
    if lexicon.backtick_names:
        parts.append(r"`(?:[^`]|``)*`?")
    if lexicon.bracket_names:
        parts.append(r"\[[^\]]*\]?")
    if lexicon.dollar_quotes:
        parts.append(
            r"(?<![A-Za-z0-9_$])\$(?P<tag>[A-Za-z_][A-Za-z0-9_]*)?\$.*?"
            r"(?:\$(?P=tag)\$|\Z)"
        )

    literal = "|".join(parts)
    comment = r"--[^\n]*|/\*.*?(?:\*/|\Z)"
    if lexicon.hash_comments:
        comment += r"|\#[^\n]*"

    return re.compile(
        rf"(?P<literal>{literal})|(?P<comment>{comment})|(?P<mark>\?(?:, \?)*|;)",
        re.DOTALL,
    )


_cache: dict[tuple[str, str], Scan] = {}


def scan(sql: str, lexicon: Lexicon) -> Scan:
    """Scan ``sql`` and rewrite its placeholders for the driver of ``lexicon``."""
    key = (lexicon.name, sql)
    found = _cache.get(key)
    if found is not None:
        return found

    found = _scan(sql.rstrip().rstrip(";").rstrip(), lexicon)
    if len(_cache) >= _CACHE_LIMIT:
        # Builders produce few distinct shapes; a full cache means ad hoc SQL,
        # which gains little from being kept.
        _cache.clear()
    _cache[key] = found
    return found


def _scan(sql: str, lexicon: Lexicon) -> Scan:
    out: list[str] = []
    placeholders = 0
    separator = comment = False
    position = 0
    double = lexicon.rewrites

    for match in lexicon.pattern.finditer(sql):
        start, end = match.span()
        if double:
            out.append(sql[position:start].replace("%", "%%"))
        else:
            out.append(sql[position:start])
        position = end
        text = match.group()

        if match.lastgroup == "mark":
            if text == ";":
                separator = True
                out.append(text)
            else:
                # A run of "?, ?, ..." (an IN list, an INSERT's rows) is one
                # match, so long generated statements scan quickly.
                placeholders += text.count("?")
                out.append(text.replace("?", lexicon.placeholder))
            continue

        if match.lastgroup == "comment":
            comment = True
        out.append(text.replace("%", "%%") if double else text)

    out.append(sql[position:].replace("%", "%%") if double else sql[position:])
    return Scan("".join(out), placeholders, separator, comment)


_checked: set[tuple[str, str]] = set()


def check_fragment(fragment: str, lexicon: Lexicon, what: str) -> None:
    """Refuse a SQL fragment that holds a statement separator or a comment."""
    key = (lexicon.name, fragment)
    if key in _checked:
        return

    found = _scan(fragment, lexicon)
    if found.has_separator or found.has_comment:
        kind = "a statement separator" if found.has_separator else "a comment"
        raise QueryError(
            f"the {what} fragment holds {kind} outside string literals; "
            "one call runs exactly one statement",
            sql=fragment,
            dialect=lexicon.name,
        )
    if len(_checked) >= _CACHE_LIMIT:
        _checked.clear()
    _checked.add(key)


def split_statements(sql: str, lexicon: Lexicon) -> list[str]:
    """Split a script on ``;`` outside literals, dropping comments and blanks."""
    statements: list[str] = []
    current: list[str] = []
    position = 0

    for match in lexicon.pattern.finditer(sql):
        start, end = match.span()
        current.append(sql[position:start])
        position = end

        if match.lastgroup == "comment":
            current.append(" ")
        elif match.group() == ";":
            statements.append("".join(current))
            current = []
        else:
            current.append(match.group())

    current.append(sql[position:])
    statements.append("".join(current))
    return [text.strip() for text in statements if text.strip()]


def minify(sql: str, lexicon: Lexicon) -> str:
    """Collapse whitespace outside literals and drop comments, for hashing."""
    pieces: list[str] = []
    code: list[str] = []
    position = 0

    for match in lexicon.pattern.finditer(sql):
        start, end = match.span()
        code.append(sql[position:start])
        position = end
        if match.lastgroup == "comment":
            code.append(" ")
        elif match.lastgroup == "mark":
            code.append(match.group())
        else:
            pieces.append(_squeeze("".join(code)))
            pieces.append(match.group())
            code = []

    code.append(sql[position:])
    pieces.append(_squeeze("".join(code)))
    return "".join(pieces).strip()


def _squeeze(code: str) -> str:
    code = re.sub(r"\s+", " ", code)
    return re.sub(r" ?([(),;=]) ?", r"\1", code)
