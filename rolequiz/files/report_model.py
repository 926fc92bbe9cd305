"""Pydantic shape of a gap report file, used only when a report is read back."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

Score = Annotated[float, Field(ge=0, le=1)]
Level = Annotated[int, Field(ge=0, le=4)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class Answers(_Strict):
    total: Annotated[int, Field(ge=0)]
    rated: Annotated[int, Field(ge=0)]
    skipped: Annotated[int, Field(ge=0)]
    not_applicable: Annotated[int, Field(ge=0)]
    unanswered: Annotated[int, Field(ge=0)]


class RankedRole(_Strict):
    rank: Annotated[int, Field(ge=1)]
    id: str
    name: str
    closeness: Score
    readiness: Score
    coverage: Score
    rated_skills: Annotated[int, Field(ge=0)]
    role_skills: Annotated[int, Field(ge=1)]


class Why(_Strict):
    top_role: str
    strengths: list[str]
    runner_up: str
    holdbacks: list[str]


class Link(_Strict):
    title: str
    url: str


class GapEntry(_Strict):
    skill: str
    name: str
    current: Level
    target: Level
    priority: Literal["high", "medium", "low"]
    must: bool
    weight: float
    tip: str
    market: str = ""  # only when the market figures say something of the skill
    resources: list[Link]


class UnratedEntry(_Strict):
    skill: str
    name: str
    status: Literal["skipped", "unanswered"]
    target: Level
    must: bool


class ReportFile(_Strict):
    schema_version: Literal[1]
    generated: datetime
    source_profile: str
    recommended_role: str
    target_role: str
    provisional: bool
    answers: Answers
    roles: Annotated[list[RankedRole], Field(min_length=1)]
    why: Why
    gaps: list[GapEntry]
    unrated: list[UnratedEntry]
