"""Save the SVG screenshots of the quiz used in docs/quiz.md, from the app itself.

Runs the app headless at 80x24 on the shipped content with a fixed demo profile (a data
engineer part-way through), in a throw-away home folder so paths read `~/...`:

    .venv/bin/python docs/make_screenshots.py

writes docs/screenshots/question.svg and docs/screenshots/results.svg.
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


async def main() -> None:
    # The app reads no home folder at import time; set a demo one before it is created.
    home = Path(tempfile.mkdtemp(prefix="rolequiz-demo-"))
    os.environ["HOME"] = str(home)
    os.chdir(home)

    from rolequiz.domain.content import load_bank, shipped_content_dir
    from rolequiz.tui.app import RolequizApp

    profile = home / "profile.toml"
    profile.write_text(DEMO_PROFILE, encoding="utf-8")
    app = RolequizApp(load_bank(shipped_content_dir()), profile, export_dir=home)
    OUT.mkdir(exist_ok=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "down", "down", "down")  # resume; cursor on "Guided"
        await pilot.pause()
        app.save_screenshot("question.svg", str(OUT))
        await pilot.press("r")
        await pilot.pause()
        app.save_screenshot("results.svg", str(OUT))
    for name in ("question.svg", "results.svg"):
        print(OUT / name)


if __name__ == "__main__":
    asyncio.run(main())
