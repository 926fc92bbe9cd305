"""The progress profile on disk: where it lives, reading it, and writing it atomically.

The model and its TOML dict are `rolequiz.domain.progress`; a profile migrated from an older
version is copied aside, byte for byte, before it is first written back.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from rolequiz.domain.progress import (
    Progress,
    now_utc,
    parse_progress,
    progress_to_data,
    show_key,
)
from rolequiz.errors import ProfileError, RolequizError
from rolequiz.text import printable
from rolequiz.tomlio import (
    MAX_PROFILE_BYTES,
    dumps_toml,
    parse_toml,
    read_limited,
    real_file,
    write_atomic,
)

# A profile with no unknown fields and a file this small is saved well within the limit: what
# rolequiz writes for the known fields is at most a few times the text that gave them (a list
# on one line becomes one item a line; a raw tab in a string becomes `\t`), plus the stamps.
_SURELY_SAVABLE_BYTES = MAX_PROFILE_BYTES // 8

PROFILE_ENV = "ROLEQUIZ_PROFILE"


def default_profile_path() -> Path:
    """$ROLEQUIZ_PROFILE, else profile.toml in the user data folder that platformdirs names."""
    from_env = os.environ.get(PROFILE_ENV)
    if from_env:
        return Path(from_env).expanduser()
    from platformdirs import user_data_path

    return user_data_path("rolequiz", appauthor=False) / "profile.toml"


def load_progress(path: Path) -> Progress:
    """Read and validate a profile file; raise ProfileError with one line naming the problem.

    A profile loads only if rolequiz can save it and read it back (`check_savable`).
    """
    name = str(path)
    try:
        raw = read_limited(path, MAX_PROFILE_BYTES)
        data = parse_toml(raw, name)
    except RolequizError as exc:
        raise ProfileError(str(exc)) from None
    progress = parse_progress(data, name)
    if progress.extra or len(raw) > _SURELY_SAVABLE_BYTES:
        check_savable(progress, name)
    return progress


def check_savable(progress: Progress, name: str) -> None:
    """Refuse (ProfileError, one line) a profile that rolequiz could not save and read back:
    its file as saved now would be over the size limit, or would hold what the reader refuses
    (an unknown table nested so deep that its `[a.b.c...]` header has too many parts)."""
    shown = printable(name)
    stamp = now_utc()
    saved = replace(progress, created=progress.created or stamp, updated=stamp)
    text = progress_to_toml(saved).encode("utf-8")
    if len(text) > MAX_PROFILE_BYTES:
        raise ProfileError(
            f"{shown}: would be {len(text):,} bytes once saved by rolequiz, over the limit of "
            f"{MAX_PROFILE_BYTES:,}; remove unknown fields or long notes"
        )
    try:
        parse_toml(text, name)
    except RolequizError:
        for key, value in progress.extra.items():
            try:
                parse_toml(dumps_toml({key: value}).encode("utf-8"), name)
            except RolequizError:
                raise ProfileError(
                    f"{shown}: {show_key(key)}: cannot be kept when the profile is saved "
                    "(rolequiz would write it in a shape it cannot read back); remove it"
                ) from None
        raise ProfileError(f"{shown}: cannot be saved in a shape rolequiz reads back") from None


def progress_to_toml(progress: Progress) -> str:
    header = "# rolequiz progress profile: levels 0-4 per skill id (see `rolequiz skills`).\n"
    return header + dumps_toml(progress_to_data(progress))


def save_progress(path: Path, progress: Progress) -> None:
    """Stamp the times and write atomically; a migrated profile's original is backed up first.

    A profile that is a symlink stays one: the file it leads to is written (`real_file`). A
    profile that would be larger than rolequiz reads back is not written (ProfileError): only
    notes added to a profile handed in near the limit can make one.
    """
    path = real_file(path)
    stamp = now_utc()
    if progress.created is None:
        progress.created = stamp
    progress.updated = stamp
    text = progress_to_toml(progress)
    size = len(text.encode("utf-8"))
    if size > MAX_PROFILE_BYTES:
        raise ProfileError(
            f"the profile would be {size:,} bytes, over the {MAX_PROFILE_BYTES:,} rolequiz "
            "reads back; shorten a note or remove unknown fields"
        )
    if progress.migrated_from is not None:
        backup_before_migration(path, progress.migrated_from)
        progress.migrated_from = None
    write_atomic(path, text)


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
