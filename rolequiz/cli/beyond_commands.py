"""The handlers of `plan`, `history`, `compare` and `team` (see beyond.py).

Each reads profiles and content only through the loaders, prints text through `printable`
(JSON through `escape_in_strings`), writes files atomically, and turns bad input into one
RolequizError line (exit 1, in rolequiz.cli.main).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rolequiz.cli.commands import load_profile
from rolequiz.cli.match import gap_lines, market_or_warn
from rolequiz.cli.output import Section, json_line, note, out, text_lines, text_sections
from rolequiz.domain.compare import Comparison, RatingChange
from rolequiz.domain.compare import compare as compare_profiles
from rolequiz.domain.content import Bank, Role
from rolequiz.domain.market import Market, market_note
from rolequiz.domain.plan import Plan, learning_plan, target_role
from rolequiz.domain.progress import Progress
from rolequiz.domain.scoring import RoleFit, percent, rank_roles
from rolequiz.domain.team import Member
from rolequiz.errors import RolequizError
from rolequiz.files.progress import default_profile_path, load_progress
from rolequiz.text import printable

TEAM_NEEDS_TERMINAL = "team --tui needs a terminal; from a script, leave out --tui"


def _load_or_say(path: Path) -> Progress | None:
    """The profile, or None after one line on stderr saying why it does not load."""
    try:
        return load_progress(path)
    except RolequizError as exc:
        note(f"rolequiz: {printable(str(exc))}\n")
        return None


# plan ----------------------------------------------------------------------------------------


def plan(bank: Bank, path: Path | None, role_name: str | None, output: str) -> int:
    source, progress = load_profile(bank, path)
    role = target_role(bank, progress, role_name) or rank_roles(bank, progress.ratings)[0].role
    if role_name and progress.target_role != role.id:
        _keep_target_role(source, role)
    result = learning_plan(bank, role, progress)
    market = market_or_warn(bank)
    if output == "json":
        out(json_line(plan_json(result, market)))
    else:
        out(plan_text(source, result, market))
    return 0


def _keep_target_role(path: Path, role: Role) -> None:
    """Record the role in the profile, under its lock so a quiz open on it is not overwritten;
    if the profile is in use, say so and go on (the plan is still printed)."""
    from rolequiz.files.lock import ProfileInUse, ProfileLock
    from rolequiz.files.progress import save_progress

    try:
        lock = ProfileLock.acquire(path)
    except ProfileInUse as exc:
        note(f"rolequiz: warning: target role not kept: {printable(str(exc))}\n")
        return
    try:
        progress = load_progress(path)  # read again under the lock: the latest answers
        progress.target_role = role.id
        try:
            save_progress(path, progress)
        except OSError as exc:
            raise RolequizError(
                f"{path}: cannot keep the target role: {exc.strerror or exc}"
            ) from None
    finally:
        if lock is not None:
            lock.release()


def plan_json(result: Plan, market: Market | None = None) -> dict[str, Any]:
    return {
        "role": result.role.id,
        "steps": [
            [
                {
                    "skill": item.gap.skill.id,
                    "name": item.gap.skill.name,
                    "current": item.gap.current,
                    "target": item.gap.target,
                    "must": item.gap.must,
                    "priority": item.gap.priority,
                    "after": item.after,
                    "market": market_note(market, item.gap.skill.id, result.role.id),
                    "tip": item.gap.skill.tip,
                    "resources": [
                        {"title": r.title, "url": r.url} for r in item.gap.skill.resources
                    ],
                }
                for item in step
            ]
            for step in result.steps
        ],
        "unrated": [item.skill.id for item in result.unrated],
    }


def plan_text(source: Path, result: Plan, market: Market | None = None) -> str:
    count = len(result.items)
    lines = [
        f"Learning plan for {result.role.name} ({source}): {count} gap{_s(count)} "
        f"in {len(result.steps)} step{_s(len(result.steps))}"
    ]
    if not count:
        lines.append("  Every rated skill of this role is at its target.")
    number = 0
    names = {item.gap.skill.id: item.gap.skill.name for item in result.items}
    for index, step in enumerate(result.steps, 1):
        lines += ["", f"Step {index}"]
        for item in step:
            number += 1
            gap = item.gap
            note = market_note(market, gap.skill.id, result.role.id)
            item_lines = gap_lines(number, gap, f"level {gap.current}", note)
            if item.after:
                item_lines.insert(1, f"     after: {names[item.after]}")
            lines += item_lines
    if result.unrated:
        shown = ", ".join(item.skill.name for item in result.unrated)
        lines += ["", f"Not rated yet (answer them in the quiz to plan them): {shown}"]
    return text_lines(lines)


def _s(count: int) -> str:
    return "" if count == 1 else "s"


# history and compare -------------------------------------------------------------------------


def history(bank: Bank, path: Path | None) -> int:
    """One line per snapshot, oldest first, then the profile as it is now; a snapshot that
    does not load is one line on stderr and makes the exit code 1."""
    from rolequiz.domain.quiz import counts
    from rolequiz.files.history import history_dir, list_snapshots

    source = path or default_profile_path()
    snapshots = list_snapshots(source)
    entries: list[tuple[str, Path]] = [
        (snapshot.when.strftime("%Y-%m-%d %H:%M UTC"), snapshot.path) for snapshot in snapshots
    ]
    if source.exists():
        entries.append(("now", source))
    if not entries:
        raise RolequizError(f"{source}: no such profile and no snapshots in {history_dir(source)}")
    lines = [f"{source}: {len(snapshots)} snapshot{_s(len(snapshots))} in {history_dir(source)}"]
    failed = False
    for when, entry in entries:
        progress = _load_or_say(entry)
        if progress is None:
            failed = True
            continue
        tally = counts(bank, progress)
        top = rank_roles(bank, progress.ratings)[0]
        skipped = f", {tally.skipped} skipped" if tally.skipped else ""
        lines.append(
            f"  {when:<20}  {tally.rated:>3} of {tally.total} rated{skipped:<13}  "
            f"top: {top.role.name} {percent(top.readiness)} ready  {entry.name}"
        )
    out(text_lines(lines))
    return 1 if failed else 0


def compare(bank: Bank, old_path: Path, new_path: Path, role_name: str | None, form: str) -> int:
    (_, old), (_, new) = load_profile(bank, old_path), load_profile(bank, new_path)
    result = compare_profiles(bank, old, new, target_role(bank, new, role_name))
    if form == "json":
        out(json_line(compare_json(result)))
    else:
        out(compare_text(old_path, new_path, result, markdown=form == "markdown"))
    return 0


def _level(value: int | None) -> str:
    return "-" if value is None else str(value)


def compare_sections(result: Comparison) -> list[Section]:
    rating_columns = ["skill", "before", "after"]
    sections: list[Section] = [
        (heading, rating_columns, [[c.skill.name, _level(c.before), _level(c.after)] for c in rows])
        for heading, rows in (
            ("Ratings up", result.up),
            ("Ratings down", result.down),
            ("Newly rated", result.rated),
            ("No longer rated", result.unrated),
        )
    ]
    name = result.role.name
    sections.append(
        (
            f"Gaps for {name} closed",
            ["skill", "level before", "target"],
            [[g.skill.name, str(g.current), str(g.target)] for g in result.closed],
        )
    )
    sections.append(
        (
            f"Gaps for {name} opened",
            ["skill", "level", "target", "priority"],
            [[g.skill.name, str(g.current), str(g.target), g.priority] for g in result.opened],
        )
    )
    sections.append(
        (
            "Roles (before -> after)",
            ["role", "rank", "match", "ready", "coverage"],
            [
                [
                    change.role.name,
                    f"{change.rank_before} -> {change.rank_after}",
                    f"{percent(change.before.closeness)} -> {percent(change.after.closeness)}",
                    f"{percent(change.before.readiness)} -> {percent(change.after.readiness)}",
                    f"{percent(change.before.coverage)} -> {percent(change.after.coverage)}",
                ]
                for change in result.roles
            ],
        )
    )
    return sections


def compare_text(old: Path, new: Path, result: Comparison, *, markdown: bool) -> str:
    title = f"Changes from {old} to {new}"
    if markdown:
        from rolequiz.files.report_formats import md

        return markdown_sections(md(title), compare_sections(result))
    return text_sections(title, compare_sections(result))


def markdown_sections(title: str, sections: list[Section]) -> str:
    """Sections as Markdown tables; `title` is Markdown already, every cell is escaped here."""
    from rolequiz.files.report_formats import md

    lines = [f"# {title}"]
    for heading, columns, rows in sections:
        lines += ["", f"## {md(heading)}", ""]
        if not rows:
            lines.append("None.")
            continue
        lines.append("| " + " | ".join(columns) + " |")
        lines.append("|" + "---|" * len(columns))
        lines += ["| " + " | ".join(md(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def compare_json(result: Comparison) -> dict[str, Any]:
    def ratings(rows: tuple[RatingChange, ...]) -> list[dict[str, Any]]:
        return [{"skill": c.skill.id, "before": c.before, "after": c.after} for c in rows]

    def fit(role_fit: RoleFit) -> dict[str, float]:
        return {
            "closeness": round(role_fit.closeness, 4),
            "readiness": round(role_fit.readiness, 4),
            "coverage": round(role_fit.coverage, 4),
        }

    return {
        "role": result.role.id,
        "up": ratings(result.up),
        "down": ratings(result.down),
        "rated": ratings(result.rated),
        "unrated": ratings(result.unrated),
        "gaps_closed": [g.skill.id for g in result.closed],
        "gaps_opened": [g.skill.id for g in result.opened],
        "roles": [
            {
                "id": change.role.id,
                "rank_before": change.rank_before,
                "rank_after": change.rank_after,
                "before": fit(change.before),
                "after": fit(change.after),
            }
            for change in result.roles
        ],
    }


# team ----------------------------------------------------------------------------------------


def load_team(paths: list[Path]) -> tuple[list[Member], bool]:
    """The people of the profiles given (or of a folder's *.toml), each named by the profile's
    `name` field, else its file name, and whether any file failed to load: such a file is one
    line on stderr and left out."""
    from rolequiz.domain.team import Member

    if len(paths) == 1 and paths[0].is_dir():
        folder = paths[0]
        paths = sorted(folder.glob("*.toml"))
        if not paths:
            raise RolequizError(f"{folder}: no *.toml profiles in the folder")
    members: list[Member] = []
    failed = False
    for path in paths:
        progress = _load_or_say(path)
        if progress is None:
            failed = True
            continue
        name = progress.extra.get("name")  # an optional field a lead may add to a profile
        shown = name if isinstance(name, str) and name.strip() else path.stem
        members.append(Member(shown, progress))
    if not members:
        raise RolequizError("no profile could be read")
    return members, failed


def team(bank: Bank, paths: list[Path], role_name: str | None, form: str) -> int:
    """The team view of the profiles given; a file that does not load makes the exit code 1."""
    from rolequiz.cli import team_output
    from rolequiz.domain.team import team_view

    role = bank.find_role(role_name) if role_name else None
    members, failed = load_team(paths)
    view = team_view(bank, members, role)
    from rolequiz.domain.team import people_count

    title = f"Team of {people_count(view.people)}"
    if form == "json":
        out(json_line(team_output.team_json(view)))
    elif form == "html":
        out(team_output.team_html(view))
    elif form == "markdown":
        out(markdown_sections(title, team_output.team_sections(view)))
    else:
        out(text_sections(title, team_output.team_sections(view)))
    return 1 if failed else 0


def team_screen(bank: Bank, paths: list[Path], role_name: str | None) -> int:
    """`team --tui`: the same view as a screen; needs a terminal, like the quiz."""
    from rolequiz.cli.main import has_terminal

    if not has_terminal():
        raise RolequizError(TEAM_NEEDS_TERMINAL)
    role = bank.find_role(role_name) if role_name else None
    members, failed = load_team(paths)
    from rolequiz.tui.team_app import TeamApp

    code = TeamApp(bank, members, role).run() or 0
    return 1 if failed else code
