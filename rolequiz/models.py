"""Pydantic models of the content files: the rating scale, skills, categories and role profiles."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from rolequiz.text import short_repr

LEVELS = (0, 1, 2, 3, 4)

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9_]*$", max_length=64),
]
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Level(_Strict):
    value: Annotated[int, Field(ge=0, le=4)]
    label: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]
    anchor: Line


class ScaleFile(_Strict):
    schema_version: int
    level: list[Level]

    @field_validator("level")
    @classmethod
    def _five_levels(cls, levels: list[Level]) -> list[Level]:
        values = [level.value for level in levels]
        if sorted(values) != list(LEVELS):
            raise ValueError(
                f"must define levels 0, 1, 2, 3, 4 once each, got {short_repr(values, 60)}"
            )
        return sorted(levels, key=lambda level: level.value)


class Resource(_Strict):
    title: Line
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$", max_length=500)]


class SkillEntry(_Strict):
    """One `[[skill]]` entry of a category file."""

    id: Id
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
    aliases: list[Annotated[str, StringConstraints(min_length=1, max_length=80)]] = []
    prompt: Line
    requires: Id | None = None
    tip: Line
    anchors: dict[str, Line] = {}
    resources: Annotated[list[Resource], Field(min_length=1)]

    @field_validator("anchors")
    @classmethod
    def _anchor_levels(cls, anchors: dict[str, str]) -> dict[str, str]:
        for key in anchors:
            if key not in {"0", "1", "2", "3", "4"}:
                raise ValueError(f"anchor keys must be levels 0-4, got {short_repr(key, 40)}")
        return anchors


class CategoryHeader(_Strict):
    id: Id
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
    order: int = 0


class CategoryFile(_Strict):
    """A category file; its `[[skill]]` entries are validated one by one (`SkillEntry`)."""

    schema_version: int
    category: CategoryHeader
    skill: list[dict[str, Any]] = []


class RoleSkill(_Strict):
    """How much one skill matters to a role, and the level the role expects."""

    weight: Annotated[int | float, Field(gt=0, le=100)]  # shipped profiles use whole 1-20
    target: Annotated[int, Field(ge=1, le=4)]
    must: bool = False
    why: Line


class RoleFile(_Strict):
    """A role profile; each entry of `[skills]` is validated on its own (`RoleSkill`)."""

    schema_version: int
    id: Id
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
    summary: Text
    # Added to the role's closeness (rolequiz.scoring): a small correction for how often the
    # role is the answer, a share of the 0-1 closeness scale.
    offset: Annotated[int | float, Field(ge=-0.5, le=0.5)] = 0.0
    skills: Annotated[dict[str, dict[str, Any]], Field(min_length=1)]
