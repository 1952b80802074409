"""URLs and form data shared by the desk tests."""
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.factories import EMPTY_INLINES


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def action_url(article, action):
    return reverse("admin:articles_article_transition", args=[article.pk, action])


def local_input(value):
    """Format an aware datetime the way the desk's datetime-local inputs post it: the newsroom's zone, to the second."""
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M:%S")


def story_form(section, **overrides):
    """A new story's add-form data in `section`, as a journalist would post it."""
    data = {
        "headline": "Port strike enters second week",
        "slug": "port-strike-second-week",
        "section": section.pk,
        "standfirst": "Dock workers stay out as talks stall.",
        "body": "<p>Talks stalled again on Tuesday.</p>",
        "tags": "Economy, Trade",
        **EMPTY_INLINES,
    }
    data.update(overrides)
    return data


def desk_button(action, at=None, note=""):
    """What pressing a desk panel button adds to the story form's POST: the action, the note, the time."""
    return {"desk_action": action, "desk_note": note, "desk_at": local_input(at) if at else ""}


def edit_form(article, **overrides):
    """The editor's change form for `article` as the desk renders it: current values and version."""
    article = Article.objects.get(pk=article.pk)
    data = {
        **EMPTY_INLINES,
        "headline": article.headline,
        "slug": article.slug,
        "section": article.section_id,
        "standfirst": article.standfirst,
        "body": article.body,
        "tags": "",
        "version": article.version,
        "authors": [user.pk for user in article.authors.all()],
        # What the rendered form holds as it was opened (hidden inputs): the base of a stale save's merge.
        "initial-authors": [user.pk for user in article.authors.all()],
        "initial-tags": ", ".join(tag.name for tag in article.tags.all()),
    }
    for name in ("unpublish_at", "embargo_at"):
        value = getattr(article, name)
        if value is not None:
            data[name] = local_input(value)
    data.update(overrides)
    return data
