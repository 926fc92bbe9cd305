"""Make text from files safe to show: control characters become visible escapes, never act."""

from __future__ import annotations

import re

# C0 controls (tab and newline included: one entry is one line), DEL, C1 controls, the Unicode
# line/paragraph separators, the bidi controls that can disguise what is shown (the invisible
# marks U+061C, U+200E, U+200F, the embeddings and overrides U+202A-U+202E, the isolates
# U+2066-U+2069), the byte-order mark U+FEFF (invisible too), and lone surrogates (a file name
# that is not UTF-8), which a UTF-8 terminal cannot be sent at all.
_BIDI_AND_INVISIBLE = "\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff"
_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI_AND_INVISIBLE}\ud800-\udfff]")
# The same less tab and newline, which JSON and TOML text hold between values.
_UNSAFE_IN_DOCUMENT = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI_AND_INVISIBLE}\ud800-\udfff]")


def printable(text: str) -> str:
    """`text` with every control character replaced by a visible escape such as `\\x1b`.

    The one way text from a file (content, a profile, a path) reaches a screen or a terminal:
    control, direction and invisible characters come out as escapes (`\\u200e`), never act."""
    if not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub(_escape, text)


def escape_in_strings(text: str) -> str:
    """JSON or TOML text with the characters `printable` escapes (but tab and newline) as `\\uXXXX`.

    Both formats only hold such characters inside double-quoted strings, where `\\uXXXX` means
    the same character: the data read back is unchanged, but a terminal is never sent them.
    (json.dumps and tomli_w escape C0 controls themselves, but not C1 controls or bidi marks.)
    """
    if not _UNSAFE_IN_DOCUMENT.search(text):
        return text
    return _UNSAFE_IN_DOCUMENT.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def short_repr(value: object, limit: int = 40) -> str:
    """A printable `repr` of a value read from a file, cut to `limit` characters.

    Safe for any value: `repr` of an integer of more than 4,300 digits raises ValueError and of a
    table nested thousands deep raises RecursionError; those are described instead.
    """
    if isinstance(value, str):
        value = value[: limit + 1]  # enough to show and to know it was cut, without a huge repr
    try:
        text = printable(repr(value))
    except (ValueError, RecursionError):
        if isinstance(value, int):
            text = f"a number of {value.bit_length():,} bits"
        else:
            kind = "table" if isinstance(value, dict) else type(value).__name__
            text = f"a {kind} too large or deep to show"
    return shorten(text, limit)


def shorten(text: str, limit: int = 40) -> str:
    """`text` cut to `limit` characters, the last three `...` when it is cut."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
