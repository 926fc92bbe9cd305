"""The plan, history and job-ad screens at 80x24, compared with the accepted SVGs (look first)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rolequiz.files.history import snapshot_path

from .conftest import FIXED_TIME, MakeApp, pressed

SnapCompare = Callable[..., bool]

ALL_ANSWERED = (
    "schema_version = 1\n[ratings]\npython = 2\nsql = 1\nstats = 3\naws = 3\nglue = 1\n"
    "athena = 2\ndocker = 1\nsklearn = 2\ndeep = 0\n"
)


def answered(home: Path) -> Path:
    path = home / "profile.toml"
    path.write_text(ALL_ANSWERED, encoding="utf-8")
    return path


def test_plan(snap_compare: SnapCompare, make_app: MakeApp, home: Path) -> None:
    answered(home)
    assert snap_compare(make_app(), run_before=pressed("enter", "p"))


def test_results_with_a_target_role(
    snap_compare: SnapCompare, make_app: MakeApp, home: Path
) -> None:
    answered(home)
    assert snap_compare(make_app(), run_before=pressed("enter", "down", "p", "escape"))


def test_history(snap_compare: SnapCompare, make_app: MakeApp, home: Path) -> None:
    path = answered(home)
    for month, text in (
        (1, "schema_version = 1\n[ratings]\npython = 1\nsql = 0\n"),
        (2, ALL_ANSWERED.replace("stats = 3", "stats = 1")),
    ):
        snapshot = snapshot_path(path, FIXED_TIME.replace(month=month))
        snapshot.parent.mkdir(exist_ok=True)
        snapshot.write_text(text, encoding="utf-8")
    assert snap_compare(make_app(), run_before=pressed("enter", "h"))


def test_job_ad(snap_compare: SnapCompare, make_app: MakeApp, home: Path) -> None:
    answered(home)
    (home / "ad").write_text(
        "Data engineer: Python, Structured Query Language, AWS Glue and Docker.\n",
        encoding="utf-8",
    )
    assert snap_compare(make_app(), run_before=pressed("enter", "a", "a", "d", "enter"))


def test_job_ad_error(snap_compare: SnapCompare, make_app: MakeApp, home: Path) -> None:
    answered(home)
    (home / "ad").write_bytes(b"Python\x00SQL")
    assert snap_compare(make_app(), run_before=pressed("enter", "a", "a", "d", "enter"))
