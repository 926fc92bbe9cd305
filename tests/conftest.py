"""Shared fixtures: the shipped bank, and a small hand-computable content folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from rolequiz.domain.content import Bank, load_bank, shipped_content_dir

SCALE = """schema_version = 1
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
anchor = "Design with it, teach it."
"""


def skill_toml(skill_id: str, name: str, requires: str | None = None) -> str:
    lines = [
        "[[skill]]",
        f'id = "{skill_id}"',
        f'name = "{name}"',
        f'aliases = ["{name} alias"]',
        f'prompt = "How well can you use {name}?"',
        f'tip = "Practise {name}."',
    ]
    if requires:
        lines.append(f'requires = "{requires}"')
    lines += [
        "[[skill.resources]]",
        f'title = "{name} docs"',
        f'url = "https://example.org/{skill_id}"',
        "",
    ]
    return "\n".join(lines)


def category_toml(category_id: str, order: int, skills: list[tuple[str, str, str | None]]) -> str:
    head = f'schema_version = 1\n[category]\nid = "{category_id}"\nname = "{category_id.title()}"\n'
    head += f"order = {order}\n\n"
    return head + "\n".join(skill_toml(*skill) for skill in skills)


def role_toml(role_id: str, name: str, skills: dict[str, tuple[float, int, bool]]) -> str:
    rows = [
        f"{skill_id} = {{ weight = {weight}, target = {target}, must = {str(must).lower()}, "
        f'why = "test" }}'
        for skill_id, (weight, target, must) in skills.items()
    ]
    return (
        f'schema_version = 1\nid = "{role_id}"\nname = "{name}"\nsummary = "{name} summary."\n'
        "\n[skills]\n" + "\n".join(rows) + "\n"
    )


# The mini bank used for hand-computed expectations (see tests/test_scoring.py).
MINI_CATEGORIES = {
    "basics": (
        10,
        [("sql", "SQL", None), ("python", "Python", None), ("tableau", "Tableau", None)],
    ),
    "platform": (
        20,
        [
            ("spark", "Spark", None),
            ("aws", "AWS", None),
            ("glue", "Glue", "aws"),
            ("kinesis", "Kinesis", "aws"),
        ],
    ),
}
MINI_ROLES = {
    "analyst": (
        "Analyst",
        {"sql": (4, 3, True), "tableau": (2, 2, False), "python": (1, 1, False)},
    ),
    "engineer": (
        "Engineer",
        {
            "sql": (3, 3, False),
            "python": (3, 3, False),
            "spark": (4, 3, True),
            "aws": (2, 2, False),
            "glue": (1, 1, False),
        },
    ),
}


def write_content(
    root: Path,
    categories: dict[str, tuple[int, list[tuple[str, str, str | None]]]] = MINI_CATEGORIES,
    roles: dict[str, tuple[str, dict[str, tuple[float, int, bool]]]] = MINI_ROLES,
) -> Path:
    (root / "questions").mkdir(parents=True, exist_ok=True)
    (root / "profiles").mkdir(parents=True, exist_ok=True)
    (root / "questions" / "scale.toml").write_text(SCALE, encoding="utf-8")
    for category_id, (order, skills) in categories.items():
        text = category_toml(category_id, order, skills)
        (root / "questions" / f"{category_id}.toml").write_text(text, encoding="utf-8")
    for role_id, (name, skills) in roles.items():
        (root / "profiles" / f"{role_id}.toml").write_text(
            role_toml(role_id, name, skills), encoding="utf-8"
        )
    return root


@pytest.fixture(scope="session")
def shipped_bank() -> Bank:
    return load_bank(shipped_content_dir())


@pytest.fixture
def mini_root(tmp_path: Path) -> Path:
    return write_content(tmp_path / "content")


@pytest.fixture
def mini_bank(mini_root: Path) -> Bank:
    return load_bank(mini_root)


@pytest.fixture
def write_profile(tmp_path: Path) -> Callable[[str, str], Path]:
    def write(text: str, name: str = "profile.toml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
