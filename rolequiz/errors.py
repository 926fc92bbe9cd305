"""The one exception type the user sees: its message is a single line that names the problem."""

from __future__ import annotations


class RolequizError(Exception):
    """A problem caused by input (a file, a flag, a role name), told to the user in one line."""


class ContentError(RolequizError):
    """The question bank or role profiles are invalid; `problems` lists every one of them."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        first = problems[0] if problems else "invalid content"
        more = len(problems) - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''}: run 'rolequiz validate')"
        super().__init__(first + (suffix if more else ""))


class ProfileError(RolequizError):
    """A progress profile or report file cannot be read or is not valid."""
