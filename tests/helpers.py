"""Shared by the tests of more than one app."""
from datetime import UTC, datetime

NOON = datetime(2026, 11, 24, 12, 0, 0, tzinfo=UTC)  # the `clock` fixture (tests/conftest.py) starts here
