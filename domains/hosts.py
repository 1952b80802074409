"""Parse and normalise host names: the strict reading of a request's Host that the domain check relies on.

Django's `request.get_host()` is not used for the check (ALLOWED_HOSTS is "*"): the Host header is read
here, refused when malformed, and reduced to one spelling (lower case, no trailing dot, IPv6 compressed)
before it is looked up or written anywhere.
"""
import ipaddress
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_HOSTNAME_LENGTH = 253  # RFC 1035, without the trailing dot
# A name or a bracketed IPv6 literal, then an optional port. Anything else (userinfo, paths, spaces,
# control characters, underscores, non-ASCII) fails here.
HOST_RE = re.compile(r"(?P<name>[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::(?P<port>[0-9]{1,5}))?")
LABEL_RE = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")


@dataclass(frozen=True)
class Host:
    hostname: str  # normalised: "mirror1.newsroom.example", "127.0.0.1", "[::1]"
    port: int | None = None

    @property
    def netloc(self) -> str:
        return self.hostname if self.port is None else f"{self.hostname}:{self.port}"


def normalise_hostname(name: str) -> str | None:
    """Return `name` in its one spelling (lower case, no trailing dot), or None when it is no host name."""
    if not name.isascii():
        return None
    name = name.lower()
    if name.startswith("["):
        if not name.endswith("]"):
            return None
        try:
            return f"[{ipaddress.IPv6Address(name[1:-1]).compressed}]"
        except ValueError:
            return None
    if name.endswith("."):
        name = name[:-1]
    if not name or len(name) > MAX_HOSTNAME_LENGTH:
        return None
    if not all(LABEL_RE.fullmatch(label) for label in name.split(".")):
        return None
    return name


def parse_host(raw: str | None) -> Host | None:
    """Read a Host header value ("Example.org.:8080"); return None for anything malformed."""
    # Length first, so no regular expression ever runs over a megabyte of header.
    if not raw or len(raw) > MAX_HOSTNAME_LENGTH + len(".:65535") or not raw.isascii():
        return None
    match = HOST_RE.fullmatch(raw.lower())
    if match is None:
        return None
    port = None
    if match["port"] is not None:
        port = int(match["port"])
        if not 1 <= port <= 65535:
            return None
    hostname = normalise_hostname(match["name"])
    return None if hostname is None else Host(hostname, port)


def ends_with_dot(raw: str) -> bool:
    """Whether a Host header that parse_host() accepted spells its name with the trailing dot ("Example.org.:8080")."""
    return HOST_RE.fullmatch(raw.lower())["name"].endswith(".")


def clean_domain_hostname(value: str) -> str:
    """Validate a host name typed on the desk and return its stored spelling (no scheme, path or port)."""
    if not (value or "").isascii():
        raise ValidationError(
            _("Enter an internationalised name in its ASCII form, as your registrar shows it (xn--…)."),
            code="invalid_hostname",
        )
    host = parse_host((value or "").strip())
    if host is None or host.port is not None:
        raise ValidationError(
            _("Enter a host name only, like mirror1.newsroom.example: no http://, no path, no port."),
            code="invalid_hostname",
        )
    return host.hostname


def validate_domain_hostname(value: str) -> None:
    clean_domain_hostname(value)
