"""Validate a content folder with pydantic and turn it into a `Bank` of plain objects.

Kept apart from `rolequiz.content` so that pydantic is imported only when content is loaded.
"""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from rolequiz import models
from rolequiz.content import (
    SUPPORTED_CONTENT_SCHEMA,
    Bank,
    Category,
    Level,
    Resource,
    Role,
    RoleSkill,
    Skill,
    freeze_anchors,
    quiz_order,
    read_content_file,
)
from rolequiz.errors import ContentError, RolequizError
from rolequiz.text import printable, short_repr

SCALE_FILE = "scale.toml"
M = TypeVar("M", bound=BaseModel)


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
    try:
        return read_content_file(path)
    except RolequizError as exc:
        problems.append(str(exc))
        return None


def _schema_ok(path: Path, data: dict[str, Any], problems: list[str]) -> bool:
    version = data.get("schema_version")
    if (
        isinstance(version, int)
        and not isinstance(version, bool)
        and version > SUPPORTED_CONTENT_SCHEMA
    ):
        problems.append(
            f"{path}: schema_version: {_short(version)} is newer than this rolequiz understands "
            f"({SUPPORTED_CONTENT_SCHEMA}); upgrade rolequiz"
        )
        return False
    return True


def _validate(model: type[M], path: Path, data: dict[str, Any], problems: list[str]) -> M | None:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems.extend(_describe(path, data, error) for error in exc.errors())
        return None


def _validate_entry(
    model: type[M], path: Path, data: dict[str, Any], index: int, problems: list[str]
) -> M | None:
    """Validate `data["skill"][index]` alone, reporting errors at their place in the file."""
    try:
        return model.model_validate(data["skill"][index])
    except ValidationError as exc:
        for error in exc.errors():
            located = {**error, "loc": ("skill", index, *error["loc"])}
            problems.append(_describe(path, data, located))
        return None


_ROLE_SKILL_FIELDS = frozenset(models.RoleSkill.model_fields)
_ROLE_SKILL_NEEDS = frozenset({"weight", "target", "why"})


def _plain_role_skill(raw: Any) -> RoleSkill | None:
    """A `[skills]` entry that is plainly valid, read without pydantic (a big bank has tens of
    thousands and pydantic took a third of the load); None sends the entry to pydantic, which
    words any problem. Nothing models.RoleSkill refuses gets through, and the values are the
    ones it gives: `why` must hold no white space to strip."""
    if type(raw) is not dict or not _ROLE_SKILL_NEEDS <= raw.keys() <= _ROLE_SKILL_FIELDS:
        return None
    weight, target, must, why = raw["weight"], raw["target"], raw.get("must", False), raw["why"]
    if (
        type(weight) in (int, float)
        and 0 < weight <= 100
        and type(target) is int
        and 1 <= target <= 4
        and type(must) is bool
        and type(why) is str
        and 0 < len(why) <= 300
        and why == why.strip()
    ):
        return RoleSkill(weight=float(weight), target=target, must=must, why=why)
    return None


def _validate_role_skill(
    path: Path, data: dict[str, Any], skill_id: str, raw: Any, problems: list[str]
) -> models.RoleSkill | None:
    try:
        return models.RoleSkill.model_validate(raw)
    except ValidationError as exc:
        for error in exc.errors():
            located = {**error, "loc": ("skills", skill_id, *error["loc"])}
            problems.append(_describe(path, data, located))
        return None


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
    if error["type"] not in {"missing", "extra_forbidden"} and "input" in error:
        message += f", got {_short(error['input'])}"
    if error["type"] == "extra_forbidden":
        message = "unknown field (check the spelling)"
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
    if not path.is_file():
        problems.append(f"{path}: file not found (the rating scale, levels 0-4)")
        return None
    data = _read(path, problems)
    if data is None or not _schema_ok(path, data, problems):
        return None
    scale = _validate(models.ScaleFile, path, data, problems)
    if scale is None:
        return None
    return tuple(Level(value=lv.value, label=lv.label, anchor=lv.anchor) for lv in scale.level)


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
        if data is None or not _schema_ok(path, data, problems):
            complete = False
            continue
        entry = _validate(models.CategoryFile, path, data, problems)
        if entry is None:
            complete = False
            continue
        header = entry.category
        if header.id in category_files:
            problems.append(
                f"{path}: category: id: '{header.id}' already used by {category_files[header.id]}"
            )
            continue
        category_files[header.id] = path
        category = Category(id=header.id, name=header.name, order=header.order)
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
            item = _validate_entry(models.SkillEntry, path, data, index, problems)
            if item is None:
                continue
            skills.append(
                Skill(
                    id=item.id,
                    name=item.name,
                    category=header.id,
                    prompt=item.prompt,
                    tip=item.tip,
                    aliases=tuple(item.aliases),
                    requires=item.requires,
                    anchors=freeze_anchors(item.anchors),
                    resources=tuple(Resource(title=r.title, url=r.url) for r in item.resources),
                )
            )
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
        if data is None or not _schema_ok(path, data, problems):
            continue
        entry = _validate(models.RoleFile, path, data, problems)
        if entry is None:
            continue
        if entry.id in role_files:
            problems.append(f"{path}: id: '{entry.id}' is already used by {role_files[entry.id]}")
            continue
        role_files[entry.id] = path
        weights: dict[str, RoleSkill] = {}
        for skill_id, raw in entry.skills.items():
            if skill_ids is not None and skill_id not in skill_ids:
                problems.append(
                    f"{path}: skills.{_key(skill_id)}: unknown skill (not in questions/)"
                )
            plain = _plain_role_skill(raw)
            if plain is not None:
                weights[skill_id] = plain
                continue
            spec = _validate_role_skill(path, data, skill_id, raw, problems)
            if spec is not None:
                weights[skill_id] = RoleSkill(
                    weight=float(spec.weight), target=spec.target, must=spec.must, why=spec.why
                )
        roles[entry.id] = Role(
            id=entry.id,
            name=entry.name,
            summary=entry.summary,
            skills=MappingProxyType(weights),
            offset=float(entry.offset),
        )
    return tuple(roles[role_id] for role_id in sorted(roles))
