"""`rolequiz match AD...`: the skills a job ad names, the role it reads as, and your gaps for it.

The rule that finds the skills is `rolequiz.domain.job_ad` (docs/match.md). Text from an ad
reaches the terminal only through `printable` (JSON through `escape_in_strings`); an ad that
cannot be read is one line on stderr and makes the exit code 1, the others are still shown.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from rolequiz.cli.output import json_line, note, out, text_lines, text_sections, unknown_skills
from rolequiz.domain.content import Bank, Role
from rolequiz.domain.gaps import Gap
from rolequiz.domain.job_ad import (
    MAX_AD_BYTES,
    AdError,
    AdFit,
    Matcher,
    read_ad,
    summary_line,
)
from rolequiz.domain.market import Market, market_for, market_note
from rolequiz.domain.scoring import percent
from rolequiz.errors import RolequizError
from rolequiz.text import printable

STDIN = "-"
ROLES_SHOWN = 3


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    """Register `match` on the `rolequiz` sub-command parser."""
    from rolequiz.cli.parsing import add_command, add_format

    match = add_command(
        commands,
        common,
        "match",
        "read job ads: the skills each names, the role it reads as, your gaps for it",
        "rolequiz match ad.txt --profile me.toml",
        "pbpaste | rolequiz match - --format markdown",
    )
    match.add_argument(
        "ads", nargs="+", metavar="AD", help="job ads as plain UTF-8 text files ('-': stdin)"
    )
    match.add_argument(
        "--profile",
        dest="match_profile",
        metavar="PATH",
        type=Path,
        help="your progress profile (default: the saved one)",
    )
    add_format(match, "text", "json", "markdown")


def run(bank: Bank, args: argparse.Namespace) -> int:
    profile = args.match_profile or (Path(args.profile) if args.profile else None)
    ratings = _ratings(bank, profile)
    market = market_or_warn(bank)
    matcher = Matcher(bank)
    failed = printed = False
    for name in args.ads:
        shown = "standard input" if name == STDIN else printable(name)
        try:
            fit = read_ad(matcher, _read(name, shown), shown, ratings)
        except RolequizError as exc:
            failed = True
            note(f"rolequiz: {printable(str(exc))}\n")
            if args.format == "json":
                out(json_line({"file": name, "error": str(exc)}))
            continue
        if args.format == "json":
            out(json_line(match_json(name, fit, market)))
        else:
            render = match_markdown if args.format == "markdown" else match_text
            out(("\n" if printed else "") + render(shown, fit, market))
        printed = True
    return 1 if failed else 0


def _read(name: str, shown: str) -> bytes:
    if name != STDIN:
        from rolequiz.tomlio import read_limited

        return read_limited(Path(name), MAX_AD_BYTES)
    raw = sys.stdin.buffer.read(MAX_AD_BYTES + 1)
    if len(raw) > MAX_AD_BYTES:
        raise AdError(f"{shown}: too large for an ad (the limit is {MAX_AD_BYTES:,} bytes)")
    return raw


def _ratings(bank: Bank, profile: Path | None) -> dict[str, int]:
    """The person's ratings: the profile given, else the saved one; with neither, none (a
    warning says every skill counts as not rated)."""
    from rolequiz.files.progress import default_profile_path, load_progress

    source = profile or default_profile_path()
    if profile is None and not source.exists():
        note(
            f"rolequiz: warning: no saved profile ({printable(str(source))}): every skill "
            "counts as not rated (take the quiz, or give --profile)\n"
        )
        return {}
    progress = load_progress(source)
    note(unknown_skills(bank, source, progress)[1])
    return progress.ratings


def market_or_warn(bank: Bank) -> Market | None:
    """The content's market figures, if any; a broken file is one warning line and no figures
    (they are an extra: a command never fails for them)."""
    market, warning = market_for(bank)
    if warning is not None:
        note(f"rolequiz: warning: {printable(warning)}\n")
    return market


def role_market(market: Market | None, role: Role) -> list[tuple[str, str]]:
    """(skill id, market note) for each skill of the role the postings can name, most often
    named first (for `rolequiz roles`)."""
    if market is None or role.id not in market.roles:
        return []
    share = market.roles[role.id].share
    named = sorted(
        (skill_id for skill_id in role.skills if skill_id in market.covered),
        key=lambda skill_id: -share.get(skill_id, 0.0),
    )
    return [(skill_id, market_note(market, skill_id, role.id)) for skill_id in named]


def _level(fit: AdFit, skill_id: str) -> str:
    level = fit.levels[skill_id]
    return "not rated" if level is None else str(level)


def _roles_line(fit: AdFit) -> str:
    top, *others = fit.ranked[:ROLES_SHOWN]
    line = f"reads as {top.role.name} (match {percent(top.closeness)})"
    if others:
        line += "; then " + ", ".join(f"{o.role.name} {percent(o.closeness)}" for o in others)
    return line


def gap_lines(number: int, gap: Gap, current: str, note: str) -> list[str]:
    """One gap for the terminal: the skill, level, target and priority, then the market
    figure, the next step and where to learn (shared with `plan`)."""
    must = "must-have, " if gap.must else ""
    lines = [
        f"  {number}. {gap.skill.name} ({gap.skill.id}): {current} -> {gap.target}  "
        f"[{must}{gap.priority}]"
    ]
    if note:
        lines.append(f"     market: {note}")
    if gap.skill.tip:
        lines.append(f"     next: {gap.skill.tip}")
    lines.extend(f"     - {r.title}: {r.url}" for r in gap.skill.resources)
    return lines


def match_text(shown: str, fit: AdFit, market: Market | None) -> str:

    role_id = fit.role.id
    skills = [
        [skill.name, _level(fit, skill.id), str(fit.targets[skill.id])] for skill in fit.skills
    ]
    tables = text_sections(
        f"{shown} {_roles_line(fit)}", [("Skills the ad names", ["skill", "you", "asked"], skills)]
    )
    lines = ["", f"Gaps for this ad, most important first: {len(fit.gaps) or 'none'}"]
    for number, gap in enumerate(fit.gaps, 1):
        note = market_note(market, gap.skill.id, role_id)
        lines += gap_lines(number, gap, _level(fit, gap.skill.id), note)
    lines += ["", summary_line(fit)]
    return tables + text_lines(lines)


def match_markdown(shown: str, fit: AdFit, market: Market | None) -> str:
    # The report's Markdown escaping and links (only http(s) become links).
    from rolequiz.files.report_formats import _md_link, md

    roles_line = _roles_line(fit)
    lines = [
        f"# {md(shown)}",
        "",
        md(roles_line[0].upper() + roles_line[1:]) + ".",
        "",
        md(summary_line(fit)) + ".",
        "",
        "## Skills the ad names",
        "",
        "| skill | you | asked |",
        "|---|--:|--:|",
    ]
    lines += [
        f"| {md(skill.name)} | {_level(fit, skill.id)} | {fit.targets[skill.id]} |"
        for skill in fit.skills
    ]
    lines += ["", "## Gaps for this ad, most important first", ""]
    if not fit.gaps:
        lines.append("None.")
    for number, gap in enumerate(fit.gaps, 1):
        must = ", must-have" if gap.must else ""
        lines.append(
            f"{number}. **{md(gap.skill.name)}** ({md(gap.skill.id)}): level "
            f"{_level(fit, gap.skill.id)}, target {gap.target}, {gap.priority} priority{must}."
        )
        note = market_note(market, gap.skill.id, fit.role.id)
        if note:
            lines.append(f"   - Market: {md(note)}.")
        lines.append(f"   - Next: {md(gap.skill.tip)}")
        lines += [f"   - {_md_link(r.title, r.url)}" for r in gap.skill.resources]
    return "\n".join(lines) + "\n"


def match_json(name: str, fit: AdFit, market: Market | None) -> dict[str, Any]:
    return {
        "file": name,
        "skills": [skill.id for skill in fit.skills],
        "roles": [
            {"id": f.role.id, "name": f.role.name, "closeness": round(f.closeness, 4)}
            for f in fit.ranked
        ],
        "levels": dict(fit.levels),
        "gaps": [
            {
                "skill": gap.skill.id,
                "name": gap.skill.name,
                "current": fit.levels[gap.skill.id],
                "target": gap.target,
                "must": gap.must,
                "priority": gap.priority,
                "market": market_note(market, gap.skill.id, fit.role.id),
                "tip": gap.skill.tip,
                "resources": [{"title": r.title, "url": r.url} for r in gap.skill.resources],
            }
            for gap in fit.gaps
        ],
        "summary": summary_line(fit),
    }
