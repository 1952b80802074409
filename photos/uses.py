"""Which photos the stories carry. Stories live in a higher app (articles), so photos never imports
it: that app tells photos here, from its AppConfig.ready(), as the desk does for its preview links."""
from django.db.models import Q

_stories = {}  # "published" and "going_live": a callable returning a Q over Photo
_preview_checks = []  # callables (request, photo) -> bool
_also_published = []  # callables returning a Q over Photo: other public places a photo appears (live entries)
_showing = []  # callables (photo) -> the cache tags of the public stories showing it (serving/tags.py)


def register_stories(*, published, going_live) -> None:
    """`published()`: a Q for the photos on stories a reader may see now; `going_live()`: on stories
    published or scheduled (the desk's rule for who may still change a photo)."""
    _stories.update(published=published, going_live=going_live)


def register_published(source) -> None:
    """`source()`: a Q for photos readers may see elsewhere than on a story (a live entry, live/apps.py)."""
    if source not in _also_published:
        _also_published.append(source)


def register_preview(check) -> None:
    """`check(request, photo)`: whether the request may see `photo` before its story is public."""
    if check not in _preview_checks:
        _preview_checks.append(check)


def register_showing(tags) -> None:
    """`tags(photo)`: the tags of the stories readers see `photo` on now, purged when one stops showing it
    (withdrawn, deleted, its photo or entry removed), so that no cached copy of the photo outlives that."""
    if tags not in _showing:
        _showing.append(tags)


def shown_on(photo) -> list[str]:
    return [tag for tags in _showing for tag in tags(photo)]


def on_stories(which: str) -> Q:
    # No story app installed: no photo is on a story.
    q = _stories[which]() if which in _stories else Q(pk__in=[])
    if which == "published":
        for source in _also_published:
            q |= source()
    return q


def previewed(request, photo) -> bool:
    return any(check(request, photo) for check in _preview_checks)
