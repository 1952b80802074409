"""Which photos the stories carry. Stories live in higher apps (articles, live), so photos never imports
them: they tell photos here, from their AppConfig.ready(), as the desk does for its preview links."""
from django.db import transaction
from django.db.models import Q

_going_live = []  # callables returning a Q over Photo: those on stories published or scheduled
_showing = []  # callables (photo) -> the cache tags of the public stories showing it (serving/tags.py)
_preview_checks = []  # callables (request, photo) -> bool
_locks = []  # callables (photos) -> None: lock the rows of the stories (coverages) using them


def register_going_live(source) -> None:
    """`source()`: a Q for the photos on stories published or scheduled (the desk's rule for who may
    still change a photo)."""
    if source not in _going_live:
        _going_live.append(source)


def register_showing(tags) -> None:
    """`tags(photo)`: the tags of the stories readers see `photo` on now, each asked through its app's
    gate (a story's, a live entry's). A photo is public while one shows it; the tags are purged when one
    stops showing it (withdrawn, deleted, its photo or entry removed), so no cached copy outlives that."""
    if tags not in _showing:
        _showing.append(tags)


def register_lock(lock) -> None:
    """`lock(photos)`: lock the rows of what uses any of `photos` (a queryset) until the transaction ends, in id
    order. Called in the order registered (apps' ready(), in INSTALLED_APPS order): the stories (articles), then
    the live coverages (live), before the photo's own row: the one order every path takes (README "Photos and
    credits")."""
    if lock not in _locks:
        _locks.append(lock)


def lock_users(photo) -> None:
    """Lock what uses `photo` (publishing/as_stored says why): a publication locks its story (a live entry its
    coverage) and then the photo, so the photo's form does too, in that order, and the two never wait for each
    other in a circle. Outside a transaction a lock would end with its query: nothing to take."""
    from .models import Photo

    _lock_users(Photo.objects.filter(pk=photo.pk))


def lock_agency_users(agency) -> None:
    """Lock what uses the agency's photos, before its row: its names are in their credit lines."""
    from .models import Photo

    _lock_users(Photo.objects.filter(agency=agency))


def _lock_users(photos) -> None:
    if transaction.get_connection().in_atomic_block:
        for lock in _locks:
            lock(photos)


def register_preview(check) -> None:
    """`check(request, photo)`: whether the request may see `photo` before its story is public."""
    if check not in _preview_checks:
        _preview_checks.append(check)


def shown_on(photo) -> list[str]:
    """The tags of the public stories showing `photo`: empty when no reader may see it."""
    return [tag for tags in _showing for tag in tags(photo)]


def going_live() -> Q:
    # No story app installed: no photo is on a story.
    q = Q(pk__in=[])
    for source in _going_live:
        q |= source()
    return q


def previewed(request, photo) -> bool:
    return any(check(request, photo) for check in _preview_checks)
