"""Entry point for `python -m rolequiz`."""

from rolequiz.cli.main import main

raise SystemExit(main())
