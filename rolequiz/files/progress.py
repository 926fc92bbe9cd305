"""The progress profile on disk: where it lives, reading it, and writing it atomically.

The model and its TOML dict are `rolequiz.domain.progress`; a profile migrated from an older
version is copied aside, byte for byte, before it is first written back.
"""

from __future__ import annotations

import os
from pathlib import Path

from rolequiz.domain.progress import Progress, now_utc, parse_progress, progress_to_data
from rolequiz.errors import ProfileError, RolequizError
from rolequiz.tomlio import dumps_toml, read_toml, real_file, write_atomic

PROFILE_ENV = "ROLEQUIZ_PROFILE"


def default_profile_path() -> Path:
    """$ROLEQUIZ_PROFILE, else profile.toml in the user data folder that platformdirs names."""
    from_env = os.environ.get(PROFILE_ENV)
    if from_env:
        return Path(from_env).expanduser()
    from platformdirs import user_data_path

    return user_data_path("rolequiz", appauthor=False) / "profile.toml"


def load_progress(path: Path) -> Progress:
    """Read and validate a profile file; raise ProfileError with one line naming the problem."""
    try:
        data = read_toml(path)
    except RolequizError as exc:
        raise ProfileError(str(exc)) from None
    return parse_progress(data, str(path))


def progress_to_toml(progress: Progress) -> str:
    header = "# rolequiz progress profile: levels 0-4 per skill id (see `rolequiz skills`).\n"
    return header + dumps_toml(progress_to_data(progress))


def save_progress(path: Path, progress: Progress) -> None:
    """Stamp the times and write atomically; a migrated profile's original is backed up first.

    A profile that is a symlink stays one: the file it leads to is written (`real_file`).
    """
    path = real_file(path)
    stamp = now_utc()
    if progress.created is None:
        progress.created = stamp
    progress.updated = stamp
    if progress.migrated_from is not None:
        backup_before_migration(path, progress.migrated_from)
        progress.migrated_from = None
    write_atomic(path, progress_to_toml(progress))


def backup_before_migration(path: Path, old_version: int) -> Path | None:
    """Copy the file as it was, byte for byte, to `<name>.v<old>.bak` beside it, unless that
    copy exists."""
    if not path.exists():
        return None
    backup = path.with_name(f"{path.name}.v{old_version}.bak")
    if not backup.exists():
        # Decoded as read (line endings kept), so the text written back is the same bytes.
        write_atomic(backup, path.read_bytes().decode("utf-8"))
    return backup
