"""The commands beyond one sitting: `plan`, `report --format`, `history`, `compare`, `team`.

Only the argument parsers live here, so `rolequiz --version` stays instant; the handlers are in
`rolequiz.cli.beyond_commands`, imported when one of these commands runs.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

COMMANDS = ("plan",)


def add_parsers(commands: Any, common: argparse.ArgumentParser) -> None:
    """Register the commands of this module on the `rolequiz` sub-command parser."""
    plan = commands.add_parser(
        "plan", parents=[common], help="the gaps for a role as a learning plan in small steps"
    )
    plan.add_argument(
        "profile", nargs="?", metavar="PROFILE", type=Path, help="default: your saved profile"
    )
    plan.add_argument(
        "--role",
        help="role id or name; kept in the profile as your target role (default: the one kept "
        "there, else the recommended role)",
    )
    plan.add_argument("--format", choices=("text", "json"), default="text")


def handles(args: argparse.Namespace) -> bool:
    return args.command in COMMANDS or (args.command == "report" and args.format != "toml")


def run(bank: Any, args: argparse.Namespace) -> int:
    from rolequiz.cli import beyond_commands as do

    if args.command == "plan":
        return do.plan(bank, args.profile, args.role, args.format)
    if args.command == "report":
        return do.report(bank, args.profile, args.role, args.output, args.format)
    raise AssertionError(f"not a command of this module: {args.command}")
