"""Roles on the desk, enforced on the server: what journalists and editors may do through real admin requests."""
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.desk.helpers import change_url, desk_button, local_input, story_form
from tests.factories import ArticleFactory, CorrectionFactory, SectionFactory

ADD_URL = reverse("admin:articles_article_add")
CHANGELIST_URL = reverse("admin:articles_article_changelist")


@pytest.fixture
def section(db):
    return SectionFactory(slug="business", name="Business")


@pytest.mark.django_db
class TestJournalist:
    def test_journalist_creates_a_draft_with_own_byline(self, journalist_client, journalist, section):
        """A journalist's new story is a draft carrying their byline and their name as creator."""
        response = journalist_client.post(ADD_URL, story_form(section))
        assert response.status_code == 302
        article = Article.objects.get()
        assert article.status == Article.Status.DRAFT
        assert list(article.authors.all()) == [journalist]
        assert article.created_by == journalist == article.updated_by
        assert sorted(article.tags.names()) == ["Economy", "Trade"]

    def test_the_record_names_people_and_links_to_no_page_they_cannot_open(self, journalist_client, journalist, editor, section):
        """Who created a story, changed it last and added a correction, by full name: Django's own read-only
        field links to the user admin, which only site admins may open (403 for the desk)."""
        journalist.first_name, journalist.last_name = "Jonas", "Okafor"
        journalist.save()
        editor.first_name, editor.last_name = "Elif", "Demir"
        editor.save()
        journalist_client.post(ADD_URL, story_form(section))
        article = Article.objects.get()
        assert journalist_client.get(f"/admin/auth/user/{journalist.pk}/change/").status_code == 403
        page = journalist_client.get(change_url(article)).content.decode()
        assert page.count("Jonas Okafor") >= 2 and "/admin/auth/user/" not in page  # created by, last changed by
        Article.objects.filter(pk=article.pk).update(status=Article.Status.PUBLISHED, publish_at=timezone.now() - timedelta(hours=1))
        CorrectionFactory(article=article, text="An earlier version misnamed the port.", created_by=editor)
        journalist_client.force_login(editor)
        page = journalist_client.get(change_url(article)).content.decode()
        assert "Elif Demir" in page and "/admin/auth/user/" not in page

    def test_journalist_submits_a_new_story_for_review(self, journalist_client, section):
        """"Submit for review" on a new story saves it and hands it to the editors."""
        journalist_client.post(ADD_URL, {**story_form(section), **desk_button("submit")})
        assert Article.objects.get().status == Article.Status.REVIEW

    @pytest.mark.parametrize("action", ["publish", "schedule", "withdraw"])
    def test_forged_editor_button_is_refused_with_a_form_error(self, journalist_client, section, action):
        """A POST a journalist forges with an editor's button saves nothing and says why."""
        data = {**story_form(section), **desk_button(action, at=timezone.now() + timedelta(hours=1))}
        response = journalist_client.post(ADD_URL, data)
        assert response.status_code == 200
        assert "You may not use" in response.content.decode()
        assert not Article.objects.exists()

    def test_a_forged_status_field_is_ignored(self, journalist_client, section):
        """The form has no status field: a forged one changes nothing, the story is a draft."""
        journalist_client.post(ADD_URL, story_form(section, status=Article.Status.PUBLISHED))
        assert Article.objects.get().status == Article.Status.DRAFT

    @pytest.mark.parametrize("field", ["publish_at", "unpublish_at"])
    def test_forged_publication_time_is_refused_with_a_form_error(self, journalist_client, section, field):
        """A journalist's POST carrying a publication or expiry time saves nothing and says why."""
        forged = {field: local_input(timezone.now() + timedelta(hours=2))}
        response = journalist_client.post(ADD_URL, story_form(section, **forged))
        assert response.status_code == 200
        assert "Only an editor can set a publication or expiry time" in response.content.decode()
        assert not Article.objects.exists()

    def test_journalist_form_offers_no_publishing_controls(self, journalist_client):
        """The journalist's form has no publication time and offers only "Submit for review"."""
        content = journalist_client.get(ADD_URL).content.decode()
        assert 'name="publish_at_0"' not in content and 'name="desk_at"' not in content
        assert 'value="publish"' not in content and 'value="schedule"' not in content
        assert 'name="desk_action" value="submit"' in content
        assert "Publish selected stories now" not in journalist_client.get(CHANGELIST_URL).content.decode()

    def test_journalist_cannot_change_a_published_story(self, journalist_client, journalist):
        """Once published, a journalist's own story is read-only to them; a POST saves nothing (what it
        carried is kept for them alone: tests/desk/test_autosave.py)."""
        article = ArticleFactory(published=True, authors=[journalist], created_by=journalist, headline="Original")
        response = journalist_client.post(change_url(article), story_form(article.section, headline="Changed"))
        assert response.status_code == 302
        article.refresh_from_db()
        assert article.headline == "Original"
        assert 'name="headline"' not in journalist_client.get(change_url(article)).content.decode()

    def test_journalist_cannot_open_another_journalists_draft(self, journalist_client, other_journalist):
        """Another journalist's draft is not on the desk for them, by list or by URL."""
        article = ArticleFactory(authors=[other_journalist], created_by=other_journalist, headline="Not yours")
        assert "Not yours" not in journalist_client.get(CHANGELIST_URL).content.decode()
        response = journalist_client.post(change_url(article), story_form(article.section, headline="Taken"))
        assert response.status_code == 404  # as a deleted story: their text given back, nothing saved
        article.refresh_from_db()
        assert article.headline == "Not yours"

    def test_journalist_cannot_run_the_publish_action(self, journalist_client, journalist):
        """The publish action POSTed by a journalist publishes nothing."""
        article = ArticleFactory(status=Article.Status.REVIEW, authors=[journalist])
        journalist_client.post(CHANGELIST_URL, {"action": "publish_now", "_selected_action": [article.pk]})
        article.refresh_from_db()
        assert article.status == Article.Status.REVIEW


@pytest.mark.django_db
class TestEditor:
    def test_editor_schedules_a_story(self, editor_client, section):
        """An editor's publication time in the future schedules the story; readers see it then."""
        when = timezone.now().replace(microsecond=0) + timedelta(hours=3)
        response = editor_client.post(ADD_URL, {**story_form(section), **desk_button("schedule", at=when)})
        assert response.status_code == 302
        article = Article.objects.get()
        assert article.publish_at == when
        assert article not in Article.objects.published()
        assert article.state_label.startswith("Scheduled for")

    def test_editor_publishes_now_without_a_time(self, editor_client, section):
        """Published with no time set means published now."""
        editor_client.post(ADD_URL, {**story_form(section), **desk_button("publish")})
        assert Article.objects.published().count() == 1

    def test_expiry_before_publication_is_a_form_error(self, editor_client, section):
        """An expiry time before the publication time is refused and nothing is saved."""
        response = editor_client.post(ADD_URL, {
            **story_form(section, unpublish_at=local_input(timezone.now() + timedelta(hours=1))),
            **desk_button("schedule", at=timezone.now() + timedelta(hours=3)),
        })
        assert response.status_code == 200
        assert "The expiry time must be after the publication time" in response.content.decode()
        assert not Article.objects.exists()

    def test_editor_changes_any_published_story(self, editor_client, journalist):
        """Editors edit stories they did not write, published or not."""
        article = ArticleFactory(published=True, authors=[journalist])
        response = editor_client.post(change_url(article), story_form(
            article.section, headline="Corrected headline", slug=article.slug, authors=[journalist.pk], version=article.version,
        ))
        assert response.status_code == 302
        article.refresh_from_db()
        assert article.headline == "Corrected headline"

    def test_publish_now_action_puts_reviewed_stories_live(self, editor_client):
        """The "publish now" action makes the selected stories public at once."""
        stories = ArticleFactory.create_batch(2, status=Article.Status.REVIEW)
        response = editor_client.post(CHANGELIST_URL, {"action": "publish_now", "_selected_action": [a.pk for a in stories]})
        assert Article.objects.published().count() == 2
        assert [str(message) for message in get_messages(response.wsgi_request)] == ["2 stories published."]

    def test_publish_now_keeps_a_live_storys_original_time(self, editor_client):
        """Re-running "publish now" on a live story does not move its publication time."""
        article = ArticleFactory(published=True)
        original = article.publish_at
        editor_client.post(CHANGELIST_URL, {"action": "publish_now", "_selected_action": [article.pk]})
        article.refresh_from_db()
        assert article.publish_at == original

    def test_withdraw_action_removes_stories_from_the_site(self, editor_client, client):
        """A withdrawn story is 404 to readers at once."""
        article = ArticleFactory(published=True)
        editor_client.post(CHANGELIST_URL, {"action": "withdraw", "_selected_action": [article.pk]})
        article.refresh_from_db()
        assert article.status == Article.Status.WITHDRAWN
        editor_client.logout()
        assert client.get(article.get_absolute_url()).status_code == 404


@pytest.mark.django_db
class TestChangelist:
    def test_states_are_labelled_for_humans(self, editor_client, time_machine, settings):
        """The list says "Scheduled for …", "Live since …" in the newsroom's zone, "Expired", "Draft"…"""
        settings.TIME_ZONE = "Europe/Istanbul"  # UTC+3
        time_machine.move_to(datetime(2026, 11, 24, 12, 0, tzinfo=UTC), tick=False)
        now = timezone.now()
        ArticleFactory(status=Article.Status.PUBLISHED, publish_at=now + timedelta(hours=2))
        ArticleFactory(published=True, publish_at=now - timedelta(hours=1))
        ArticleFactory(published=True, publish_at=now - timedelta(days=2), unpublish_at=now - timedelta(days=1))
        ArticleFactory(status=Article.Status.DRAFT)
        ArticleFactory(status=Article.Status.REVIEW)
        ArticleFactory(status=Article.Status.WITHDRAWN, publish_at=now - timedelta(days=3))
        content = editor_client.get(CHANGELIST_URL).content.decode()
        for label in ["Scheduled for 24 Nov 2026 17:00", "Live since 24 Nov 2026 14:00", "Expired", "Draft", "In review", "Withdrawn"]:
            assert label in content

    @pytest.mark.parametrize(("state", "expected"), [("live", "Live one"), ("scheduled", "Later one"), ("expired", "Old one")])
    def test_state_filter(self, editor_client, state, expected):
        """The state filter separates live, scheduled and expired stories."""
        now = timezone.now()
        ArticleFactory(published=True, headline="Live one")
        ArticleFactory(status=Article.Status.PUBLISHED, publish_at=now + timedelta(hours=2), headline="Later one")
        ArticleFactory(published=True, publish_at=now - timedelta(days=2), unpublish_at=now - timedelta(days=1), headline="Old one")
        content = editor_client.get(CHANGELIST_URL, {"state": state}).content.decode()
        shown = {headline for headline in ["Live one", "Later one", "Old one"] if headline in content}
        assert shown == {expected}

    def test_changelist_filters_by_tag_and_author(self, editor_client, journalist):
        """Tag and byline filters narrow the list."""
        ArticleFactory(headline="Tagged story", tags=["Energy"], authors=[journalist])
        ArticleFactory(headline="Other story")
        tag_id = Article.objects.get(headline="Tagged story").tags.get().pk
        assert "Other story" not in editor_client.get(CHANGELIST_URL, {"tags__id__exact": tag_id}).content.decode()
        content = editor_client.get(CHANGELIST_URL, {"byline": journalist.pk}).content.decode()  # the byline filter's own link
        assert "Tagged story" in content and "Other story" not in content

    def test_changelist_names_bylines_as_the_story_does(self, editor_client, journalist, editor):
        """One way of naming bylines (Article.byline), on the desk's list as under the headline."""
        ArticleFactory(headline="Two bylines", authors=[journalist, editor])
        story = Article.objects.get(headline="Two bylines")
        assert " and " in story.byline
        assert f'<td class="field-bylines">{story.byline}</td>' in editor_client.get(CHANGELIST_URL).content.decode()

    def test_changelist_query_count_does_not_grow_with_stories(self, editor_client, journalist, django_assert_max_num_queries):
        """Bylines and sections are fetched up front: 30 stories cost what 3 do."""
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        ArticleFactory.create_batch(3, published=True, authors=[journalist])
        with CaptureQueriesContext(connection) as small:
            editor_client.get(CHANGELIST_URL)
        ArticleFactory.create_batch(27, published=True, authors=[journalist])
        with django_assert_max_num_queries(len(small)):
            editor_client.get(CHANGELIST_URL)


@pytest.mark.django_db
class TestAutocomplete:
    def autocomplete(self, client, field, term):
        return client.get(reverse("admin:autocomplete"), {
            "app_label": "articles", "model_name": "article", "field_name": field, "term": term,
        })

    def test_journalist_gets_tag_suggestions(self, journalist_client):
        """The tag input's suggestions answer a journalist, who cannot browse the tag admin."""
        ArticleFactory(tags=["Syria", "Sweden", "Turkey"])
        response = self.autocomplete(journalist_client, "tags", "sy")
        assert response.status_code == 200
        assert [result["text"] for result in response.json()["results"]] == ["Syria"]

    def test_journalist_gets_byline_suggestions_for_staff_only(self, journalist_client, editor):
        """Byline suggestions list staff, never readers' accounts."""
        from tests.factories import UserFactory

        UserFactory(username="ed-reader", is_staff=False)
        response = self.autocomplete(journalist_client, "authors", "ed-")
        assert [result["text"] for result in response.json()["results"]] == [editor.get_full_name()]

    def test_bylines_are_found_and_shown_by_full_name(self, journalist_client):
        """Typing a colleague's name finds them, and they are offered by name, not by login."""
        from tests.factories import UserFactory

        UserFactory(username="edemir", first_name="Elif", last_name="Demir")
        response = self.autocomplete(journalist_client, "authors", "Elif Demir")
        assert [result["text"] for result in response.json()["results"]] == ["Elif Demir"]

    def test_bylines_are_searched_by_name_among_active_accounts_never_by_e_mail(self, journalist_client):
        """The user admin's own search reads e-mail addresses: through the byline picker a journalist could
        confirm anyone's address one character at a time. Deactivated accounts are not offered either."""
        from tests.factories import UserFactory

        UserFactory(username="sowner", first_name="Site", last_name="Owner", email="owner.private@example.org")
        UserFactory(username="gone", first_name="Selin", last_name="Aydin", is_active=False)
        assert self.autocomplete(journalist_client, "authors", "private@example").json()["results"] == []
        assert self.autocomplete(journalist_client, "authors", "Selin").json()["results"] == []
        assert [r["text"] for r in self.autocomplete(journalist_client, "authors", "owner").json()["results"]] == ["Site Owner"]

    def test_anonymous_gets_no_suggestions(self, client):
        """The lookup is for the desk only."""
        response = self.autocomplete(client, "tags", "sy")
        assert response.status_code == 302


@pytest.mark.django_db
class TestBylines:
    def test_the_writer_is_the_first_byline_of_a_new_story(self, journalist_client, journalist):
        """The add form offers the writer, by full name, as the byline."""
        content = journalist_client.get(ADD_URL).content.decode()
        assert f'<option value="{journalist.pk}" selected>{journalist.get_full_name()}</option>' in content

    def test_the_list_shows_filters_and_searches_bylines_by_full_name(self, editor_client, journalist):
        """The list's byline column and filter name people, and a search by full name finds their stories."""
        ArticleFactory(headline="Quay story", authors=[journalist])
        ArticleFactory(headline="Other story")
        content = editor_client.get(CHANGELIST_URL).content.decode()
        filter_html = content.split('id="changelist-filter"', 1)[1]
        assert journalist.get_full_name() in filter_html and f">{journalist.username}<" not in filter_html
        found = editor_client.get(CHANGELIST_URL, {"q": journalist.get_full_name()}).content.decode()
        assert "Quay story" in found and "Other story" not in found
        filtered = editor_client.get(CHANGELIST_URL, {"byline": journalist.pk}).content.decode()
        assert "Quay story" in filtered and "Other story" not in filtered


@pytest.mark.django_db
def test_the_list_shows_times_in_the_desks_one_format(editor_client, settings, time_machine):
    """The list says "24 Nov 2026 15:00:05 CET" (the newsroom's zone, to the second), as the form and board do."""
    settings.TIME_ZONE = "Europe/Paris"
    time_machine.move_to(datetime(2026, 11, 24, 12, 0, tzinfo=UTC), tick=False)
    ArticleFactory(status=Article.Status.PUBLISHED, publish_at=datetime(2026, 11, 24, 14, 0, 5, tzinfo=UTC))
    content = editor_client.get(CHANGELIST_URL).content.decode()
    assert "24 Nov 2026 15:00:05 CET" in content and "Scheduled for 24 Nov 2026 15:00:05 CET" in content
