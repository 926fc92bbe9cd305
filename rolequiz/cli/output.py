"""What the commands print and write: standard output, notes on stderr, JSON lines, tables, files.

Every failure to write is one RolequizError line naming what could not be written and why
(exit 1, in rolequiz.cli.main); a reader that went away (`| head`) is a BrokenPipeError, which
main ends quietly.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rolequiz.errors import RolequizError
from rolequiz.text import escape_in_strings, printable

if TYPE_CHECKING:  # main imports this module: `rolequiz --version` loads no pydantic
    from rolequiz.domain.content import Bank
    from rolequiz.domain.progress import Progress

Section = tuple[str, list[str], list[list[str]]]  # heading, column names, rows


def out(text: str) -> None:
    """Write to standard output now (flushed, so a full disk is known here, not at exit)."""
    stream = sys.stdout
    if stream is None:  # started with standard output closed (`>&-`)
        raise RolequizError("cannot write to standard output: it is closed")
    try:
        stream.write(text)
        stream.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise RolequizError(
            f"cannot write to standard output: {exc.strerror or type(exc).__name__}"
        ) from None


def note(text: str) -> None:
    """Write a note or an error line to standard error; if that fails there is nowhere left to
    say so, and the exit code tells the rest."""
    stream = sys.stderr
    if stream is None or not text:
        return
    try:
        stream.write(text)
        stream.flush()
    except (OSError, ValueError):
        pass


def warning(message: str) -> str:
    return f"rolequiz: warning: {printable(message)}\n"


def unknown_skills(bank: Bank, path: Path, progress: Progress) -> tuple[list[str], str]:
    """The skill ids the profile names that the bank does not know, and the warning to print
    about them ("" if none)."""
    from rolequiz.domain.progress import unknown_skills_note

    unknown = progress.unknown_skills(bank.skill_by_id)
    if not unknown:
        return unknown, ""
    return unknown, warning(f"{path}: {unknown_skills_note(unknown)}")


def json_line(record: dict[str, Any]) -> str:
    """One JSON record: control characters, bidi marks and file names that are not UTF-8 are
    written as `\\u` escapes, so the line is safe on a terminal and reads back the same."""
    import json

    return escape_in_strings(json.dumps(record, ensure_ascii=False)) + "\n"


def text_lines(lines: list[str]) -> str:
    """Lines for the terminal: every name, tip and path from a file shown escaped."""
    return "".join(printable(line) + "\n" for line in lines)


def text_sections(title: str, sections: list[Section]) -> str:
    """A title, then each section as a heading and a table in aligned columns."""
    lines = [title]
    for heading, columns, rows in sections:
        lines += ["", f"{heading}: {len(rows) or 'none'}"]
        if not rows:
            continue
        lines += table([columns, *rows])
    return text_lines(lines)


def table(rows: list[list[str]], indent: str = "  ") -> list[str]:
    """Rows as lines of left-aligned columns, every cell shown escaped."""
    shown = [[printable(cell) for cell in row] for row in rows]
    widths = [max(len(row[i]) for row in shown) for i in range(len(shown[0]))]
    return [
        (indent + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True))).rstrip()
        for row in shown
    ]


def write_output(path: Path | None, text: str, *, source: Path | None = None) -> None:
    """`text` to the file `path`, or to standard output for None or `-`.

    An existing terminal, device or pipe named by the person (`/dev/stdout`, a FIFO) is written
    into, never replaced. Anything else goes through `files.report.write_report_text`: only a
    plain file is written (atomically), never a link, a folder or the profile `source` the
    report is made from, and a missing folder is not made.
    """
    if path is None or str(path) == "-":
        out(text)
        return
    shown = printable(str(path))
    try:
        try:
            mode: int | None = os.lstat(path).st_mode
        except FileNotFoundError:
            mode = None
        if mode is not None and (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):
            with path.open("w", encoding="utf-8") as stream:
                stream.write(text)
        else:
            from rolequiz.files.report import write_report_text

            write_report_text(path, text, open_profile=source, replace=True)
    except OSError as exc:
        raise RolequizError(f"cannot write {shown}: {exc.strerror or type(exc).__name__}") from None
    note(f"rolequiz: report written to {shown}\n")
