"""The strict reading of a Host header."""
import pytest
from django.core.exceptions import ValidationError

from domains.hosts import Host, clean_domain_hostname, parse_host

LONGEST = ".".join(["a" * 63] * 3 + ["b" * 61])  # 253 characters, the most DNS allows
assert len(LONGEST) == 253

VALID = [
    ("newsroom.example", Host("newsroom.example")),
    ("NewsRoom.EXAMPLE", Host("newsroom.example")),
    ("newsroom.example.", Host("newsroom.example")),
    ("EXAMPLE.org.:8080", Host("example.org", 8080)),
    ("newsroom.example:1", Host("newsroom.example", 1)),
    ("newsroom.example:65535", Host("newsroom.example", 65535)),
    ("203.0.113.7", Host("203.0.113.7")),
    ("[::1]:8000", Host("[::1]", 8000)),
    ("[0:0:0:0:0:0:0:1]", Host("[::1]")),
    ("[2001:DB8::1]", Host("[2001:db8::1]")),
    ("xn--nwsroom-c1a.example", Host("xn--nwsroom-c1a.example")),
    ("a" * 63 + ".example", Host("a" * 63 + ".example")),
    (LONGEST, Host(LONGEST)),
    (LONGEST + ".", Host(LONGEST)),
]

MALFORMED = [
    "",
    "newsroom.example:0",
    "newsroom.example:65536",
    "newsroom.example:99999",
    "newsroom.example:123456",
    "newsroom.example:http",
    "newsroom.example:",
    "newsroom.example:80:80",
    "reader@newsroom.example",
    "user:secret@newsroom.example",
    "newsroom example",
    " newsroom.example",
    "newsroom.example\r\nSet-Cookie: x=1",
    "newsroom.example\n",
    "newsroom.example\x00",
    "newsroom.example\t",
    "newsroom.example/path",
    "newsroom..example",
    ".newsroom.example",
    "newsroom.example..",
    "-newsroom.example",
    "newsroom-.example",
    "news_room.example",
    "newsröom.example",
    "a" * 64 + ".example",
    LONGEST + "b",
    LONGEST + "b.",
    "a" * 5000,
    "[::1",
    "[::g]",
    "[127.0.0.1]",
]


@pytest.mark.parametrize(("raw", "expected"), VALID)
def test_valid_host_is_normalised(raw, expected):
    assert parse_host(raw) == expected


@pytest.mark.parametrize("raw", MALFORMED)
def test_malformed_host_is_refused(raw):
    assert parse_host(raw) is None


def test_netloc_keeps_the_port_only_when_given():
    assert Host("newsroom.example").netloc == "newsroom.example"
    assert Host("[::1]", 8000).netloc == "[::1]:8000"


def test_desk_hostname_is_stored_in_one_spelling():
    assert clean_domain_hostname("  Mirror1.NewsRoom.example. ") == "mirror1.newsroom.example"


@pytest.mark.parametrize("typed", ["https://newsroom.example", "newsroom.example:8080", "newsroom.example/", "", "a b"])
def test_desk_hostname_with_scheme_port_or_path_is_refused(typed):
    with pytest.raises(ValidationError):
        clean_domain_hostname(typed)
