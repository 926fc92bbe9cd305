"""Save the SVG screenshots of the quiz used in docs/quiz.md, from the app itself.

Runs the app headless at 80x24 on the shipped content with a fixed demo profile (a data
engineer part-way through), in a throw-away home folder so paths read `~/...`:

    .venv/bin/python docs/make_screenshots.py

writes docs/screenshots/question.svg, results.svg, export.svg, plan.svg, history.svg, job_ad.svg and
team.svg (the README shows each beside its feature).
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from pathlib import Path

OUT = Path(__file__).resolve().parent / "screenshots"
SIZE = (80, 24)
DEMO_PROFILE = """\
schema_version = 1
position = "database_management"
skipped = ["scala"]

[ratings]
python = 3
sql = 4
r = 0
java = 1
cpp = 0
bash_linux = 3
git = 3
software_engineering = 2
statistics = 1
advanced_statistics = 0
jupyter = 2
collaboration = 3
etl = 3
data_pipelines = 3
data_modeling = 2
data_warehousing = 2
data_lakes = 1
spark = 1
airflow = 2
kafka = 0
"""


DEMO_AD = """\
Data Engineer, analytics platform. You build batch and streaming pipelines in Python and SQL
with Apache Spark, Airflow and Kafka, model data in Snowflake with dbt, and run it all on AWS
(S3, Glue). Experience with Docker and Terraform is a plus.
"""


async def main() -> None:
    # The app reads no home folder at import time; set a demo one before it is created.
    home = Path(tempfile.mkdtemp(prefix="rolequiz-demo-"))
    os.environ["HOME"] = str(home)
    os.chdir(home)

    from datetime import UTC, datetime

    from textual.widgets import Input

    from rolequiz.domain.content import load_bank, shipped_content_dir
    from rolequiz.domain.team import Member
    from rolequiz.files.history import snapshot_path
    from rolequiz.files.progress import load_progress
    from rolequiz.tui.app import RolequizApp
    from rolequiz.tui.team_app import TeamApp

    bank = load_bank(shipped_content_dir())
    profile = home / "profile.toml"
    profile.write_text(DEMO_PROFILE, encoding="utf-8")
    # Two earlier snapshots, so the history screen has a trend to draw.
    for month, cut in ((9, 8), (10, 14)):
        earlier = snapshot_path(profile, datetime(2026, month, 1, 9, 0, tzinfo=UTC))
        earlier.parent.mkdir(exist_ok=True)
        lines = DEMO_PROFILE.splitlines()
        earlier.write_text("\n".join(lines[: 5 + cut]) + "\n", encoding="utf-8")
    ad = home / "ad.txt"
    ad.write_text(DEMO_AD, encoding="utf-8")
    app = RolequizApp(bank, profile, export_dir=home)
    OUT.mkdir(exist_ok=True)
    names = [
        "question.svg",
        "results.svg",
        "export.svg",
        "plan.svg",
        "history.svg",
        "job_ad.svg",
        "team.svg",
    ]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "down", "down", "down")  # resume; cursor on "Guided"
        await pilot.pause()
        app.save_screenshot("question.svg", str(OUT))
        await pilot.press("r")
        await pilot.pause()
        app.save_screenshot("results.svg", str(OUT))
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one(Input).value = "~/gaps-data-engineer.html"
        await pilot.pause()
        app.save_screenshot("export.svg", str(OUT))
        await pilot.press("escape", "p")
        await pilot.pause()
        app.save_screenshot("plan.svg", str(OUT))
        await pilot.press("escape", "h")
        await pilot.pause()
        app.save_screenshot("history.svg", str(OUT))
        await pilot.press("escape", "a", *"ad.txt", "enter")
        await pilot.pause()
        app.save_screenshot("job_ad.svg", str(OUT))
    team = [
        Member(name, load_progress(path)) for name, path in (("you", profile), *_colleagues(home))
    ]
    team_app = TeamApp(bank, team)
    async with team_app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        team_app.save_screenshot("team.svg", str(OUT))
    for name in names:
        print(OUT / f"{name}.svg")


def _colleagues(home: Path) -> list[tuple[str, Path]]:
    """Two made-up colleagues for the team screenshot: an analyst and an ML engineer."""
    people = {
        "ana": "sql = 4\npython = 2\nexcel = 4\ntableau = 3\npower_bi = 2\nstatistics = 3\n",
        "mo": "python = 4\nsql = 2\npytorch = 3\ndocker = 3\nkubernetes = 2\nmlflow = 3\n",
    }
    found = []
    for name, ratings in people.items():
        path = home / f"{name}.toml"
        path.write_text(f"schema_version = 1\n[ratings]\n{ratings}", encoding="utf-8")
        found.append((name, path))
    return found


if __name__ == "__main__":
    asyncio.run(main())
