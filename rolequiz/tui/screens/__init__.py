"""The screens of the quiz: each gets the session (or plain values) and acts on it."""
