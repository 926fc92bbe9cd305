"""What the market asks for: per role, the share of real job postings that name each skill.

The figures live in `market/postings-2023.toml` of a content folder (made by bench/market.py;
the format is in docs/content-format.md), beside `questions/` and `profiles/` so the content
loader never reads it as a role profile. A content folder without it simply has no figures.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, Any

from pydantic import AfterValidator, Field, TypeAdapter, ValidationError
from pydantic.dataclasses import dataclass as model

from rolequiz.domain.content import (
    MODEL,
    STRICT,
    SUPPORTED_CONTENT_SCHEMA,
    Bank,
    Id,
    Line,
    Name,
)
from rolequiz.errors import RolequizError
from rolequiz.text import printable, short_repr
from rolequiz.tomlio import MAX_CONTENT_BYTES, read_toml

MARKET_FILE = Path("market") / "postings-2023.toml"
Share = Annotated[float, STRICT, Field(gt=0, le=1)]
Count = Annotated[int, STRICT, Field(gt=0)]


@model(frozen=True, slots=True, config=MODEL)
class RoleMarket:
    """The postings of one role: how many, and the share that names each skill (a skill no
    posting of the role names is left out)."""

    title: Name
    postings: Count
    share: Annotated[Mapping[Id, Share], AfterValidator(MappingProxyType)]


@model(frozen=True, slots=True, config=MODEL)
class Market:
    """The whole file less its `schema_version`."""

    source: Line
    first_posted: Annotated[date, STRICT]
    last_posted: Annotated[date, STRICT]
    postings: Count
    # The skills a posting can name at all: the source's keyword list holds tools, not concepts
    # (statistics, ETL, dashboards), so of the others the postings say nothing.
    covered: tuple[Id, ...]
    roles: Annotated[Mapping[Id, RoleMarket], AfterValidator(MappingProxyType)]

    @property
    def years(self) -> str:
        first, last = self.first_posted.year, self.last_posted.year
        return str(first) if first == last else f"{first}-{last}"


_MARKET = TypeAdapter(Market)


def load_market(root: Path | None) -> Market | None:
    """The market figures of a content folder; None when it has none. A broken file raises a
    RolequizError of one line naming the file, the field and the problem."""
    if root is None:
        return None
    path = root / MARKET_FILE
    if not path.exists():
        return None
    shown = printable(str(path))
    data = read_toml(path, max_bytes=MAX_CONTENT_BYTES)
    version = data.pop("schema_version", None)
    if type(version) is not int or not 1 <= version <= SUPPORTED_CONTENT_SCHEMA:
        raise RolequizError(
            f"{shown}: schema_version: must be {SUPPORTED_CONTENT_SCHEMA}, "
            f"got {short_repr(version)}"
        )
    try:
        return _MARKET.validate_python(data)
    except ValidationError as exc:
        errors = exc.errors()
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise RolequizError(f"{shown}: {_describe(errors[0])}{more}") from None


def market_for(bank: Bank) -> tuple[Market | None, str | None]:
    """The market figures of the bank's content folder, never failing: they are an extra, so a
    broken file gives no figures and the one line saying why (for a command to warn with)."""
    try:
        return load_market(bank.source), None
    except RolequizError as exc:
        return None, f"{exc} (market figures left out)"


def _describe(error: Any) -> str:
    where = ".".join(printable(str(part)) for part in error["loc"]) or "(file)"
    message = str(error["msg"])
    message = message[0].lower() + message[1:] if message else "invalid"
    if error["type"] in {"extra_forbidden", "unexpected_keyword_argument"}:
        message = "unknown field (check the spelling)"
    elif error["type"] != "missing" and "input" in error:
        message += f", got {short_repr(error['input'])}"
    return f"{where}: {message}"


def market_note(market: Market | None, skill_id: str, role_id: str) -> str:
    """ "named in 47% of Data Engineer postings, 2023"; "no 2023 posting names it" when none
    does; "" when there is nothing to say (no figures, no postings for the role, or a skill
    the postings cannot name)."""
    if market is None or skill_id not in market.covered:
        return ""
    role = market.roles.get(role_id)
    if role is None:
        return ""
    share = role.share.get(skill_id)
    if share is None:
        named_elsewhere = any(skill_id in other.share for other in market.roles.values())
        who = f"{role.title} " if named_elsewhere else ""
        return f"no {market.years} {who}posting names it"
    shown = "<1%" if share < 0.005 else f"{share:.0%}"
    return f"named in {shown} of {role.title} postings, {market.years}"
