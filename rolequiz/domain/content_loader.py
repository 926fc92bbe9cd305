"""Read a content folder and validate each file with pydantic into the models of
`rolequiz.domain.content`, checking the links between files (unknown skills, duplicate ids,
`requires` loops); every problem is one line naming the file, the entry and the field.
"""

from __future__ import annotations

import os
from dataclasses import field
from pathlib import Path
from typing import Annotated, Any, TypeVar

from pydantic import Strict, TypeAdapter, ValidationError, field_validator
from pydantic.dataclasses import dataclass as model

from rolequiz.domain.content import (
    LEVELS,
    MODEL,
    SUPPORTED_CONTENT_SCHEMA,
    Bank,
    Category,
    Level,
    Role,
    Skill,
    quiz_order,
)
from rolequiz.errors import ContentError, RolequizError
from rolequiz.text import printable, short_repr
from rolequiz.tomlio import MAX_CONTENT_BYTES, read_toml

SCALE_FILE = "scale.toml"
M = TypeVar("M")


@model(frozen=True, config=MODEL)
class ScaleFile:
    """`questions/scale.toml` less its `schema_version`: the five levels."""

    level: Annotated[list[Level], Strict()]

    @field_validator("level")
    @classmethod
    def _five_levels(cls, levels: list[Level]) -> list[Level]:
        values = [level.value for level in levels]
        if sorted(values) != list(LEVELS):
            raise ValueError(
                f"must define levels 0, 1, 2, 3, 4 once each, got {short_repr(values, 60)}"
            )
        return sorted(levels, key=lambda level: level.value)


@model(frozen=True, config=MODEL)
class CategoryFile:
    """A category file less its `schema_version`; each `[[skill]]` is validated on its own."""

    category: Category
    skill: Annotated[list[Annotated[dict[str, Any], Strict()]], Strict()] = field(
        default_factory=list
    )


_SCALE = TypeAdapter(ScaleFile)
_CATEGORY = TypeAdapter(CategoryFile)
_SKILL = TypeAdapter(Skill)
_ROLE = TypeAdapter(Role)


def load(root: Path) -> Bank:
    problems: list[str] = []
    questions = root / "questions"
    profiles = root / "profiles"
    for folder in (questions, profiles):
        if not folder.is_dir():
            problems.append(
                f"{folder}: folder not found (a content folder holds questions/ and profiles/)"
            )
    if problems:
        raise ContentError(problems)

    levels = _load_scale(questions / SCALE_FILE, problems)
    categories, skills, named = _load_categories(questions, problems)
    roles = _load_roles(profiles, named, problems)
    if not skills and not any("questions" in p for p in problems):
        problems.append(f"{questions}: no skills found (add a <category>.toml file)")
    if not roles and not any("profiles" in p for p in problems):
        problems.append(f"{profiles}: no role profiles found (add a <role>.toml file)")
    if problems or levels is None:
        # Folder and file names can hold control characters too: every line leaves printable.
        lines = problems or [f"{questions / SCALE_FILE}: invalid scale"]
        raise ContentError([printable(line) for line in lines])
    return Bank(levels=levels, categories=categories, skills=skills, roles=roles, source=root)


def _toml_files(folder: Path) -> list[Path]:
    return sorted(
        p for p in folder.glob("*.toml") if not p.name.startswith(".") and p.name != SCALE_FILE
    )


def _read(path: Path, problems: list[str]) -> dict[str, Any] | None:
    """The file's tables less its `schema_version`, if it reads and its version is one this
    rolequiz understands."""
    try:
        data = read_toml(path, max_bytes=MAX_CONTENT_BYTES)
    except RolequizError as exc:
        problems.append(str(exc))
        return None
    version = data.pop("schema_version", None)
    if version is None:
        problems.append(f"{path}: schema_version: field required")
    elif type(version) is not int:
        problems.append(
            f"{path}: schema_version: input should be a valid integer, got {_short(version)}"
        )
    elif version > SUPPORTED_CONTENT_SCHEMA:
        problems.append(
            f"{path}: schema_version: {_short(version)} is newer than this rolequiz understands "
            f"({SUPPORTED_CONTENT_SCHEMA}); upgrade rolequiz"
        )
    else:
        return data
    return None


def _validate(
    adapter: TypeAdapter[M],
    value: Any,
    path: Path,
    data: dict[str, Any],
    problems: list[str],
    where: tuple[str | int, ...] = (),
) -> M | None:
    """`value` validated, or None with its problems added; `where` is its place in the file's
    `data` when it is one entry (each `[[skill]]` is validated on its own)."""
    try:
        return adapter.validate_python(value)
    except ValidationError as exc:
        for error in exc.errors():
            problems.append(_describe(path, data, {**error, "loc": (*where, *error["loc"])}))
        return None


# pydantic's error types for a key the model does not have (dataclasses give the second).
_UNKNOWN_FIELD = {"extra_forbidden", "unexpected_keyword_argument"}


def _describe(path: Path, data: dict[str, Any], error: Any) -> str:
    """One line: file, entry, field, what is wrong."""
    loc = list(error["loc"])
    entry = ""
    if len(loc) >= 2 and loc[0] == "skill" and isinstance(loc[1], int):
        entry = f"skill {_entry_name(data.get('skill'), loc[1])}: "
        loc = loc[2:]
    elif len(loc) >= 2 and loc[0] == "level" and isinstance(loc[1], int):
        entry = f"level #{loc[1] + 1}: "
        loc = loc[2:]
    elif len(loc) >= 2 and loc[0] == "skills":
        entry = f"skills.{_key(loc[1])}: "
        loc = loc[2:]
    field_name = ".".join(_key(part) for part in loc) or "(file)"
    message = str(error["msg"])
    message = message[0].lower() + message[1:] if message else "invalid"
    if error["type"] in _UNKNOWN_FIELD:
        message = "unknown field (check the spelling)"
    elif error["type"] != "missing" and "input" in error:
        message += f", got {_short(error['input'])}"
    return f"{path}: {entry}{field_name}: {message}"


def _entry_name(entries: Any, index: int) -> str:
    if isinstance(entries, list) and index < len(entries):
        entry = entries[index]
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            return repr(entry["id"][:64])
    return f"#{index + 1}"


def _short(value: Any) -> str:
    return short_repr(value, 60)


def _key(key: str | int) -> str:
    """A key from the file as part of a message: escaped, and cut if very long."""
    text = printable(str(key))
    return text if len(text) <= 64 else text[:61] + "..."


def _load_scale(path: Path, problems: list[str]) -> tuple[Level, ...] | None:
    if not os.path.lexists(path):
        problems.append(f"{path}: file not found (the rating scale, levels 0-4)")
        return None
    data = _read(path, problems)
    if data is None:
        return None
    scale = _validate(_SCALE, data, path, data, problems)
    return None if scale is None else tuple(scale.level)


def _load_categories(
    folder: Path, problems: list[str]
) -> tuple[tuple[Category, ...], tuple[Skill, ...], set[str] | None]:
    """Categories and skills in quiz order, and every skill id named (None if a file was
    unreadable, so that roles are not also blamed for naming the skills it held)."""
    parsed: list[tuple[Category, list[Skill]]] = []
    complete = True
    category_files: dict[str, Path] = {}
    skill_files: dict[str, Path] = {}
    for path in _toml_files(folder):
        data = _read(path, problems)
        entry = None if data is None else _validate(_CATEGORY, data, path, data, problems)
        if data is None or entry is None:
            complete = False
            continue
        category = entry.category
        if category.id in category_files:
            problems.append(
                f"{path}: category: id: '{category.id}' already used by "
                f"{category_files[category.id]}"
            )
            continue
        category_files[category.id] = path
        skills: list[Skill] = []
        for index, raw in enumerate(entry.skill):
            raw_id = raw.get("id")
            if isinstance(raw_id, str) and raw_id in skill_files:
                problems.append(
                    f"{path}: skill '{_key(raw_id)}': id: already used in {skill_files[raw_id]}"
                )
                continue
            if isinstance(raw_id, str):
                # Known even if the entry is broken, so roles naming it get no second error.
                skill_files[raw_id] = path
            where = ("skill", index)
            if "category" in raw:  # a skill's category is its file's, never its own
                raw = {key: value for key, value in raw.items() if key != "category"}
                problems.append(
                    _describe(
                        path,
                        data,
                        {"type": "extra_forbidden", "loc": (*where, "category"), "msg": ""},
                    )
                )
            skill = _validate(_SKILL, {**raw, "category": category.id}, path, data, problems, where)
            if skill is None:
                continue
            if not skill.resources:  # required in a file; code may build a skill without
                problems.append(
                    _describe(
                        path,
                        data,
                        {"type": "missing", "loc": (*where, "resources"), "msg": "Field required"},
                    )
                )
            skills.append(skill)
        parsed.append((category, skills))
    by_id = {category.id: skills for category, skills in parsed}
    ordered = quiz_order(category for category, _ in parsed)
    all_skills = tuple(skill for category in ordered for skill in by_id[category.id])
    _requires_known(all_skills, skill_files, problems)
    _requires_loops(all_skills, skill_files, problems)
    return tuple(ordered), all_skills, set(skill_files) if complete else None


def _requires_known(skills: tuple[Skill, ...], files: dict[str, Path], problems: list[str]) -> None:
    for skill in skills:
        if skill.requires is not None and skill.requires not in files:
            problems.append(
                f"{files[skill.id]}: skill '{skill.id}': requires: unknown skill '{skill.requires}'"
            )
        elif skill.requires == skill.id:
            problems.append(f"{files[skill.id]}: skill '{skill.id}': requires: requires itself")


def _requires_loops(skills: tuple[Skill, ...], files: dict[str, Path], problems: list[str]) -> None:
    """Report each `requires` chain that loops back on itself, once per loop.

    Each skill is walked at most once (a walk stops at a skill an earlier walk passed), so a
    bank of thousands of skills in one long chain is checked in linear time.
    """
    parent = {skill.id: skill.requires for skill in skills}
    walked: set[str] = set()
    for skill in skills:
        path: dict[str, int] = {}  # skill id -> its place on this walk
        current: str | None = skill.id
        while current is not None and current in parent and current not in walked:
            walked.add(current)
            path[current] = len(path)
            current = parent[current]
        if current is None or current not in path:
            continue  # reached a root, an unknown id, or a chain checked before
        loop = list(path)[path[current] :]
        if len(loop) > 1:  # a skill requiring itself is reported by _requires_known
            chain = " -> ".join([*loop, current])
            problems.append(f"{files[skill.id]}: skill '{skill.id}': requires: loop {chain}")


def _load_roles(folder: Path, skill_ids: set[str] | None, problems: list[str]) -> tuple[Role, ...]:
    roles: dict[str, Role] = {}
    role_files: dict[str, Path] = {}
    for path in _toml_files(folder):
        data = _read(path, problems)
        if data is None:
            continue
        named = data.get("skills")
        if skill_ids is not None and isinstance(named, dict):
            problems.extend(
                f"{path}: skills.{_key(skill_id)}: unknown skill (not in questions/)"
                for skill_id in named
                if skill_id not in skill_ids
            )
        role = _validate(_ROLE, data, path, data, problems)
        if role is None:
            continue
        if role.id in role_files:
            problems.append(f"{path}: id: '{role.id}' is already used by {role_files[role.id]}")
            continue
        role_files[role.id] = path
        roles[role.id] = role
    return tuple(roles[role_id] for role_id in sorted(roles))
