"""The demo newsroom: everything in it, loaded twice."""
import pytest
from django.core.management import call_command

from articles.models import Article, Section
from demo.content import PLANNING, STORIES
from notes.models import Note
from planning.models import Assignment


@pytest.mark.django_db
def test_seed_demo_builds_the_newsroom_and_is_idempotent(django_user_model):
    call_command("seed_demo", verbosity=0)
    snapshot = (
        list(Article.objects.order_by("pk").values()),
        list(Section.objects.order_by("pk").values()),
        list(django_user_model.objects.order_by("pk").values()),
    )
    call_command("seed_demo", verbosity=0)
    assert snapshot == (
        list(Article.objects.order_by("pk").values()),
        list(Section.objects.order_by("pk").values()),
        list(django_user_model.objects.order_by("pk").values()),
    )
    assert Article.objects.count() == len(STORIES) >= 20
    assert Article.objects.scheduled().count() == 1
    for status in [Article.Status.DRAFT, Article.Status.WITHDRAWN, Article.Status.REVIEW]:
        assert Article.objects.filter(status=status).exists()
    assert Section.objects.get(slug="politics").parent.slug == "news"
    editor = django_user_model.objects.get(username="editor")
    assert editor.groups.filter(name="Editor").exists() and editor.has_perm("articles.publish_article")
    journalist = django_user_model.objects.get(username="journalist")
    assert not journalist.has_perm("articles.publish_article")
    assert Assignment.objects.count() == len(PLANNING["assignments"])
    assert Assignment.objects.late().exists() and Assignment.objects.without_art().exists()
    note = Note.objects.get()
    assert note.quote == PLANNING["notes"][0]["quote"] and note.mentions.get().user == journalist


@pytest.mark.django_db
def test_demo_reference_story_has_the_reference_trail(client):
    call_command("seed_demo", verbosity=0)
    article = Article.objects.get(slug=STORIES[0]["slug"])
    content = client.get(article.get_absolute_url()).content.decode()
    trail = content.split('aria-label="Breadcrumb"', 1)[1].split("</nav>", 1)[0]
    names = [chunk.split("</a>", 1)[0].rsplit(">", 1)[1] for chunk in trail.split("<li>")[1:]]
    assert names == ["News", "Politics", "Syria", "Turkey", "Russia"]


@pytest.mark.django_db
def test_demo_has_a_live_story_with_its_entries_and_an_active_alert(client):
    """A pinned summary, a key event, a correction, a photo entry with an agency credit, one active alert."""
    from live.models import Alert, LiveEntry

    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)
    entries = LiveEntry.objects.published().filter(coverage__article__slug="storm-brenna-live-coast-flooding")
    assert entries.get(is_pinned=True).kind == "summary"
    assert {"key", "correction"} <= set(entries.values_list("kind", flat=True))
    assert entries.get(photo__isnull=False).photo.credit == "(Reuters photo)"
    assert Alert.objects.current().count() == 1
    page = client.get(entries.first().coverage.article.get_absolute_url()).content.decode()
    assert 'aria-label="Breaking news"' in page and "(Reuters photo)" in page


@pytest.mark.django_db
def test_seed_demo_run_again_another_day_changes_nothing_edited_or_deleted(django_user_model, time_machine):
    """Every `make run` runs it: a newsroom that has stories is left as it is. A photo caption carries the
    day it was loaded (a handout's release date), a deleted demo account's password is in the README, and a
    site admin may remove the demo's TV link: none of it comes back or doubles."""
    from datetime import UTC, datetime
    from io import StringIO

    from articles.models import ArticlePhoto
    from domains.models import PlatformLink
    from photos.models import Photo

    time_machine.move_to(datetime(2026, 3, 3, 9, 0, tzinfo=UTC), tick=False)
    call_command("seed_demo", verbosity=0)
    django_user_model.objects.filter(username="reporter2").delete()
    PlatformLink.objects.all().delete()
    Photo.objects.update(caption="Corrected on the desk")
    counts = Photo.objects.count(), ArticlePhoto.objects.count(), Article.objects.count(), Note.objects.count()
    time_machine.move_to(datetime(2026, 3, 4, 9, 0, tzinfo=UTC), tick=False)
    said = StringIO()
    call_command("seed_demo", stdout=said)
    assert "not loaded again" in said.getvalue()
    assert (Photo.objects.count(), ArticlePhoto.objects.count(), Article.objects.count(), Note.objects.count()) == counts
    assert not django_user_model.objects.filter(username="reporter2").exists() and not PlatformLink.objects.exists()


@pytest.mark.django_db
def test_seed_demo_says_how_many_photos_it_added_the_live_entrys_included():
    """Noticed by a newcomer: it said 8 new photos where the library held 9 (the live entry's was not counted)."""
    from io import StringIO

    from photos.models import Photo

    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert f"{Photo.objects.count()} new photos" in out.getvalue()
