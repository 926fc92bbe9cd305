"""Entry point for `python -m rolequiz`."""

from rolequiz.cli import main

raise SystemExit(main())
