"""The scripting commands behind `rolequiz score | report | skills | roles`."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rolequiz.domain.content import Bank, load_bank
from rolequiz.domain.progress import Progress, unknown_skills_note
from rolequiz.domain.quiz import counts
from rolequiz.domain.scoring import RoleFit, rank_roles
from rolequiz.errors import RolequizError
from rolequiz.files.progress import default_profile_path, load_progress
from rolequiz.text import escape_in_strings, printable


def load(root: Path) -> Bank:
    return load_bank(root)


def _warning(message: str) -> str:
    return f"rolequiz: warning: {printable(message)}\n"


def _unknown(bank: Bank, path: Path, progress: Progress) -> tuple[list[str], str]:
    """The skill ids the profile names that the bank does not know, and the warning to print
    about them ("" if none)."""
    unknown = progress.unknown_skills(bank.skill_by_id)
    if not unknown:
        return unknown, ""
    return unknown, _warning(f"{path}: {unknown_skills_note(unknown)}")


def score(bank: Bank, paths: Sequence[Path], output: str) -> int:
    """Score each profile, in the order given; a bad file is reported and skipped, and makes
    the exit code 1."""
    failed = False
    for index, path in enumerate(paths):
        text, errors, bad = _score_one(bank, path, output)
        if errors:
            sys.stderr.write(errors)
        if output != "json" and index and not bad:
            sys.stdout.write("\n")
        sys.stdout.write(text)
        failed = failed or bad
    return 1 if failed else 0


def _score_one(bank: Bank, path: Path, output: str) -> tuple[str, str, bool]:
    """Standard output, standard error, and whether the file failed."""
    try:
        progress = load_progress(path)
    except RolequizError as exc:
        error = f"rolequiz: {printable(str(exc))}\n"
        if output == "json":
            return _json_line({"path": str(path), "error": str(exc)}), error, True
        return "", error, True
    unknown, warning = _unknown(bank, path, progress)
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
        return _json_line(record), warning, False
    text = _score_text(path, ranked, tally.rated, tally.skipped, tally.total, tally.pending)
    return text, warning, False


def _json_line(record: dict[str, Any]) -> str:
    """One JSON record: control characters, bidi marks and file names that are not UTF-8 are
    written as `\\u` escapes, so the line is safe on a terminal and reads back the same."""
    import json

    return escape_in_strings(json.dumps(record, ensure_ascii=False)) + "\n"


def _fit_json(rank: int, fit: RoleFit) -> dict[str, Any]:
    return {
        "rank": rank,
        "id": fit.role.id,
        "name": fit.role.name,
        "closeness": round(fit.closeness, 4),
        "readiness": round(fit.readiness, 4),
        "coverage": round(fit.coverage, 4),
    }


def _score_text(
    path: Path, ranked: list[RoleFit], rated: int, skipped: int, total: int, pending: int
) -> str:
    status = "provisional" if pending else "complete"
    skip_note = f", {skipped} skipped" if skipped else ""
    rows = [f"{printable(str(path))}: {rated} of {total} rated{skip_note} ({status})\n"]
    width = max(len(fit.role.name) for fit in ranked)
    rows.append(f"  {'#':>2}  {'role':<{width}}  closeness  readiness  coverage\n")
    for rank, fit in enumerate(ranked, 1):
        rows.append(
            f"  {rank:>2}  {printable(fit.role.name):<{width}}  {fit.closeness:9.2f}"
            f"  {fit.readiness:9.0%}  {fit.coverage:8.0%}\n"
        )
    rows.append(f"  recommended: {printable(ranked[0].role.name)}\n")
    return "".join(rows)


def report(bank: Bank, path: Path | None, role_name: str | None, output: Path | None) -> int:
    from rolequiz.files.report import build_report, report_to_toml, write_report

    source = path or default_profile_path()
    progress = load_progress(source)
    sys.stderr.write(_unknown(bank, source, progress)[1])
    role = bank.find_role(role_name) if role_name else None
    # The report is UTF-8 TOML: a file name with control characters or bytes that are not
    # UTF-8 is recorded escaped rather than making the report unwritable.
    data = build_report(bank, progress, source=printable(str(source)), role=role)
    if output is None or str(output) == "-":
        sys.stdout.write(report_to_toml(data))
        return 0
    if output.is_dir():
        raise RolequizError(f"{output}: is a folder; give a file name for the report")
    write_report(output, data)
    sys.stderr.write(f"rolequiz: report written to {printable(str(output))}\n")
    return 0


def list_skills(bank: Bank, output: str) -> int:
    if output == "json":
        for skill in bank.skills:
            record = {
                "id": skill.id,
                "name": skill.name,
                "category": skill.category,
                "aliases": list(skill.aliases),
                "requires": skill.requires,
            }
            sys.stdout.write(_json_line(record))
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
    sys.stdout.write("".join(rows))
    return 0


def list_roles(bank: Bank, output: str) -> int:
    from rolequiz.cli.match import market_or_warn, role_market

    market = market_or_warn(bank)
    if output == "json":
        for role in bank.roles:
            record = {
                "id": role.id,
                "name": role.name,
                "summary": role.summary,
                "skills": len(role.skills),
                "must": [skill_id for skill_id, spec in role.skills.items() if spec.must],
                "market": dict(role_market(market, role)),
            }
            sys.stdout.write(_json_line(record))
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
    sys.stdout.write("".join(rows))
    return 0
