import pytest

from tests.live.helpers import NOON


@pytest.fixture
def clock(time_machine):
    """`clock(moment)` stops the clock at `moment`; it starts stopped at NOON."""
    def move_to(moment):
        time_machine.move_to(moment, tick=False)
    move_to(NOON)
    return move_to
