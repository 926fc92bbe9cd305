"""Fixtures for the quiz UI tests: a small content folder, a fake home, and an app factory."""

from __future__ import annotations

import json
import time
import tomllib
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from rolequiz.domain.content import Bank, load_bank
from rolequiz.tui.app import RolequizApp

FIXED_TIME = datetime(2025, 3, 4, 5, 6, 7, tzinfo=UTC)

# Quiz order of the small bank below.
ORDER = ["python", "sql", "stats", "aws", "glue", "athena", "docker", "sklearn", "deep"]

SCALE = """\
schema_version = 1

[[level]]
value = 0
label = "None"
anchor = "Never used it."

[[level]]
value = 1
label = "Aware"
anchor = "Know what it is for."

[[level]]
value = 2
label = "Guided"
anchor = "Used it with help."

[[level]]
value = 3
label = "Independent"
anchor = "Use it in real work without help."

[[level]]
value = 4
label = "Expert"
anchor = "Design with it and teach it."
"""


def _skill(
    skill_id: str,
    name: str,
    *,
    aliases: tuple[str, ...] = (),
    requires: str | None = None,
    anchor2: str | None = None,
) -> str:
    q = json.dumps
    lines = [
        "[[skill]]",
        f"id = {q(skill_id)}",
        f"name = {q(name)}",
        f"aliases = {q(list(aliases))}",
        f"prompt = {q(f'How well can you use {name}?')}",
        f"tip = {q(f'Build one small project with {name}.')}",
    ]
    if requires:
        lines.append(f"requires = {q(requires)}")
    if anchor2:
        lines.append(f"anchors = {{ 2 = {q(anchor2)} }}")
    lines += [
        "[[skill.resources]]",
        f"title = {q(name + ' docs')}",
        f"url = {q('https://example.com/' + skill_id)}",
        "",
    ]
    return "\n".join(lines)


CATEGORIES = {
    "basics": (
        "Basics",
        10,
        [
            _skill("python", "Python", aliases=("Python 3",)),
            _skill("sql", "[SQL]", aliases=("Structured Query Language",)),
            _skill("stats", "Statistics", anchor2="Ran a [b]t-test[/b] from a guide [/]"),
        ],
    ),
    "cloud": (
        "Cloud",
        20,
        [
            _skill("aws", "AWS", aliases=("Amazon Web Services",)),
            _skill("glue", "AWS Glue", aliases=("Glue ETL",), requires="aws"),
            _skill("athena", "Amazon Athena", requires="aws"),
            _skill("docker", "Docker", aliases=("containers",)),
        ],
    ),
    "ml": (
        "Machine learning",
        30,
        [
            _skill("sklearn", "scikit-learn", aliases=("sklearn",)),
            _skill("deep", "Deep learning", aliases=("neural networks",)),
        ],
    ),
}

ROLES = {
    "data_engineer": (
        "Data Engineer",
        {
            "sql": (5, 3, True),
            "python": (4, 3, False),
            "aws": (3, 3, False),
            "glue": (3, 2, False),
            "docker": (2, 2, False),
        },
    ),
    "data_scientist": (
        "Data Scientist",
        {
            "python": (5, 3, True),
            "stats": (5, 3, True),
            "sklearn": (4, 3, False),
            "deep": (2, 2, False),
            "sql": (3, 2, False),
        },
    ),
    "analyst": (
        "Data Analyst",
        {"sql": (5, 3, True), "stats": (3, 2, False), "python": (1, 1, False)},
    ),
}


def write_content(root: Path) -> Path:
    questions = root / "questions"
    profiles = root / "profiles"
    questions.mkdir(parents=True)
    profiles.mkdir()
    (questions / "scale.toml").write_text(SCALE, encoding="utf-8")
    for category_id, (name, order, skills) in CATEGORIES.items():
        text = (
            f"schema_version = 1\n\n[category]\nid = {json.dumps(category_id)}\n"
            f"name = {json.dumps(name)}\norder = {order}\n\n" + "\n".join(skills)
        )
        (questions / f"{category_id}.toml").write_text(text, encoding="utf-8")
    for role_id, (role_name, targets) in ROLES.items():
        rows = "\n".join(
            f'{skill_id} = {{ weight = {w}, target = {t}, must = {str(m).lower()}, why = "test" }}'
            for skill_id, (w, t, m) in targets.items()
        )
        text = (
            f"schema_version = 1\nid = {json.dumps(role_id)}\nname = {json.dumps(role_name)}\n"
            f"summary = {json.dumps(f'The {role_name} role.')}\n\n[skills]\n{rows}\n"
        )
        (profiles / f"{role_id}.toml").write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def small_bank(tmp_path_factory: pytest.TempPathFactory) -> Bank:
    return load_bank(write_content(tmp_path_factory.mktemp("content")))


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fake home folder (paths show as ~/...) that is also the current folder."""
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    return tmp_path


MakeApp = Callable[..., RolequizApp]


@pytest.fixture
def make_app(small_bank: Bank, home: Path) -> MakeApp:
    def make(profile: Path | None = None, bank: Bank | None = None) -> RolequizApp:
        return RolequizApp(
            bank=bank or small_bank,
            profile_path=profile or home / "profile.toml",
            export_dir=home,
            now=lambda: FIXED_TIME,
        )

    return make


def pressed(*keys: str) -> Callable[[Pilot[int]], Awaitable[None]]:
    """For snap_compare's run_before: press `keys`, then stop the input cursor blinking, so the
    picture is the same on every run."""

    async def run_before(pilot: Pilot[int]) -> None:
        await pilot.press(*keys)
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        await pilot.pause()

    return run_before


def read_toml_when(path: Path, ready: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
    """The file's data once `ready` holds: saves happen on a background thread."""
    deadline = time.monotonic() + 5
    data: dict[str, Any] = {}
    while time.monotonic() < deadline:
        if path.exists():
            data = tomllib.loads(path.read_text(encoding="utf-8"))
            if ready(data):
                return data
        time.sleep(0.01)
    raise AssertionError(f"{path} never got there; last read: {data}")
