"""A person's answers as plain data: the progress model, read from and turned into a TOML dict.

A dict holding only `schema_version = 1` and a `[ratings]` table is a complete profile. Answers
for skill ids the bank does not know are kept (and warned about), never dropped. Reading and
writing the file is `rolequiz.files.progress`.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Mapping, Sequence, Set
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any, Literal

from rolequiz.errors import ProfileError
from rolequiz.text import printable, short_repr
from rolequiz.tomlio import dumps_toml

SCHEMA_VERSION = 1
MAX_NOTE_CHARS = 4000
# In the file: `mode = "quick"` while quick mode is on (a reopened profile stays in it), and a
# [quick] table with the number of answers given when "likely" and "settled" were first reached.
MODE_KEY = "mode"
QUICK_KEY = "quick"
KNOWN_KEYS = frozenset(
    {
        "schema_version",
        "created",
        "updated",
        "position",
        "skipped",
        "ratings",
        "notes",
        "target_role",
        MODE_KEY,
        QUICK_KEY,
    }
)

Status = Literal["rated", "skipped", "unanswered"]
Certainty = Literal["open", "likely", "settled"]

# Steps that turn a profile of version N into version N + 1. Version 1 is the first format
# rolequiz wrote, so there is nothing to migrate yet; a future format adds its step here.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


def now_utc() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


@dataclass(frozen=True, slots=True)
class QuickState:
    """Quick mode as saved: whether it is on, and after how many answers the top role was
    first likely and first settled. Frozen: a change is a new value, so the writer thread never
    sees one half made."""

    on: bool = False
    likely_after: int | None = None
    settled_after: int | None = None

    def furthest(self) -> tuple[Certainty, int] | None:
        """The surest level quick mode reached, and after how many answers; None: neither."""
        if self.settled_after is not None:
            return "settled", self.settled_after
        if self.likely_after is not None:
            return "likely", self.likely_after
        return None

    def reached_after(self, level: Certainty) -> int | None:
        if level == "likely":
            return self.likely_after
        if level == "settled":
            return self.settled_after
        return None

    def reached(self, level: Certainty, answers: int) -> QuickState:
        """This state with `level` first reached after `answers` answers (kept if reached)."""
        if self.reached_after(level) is not None:
            return self
        if level == "likely":
            return replace(self, likely_after=answers)
        if level == "settled":
            return replace(self, settled_after=answers)
        return self


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
    quick: QuickState = field(default_factory=QuickState)
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

    def answered(self) -> int:
        return len(self.ratings) + len(self.skipped)

    def unknown_skills(self, known: Iterable[str]) -> list[str]:
        """Ids this profile mentions that the bank does not know, in a stable order."""
        known_ids: Container[str] = known if isinstance(known, Set | Mapping) else set(known)
        mentioned = [*self.ratings, *self.skipped, *self.notes]
        return sorted({skill_id for skill_id in mentioned if skill_id not in known_ids})


def describe_when(moment: datetime | None) -> str | None:
    """`moment` in the local time zone as `2025-11-23 09:42`, or None when there is none or it
    cannot be shown there. Never raises: a valid TOML date-time at the edge of the calendar
    (`0001-01-01T00:00:00+23:59` is in year 0 in UTC) is kept in the file but shown as unknown.
    """
    if moment is None:
        return None
    try:
        return moment.astimezone().strftime("%Y-%m-%d %H:%M")
    except (OverflowError, ValueError, OSError):
        return None


def unknown_skills_note(unknown: Sequence[str]) -> str:
    """The one wording for answers to skill ids the bank does not know (the CLI's warning, the
    quiz's note): `unknown skill ids kept but not scored: cobol, fortran`."""
    more = len(unknown) - 5
    # Ids come from the file: each is escaped and cut (a key may be any text, of any length).
    shown = ", ".join(map(show_key, unknown[:5])) + (f" and {more} more" if more > 0 else "")
    return f"unknown skill ids kept but not scored: {shown}"


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
        quick=_quick(data, name),
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
                f"{name}: {show_key(key)}: cannot be kept when the profile is saved "
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
                f"{name}: ratings.{show_key(skill_id)}: level must be a whole number 0-4, "
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
                f"{name}: notes.{show_key(skill_id)}: must be text, got {_show_value(text)}"
            )
        if len(text) > MAX_NOTE_CHARS:
            raise ProfileError(
                f"{name}: notes.{show_key(skill_id)}: longer than {MAX_NOTE_CHARS} characters"
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


def _quick(data: dict[str, Any], name: str) -> QuickState:
    mode = data.get(MODE_KEY)
    if mode is not None and mode != "quick":
        raise ProfileError(
            f'{name}: {MODE_KEY}: must be "quick" or left out, got {_show_value(mode)}'
        )
    table = _table(data.get(QUICK_KEY, {}), QUICK_KEY, name)
    counts: dict[str, int | None] = {}
    for key, value in table.items():
        if key not in ("likely_after", "settled_after"):
            raise ProfileError(
                f"{name}: {QUICK_KEY}.{show_key(key)}: unknown field "
                "(likely_after and settled_after are known)"
            )
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ProfileError(
                f"{name}: {QUICK_KEY}.{key}: must be a whole number 0 or more, "
                f"got {_show_value(value)}"
            )
        counts[key] = value
    return QuickState(
        on=mode == "quick",
        likely_after=counts.get("likely_after"),
        settled_after=counts.get("settled_after"),
    )


def _kind(value: Any) -> str:
    return {dict: "a table", list: "a list", str: "text", bool: "true/false"}.get(
        type(value), _show_value(value)
    )


def show_key(key: str) -> str:
    """A key from the file as part of a message: as is when plain, else escaped and cut."""
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
    quick = progress.quick
    if quick.on:
        data[MODE_KEY] = "quick"
    data.update(progress.extra)
    data["skipped"] = sorted(progress.skipped)
    data["ratings"] = dict(sorted(progress.ratings.items()))
    if progress.notes:
        data["notes"] = dict(sorted(progress.notes.items()))
    reached = {
        f"{level}_after": count
        for level, count in (("likely", quick.likely_after), ("settled", quick.settled_after))
        if count is not None
    }
    if reached:
        data[QUICK_KEY] = reached
    return data
