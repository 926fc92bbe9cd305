"""The `rolequiz` command line: the quiz with no arguments, scripting commands otherwise."""
