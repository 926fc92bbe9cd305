"""Files beside a profile: opening it, dated backups and copies, free names, report targets.

Every new name is found by one function, `free_name`, so a backup, a copy, a fresh profile or a
"save elsewhere" suggestion never lands on a file (or a dangling link) already there.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from rolequiz.domain.content import Role
from rolequiz.domain.progress import Progress, now_utc
from rolequiz.errors import ProfileError
from rolequiz.files.history import take_snapshot
from rolequiz.files.progress import load_progress
from rolequiz.text import printable
from rolequiz.tomlio import real_file, save_problem


def open_profile(path: Path) -> Progress | None:
    """The profile at `path`, or None if there is no file there yet.

    Raises ProfileError (one line naming the file and the problem) for a broken file; the
    file is left exactly as it is.
    """
    if not path.exists() and not path.is_symlink():
        return None
    return load_progress(path)


def backup_name(path: Path, when: datetime) -> Path:
    """A free dated name beside `path`: `profile.2025-11-23-094212.bak.toml`."""
    return free_name(path, "{stem}." + _stamp(when) + "{number}.bak{suffix}")


def free_name(path: Path, template: str) -> Path:
    """The first name made from `template` beside `path` (in its folder) that is free: no file
    there, not even a dangling link. `{stem}` and `{suffix}` are the profile's, `{number}` is
    "", then "-2", "-3" ..."""
    stem, suffix = path.stem, path.suffix or ".toml"
    number = 1
    candidate = path.with_name(template.format(stem=stem, suffix=suffix, number=""))
    while candidate.exists() or candidate.is_symlink():
        number += 1
        candidate = path.with_name(template.format(stem=stem, suffix=suffix, number=f"-{number}"))
    return candidate


def back_up_profile(path: Path, when: datetime | None = None) -> Path:
    """Move the profile aside to a dated backup beside it (never deleted); return the backup.

    A profile that is a symlink stays one: the file it leads to is moved aside (the next save
    makes a new one there), not the link.
    """
    try:
        path = real_file(path)
    except OSError as exc:
        raise ProfileError(f"{printable(str(path))}: cannot back up: {save_problem(exc)}") from None
    backup = backup_name(path, when or now_utc())
    take_snapshot(path, when=when)  # history: see rolequiz.files.history
    try:
        # A hard link first, so there is no moment when neither name holds the answers.
        os.link(path, backup)
        path.unlink()
    except OSError:
        try:
            os.replace(path, backup)
        except OSError as exc:
            raise ProfileError(
                f"{printable(str(path))}: cannot back up: {save_problem(exc)}"
            ) from None
    return backup


def fresh_path_beside(path: Path) -> Path:
    """A name for a new profile next to `path` that does not exist yet: `profile.new.toml`."""
    return free_name(path, "{stem}.new{number}{suffix}")


def copy_name(path: Path, when: datetime | None = None) -> Path:
    """A free dated name beside `path` for a copy: `profile.copy-2025-03-04-060607.toml`."""
    return free_name(path, "{stem}.copy-" + _stamp(when or now_utc()) + "{number}{suffix}")


def copy_beside(path: Path, target: Path | None = None) -> Path:
    """Copy the profile, byte for byte, to `target` (the name shown to the person) or else
    `copy_name`, and return that name (with no profile there yet, just the name). For a second
    rolequiz on a profile in use: it works on the copy, and neither loses an answer."""
    candidate = target if target is not None and not target.exists() else copy_name(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return candidate
    except OSError as exc:
        raise ProfileError(f"{printable(str(path))}: cannot copy: {save_problem(exc)}") from None
    try:
        write_new_file(candidate, data)
    except OSError as exc:
        raise ProfileError(
            f"{printable(str(candidate))}: cannot make the copy: {save_problem(exc)}"
        ) from None
    return candidate


def write_new_file(path: Path, data: bytes) -> None:
    """Write a new file (never replacing one) with exactly `data`, flushed to disk."""
    with path.open("xb") as handle:
        try:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        except BaseException:
            path.unlink(missing_ok=True)  # no half copy left under a name that looks whole
            raise


def elsewhere_suggestion(path: Path, home: Path | None = None) -> Path:
    """Where "save elsewhere" proposes first: a free name in the home folder (the profile's own
    folder is likely the one that fails)."""
    folder = home if home is not None else Path.home()
    return free_name(folder / path.name, "rolequiz-{stem}{number}{suffix}")


# Exporting -----------------------------------------------------------------------------------


def default_report_path(folder: Path, role: Role) -> Path:
    """Where the gap report goes unless the person types another path: the folder rolequiz was
    started from, named after the role, so reports for two roles never collide."""
    return folder / f"rolequiz-report-{role.id}.toml"


def _stamp(when: datetime) -> str:
    """The local date and time in a file name: `2025-11-23-094212`."""
    return when.astimezone().strftime("%Y-%m-%d-%H%M%S")
