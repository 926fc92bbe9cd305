"""The quiz in the terminal: the Textual app, its screens and widgets. Shows the domain's state
and turns keys into calls on it."""
