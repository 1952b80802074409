"""The front page's story cards, kept as page parts: after a publication only the new story's cards are
rendered, and a change to what a card shows is on the front page at once."""
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test.signals import template_rendered
from django.utils import timezone

from articles.cards import CARD_TEMPLATE, story_cards
from articles.models import Article
from serving.pagecache import STATUS_HEADER
from tests.factories import AgencyFactory, ArticleFactory, PhotoFactory, SectionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("each_cache_backend")]


@pytest.fixture
def front(db):
    """Six stories in two top sections, newest first, each with a credited lead photo."""
    news, sport = SectionFactory(slug="news", name="News"), SectionFactory(slug="sport", name="Sport")
    agency = AgencyFactory(short_name="AFP")
    now = timezone.now()
    return [
        ArticleFactory(published=True, section=news if n % 2 else sport, headline=f"Story {n}",
                       publish_at=now - timedelta(hours=n), lead_photo=PhotoFactory(agency=agency, alt_text=f"Scene {n}"))
        for n in range(1, 7)
    ]


@pytest.fixture
def cards_rendered():
    """The stories whose cards are rendered, as (variant, headline): the lead's card is eager-loading."""
    rendered = []

    def record(sender, template, context, **kwargs):
        if template.name == CARD_TEMPLATE:
            rendered.append(("lead" if context.get("lead") else "card", context["article"].headline))

    template_rendered.connect(record)
    yield rendered
    template_rendered.disconnect(record)


def front_page(client):
    response = client.get("/")
    assert response.status_code == 200
    return response


def test_after_a_publication_only_the_new_storys_cards_are_rendered(client, front, cards_rendered):
    front_page(client)
    assert front_page(client)[STATUS_HEADER] == "hit"
    cards_rendered.clear()
    ArticleFactory(published=True, section=front[0].section, headline="Breaking story")
    response = front_page(client)
    assert response[STATUS_HEADER] == "miss"
    # The lead, and the same story in its section's block; every other card came from the parts.
    assert sorted(cards_rendered) == [("card", "Breaking story"), ("lead", "Breaking story")]
    cache.clear()
    assert front_page(client).content == response.content  # the page rendered afresh, card by card


def test_an_edited_story_is_on_the_front_page_at_once_and_only_its_cards_are_rendered(client, front, cards_rendered):
    front_page(client)
    cards_rendered.clear()
    story = Article.objects.get(pk=front[2].pk)
    story.headline = "Story 3, updated"
    story.save()
    content = front_page(client).content.decode()
    assert "Story 3, updated" in content and ">Story 3<" not in content
    assert {headline for _variant, headline in cards_rendered} == {"Story 3, updated"}


@pytest.mark.parametrize("change", ["alt text", "section name"])
def test_a_change_to_what_every_card_can_show_is_on_the_front_page_at_once(client, front, change):
    front_page(client)
    if change == "alt text":
        photo = front[3].lead_photo
        gone, photo.alt_text, shown = 'alt="Scene 4"', "Crowds at the harbour", 'alt="Crowds at the harbour"'
        photo.save()
    else:
        section = front[0].section
        gone = f'class="card__section"><a href="{section.get_absolute_url()}">{section.name}</a>'
        section.name, shown = "Home news", f'class="card__section"><a href="{section.get_absolute_url()}">Home news</a>'
        section.save()
    content = front_page(client).content.decode()
    assert shown in content and gone not in content


def test_staff_see_every_card_rendered_afresh(client, front, cards_rendered, editor):
    front_page(client)
    Article.objects.filter(pk=front[0].pk).update(headline="Seen by staff at once")  # no signal, no bump
    client.force_login(editor)
    cards_rendered.clear()
    assert "Seen by staff at once" in front_page(client).content.decode()
    # Each story's card once (a story in the latest and in its section's block shares it), and the lead's.
    assert sorted(cards_rendered) == sorted([("lead", "Seen by staff at once"), ("card", "Seen by staff at once")]
                                            + [("card", story.headline) for story in front[1:]])


def test_the_front_page_renders_when_the_cards_cannot_be_read(client, front, cache_down):
    content = front_page(client).content.decode()
    assert all(story.headline in content for story in front)


def test_a_story_gone_since_its_id_was_read_has_no_card(rf, front):
    """Withdrawn between the listing's ids and the cards' rows: the card is left out, not shown."""
    request = rf.get("/")
    withdrawn = front[1]
    Article.objects.filter(pk=withdrawn.pk).update(status=Article.Status.WITHDRAWN)
    cards = story_cards(request, Article.objects.published(), [("card", front[0].pk), ("card", withdrawn.pk)])
    assert list(cards) == [("card", front[0].pk)]


def test_a_scheduled_story_leads_the_front_page_at_its_second_and_not_before(client, front, cards_rendered, time_machine):
    now = timezone.now().replace(microsecond=0)
    time_machine.move_to(now, tick=False)
    ArticleFactory(status=Article.Status.PUBLISHED, publish_at=now + timedelta(minutes=1), section=front[0].section,
                   headline="Embargoed report")
    front_page(client)
    time_machine.move_to(now + timedelta(minutes=1) - timedelta(seconds=1), tick=False)
    assert "Embargoed report" not in front_page(client).content.decode()
    cards_rendered.clear()
    time_machine.move_to(now + timedelta(minutes=1), tick=False)
    lead = front_page(client).content.decode().partition('aria-label="Lead story"')[2].partition("</section>")[0]
    assert "Embargoed report" in lead
    assert sorted(cards_rendered) == [("card", "Embargoed report"), ("lead", "Embargoed report")]


def test_a_card_is_rendered_again_once_it_is_as_old_as_a_page_may_be(client, front, cards_rendered, time_machine, settings):
    now = timezone.now()
    time_machine.move_to(now, tick=False)
    front_page(client)
    cards_rendered.clear()
    time_machine.move_to(now + timedelta(seconds=settings.PAGE_CACHE_SECONDS + 1), tick=False)
    front_page(client)
    assert len(cards_rendered) == 1 + len(front)  # the lead's, and every story's card
