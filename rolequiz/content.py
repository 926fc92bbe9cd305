"""The loaded content: rating scale, skills in quiz order, and role profiles, as plain objects.

Loading validates every file with the pydantic models in `rolequiz.models` and checks the links
between files (unknown skills, duplicate ids, `requires` loops). Every problem is reported as one
line naming the file, the entry and the field.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from rolequiz.errors import ContentError, RolequizError
from rolequiz.tomlio import MAX_CONTENT_BYTES, read_toml

CONTENT_ENV = "ROLEQUIZ_CONTENT"
SUPPORTED_CONTENT_SCHEMA = 1


@dataclass(frozen=True, slots=True)
class Level:
    value: int
    label: str
    anchor: str


@dataclass(frozen=True, slots=True)
class Resource:
    title: str
    url: str


@dataclass(frozen=True, slots=True)
class Category:
    id: str
    name: str
    order: int


@dataclass(frozen=True, slots=True)
class Skill:
    id: str
    name: str
    category: str
    prompt: str
    tip: str
    aliases: tuple[str, ...] = ()
    requires: str | None = None
    anchors: Mapping[int, str] = field(default_factory=dict)
    resources: tuple[Resource, ...] = ()


@dataclass(frozen=True, slots=True)
class RoleSkill:
    weight: float
    target: int
    must: bool
    why: str


@dataclass(frozen=True, slots=True)
class Role:
    id: str
    name: str
    summary: str
    skills: Mapping[str, RoleSkill]
    offset: float = 0.0  # added to the role's closeness (rolequiz.scoring)
    # For the scoring loop (rolequiz.scoring), worked out once: (skill id, weight, target, must)
    # per skill, and the sum of the weights.
    rows: tuple[tuple[str, float, int, bool], ...] = field(init=False, repr=False, compare=False)
    total_weight: float = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        rows = tuple((k, s.weight, s.target, s.must) for k, s in self.skills.items())
        object.__setattr__(self, "rows", rows)
        object.__setattr__(self, "total_weight", sum(s.weight for s in self.skills.values()))


@dataclass(frozen=True)
class Bank:
    """Everything the quiz asks and every role it scores against."""

    levels: tuple[Level, ...]
    categories: tuple[Category, ...]
    skills: tuple[Skill, ...]
    roles: tuple[Role, ...]
    source: Path | None = None
    skill_by_id: Mapping[str, Skill] = field(init=False, repr=False)
    role_by_id: Mapping[str, Role] = field(init=False, repr=False)
    category_by_id: Mapping[str, Category] = field(init=False, repr=False)
    skills_with_requires: tuple[Skill, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "skill_by_id", MappingProxyType({s.id: s for s in self.skills}))
        object.__setattr__(self, "role_by_id", MappingProxyType({r.id: r for r in self.roles}))
        object.__setattr__(
            self, "category_by_id", MappingProxyType({c.id: c for c in self.categories})
        )
        object.__setattr__(
            self, "skills_with_requires", tuple(s for s in self.skills if s.requires is not None)
        )

    def anchor(self, skill: Skill, level: int) -> str:
        """The behavioural anchor shown for `level` on this skill: its own, else the scale's."""
        return skill.anchors.get(level) or self.levels[level].anchor

    def children(self, skill_id: str) -> list[Skill]:
        """Skills that require `skill_id`, directly or through another skill, in quiz order."""
        wanted = {skill_id}
        grew = True
        while grew:
            before = len(wanted)
            wanted.update(s.id for s in self.skills if s.requires in wanted)
            grew = len(wanted) > before
        return [s for s in self.skills if s.id in wanted and s.id != skill_id]

    def find_role(self, text: str) -> Role:
        """A role by id or by name, case-insensitive; raises a RolequizError listing the ids."""
        needle = text.strip().casefold()
        for role in self.roles:
            if needle in (role.id.casefold(), role.name.casefold()):
                return role
        known = ", ".join(role.id for role in self.roles)
        raise RolequizError(f"unknown role '{text}' (known roles: {known})")


def shipped_content_dir() -> Path:
    """The content that comes with rolequiz: inside the installed package, or the source tree."""
    package = Path(__file__).resolve().parent
    installed = package / "content"
    if (installed / "questions").is_dir():
        return installed
    return package.parent


def content_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The content folder to use: the --content flag, else $ROLEQUIZ_CONTENT, else shipped."""
    if explicit:
        return Path(explicit)
    from_env = os.environ.get(CONTENT_ENV)
    if from_env:
        return Path(from_env)
    return shipped_content_dir()


def load_bank(root: Path) -> Bank:
    """Load and validate a content folder; raise ContentError listing every problem found."""
    from rolequiz import content_loader

    return content_loader.load(root)


def quiz_order(categories: Iterable[Category]) -> list[Category]:
    return sorted(categories, key=lambda c: (c.order, c.id))


def freeze_anchors(anchors: Mapping[str, str]) -> Mapping[int, str]:
    return MappingProxyType({int(key): text for key, text in anchors.items()})


def read_content_file(path: Path) -> dict[str, Any]:
    return read_toml(path, max_bytes=MAX_CONTENT_BYTES)


__all__ = [
    "Bank",
    "Category",
    "ContentError",
    "Level",
    "Resource",
    "Role",
    "RoleSkill",
    "Skill",
    "content_dir",
    "load_bank",
    "shipped_content_dir",
]
