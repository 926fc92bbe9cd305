"""The domain: content (skills, role profiles), scoring, gaps, the quiz flow and quick mode.

Plain Python: no Textual, no file writes. Everything else in rolequiz builds on it."""
