"""A team view for leads: levels per skill, skills nobody or only one person holds, mentors.

For a team of people (a name and a progress profile each):
  spread     per bank skill, how many people are at each level 0-4, and how many have no level;
  missing    per role, the skills it lists that nobody on the team has at its target;
  single     the skills only one person holds at HOLDS_AT (Independent) or above;
  mentors    for each person, their top TOP_GAPS gaps (for their kept target role, else their
             closest role, from `gap_list`), each with the colleague rated highest on that skill
             at HOLDS_AT or above (ties: by name), or nobody.
Every part is one pass over the people's ratings or over the roles' skills: linear in
people x skills.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rolequiz.domain.content import Bank, Role, Skill
from rolequiz.domain.gaps import Gap, gap_list
from rolequiz.domain.progress import Progress
from rolequiz.domain.scoring import rank_roles

HOLDS_AT = 3
TOP_GAPS = 3
LEVELS = 5


@dataclass(frozen=True, slots=True)
class Member:
    name: str
    progress: Progress


@dataclass(frozen=True, slots=True)
class Spread:
    skill: Skill
    at_level: tuple[int, ...]  # people at level 0, 1, 2, 3, 4
    unrated: int


@dataclass(frozen=True, slots=True)
class Missing:
    skill: Skill
    target: int
    best: int | None  # the highest level anyone has (None: nobody rated it)


@dataclass(frozen=True, slots=True)
class Mentoring:
    gap: Gap
    mentor: str | None
    mentor_level: int | None


@dataclass(frozen=True, slots=True)
class PersonGaps:
    name: str
    role: Role
    gaps: tuple[Mentoring, ...]


@dataclass(frozen=True, slots=True)
class TeamView:
    people: int
    spread: tuple[Spread, ...]
    missing: tuple[tuple[Role, tuple[Missing, ...]], ...]
    single: tuple[tuple[Skill, str, int], ...]  # skill, the one holder, their level
    mentors: tuple[PersonGaps, ...]


def people_count(count: int) -> str:
    """ "1 person", "3 people": how every team view counts people."""
    return f"{count} {'person' if count == 1 else 'people'}"


def team_view(bank: Bank, members: Sequence[Member], role: Role | None = None) -> TeamView:
    """The team's view; `role` limits `missing` to that role and sets everyone's gaps' role."""
    tallies = {skill.id: [0] * LEVELS for skill in bank.skills}
    holders: dict[str, list[tuple[int, str]]] = {skill.id: [] for skill in bank.skills}
    for member in members:
        for skill_id, level in member.progress.ratings.items():
            tally = tallies.get(skill_id)
            if tally is None:
                continue  # a skill the bank does not know
            tally[level] += 1
            if level >= HOLDS_AT:
                holders[skill_id].append((level, member.name))
    for found in holders.values():
        found.sort(key=lambda holder: (-holder[0], holder[1]))
    people = len(members)
    spread = tuple(
        Spread(skill, tuple(tallies[skill.id]), people - sum(tallies[skill.id]))
        for skill in bank.skills
    )
    best = {
        skill_id: max((lvl for lvl in range(LEVELS) if tally[lvl]), default=None)
        for skill_id, tally in tallies.items()
    }
    roles = (role,) if role is not None else bank.roles
    missing = tuple(
        (
            each,
            tuple(
                Missing(bank.skill_by_id[skill_id], spec.target, best[skill_id])
                for skill_id, spec in each.skills.items()
                if (top := best[skill_id]) is None or top < spec.target
            ),
        )
        for each in roles
    )
    single = tuple(
        (skill, holders[skill.id][0][1], holders[skill.id][0][0])
        for skill in bank.skills
        if len(holders[skill.id]) == 1
    )
    mentors = tuple(_person_gaps(bank, member, role, holders) for member in members)
    return TeamView(people, spread, missing, single, mentors)


def _person_gaps(
    bank: Bank, member: Member, role: Role | None, holders: dict[str, list[tuple[int, str]]]
) -> PersonGaps:
    ratings = member.progress.ratings
    kept = member.progress.target_role
    target = role or bank.role_by_id.get(kept or "") or rank_roles(bank, ratings)[0].role
    found = []
    for gap in gap_list(bank, target, ratings)[:TOP_GAPS]:
        mentor = next(
            ((level, name) for level, name in holders[gap.skill.id] if name != member.name),
            None,
        )
        found.append(Mentoring(gap, mentor[1] if mentor else None, mentor[0] if mentor else None))
    return PersonGaps(member.name, target, tuple(found))


def rated_by(members: Sequence[Member], skill_id: str) -> tuple[tuple[str, int], ...]:
    """Who rated the skill and at what level: the highest level first, then by name."""
    found = [
        (member.name, level)
        for member in members
        if (level := member.progress.ratings.get(skill_id)) is not None
    ]
    return tuple(sorted(found, key=lambda pair: (-pair[1], pair[0])))
