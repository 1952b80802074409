"""The desk at work while wrk loads a page: an editor saving a draft every second, publishing a story every
5 s, or scheduling one story a few seconds ahead (the lag probe). All through the app's own services
(desk/services.py), in this process, with the servers' environment (bench/config.py ENV), so that the
app's cache and purge logic run exactly as on the desk: same database, same Redis, purges sent to Varnish."""
import secrets
import statistics
import threading
import time
from datetime import timedelta

from bench.config import APP, CHURN_SLUG, LAG_SLUG, VARNISH
from bench.servers import fetch

EDITOR = "bench-editor"


def desk_editor():
    """A user in the Editor group (made once, kept in newsroom_bench: it is not a story)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user, created = get_user_model().objects.get_or_create(username=EDITOR, defaults={"is_staff": True, "first_name": "Bench"})
    if created:
        user.groups.add(Group.objects.get(name="Editor"))
    return user


def new_draft(editor, kind):
    """A new draft with a section and a credited lead photo, as the desk writes one; saved once."""
    from articles.models import Article, Section
    from desk.services import article_save
    from photos.models import Photo

    token = secrets.token_hex(4)
    sections = list(Section.objects.filter(parent__isnull=False).order_by("pk").values_list("pk", flat=True))
    photo = Photo.objects.order_by("pk").first()
    article = Article(
        headline=f"Bench {kind} {token} on the desk", slug=f"{CHURN_SLUG}{kind}-{token}",
        standfirst="Written by the bench while readers load the site.", body=f"<p>Bench {kind} {token}.</p>",
        section_id=sections[int(token, 16) % len(sections)], lead_photo=photo, created_by=editor,
    )
    return article_save(article=article, by=editor)


def delete_bench_stories():
    """Delete every story the bench wrote (slugs starting with CHURN_SLUG), with their revisions."""
    from django.contrib.contenttypes.models import ContentType
    from reversion.models import Version

    from articles.models import Article

    stories = Article.objects.filter(slug__startswith=CHURN_SLUG)
    ids = [str(pk) for pk in stories.values_list("pk", flat=True)]
    if ids:
        Version.objects.filter(content_type=ContentType.objects.get_for_model(Article), object_id__in=ids).delete()
        stories.delete()
    return len(ids)


def wait_until_shown(headline, bases, since, give_up_after=3.0):
    """Poll each base's home page until it shows the headline; return {base: ms after `since`, or None}."""
    shown = {}
    deadline = since + give_up_after
    while len(shown) < len(bases) and time.time() < deadline:
        for base in bases:
            if base not in shown and headline in fetch(base + "/")[2]:
                shown[base] = (time.time() - since) * 1000
        time.sleep(0.02)
    return {base: shown.get(base) for base in bases}


class Editor(threading.Thread):
    """Every `interval` seconds until stopped: save the same draft again ("draft"), or write and publish a
    new story ("publish"; then poll the home page, on gunicorn and through Varnish, until it shows it)."""

    def __init__(self, kind, interval):
        super().__init__(daemon=True)
        self.kind, self.interval = kind, interval
        self.stopping = threading.Event()
        self.seconds = []  # each save's (or creation and publication's) time
        self.shown = []  # publications: {base: ms until the home page showed it}
        self.errors = []
        self.editor = desk_editor()
        self.draft = new_draft(self.editor, "draft") if kind == "draft" else None

    def stop(self):
        self.stopping.set()
        self.join(timeout=30)

    def run(self):
        from django.db import connection

        started = time.monotonic()
        ticks = 0
        try:
            while not self.stopping.wait(max(0.0, started + min(1.0, self.interval / 2) + ticks * self.interval - time.monotonic())):
                ticks += 1
                try:
                    self.save_draft() if self.kind == "draft" else self.publish()
                except Exception as error:  # reported with the row, not raised in a thread nobody joins
                    self.errors.append(f"{type(error).__name__}: {error}")
        finally:
            connection.close()

    def save_draft(self):
        from articles.models import Article
        from desk.services import article_save

        began = time.perf_counter()
        article = Article.objects.get(pk=self.draft.pk)  # as the desk form does, from the database
        article.body = f"<p>Draft, version {secrets.token_hex(4)}.</p>"
        article_save(article=article, by=self.editor)
        self.seconds.append(time.perf_counter() - began)

    def publish(self):
        from desk.services import article_publish

        began = time.perf_counter()
        article = new_draft(self.editor, "publish")
        article_publish(article=article, by=self.editor)
        self.seconds.append(time.perf_counter() - began)
        self.shown.append(wait_until_shown(article.headline, [APP, VARNISH], time.time()))

    def summary(self) -> dict:
        return {"count": len(self.seconds), "seconds": list(self.seconds), "shown": list(self.shown), "errors": list(self.errors)}


def summarise(summaries: list[dict]) -> dict:
    """An editor's figures over the rounds."""
    seconds = [s for summary in summaries for s in summary["seconds"]]
    shown = [shown for summary in summaries for shown in summary["shown"]]
    out = {"count": len(seconds), "median_ms": statistics.median(seconds) * 1000 if seconds else None,
           "errors": [error for summary in summaries for error in summary["errors"]]}
    for name, base in [("app", APP), ("varnish", VARNISH)]:
        delays = [s[base] for s in shown]
        out[f"shown_{name}"] = {"max_ms": max((d for d in delays if d is not None), default=None),
                                "missing": sum(d is None for d in delays), "of": len(delays)}
    return out


class LagProbe(threading.Thread):
    """Schedule a story a few seconds ahead through the desk's services, then poll the home page, on
    gunicorn and through Varnish, until each shows it (bounded); count responses that showed it early."""

    def __init__(self, seconds_ahead=3.0, give_up_after=15.0):
        super().__init__(daemon=True)
        self.seconds_ahead, self.give_up_after = seconds_ahead, give_up_after
        self.polls = {APP: 0, VARNISH: 0}
        self.early = {APP: 0, VARNISH: 0}
        self.lag = {APP: None, VARNISH: None}
        self.error = None

    def run(self):
        from django.db import connection
        from django.utils import timezone

        from desk.services import article_publish

        try:
            editor = desk_editor()
            article = new_draft(editor, "lag-probe")
            assert article.slug.startswith(LAG_SLUG)
            article_publish(article=article, by=editor, at=timezone.now() + timedelta(seconds=self.seconds_ahead))
            article.refresh_from_db()
            headline, due = article.headline, article.publish_at.timestamp()
        except Exception as error:
            self.error = f"{type(error).__name__}: {error}"
            return
        finally:
            connection.close()
        deadline = due + self.give_up_after
        while time.time() < deadline and None in self.lag.values():
            for base in self.polls:
                if self.lag[base] is not None:
                    continue
                body = fetch(base + "/")[2]
                received = time.time()
                self.polls[base] += 1
                if headline in body:
                    if received < due:  # a reader got it before its time
                        self.early[base] += 1
                    else:
                        self.lag[base] = received - due
            time.sleep(0.02)
