"""The commands beyond one sitting: `plan`, `history`, `compare`, `team`.

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
    from rolequiz.cli.parsing import add_command, add_format

    profile_help = "progress profile (default: your saved profile)"
    plan = add_command(
        commands,
        common,
        "plan",
        "the gaps for a role as a learning plan in small steps",
        "rolequiz plan me.toml --role 'data engineer'",
    )
    plan.add_argument("profile", nargs="?", metavar="PROFILE", type=Path, help=profile_help)
    plan.add_argument(
        "--role",
        help="role id or name; kept in the profile as your target role (default: the one kept "
        "there, else the recommended role)",
    )
    add_format(plan, "text", "json")

    history = add_command(
        commands,
        common,
        "history",
        "list the dated snapshots kept beside a profile",
        "rolequiz history me.toml",
    )
    history.add_argument("profile", nargs="?", metavar="PROFILE", type=Path, help=profile_help)
    compare = add_command(
        commands,
        common,
        "compare",
        "what changed between two progress profiles",
        "rolequiz compare last-year.toml me.toml --format markdown",
    )
    compare.add_argument("old", metavar="OLD", type=Path, help="the earlier progress profile")
    compare.add_argument("new", metavar="NEW", type=Path, help="the later progress profile")
    compare.add_argument(
        "--role", help="role for the gaps (default: NEW's target role, else its top role)"
    )
    add_format(compare, "text", "json", "markdown")

    team = add_command(
        commands,
        common,
        "team",
        "a team's levels per skill, its gaps and its mentors",
        "rolequiz team profiles/ --format html > team.html",
        "rolequiz team profiles/ --tui",
    )
    team.add_argument(
        "profiles",
        nargs="+",
        metavar="PROFILE",
        type=Path,
        help="progress profiles, or one folder of them (*.toml)",
    )
    team.add_argument("--role", help="the role to check the team against (default: every role)")
    add_format(team, "text", "json", "markdown", "html")
    team.add_argument(
        "--tui", action="store_true", help="open the view as a screen: a heat map to drill into"
    )


def handles(args: argparse.Namespace) -> bool:
    return args.command in COMMANDS


def run(bank: Any, args: argparse.Namespace) -> int:
    from rolequiz.cli import beyond_commands as do

    if args.command == "plan":
        return do.plan(bank, args.profile, args.role, args.format)
    if args.command == "history":
        return do.history(bank, args.profile)
    if args.command == "compare":
        return do.compare(bank, args.old, args.new, args.role, args.format)
    if args.command == "team":
        if args.tui:
            return do.team_screen(bank, args.profiles, args.role)
        return do.team(bank, args.profiles, args.role, args.format)
    raise AssertionError(f"not a command of this module: {args.command}")
