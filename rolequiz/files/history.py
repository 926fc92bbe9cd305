"""Dated snapshots of a progress profile, kept in a history folder beside it.

`profile.toml` keeps its snapshots in `profile.history/`, one file per minute named by the UTC
time: `2026-01-02-0304Z.toml`, an ordinary progress profile. A start-over and an export each
take one; a second one within the same minute replaces the first (the latest state wins), so
there is never more than one per minute. Any of them may be deleted by hand; files with other
names in the folder are left alone and not listed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from rolequiz.domain.progress import Progress, now_utc
from rolequiz.files.progress import progress_to_toml
from rolequiz.tomlio import write_atomic

_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2}-\d{4})Z\.toml$")
_STAMP = "%Y-%m-%d-%H%M"


@dataclass(frozen=True, slots=True)
class Snapshot:
    when: datetime
    path: Path


def history_dir(profile: Path) -> Path:
    return profile.with_name(f"{profile.stem}.history")


def snapshot_path(profile: Path, when: datetime) -> Path:
    return history_dir(profile) / f"{when.astimezone(UTC).strftime(_STAMP)}Z.toml"


def take_snapshot(
    profile: Path, progress: Progress | None = None, when: datetime | None = None
) -> Path | None:
    """Keep `progress` (or else the profile file as it is, byte for byte) as the snapshot of this
    minute; return its path. None if there is nothing to keep or it cannot be written: history
    is a convenience and never stops a start-over or an export."""
    try:
        if progress is not None:
            text = progress_to_toml(progress)
        else:
            text = profile.read_bytes().decode("utf-8")
        target = snapshot_path(profile, when or now_utc())
        target.parent.mkdir(exist_ok=True)
        write_atomic(target, text)
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    return target


def list_snapshots(profile: Path) -> list[Snapshot]:
    """The snapshots beside `profile`, oldest first ([] when there is no history folder)."""
    try:
        entries = list(history_dir(profile).iterdir())
    except OSError:
        return []
    found = []
    for entry in entries:
        match = _NAME.match(entry.name)
        if match is None:
            continue
        try:
            when = datetime.strptime(match.group(1), _STAMP).replace(tzinfo=UTC)
        except ValueError:
            continue  # a name of the right shape but no real date: 2026-13-45-9999Z.toml
        found.append(Snapshot(when, entry))
    return sorted(found, key=lambda snapshot: snapshot.when)
