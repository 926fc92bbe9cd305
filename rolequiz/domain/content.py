"""The content: rating scale, skills in quiz order and role profiles, as validated models.

The models are pydantic dataclasses: loading (`rolequiz.domain.content_loader`) validates each
file straight into them, and the rest of the app uses the same frozen objects. Every problem
is reported as one line naming the file, the entry and the field.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
    model_validator,
)
from pydantic.dataclasses import dataclass as model

from rolequiz.errors import ContentError, RolequizError
from rolequiz.text import short_repr

CONTENT_ENV = "ROLEQUIZ_CONTENT"
SUPPORTED_CONTENT_SCHEMA = 1
LEVELS = (0, 1, 2, 3, 4)

# Field by field strict (no "3" for 3, no 1 for true); a model is still built from a table.
STRICT = Strict()
MODEL = ConfigDict(extra="forbid")
Id = Annotated[str, STRICT, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_]*$", max_length=64)]
Name = Annotated[str, STRICT, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
Line = Annotated[
    str, STRICT, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)
]
Text = Annotated[
    str, STRICT, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)
]


def _anchor_levels(anchors: Any) -> Any:
    """A file's anchor keys are the text "0"-"4": they become the levels as numbers."""
    if not isinstance(anchors, Mapping):
        return anchors  # pydantic words it
    levels: dict[int, Any] = {}
    for key, text in anchors.items():
        if key not in LEVELS and key not in {str(level) for level in LEVELS}:
            raise ValueError(f"anchor keys must be levels 0-4, got {short_repr(key, 40)}")
        levels[int(key)] = text
    return levels


@model(frozen=True, slots=True, config=MODEL)
class Level:
    value: Annotated[int, STRICT, Field(ge=0, le=4)]
    label: Annotated[
        str, STRICT, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)
    ]
    anchor: Line


@model(frozen=True, slots=True, config=MODEL)
class Resource:
    title: Line
    url: Annotated[str, STRICT, StringConstraints(pattern=r"^https?://\S+$", max_length=500)]


@model(frozen=True, slots=True, config=MODEL)
class Category:
    id: Id
    name: Name
    order: Annotated[int, STRICT] = 0


@model(frozen=True, slots=True, config=MODEL)
class Skill:
    """One question; in a file, a `[[skill]]` entry (its category the file's; resources are
    required there, see content_loader)."""

    id: Id
    name: Name
    category: Id
    prompt: Line
    tip: Line
    aliases: tuple[Annotated[str, STRICT, StringConstraints(min_length=1, max_length=80)], ...] = ()
    requires: Id | None = None
    anchors: Annotated[
        Mapping[int, Line], BeforeValidator(_anchor_levels), AfterValidator(MappingProxyType)
    ] = field(default_factory=dict)
    resources: Annotated[tuple[Resource, ...], Field(min_length=1)] = ()


@model(frozen=True, slots=True, config=MODEL)
class RoleSkill:
    """How much one skill matters to a role, and the level the role expects."""

    weight: Annotated[float, STRICT, Field(gt=0, le=100)]
    target: Annotated[int, STRICT, Field(ge=1, le=4)]
    must: Annotated[bool, STRICT]
    why: Line
    # How much a learner of the role needs the skill, for the gap list (rolequiz.domain.gaps);
    # the weight when absent. Weights rank roles, so a skill that tells roles apart weighs much
    # even when few in the role use it; the need says how many do.
    need: Annotated[float | None, STRICT, Field(gt=0, le=100)] = None

    @property
    def learning_weight(self) -> float:
        """What orders this skill in the role's gap list: its need, else its weight."""
        return self.weight if self.need is None else self.need

    @model_validator(mode="before")
    @classmethod
    def _must_is_optional_in_files(cls, data: Any) -> Any:
        """A file's entry may leave `must` out: false (code passes all four fields)."""
        if isinstance(data, dict) and "must" not in data:
            return {**data, "must": False}
        return data


@model(frozen=True, slots=True, config=MODEL)
class Role:
    """A role profile: a `profiles/*.toml` file less its `schema_version`."""

    id: Id
    name: Name
    summary: Text
    skills: Annotated[
        Mapping[str, RoleSkill], Field(min_length=1), AfterValidator(MappingProxyType)
    ]
    # Added to the role's closeness (rolequiz.domain.scoring): a small correction for how often
    # the role is the answer, a share of the 0-1 closeness scale.
    offset: Annotated[float, Field(ge=-0.5, le=0.5)] = 0.0
    # For the scoring loop (rolequiz.domain.scoring), worked out once: (skill id, weight, target,
    # must) per skill, and the sum of the weights.
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
        """Skills that require `skill_id`, directly or through another skill, in quiz order.

        One pass builds who requires whom and one walk down visits each skill once, so a chain
        of n skills costs n steps, not n * n."""
        required_by: dict[str, list[str]] = {}
        for skill in self.skills_with_requires:
            required_by.setdefault(skill.requires or "", []).append(skill.id)
        wanted: set[str] = set()
        todo = [skill_id]
        while todo:
            for child in required_by.get(todo.pop(), ()):
                if child not in wanted and child != skill_id:
                    wanted.add(child)
                    todo.append(child)
        return [s for s in self.skills if s.id in wanted]

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
    package = Path(__file__).resolve().parents[1]  # rolequiz/
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
    from rolequiz.domain import content_loader

    return content_loader.load(root)


def quiz_order(categories: Iterable[Category]) -> list[Category]:
    return sorted(categories, key=lambda c: (c.order, c.id))


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
