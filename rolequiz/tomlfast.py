"""A fast reader for the plain TOML that rolequiz files use; anything else is left to tomllib.

`tomllib` is pure Python and spends most of a big bank's load time, and most of scoring a team,
walking strings one character at a time. The files rolequiz reads are nearly all one plain line
per value: `key = "text"`, `key = 3`, `key = { weight = 4, why = "..." }`, `[[skill]]`, a list
of ids one per line. `loads` reads that subset a line at a time with regular expressions (a
table of `key = 3` lines, a profile's ratings, or a role's `[skills]`, in one go) and returns
exactly what `tomllib.loads` would. For any text with something outside it (escapes, dotted or
quoted keys, multi-line strings, a redefined table, control characters, ...) it returns None
and the caller uses tomllib, which also gives the error message for bad files.
A value it does not know on an otherwise plain line (`1e3`, a local date) goes to tomllib alone.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

_KEY = r"[A-Za-z0-9_-]+"
_INT = r"[+-]?(?:0|[1-9][0-9]*)"
_TAIL = r"[ \t]*(?:#.*)?"  # trailing spaces and a comment (`.` stops at the newline)
_END = rf"{_TAIL}(?:\n|\Z)"
# A scalar with no escapes: basic or literal string (on one line), decimal integer or float,
# boolean.
_SCALAR = rf'"[^"\\\n]*"|\'[^\'\n]*\'|{_INT}(?:\.[0-9]+)?|true|false'
_PAIR = rf"{_KEY}[ \t]*=[ \t]*(?:{_SCALAR})"
_INLINE_TABLE = rf"\{{[ \t]*(?:{_PAIR}(?:[ \t]*,[ \t]*{_PAIR})*[ \t]*)?\}}"
_LINE = re.compile(
    rf"[ \t]*(?:({_KEY})[ \t]*=[ \t]*"
    rf'(?:"(?P<str>[^"\\\n]*)"|(?P<int>{_INT})|(?P<inline>{_INLINE_TABLE})|(?P<other>[^ \t\n].*))'
    rf"|\[\[(?P<array_table>{_KEY}(?:\.{_KEY})?)\]\]|\[(?P<table>{_KEY}(?:\.{_KEY})?)\])?{_END}"
)
# A whole line that is `key = 3`, blank or a comment: a table of such lines (a profile's
# ratings) is read in one go.
_INT_LINE = re.compile(rf"^(?:[ \t]*({_KEY})[ \t]*=[ \t]*({_INT}))?{_TAIL}\n", re.MULTILINE)
# A whole line of a role's `[skills]` table as the shipped files lay it out (exactly these
# spaces, keys in this order), blank or a comment: such a table is read in one go, a role of a
# big bank being hundreds of them.
_SPEC_LINE = re.compile(
    rf"^(?:({_KEY}) = \{{ weight = (0|[1-9][0-9]*), target = (0|[1-9][0-9]*), "
    rf'(?:must = (true|false), )?why = "([^"\\\n]*)" \}}|[ \t]*(?:#.*)?)\n',
    re.MULTILINE,
)
# One pair with its value sorted by kind: basic string, integer, boolean, or another scalar.
_INLINE_PAIR = re.compile(
    rf'({_KEY})[ \t]*=[ \t]*(?:"([^"\\\n]*)"|({_INT})(?!\.)|(true|false)|({_SCALAR}))'
)
_ARRAY = re.compile(
    rf"\[[ \t]*(?:((?:{_SCALAR})(?:[ \t]*,[ \t]*(?:{_SCALAR}))*)[ \t]*,?[ \t]*)?\]{_TAIL}"
)
_ARRAY_ITEM = re.compile(_SCALAR)
_ARRAY_OPEN = re.compile(rf"\[{_TAIL}")
_ARRAY_LINE = re.compile(rf"[ \t]*(?:({_SCALAR})[ \t]*(,)?|(\]))?{_END}")
_SCALAR_VALUE = re.compile(rf"({_SCALAR}){_TAIL}")
# A UTC date and time to the second, as rolequiz writes `created` and `updated`.
_UTC_DATETIME = re.compile(
    r"([0-9]{4})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[Tt ]"
    rf"([01][0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9])(?:[Zz]|\+00:00){_TAIL}"
)
# Control characters tomllib refuses in strings and comments (tab aside; CR only in CRLF).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class _Unsupported(Exception):
    """The text needs the full parser."""


def loads(text: str) -> dict[str, Any] | None:
    """What `tomllib.loads(text)` returns, or None if the text needs tomllib itself."""
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    if _CONTROL.search(text):
        return None
    try:
        return _parse(text)
    except (_Unsupported, ValueError, RecursionError):  # e.g. an integer too long to convert
        return None


def _parse(text: str) -> dict[str, Any]:
    root: dict[str, Any] = {}
    current = root
    headed: set[int] = set()  # ids of tables a [header] may still add to
    table_arrays: set[int] = set()  # ids of lists made by [[header]]
    match, pos, size = _LINE.match, 0, len(text)
    while pos < size:
        found = match(text, pos)
        if found is None:
            raise _Unsupported
        pos = found.end()
        kind = found.lastgroup
        if kind is None:
            continue  # blank or comment
        if kind != "table" and kind != "array_table":
            key = found[1]
            if key in current:
                raise _Unsupported  # tomllib: cannot overwrite a value
            value = found[kind]
            if kind == "str":
                current[key] = value
            elif kind == "inline":
                current[key] = _inline_table(value)
            elif kind == "int":
                current[key] = int(value)
            else:
                current[key], pos = _value(value, text, pos)
            continue
        *parents, last = found[kind].split(".")
        base = root
        for part in parents:
            node = base.get(part)
            if isinstance(node, list) and id(node) in table_arrays:
                node = node[-1]
            elif not isinstance(node, dict) or id(node) not in headed:
                raise _Unsupported
            base = node
        if last in base:
            existing = base[last]
            if kind == "table" or id(existing) not in table_arrays:
                raise _Unsupported
        elif kind == "array_table":
            existing = base[last] = []
            table_arrays.add(id(existing))
        current = {}
        if kind == "table":
            base[last] = current
        else:
            existing.append(current)
        headed.add(id(current))
        pos = _int_table(text, pos, current)
    return root


def _whole_lines(text: str, pos: int) -> int:
    """Where the lines from `pos` up to the next header end (whole lines only: a last one
    with no newline is left); `pos` if there are none."""
    end = text.find("\n[", pos - 1) + 1 or len(text)
    end = text.rfind("\n", pos, end) + 1
    return max(end, pos)


def _int_table(text: str, pos: int, table: dict[str, Any]) -> int:
    """Fill the new `table` whose lines start at `pos` if they are all `key = 3` (or blank or
    comments) up to the next header, and return where it ends; else try `_spec_table`."""
    if _INT_LINE.match(text, pos) is None:
        return _spec_table(text, pos, table)
    end = _whole_lines(text, pos)
    lines = _INT_LINE.findall(text, pos, end)
    if end == pos or len(lines) != text.count("\n", pos, end):
        return _spec_table(text, pos, table)  # some line is something else
    table.update({key: int(value) for key, value in lines if key})
    if len(table) != len(lines) - lines.count(("", "")):  # less blank and comment lines
        raise _Unsupported  # a key given twice
    return end


def _spec_table(text: str, pos: int, table: dict[str, Any]) -> int:
    """As `_int_table`, for a table whose lines are all `_SPEC_LINE`s (a role's skills); else
    leave it to be read line by line and return `pos`."""
    if _SPEC_LINE.match(text, pos) is None:
        return pos
    end = _whole_lines(text, pos)
    lines = _SPEC_LINE.findall(text, pos, end)
    if end == pos or len(lines) != text.count("\n", pos, end):
        return pos
    entries = 0
    for key, weight, target, must, why in lines:
        if key:
            entries += 1
            if must:
                table[key] = {
                    "weight": int(weight),
                    "target": int(target),
                    "must": must == "true",
                    "why": why,
                }
            else:
                table[key] = {"weight": int(weight), "target": int(target), "why": why}
    if len(table) != entries:
        raise _Unsupported  # a key given twice
    return end


def _inline_table(text: str) -> dict[str, Any]:
    """An inline table of scalars, `text` matched by _INLINE_TABLE."""
    table: dict[str, Any] = {}
    for key, string, integer, boolean, other in _INLINE_PAIR.findall(text):
        if key in table:
            raise _Unsupported  # a key given twice
        if integer:
            table[key] = int(integer)
        elif boolean:
            table[key] = boolean == "true"
        elif other:
            table[key] = _scalar(other)
        else:
            table[key] = string
    return table


def _value(text: str, source: str, pos: int) -> tuple[Any, int]:
    """The value that `text` (the rest of a line) starts, and where reading goes on; an array
    written over several lines is read from `source` at `pos`."""
    first = text[0]
    if first == "[":
        found = _ARRAY.fullmatch(text)
        if found is not None:
            return [_scalar(item) for item in _ARRAY_ITEM.findall(found[1] or "")], pos
        if _ARRAY_OPEN.fullmatch(text):
            return _multiline_array(source, pos)
    else:
        found = _SCALAR_VALUE.fullmatch(text)
        if found is not None:
            return _scalar(found[1]), pos
        found = _UTC_DATETIME.fullmatch(text)
        if found is not None:  # an impossible date raises ValueError: tomllib then reports it
            year, month, day, hour, minute, second = map(int, found.groups())
            return datetime(year, month, day, hour, minute, second, tzinfo=UTC), pos
    import tomllib  # only for the rare value the patterns above do not cover

    try:
        return tomllib.loads("v = " + text)["v"], pos
    except tomllib.TOMLDecodeError:
        raise _Unsupported from None


def _multiline_array(source: str, pos: int) -> tuple[list[Any], int]:
    """An array of scalars written one per line (with commas) up to a line holding `]`."""
    items: list[Any] = []
    needs_comma = False
    while pos < len(source):
        found = _ARRAY_LINE.match(source, pos)
        if found is None:
            break
        pos = found.end()
        if found[3]:
            return items, pos
        if found[1] is not None:
            if needs_comma:
                break
            items.append(_scalar(found[1]))
            needs_comma = found[2] is None
    raise _Unsupported


def _scalar(text: str) -> Any:
    first = text[0]
    if first == '"' or first == "'":
        return text[1:-1]
    if text == "true":
        return True
    if text == "false":
        return False
    return float(text) if "." in text else int(text)
