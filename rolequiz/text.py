"""Make text from files safe to show: control characters become visible escapes, never act."""

from __future__ import annotations

import re

# C0 controls (tab and newline included: one entry is one line), DEL, C1 controls, and the
# Unicode line/paragraph separators and bidi overrides that can disguise what is shown.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """`text` with every control character replaced by a visible escape such as `\\x1b`."""
    if not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
