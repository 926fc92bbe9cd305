"""Widgets of the quiz: they show plain model objects and post messages; screens act on them."""
