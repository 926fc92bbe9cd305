"""Every screen at 80x24, compared with the accepted SVG in __snapshots__ (look before updating).

Paths show as `~/…` under a fake home, nothing shows a clock, and the input cursor does not
blink (`pressed`), so the pictures are the same on every run.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .conftest import MakeApp, pressed

SnapCompare = Callable[..., bool]

SOME_ANSWERS = (
    'schema_version = 1\nposition = "aws"\nskipped = ["stats"]\n[ratings]\npython = 3\n'
    "sql = 2\naws = 0\ndocker = 1\n"
)
ALL_ANSWERED = (
    "schema_version = 1\n[ratings]\npython = 2\nsql = 1\nstats = 3\naws = 3\nglue = 1\n"
    "athena = 2\ndocker = 1\nsklearn = 2\ndeep = 0\n"
)


def profile(home: Path, text: str) -> Path:
    path = home / "profile.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_welcome(snap_compare: SnapCompare, make_app: MakeApp) -> None:
    assert snap_compare(make_app())


def test_question_new(snap_compare: SnapCompare, make_app: MakeApp) -> None:
    assert snap_compare(make_app(), run_before=pressed("enter"))


def test_question_with_the_saved_answer_highlighted(
    snap_compare: SnapCompare, make_app: MakeApp, home: Path
) -> None:
    profile(home, SOME_ANSWERS)
    assert snap_compare(make_app(), run_before=pressed("enter", "left", "left", "left"))


def test_question_not_applicable(snap_compare: SnapCompare, make_app: MakeApp, home: Path) -> None:
    profile(home, SOME_ANSWERS)
    assert snap_compare(
        make_app(), run_before=pressed("enter", "slash", "g", "l", "u", "e", "enter")
    )


def test_overview(snap_compare: SnapCompare, make_app: MakeApp, home: Path) -> None:
    profile(home, SOME_ANSWERS)
    assert snap_compare(make_app(), run_before=pressed("enter", "o"))


def test_find(snap_compare: SnapCompare, make_app: MakeApp, home: Path) -> None:
    profile(home, SOME_ANSWERS)
    assert snap_compare(make_app(), run_before=pressed("enter", "slash", "s", "q"))


def test_help(snap_compare: SnapCompare, make_app: MakeApp, home: Path) -> None:
    profile(home, SOME_ANSWERS)
    assert snap_compare(make_app(), run_before=pressed("enter", "question_mark"))


def test_results(snap_compare: SnapCompare, make_app: MakeApp, home: Path) -> None:
    profile(home, ALL_ANSWERED)
    assert snap_compare(make_app(), run_before=pressed("enter"))


def test_results_provisional_other_role(
    snap_compare: SnapCompare, make_app: MakeApp, home: Path
) -> None:
    profile(home, SOME_ANSWERS)
    assert snap_compare(make_app(), run_before=pressed("enter", "r", "down"))


def test_export(snap_compare: SnapCompare, make_app: MakeApp, home: Path) -> None:
    profile(home, ALL_ANSWERED)
    assert snap_compare(make_app(), run_before=pressed("enter", "e"))


def test_export_asks_before_replacing(
    snap_compare: SnapCompare, make_app: MakeApp, home: Path
) -> None:
    profile(home, ALL_ANSWERED)
    for role_id in ("analyst", "data_engineer", "data_scientist"):
        (home / f"rolequiz-report-{role_id}.toml").write_text("mine", encoding="utf-8")
    assert snap_compare(make_app(), run_before=pressed("enter", "down", "e", "enter"))


def test_resume_prompt(snap_compare: SnapCompare, make_app: MakeApp, home: Path) -> None:
    profile(home, SOME_ANSWERS)
    assert snap_compare(make_app())


def test_broken_profile(snap_compare: SnapCompare, make_app: MakeApp, home: Path) -> None:
    profile(home, "schema_version = 1\n[ratings]\nsql = 9\n")
    # A relative path, as typed after --profile: the message names it as given.
    assert snap_compare(make_app(profile=Path("profile.toml")))


# Quick mode ---------------------------------------------------------------------------------


def test_question_quick_mode(snap_compare: SnapCompare, make_app: MakeApp) -> None:
    # Quick from the welcome screen, aws 3: Data Engineer leads, its must-have sql comes next.
    assert snap_compare(make_app(), run_before=pressed("q", "3"))


def test_results_quick_mode_likely(snap_compare: SnapCompare, make_app: MakeApp) -> None:
    # aws 3, sql 3 (Data Engineer's must-have), python 1, stats 0, sklearn 0, glue 1: likely
    # after 6, the results open.
    assert snap_compare(make_app(), run_before=pressed("q", "3", "3", "1", "0", "0", "1"))
