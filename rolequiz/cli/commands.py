"""The scripting commands behind `rolequiz score | report | skills | roles`."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rolequiz.cli.output import (
    json_line,
    note,
    out,
    table,
    text_lines,
    unknown_skills,
    write_output,
)
from rolequiz.domain.content import Bank, Role, load_bank
from rolequiz.domain.progress import Progress
from rolequiz.domain.quiz import Counts, counts
from rolequiz.domain.scoring import RoleFit, percent, rank_roles
from rolequiz.errors import RolequizError
from rolequiz.files.progress import default_profile_path, load_progress
from rolequiz.text import printable


def load(root: Path) -> Bank:
    return load_bank(root)


def saved_profile() -> Path:
    """The profile the quiz saves to, if there is one yet."""
    path = default_profile_path()
    if not path.exists():
        raise RolequizError(
            f"{path}: no saved profile yet; take the quiz ('rolequiz') or name a profile file"
        )
    return path


def load_profile(bank: Bank, path: Path | None) -> tuple[Path, Progress]:
    """The profile at `path` (default: the saved one), after a warning about any skill ids the
    bank does not know."""
    source = path or saved_profile()
    progress = load_progress(source)
    note(unknown_skills(bank, source, progress)[1])
    return source, progress


def score(bank: Bank, paths: Sequence[Path], output: str) -> int:
    """Score each profile (default: the saved one), in the order given; a bad file is reported
    and skipped, and makes the exit code 1."""
    failed = False
    for index, path in enumerate(paths or [saved_profile()]):
        text, errors, bad = _score_one(bank, path, output)
        note(errors)
        if output != "json" and index and not bad:
            out("\n")
        out(text)
        failed = failed or bad
    return 1 if failed else 0


def _score_one(bank: Bank, path: Path, output: str) -> tuple[str, str, bool]:
    """Standard output, standard error, and whether the file failed."""
    try:
        progress = load_progress(path)
    except RolequizError as exc:
        error = f"rolequiz: {printable(str(exc))}\n"
        if output == "json":
            return json_line({"path": str(path), "error": str(exc)}), error, True
        return "", error, True
    unknown, warning = unknown_skills(bank, path, progress)
    ranked = rank_roles(bank, progress.ratings)
    tally = counts(bank, progress)
    if output == "json":
        record = {
            "path": str(path),
            "recommended": ranked[0].role.id,
            "provisional": tally.pending > 0,
            "rated": tally.rated,
            "skipped": tally.skipped,
            "total": tally.total,
            "unknown_skills": unknown,
            "roles": [_fit_json(rank, fit) for rank, fit in enumerate(ranked, 1)],
        }
        return json_line(record), warning, False
    return _score_text(path, ranked, tally), warning, False


def _fit_json(rank: int, fit: RoleFit) -> dict[str, Any]:
    return {
        "rank": rank,
        "id": fit.role.id,
        "name": fit.role.name,
        "closeness": round(fit.closeness, 4),
        "readiness": round(fit.readiness, 4),
        "coverage": round(fit.coverage, 4),
    }


def _score_text(path: Path, ranked: list[RoleFit], tally: Counts) -> str:
    """The quiz's results table (rolequiz.tui.screens.results, COLUMNS), its names and order:
    rank, role, match (closeness), ready (readiness), and how many of the role's skills are
    rated."""
    status = "provisional" if tally.pending else "complete"
    skip_note = f", {tally.skipped} skipped" if tally.skipped else ""
    head = f"{path}: {tally.rated} of {tally.total} rated{skip_note} ({status})"
    rows = [["#", "role", "match", "ready", "rated"]]
    rows += [
        [
            str(rank),
            fit.role.name,
            percent(fit.closeness).rjust(5),
            percent(fit.readiness).rjust(5),
            f"{fit.rated} of {fit.total}",
        ]
        for rank, fit in enumerate(ranked, 1)
    ]
    return text_lines([head, *table(rows), f"  recommended: {ranked[0].role.name}"])


def report(
    bank: Bank, path: Path | None, role_name: str | None, output: Path | None, form: str
) -> int:
    """The gap report (TOML, Markdown or HTML) to standard output or to a file."""
    from rolequiz.files.report import build_report

    source, progress = load_profile(bank, path)
    role = bank.find_role(role_name) if role_name else None
    # The report is UTF-8: a file name with control characters or bytes that are not UTF-8 is
    # recorded escaped rather than making the report unwritable.
    from rolequiz.cli.match import market_or_warn

    data = build_report(
        bank, progress, source=printable(str(source)), role=role, market=market_or_warn(bank)
    )
    from rolequiz.files.report_formats import report_text

    text = report_text(bank, progress, data, form)
    write_output(output, text, source=source)
    return 0


def list_skills(bank: Bank, output: str) -> int:
    if output == "json":
        records = (
            {
                "id": skill.id,
                "name": skill.name,
                "category": skill.category,
                "aliases": list(skill.aliases),
                "requires": skill.requires,
            }
            for skill in bank.skills
        )
        out("".join(map(json_line, records)))
        return 0
    width = max(len(skill.id) for skill in bank.skills)
    rows = []
    for category in bank.categories:
        rows.append(f"{printable(category.name)}\n")
        for skill in bank.skills:
            if skill.category != category.id:
                continue
            aliases = f"  (also: {', '.join(skill.aliases)})" if skill.aliases else ""
            rows.append(f"  {skill.id:<{width}}  {printable(skill.name + aliases)}\n")
    out("".join(rows))
    return 0


def list_roles(bank: Bank, output: str) -> int:
    from rolequiz.cli.match import market_or_warn, role_market

    market = market_or_warn(bank)
    if output == "json":
        records = (
            {
                "id": role.id,
                "name": role.name,
                "summary": role.summary,
                "skills": len(role.skills),
                "must": [skill_id for skill_id, spec in role.skills.items() if spec.must],
                "market": dict(role_market(market, role)),
            }
            for role in bank.roles
        )
        out("".join(map(json_line, records)))
        return 0
    width = max(len(role.id) for role in bank.roles)
    rows = []
    for role in bank.roles:
        rows.append(
            f"{role.id:<{width}}  {printable(role.name)} ({len(role.skills)} skills): "
            f"{printable(role.summary)}\n"
        )
        rows += [
            f"{'':<{width}}    {printable(bank.skill_by_id[skill_id].name)}: {printable(note)}\n"
            for skill_id, note in role_market(market, role)
        ]
    out("".join(rows))
    return 0


def show_role(bank: Bank, name: str, output: str) -> int:
    """One role: its skills with weight, need (what orders the gap list), target, must-have,
    the market figure and why, the most weighted first (the market figure only where the
    postings say something of it)."""
    from rolequiz.cli.match import market_or_warn
    from rolequiz.domain.market import market_note

    role = bank.find_role(name)
    skills = sorted(role.skills.items(), key=lambda item: -item[1].weight)  # stable: file order
    market = market_or_warn(bank)
    notes = {skill_id: market_note(market, skill_id, role.id) for skill_id, _ in skills}
    if output == "json":
        record = {
            "id": role.id,
            "name": role.name,
            "summary": role.summary,
            "skills": [
                {
                    "id": skill_id,
                    "name": _skill_name(bank, skill_id),
                    "weight": spec.weight,
                    "need": spec.learning_weight,
                    "target": spec.target,
                    "must": spec.must,
                    "why": spec.why,
                    **({"market": notes[skill_id]} if notes[skill_id] else {}),
                }
                for skill_id, spec in skills
            ],
        }
        out(json_line(record))
        return 0
    # The column only when the figures say something of one of the skills.
    shown = any(notes.values())
    rows = [
        ["skill", "id", "weight", "need", "target", "must-have"]
        + (["market"] if shown else [])
        + ["why"]
    ]
    rows += [
        [
            _skill_name(bank, skill_id),
            skill_id,
            f"{spec.weight:g}",
            f"{spec.learning_weight:g}",
            str(spec.target),
            "yes" if spec.must else "",
            *([notes[skill_id]] if shown else []),
            spec.why,
        ]
        for skill_id, spec in skills
    ]
    out(text_lines([_role_title(role), role.summary, "", *table(rows)]))
    return 0


def _role_title(role: Role) -> str:
    count = len(role.skills)
    return f"{role.name} ({role.id}): {count} skill{'' if count == 1 else 's'}"


def _skill_name(bank: Bank, skill_id: str) -> str:
    skill = bank.skill_by_id.get(skill_id)
    return skill_id if skill is None else skill.name
