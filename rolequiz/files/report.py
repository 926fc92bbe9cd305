"""The gap report: every role's scores ranked, the recommendation, and the gap list, as TOML.

Built from a bank and a progress profile; written atomically; readable by a person and by
`tomllib`. Loading validates the file so a hand-edited or foreign report gets one clear line.
"""

from __future__ import annotations

import errno
import os
import stat
from datetime import datetime
from pathlib import Path
from typing import Any

from rolequiz.domain.content import Bank, Role
from rolequiz.domain.gaps import Gap, explain, gap_list, unrated_list
from rolequiz.domain.market import Market, market_note
from rolequiz.domain.progress import Progress, now_utc
from rolequiz.domain.quiz import counts
from rolequiz.domain.scoring import SHARE_DIGITS, rank_roles
from rolequiz.errors import ProfileError, RolequizError
from rolequiz.files.export import export_target
from rolequiz.text import escape_in_strings, printable, short_repr, shorten
from rolequiz.tomlio import dumps_toml, read_toml, save_problem, write_atomic

REPORT_SCHEMA_VERSION = 1
DIGITS = SHARE_DIGITS


def build_report(
    bank: Bank,
    progress: Progress,
    *,
    source: str,
    role: Role | None = None,
    generated: datetime | None = None,
    market: Market | None = None,
) -> dict[str, Any]:
    """The report as a TOML-ready dict (scores rounded so a write and a read give it back);
    a gap has a `market` line when `market`'s figures have something to say of it."""
    ranked = rank_roles(bank, progress.ratings)
    recommended = ranked[0].role
    target = role or recommended
    tally = counts(bank, progress)
    why = explain(bank, ranked, progress.ratings)
    report: dict[str, Any] = {
        "schema_version": REPORT_SCHEMA_VERSION,
        "generated": generated or now_utc(),
        "source_profile": source,
        "recommended_role": recommended.id,
        "target_role": target.id,
        "provisional": tally.pending > 0,
        "answers": {
            "total": tally.total,
            "rated": tally.rated,
            "skipped": tally.skipped,
            "not_applicable": tally.not_applicable,
            "unanswered": tally.pending,
        },
        "roles": [
            {
                "rank": rank,
                "id": fit.role.id,
                "name": fit.role.name,
                "closeness": round(fit.closeness, DIGITS),
                "readiness": round(fit.readiness, DIGITS),
                "coverage": round(fit.coverage, DIGITS),
                "rated_skills": fit.rated,
                "role_skills": fit.total,
            }
            for rank, fit in enumerate(ranked, start=1)
        ],
        "why": {
            "top_role": why.top_role.id,
            "strengths": [c.skill.id for c in why.strengths],
            "runner_up": why.runner_up.id if why.runner_up else "",
            "holdbacks": [c.skill.id for c in why.holdbacks],
        },
        "gaps": [_gap(gap, market, target.id) for gap in gap_list(bank, target, progress.ratings)],
        "unrated": [
            {
                "skill": item.skill.id,
                "name": item.skill.name,
                "status": item.status,
                "target": item.target,
                "must": item.must,
            }
            for item in unrated_list(bank, target, progress)
        ],
    }
    return report


def _gap(gap: Gap, market: Market | None, role_id: str) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "skill": gap.skill.id,
        "name": gap.skill.name,
        "current": gap.current,
        "target": gap.target,
        "priority": gap.priority,
        "must": gap.must,
        "weight": gap.weight,
        "tip": gap.skill.tip,
    }
    note = market_note(market, gap.skill.id, role_id)
    if note:  # left out rather than empty: nothing honest to say
        entry["market"] = note
    entry["resources"] = [{"title": r.title, "url": r.url} for r in gap.skill.resources]
    return entry


def report_to_toml(report: dict[str, Any]) -> str:
    header = (
        "# rolequiz gap report: roles ranked by closeness, and the skills to learn for the\n"
        "# target role, most important first. Levels: 0 None, 1 Aware, 2 Guided,\n"
        "# 3 Independent, 4 Expert.\n"
    )
    # Content text (names, tips) may hold C1 controls or bidi marks, which tomli_w writes raw.
    return header + escape_in_strings(dumps_toml(report))


def write_report(
    path: Path,
    report: dict[str, Any],
    *,
    open_profile: Path | None = None,
    replace: bool = True,
    create_folders: bool = False,
) -> None:
    """Write the report as TOML: `write_report_text` of `report_to_toml(report)`."""
    write_report_text(
        path,
        report_to_toml(report),
        open_profile=open_profile,
        replace=replace,
        create_folders=create_folders,
    )


def write_report_text(
    path: Path,
    text: str,
    *,
    open_profile: Path | None = None,
    replace: bool = True,
    create_folders: bool = False,
) -> None:
    """Write a report (in any format) to `path`, atomically, only as a plain file the person
    chose.

    `export_target` decides: what it refuses (the open profile, a link, a folder, a pipe, a
    device, a socket) is refused here with its one line; a plain file there is replaced only
    with `replace`, a missing folder made only with `create_folders` (the person said yes).
    Checked again at the rename: a name that became a link, a pipe or another file meanwhile
    is never replaced. Raises RolequizError (one line) when the report is not written.
    """
    check = export_target(path, open_profile)
    if check.kind == "refused":
        raise RolequizError(f"{check.line}; the report was not written")
    if check.kind == "create_folder" and not create_folders:
        raise RolequizError(f"{check.line}; the report was not written")
    if check.kind == "replace" and not replace:
        raise RolequizError(f"{check.line}; the report was not written (it is not replaced)")
    shown = printable(str(path))

    def still_the_file_checked() -> None:
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            return
        same = check.identity is not None and os.path.samestat(info, check.identity)
        if not same or not stat.S_ISREG(info.st_mode):  # an inode number may be reused
            raise FileExistsError(errno.EEXIST, "changed while writing", str(path))

    try:
        write_atomic(
            path,
            text,
            make_folders=create_folders,
            new_only=check.kind != "replace",
            before_replace=still_the_file_checked,
        )
    except FileExistsError:
        raise RolequizError(
            f"{shown}: something else appeared there while the report was written; "
            "nothing was replaced"
        ) from None
    except OSError as exc:
        raise RolequizError(f"{shown}: cannot write the report: {save_problem(exc)}") from None


def load_report(path: Path) -> dict[str, Any]:
    """Read a report back, checking its shape; raise ProfileError naming the problem."""
    try:
        data = read_toml(path)
    except RolequizError as exc:
        raise ProfileError(str(exc)) from None
    return validate_report(data, str(path))


def validate_report(data: dict[str, Any], name: str) -> dict[str, Any]:
    from pydantic import ValidationError

    from rolequiz.files.report_model import ReportFile

    name = printable(name)
    version = data.get("schema_version")
    if (
        isinstance(version, int)
        and not isinstance(version, bool)
        and version > REPORT_SCHEMA_VERSION
    ):
        raise ProfileError(
            f"{name}: schema_version: {short_repr(version)} is newer than this rolequiz "
            f"understands ({REPORT_SCHEMA_VERSION}); upgrade rolequiz"
        )
    try:
        ReportFile.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        # A key in the path may be anything the file holds: shown escaped and cut short.
        where = ".".join(_show_part(part) for part in error["loc"]) or "(file)"
        message = printable(str(error["msg"]))
        raise ProfileError(f"{name}: {where}: {message[0].lower() + message[1:]}") from None
    return data


def _show_part(part: str | int) -> str:
    return shorten(printable(str(part)))
