"""Tests of the terminal quiz: session state, journeys with real keys, snapshots."""
