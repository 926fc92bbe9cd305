"""The commands on a bank of 20,000 skills in one `requires` chain, end to end.

At this size a pass that walks the chain once per skill (n * n / 2 = 200 million steps) would
take minutes, and the plan's old ordering (n cubed) days: each test here finishing at all is
the check. No timing is asserted.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from conftest import write_content

from rolequiz.cli import commands
from rolequiz.cli.main import main
from rolequiz.domain.content import Bank, load_bank

CHAIN = 20_000


@pytest.fixture(scope="module")
def chain(tmp_path_factory: pytest.TempPathFactory) -> tuple[Bank, Path]:
    """A content folder whose skills each require the one before, one role naming them all,
    and a profile rating every skill, one in three at 0 (so each 0 closes a stretch)."""
    folder = tmp_path_factory.mktemp("chain")
    skills = [(f"s{n}", f"S{n}", f"s{n - 1}" if n else None) for n in range(CHAIN)]
    role = {f"s{n}": (float(1 + n % 5), 3, n % 7 == 0) for n in range(CHAIN)}
    root = write_content(folder / "content", {"chain": (1, skills)}, {"long": ("Long", role)})
    ratings = "".join(f"s{n} = {n % 3}\n" for n in range(0, CHAIN, 2))
    profile = folder / "me.toml"
    profile.write_text(f"schema_version = 1\n[ratings]\n{ratings}", encoding="utf-8")
    return load_bank(root), profile


@pytest.fixture
def loaded_once(monkeypatch: pytest.MonkeyPatch, chain: tuple[Bank, Path]) -> Path:
    """The commands get the bank loaded once for the module (loading is linear, and the
    loader's own tests cover it): the profile to run them on."""
    bank, profile = chain
    monkeypatch.setattr(commands, "load", lambda root: bank)
    return profile


def run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(list(args)) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


def test_score_report_and_plan_on_a_long_chain(
    capsys: pytest.CaptureFixture[str], loaded_once: Path
) -> None:
    profile = loaded_once
    score = json.loads(run(capsys, "score", str(profile), "--format", "json"))
    assert score["rated"] == CHAIN // 2 and score["recommended"] == "long"
    report = tomllib.loads(run(capsys, "report", str(profile)))
    assert report["target_role"] == "long" and len(report["gaps"]) == CHAIN // 2
    plan = json.loads(run(capsys, "plan", str(profile), "--format", "json"))
    planned = [item for step in plan["steps"] for item in step]
    assert len(planned) == CHAIN // 2
    # Each skill comes after the nearest skill above it that is also a gap.
    place = {item["skill"]: index for index, item in enumerate(planned)}
    for item in planned:
        number = int(item["skill"][1:])
        assert item["after"] == (f"s{number - 2}" if number >= 2 else None)
        if item["after"] is not None:
            assert place[item["after"]] < place[item["skill"]]


def test_the_skills_below_one_are_found_in_one_walk(chain: tuple[Bank, Path]) -> None:
    bank = chain[0]
    below = bank.children("s0")
    assert [skill.id for skill in below] == [f"s{n}" for n in range(1, CHAIN)]
    assert [skill.id for skill in bank.children(f"s{CHAIN - 3}")] == [
        f"s{CHAIN - 2}",
        f"s{CHAIN - 1}",
    ]
