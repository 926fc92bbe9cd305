"""The handlers of `plan`, `report --format`, `history`, `compare` and `team` (see beyond.py).

Each reads profiles and content only through the loaders, prints text through `printable`
(JSON through `escape_in_strings`), writes files atomically, and turns bad input into one
RolequizError line (exit 1, in rolequiz.cli.main).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from rolequiz.cli.commands import _json_line, _unknown
from rolequiz.domain.content import Bank, Role
from rolequiz.domain.plan import Plan, learning_plan, target_role
from rolequiz.domain.scoring import rank_roles
from rolequiz.errors import RolequizError
from rolequiz.files.progress import Progress, default_profile_path, load_progress
from rolequiz.text import printable
from rolequiz.tomlio import write_atomic


def _load(bank: Bank, path: Path) -> Progress:
    progress = load_progress(path)
    sys.stderr.write(_unknown(bank, path, progress)[1])
    return progress


# plan ----------------------------------------------------------------------------------------


def plan(bank: Bank, path: Path | None, role_name: str | None, output: str) -> int:
    source = path or default_profile_path()
    progress = _load(bank, source)
    role = target_role(bank, progress, role_name) or rank_roles(bank, progress.ratings)[0].role
    if role_name and progress.target_role != role.id:
        _keep_target_role(source, role)
    result = learning_plan(bank, role, progress)
    if output == "json":
        sys.stdout.write(_json_line(plan_json(result)))
    else:
        sys.stdout.write(plan_text(source, result))
    return 0


def _keep_target_role(path: Path, role: Role) -> None:
    """Record the role in the profile, under its lock so a quiz open on it is not overwritten;
    if the profile is in use, say so and go on (the plan is still printed)."""
    from rolequiz.files.lock import ProfileInUse, ProfileLock
    from rolequiz.files.progress import save_progress

    try:
        lock = ProfileLock.acquire(path)
    except ProfileInUse as exc:
        sys.stderr.write(f"rolequiz: warning: target role not kept: {printable(str(exc))}\n")
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


def plan_json(result: Plan) -> dict[str, Any]:
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


def plan_text(source: Path, result: Plan) -> str:
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
            must = "must-have, " if gap.must else ""
            lines.append(
                f"  {number}. {gap.skill.name} ({gap.skill.id}): level {gap.current} -> "
                f"{gap.target}  [{must}{gap.priority}]"
            )
            if item.after:
                lines.append(f"     after: {names[item.after]}")
            if gap.skill.tip:
                lines.append(f"     next: {gap.skill.tip}")
            lines.extend(f"     - {r.title}: {r.url}" for r in gap.skill.resources)
    if result.unrated:
        shown = ", ".join(item.skill.name for item in result.unrated)
        lines += ["", f"Not rated yet (answer them in the quiz to plan them): {shown}"]
    return text_lines(lines)


def text_lines(lines: list[str]) -> str:
    """Lines for the terminal: every name, tip and path from a file shown escaped."""
    return "".join(printable(line) + "\n" for line in lines)


# report --format markdown|html -------------------------------------------------------------


def report(
    bank: Bank, path: Path | None, role_name: str | None, output: Path | None, form: str
) -> int:
    from rolequiz.files.report import build_report
    from rolequiz.files.report_formats import category_levels, report_to_html, report_to_markdown

    source = path or default_profile_path()
    progress = _load(bank, source)
    role = bank.find_role(role_name) if role_name else None
    data = build_report(bank, progress, source=printable(str(source)), role=role)
    levels = category_levels(bank, bank.role_by_id[data["target_role"]], progress.ratings)
    render = report_to_html if form == "html" else report_to_markdown
    text = render(data, levels)
    if output is None or str(output) == "-":
        sys.stdout.write(text)
        return 0
    if output.is_dir():
        raise RolequizError(f"{output}: is a folder; give a file name for the report")
    try:
        write_atomic(output, text)
    except OSError as exc:
        raise RolequizError(f"{output}: cannot write the report: {exc.strerror or exc}") from None
    sys.stderr.write(f"rolequiz: report written to {printable(str(output))}\n")
    return 0


def _s(count: int) -> str:
    return "" if count == 1 else "s"
