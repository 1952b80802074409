import pytest

from tests.factories import PRIMARY, DomainFactory


@pytest.fixture
def primary(db):
    return DomainFactory(hostname=PRIMARY, is_primary=True, position=0)


@pytest.fixture
def mirrors(primary):
    """Three mirrors, created out of footer order: the footer sorts them by position."""
    return [
        DomainFactory(hostname="mirror3.newsroom.example", position=3),
        DomainFactory(hostname="mirror1.newsroom.example", position=1),
        DomainFactory(hostname="mirror2.newsroom.example", position=2),
    ]
