"""Shared by the API tests: reading the API the way an app does."""
import re
from urllib.parse import urlsplit

API = "/api/v1"


def walk(client, url, **headers) -> list[dict]:
    """Follow a list's `Link: rel=next` from `url` to its end and return every item."""
    items = []
    while url:
        response = client.get(url, **headers)
        assert response.status_code == 200, response.content
        body = response.json()
        items += body["items"]
        url = next_link(response)
        assert url == body["next"]
        url = url and path_of(url)
    return items


def next_link(response) -> str | None:
    match = re.fullmatch(r'<([^>]+)>; rel="next"', response.get("Link", ""))
    return match and match.group(1)


def ids(response) -> list[int]:
    return [item["id"] for item in response.json()["items"]]


def path_of(url: str) -> str:
    """The path and query of an absolute URL the API gave, to request it with the test client."""
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"
