"""The commands beyond one sitting: `plan`, `report --format`, `history`, `compare`, `team`.

Only the argument parsers live here, so `rolequiz --version` stays instant; the handlers are in
`rolequiz.cli.beyond_commands`, imported when one of these commands runs.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

COMMANDS = ("plan", "history", "compare", "team")


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

    history = commands.add_parser(
        "history", parents=[common], help="list the dated snapshots kept beside a profile"
    )
    history.add_argument(
        "profile", nargs="?", metavar="PROFILE", type=Path, help="default: your saved profile"
    )
    compare = commands.add_parser(
        "compare", parents=[common], help="what changed between two progress profiles"
    )
    compare.add_argument("old", metavar="OLD", type=Path)
    compare.add_argument("new", metavar="NEW", type=Path)
    compare.add_argument(
        "--role", help="role for the gaps (default: NEW's target role, else its top role)"
    )
    compare.add_argument("--format", choices=("text", "json", "markdown"), default="text")

    team = commands.add_parser(
        "team", parents=[common], help="a team's levels per skill, its gaps and its mentors"
    )
    team.add_argument(
        "profiles",
        nargs="+",
        metavar="PROFILE",
        type=Path,
        help="progress profiles, or one folder of them (*.toml)",
    )
    team.add_argument("--role", help="the role to check the team against (default: every role)")
    team.add_argument("--format", choices=("text", "json", "markdown", "html"), default="text")


def handles(args: argparse.Namespace) -> bool:
    return args.command in COMMANDS or (args.command == "report" and args.format != "toml")


def run(bank: Any, args: argparse.Namespace) -> int:
    from rolequiz.cli import beyond_commands as do

    if args.command == "plan":
        return do.plan(bank, args.profile, args.role, args.format)
    if args.command == "history":
        return do.history(bank, args.profile)
    if args.command == "compare":
        return do.compare(bank, args.old, args.new, args.role, args.format)
    if args.command == "team":
        return do.team(bank, args.profiles, args.role, args.format)
    if args.command == "report":
        return do.report(bank, args.profile, args.role, args.output, args.format)
    raise AssertionError(f"not a command of this module: {args.command}")
