"""The progress profile: a person's answers, saved as versioned TOML they can read and edit.

A file holding only `schema_version = 1` and a `[ratings]` table is a complete profile.
Answers for skill ids the bank does not know are kept (and warned about), never dropped.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Container, Iterable, Mapping, Set
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from rolequiz.errors import ProfileError, RolequizError
from rolequiz.text import printable, short_repr
from rolequiz.tomlio import dumps_toml, read_toml, write_atomic

SCHEMA_VERSION = 1
PROFILE_ENV = "ROLEQUIZ_PROFILE"
MAX_NOTE_CHARS = 4000
KNOWN_KEYS = frozenset(
    {"schema_version", "created", "updated", "position", "skipped", "ratings", "notes"}
) | {"target_role"}

Status = Literal["rated", "skipped", "unanswered"]

# Steps that turn a profile of version N into version N + 1. Version 1 is the first format
# rolequiz wrote, so there is nothing to migrate yet; a future format adds its step here.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


def now_utc() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


@dataclass
class Progress:
    """What a person has answered so far."""

    ratings: dict[str, int] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)
    created: datetime | None = None
    updated: datetime | None = None
    position: str | None = None
    target_role: str | None = None  # the role id the person works towards (`rolequiz plan`)
    extra: dict[str, Any] = field(default_factory=dict)
    migrated_from: int | None = None

    def status(self, skill_id: str) -> Status:
        if skill_id in self.ratings:
            return "rated"
        if skill_id in self.skipped:
            return "skipped"
        return "unanswered"

    def rate(self, skill_id: str, level: int) -> None:
        if isinstance(level, bool) or level not in (0, 1, 2, 3, 4):
            raise ValueError(f"level must be 0-4, got {level!r}")
        self.ratings[skill_id] = level
        if skill_id in self.skipped:
            self.skipped.remove(skill_id)

    def skip(self, skill_id: str) -> None:
        self.ratings.pop(skill_id, None)
        if skill_id not in self.skipped:
            self.skipped.append(skill_id)

    def clear(self, skill_id: str) -> None:
        self.ratings.pop(skill_id, None)
        if skill_id in self.skipped:
            self.skipped.remove(skill_id)

    def set_note(self, skill_id: str, text: str) -> None:
        if text.strip():
            self.notes[skill_id] = text[:MAX_NOTE_CHARS]
        else:
            self.notes.pop(skill_id, None)

    def answered(self) -> int:
        return len(self.ratings) + len(self.skipped)

    def unknown_skills(self, known: Iterable[str]) -> list[str]:
        """Ids this profile mentions that the bank does not know, in a stable order."""
        known_ids: Container[str] = known if isinstance(known, Set | Mapping) else set(known)
        mentioned = [*self.ratings, *self.skipped, *self.notes]
        return sorted({skill_id for skill_id in mentioned if skill_id not in known_ids})


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


def parse_progress(data: dict[str, Any], name: str) -> Progress:
    name = printable(name)
    data, original = _migrate(data, name)
    ratings = _ratings(data.get("ratings", {}), name)
    skipped = _skipped(data.get("skipped", []), name)
    notes = _notes(data.get("notes", {}), name)
    progress = Progress(
        ratings=ratings,
        skipped=[skill_id for skill_id in skipped if skill_id not in ratings],
        notes=notes,
        created=_timestamp(data, "created", name),
        updated=_timestamp(data, "updated", name),
        position=_optional_str(data, "position", name),
        target_role=_optional_str(data, "target_role", name),
        extra=_keepable({key: value for key, value in data.items() if key not in KNOWN_KEYS}, name),
    )
    if original != SCHEMA_VERSION:
        progress.migrated_from = original
    return progress


def _migrate(data: dict[str, Any], name: str) -> tuple[dict[str, Any], int]:
    """The data brought to the current version, and the version the file had."""
    version = data.get("schema_version")
    if version is None:
        raise ProfileError(
            f"{name}: schema_version: missing (a profile starts with schema_version = 1)"
        )
    if isinstance(version, bool) or not isinstance(version, int):
        raise ProfileError(
            f"{name}: schema_version: must be a whole number, got {_show_value(version)}"
        )
    if version > SCHEMA_VERSION:
        raise ProfileError(
            f"{name}: schema_version: {_show_value(version)} is newer than this rolequiz "
            f"understands ({SCHEMA_VERSION}); upgrade rolequiz to open it"
        )
    original = version
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise ProfileError(
                f"{name}: schema_version: {_show_value(version)} is not a profile version "
                "rolequiz wrote"
            )
        data = step(dict(data))
        version = data["schema_version"] = version + 1
    return data, original


def _keepable(extra: dict[str, Any], name: str) -> dict[str, Any]:
    """Unknown fields, checked now that they can be written back when the profile is saved
    (tomli_w cannot write an integer of over 4,300 digits or a table nested hundreds deep)."""
    if not extra or _writable(extra):
        return extra
    for key, value in extra.items():
        if not _writable({key: value}):
            raise ProfileError(
                f"{name}: {_show_key(key)}: cannot be kept when the profile is saved "
                f"(got {_show_value(value)}); remove it"
            )
    raise ProfileError(f"{name}: unknown fields cannot be kept when the profile is saved")


def _writable(data: dict[str, Any]) -> bool:
    try:
        dumps_toml(data)
    except (ValueError, RecursionError):
        return False
    return True


def _table(value: Any, key: str, name: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ProfileError(f"{name}: {key}: must be a table, got {_kind(value)}")
    return value


def _ratings(value: Any, name: str) -> dict[str, int]:
    table = _table(value, "ratings", name)
    levels = table.values()
    if not levels or (set(map(type, levels)) == {int} and min(levels) >= 0 and max(levels) <= 4):
        return dict(table)  # all valid: checked in bulk, as scoring a team reads many profiles
    ratings: dict[str, int] = {}
    for skill_id, level in table.items():
        if isinstance(level, bool) or not isinstance(level, int) or not 0 <= level <= 4:
            raise ProfileError(
                f"{name}: ratings.{_show_key(skill_id)}: level must be a whole number 0-4, "
                f"got {_show_value(level)}"
            )
        ratings[skill_id] = level
    return ratings


def _skipped(value: Any, name: str) -> list[str]:
    if not isinstance(value, list):
        raise ProfileError(f"{name}: skipped: must be a list of skill ids, got {_kind(value)}")
    result: list[str] = []
    for item in value:
        if not isinstance(item, str):
            raise ProfileError(f"{name}: skipped: must hold skill ids, got {_show_value(item)}")
        if item not in result:
            result.append(item)
    return result


def _notes(value: Any, name: str) -> dict[str, str]:
    notes: dict[str, str] = {}
    for skill_id, text in _table(value, "notes", name).items():
        if not isinstance(text, str):
            raise ProfileError(
                f"{name}: notes.{_show_key(skill_id)}: must be text, got {_show_value(text)}"
            )
        if len(text) > MAX_NOTE_CHARS:
            raise ProfileError(
                f"{name}: notes.{_show_key(skill_id)}: longer than {MAX_NOTE_CHARS} characters"
            )
        notes[skill_id] = text
    return notes


def _timestamp(data: dict[str, Any], key: str, name: str) -> datetime | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, datetime):
        raise ProfileError(f"{name}: {key}: must be a date and time, got {_show_value(value)}")
    return value


def _optional_str(data: dict[str, Any], key: str, name: str) -> str | None:
    value = data.get(key)
    if value is None or isinstance(value, str):
        return value
    raise ProfileError(f"{name}: {key}: must be text, got {_show_value(value)}")


def _kind(value: Any) -> str:
    return {dict: "a table", list: "a list", str: "text", bool: "true/false"}.get(
        type(value), _show_value(value)
    )


def _show_key(key: str) -> str:
    if key.isidentifier() and len(key) <= 40:
        return key
    shown = short_repr(key)  # quoted, escaped, cut: drop the quotes around it
    return shown[1:] if shown.endswith("...") else shown[1:-1]


def _show_value(value: Any) -> str:
    """A short, printable rendering: control characters come out escaped, never raw."""
    return short_repr(value, 40)


def progress_to_data(progress: Progress) -> dict[str, Any]:
    data: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
    if progress.created is not None:
        data["created"] = progress.created
    if progress.updated is not None:
        data["updated"] = progress.updated
    if progress.position is not None:
        data["position"] = progress.position
    if progress.target_role is not None:
        data["target_role"] = progress.target_role
    data.update(progress.extra)
    data["skipped"] = sorted(progress.skipped)
    data["ratings"] = dict(sorted(progress.ratings.items()))
    if progress.notes:
        data["notes"] = dict(sorted(progress.notes.items()))
    return data


def progress_to_toml(progress: Progress) -> str:
    header = "# rolequiz progress profile: levels 0-4 per skill id (see `rolequiz skills`).\n"
    return header + dumps_toml(progress_to_data(progress))


def save_progress(path: Path, progress: Progress) -> None:
    """Stamp the times and write atomically; a migrated profile's original is backed up first."""
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
