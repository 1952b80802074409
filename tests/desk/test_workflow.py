"""The workflow through real admin requests: who may move a story where, and the record it leaves."""
import pytest
from django.urls import reverse

from articles.models import Article
from desk.models import ArticleTransition
from tests.factories import EMPTY_INLINES, ArticleFactory, SectionFactory

from .helpers import action_url, change_url, desk_button, edit_form

Status = Article.Status
ADD_URL = reverse("admin:articles_article_add")


@pytest.fixture
def own_draft(journalist):
    return ArticleFactory(status=Status.DRAFT, authors=[journalist], created_by=journalist)


def post_action(client, article, action, **data):
    return client.post(action_url(article, action), {"version": article.version, "note": "", **data})


@pytest.mark.django_db
class TestSubmitForReview:
    def test_journalist_submits_own_draft_with_a_note(self, journalist_client, journalist, own_draft):
        """The "Submit for review" button moves the draft to review and records who, when and the note."""
        response = post_action(journalist_client, own_draft, "submit", note="Lawyer has read paragraph 4.")
        assert response.status_code == 302
        own_draft.refresh_from_db()
        assert own_draft.status == Status.REVIEW
        transition = ArticleTransition.objects.get(article=own_draft)
        assert (transition.from_status, transition.to_status) == (Status.DRAFT, Status.REVIEW)
        assert transition.by == journalist
        assert transition.note == "Lawyer has read paragraph 4."

    def test_journalist_cannot_submit_another_journalists_draft(self, journalist_client, other_journalist):
        """A story that is not on the journalist's desk is 404 to them, and stays a draft."""
        article = ArticleFactory(authors=[other_journalist], created_by=other_journalist)
        assert post_action(journalist_client, article, "submit").status_code == 404
        article.refresh_from_db()
        assert article.status == Status.DRAFT

    def test_submitting_a_story_already_in_review_is_refused_with_a_message(self, journalist_client, journalist):
        """Only a draft can be submitted; the desk says so and records nothing."""
        article = ArticleFactory(status=Status.REVIEW, authors=[journalist])
        response = post_action(journalist_client, article, "submit")
        assert "Only a draft can be submitted for review" in journalist_client.get(response.url).content.decode()
        assert not ArticleTransition.objects.exists()

    def test_submitting_a_new_story_records_a_submission_too(self, journalist_client, journalist):
        """Creating a story with "Submit for review" records draft → review."""
        section = SectionFactory()
        response = journalist_client.post(ADD_URL, {
            "headline": "Ferry timetable cut", "slug": "ferry-timetable-cut", "section": section.pk,
            "standfirst": "", "body": "<p>Text.</p>", "tags": "", "desk_action": "submit", **EMPTY_INLINES,
        })
        assert response.status_code == 302
        article = Article.objects.get()
        assert article.status == Status.REVIEW
        transition = article.transitions.get()
        assert (transition.from_status, transition.to_status, transition.by) == (Status.DRAFT, Status.REVIEW, journalist)


@pytest.mark.django_db
class TestSendBack:
    def test_editor_sends_a_story_back_with_a_note(self, editor_client, editor, journalist):
        """"Send back" returns the story to its writer as a draft, with the editor's note on record."""
        article = ArticleFactory(status=Status.REVIEW, authors=[journalist])
        post_action(editor_client, article, "send-back", note="Second source, please.")
        article.refresh_from_db()
        assert article.status == Status.DRAFT
        transition = article.transitions.get()
        assert (transition.from_status, transition.to_status, transition.by, transition.note) == (
            Status.REVIEW, Status.DRAFT, editor, "Second source, please.",
        )

    def test_journalist_cannot_send_back(self, journalist_client, journalist):
        """Sending back is an editor's decision: a journalist's POST is 403 and changes nothing."""
        article = ArticleFactory(status=Status.REVIEW, authors=[journalist])
        assert post_action(journalist_client, article, "send-back").status_code == 403
        article.refresh_from_db()
        assert article.status == Status.REVIEW
        assert not ArticleTransition.objects.exists()

    def test_journalist_cannot_send_back_through_the_story_form(self, journalist_client, journalist):
        """The form's buttons go through the same check: a form error, the text kept, nothing saved."""
        article = ArticleFactory(status=Status.REVIEW, authors=[journalist], headline="Unchanged")
        data = {**edit_form(article, headline="Typed meanwhile"), **desk_button("send-back")}
        response = journalist_client.post(change_url(article), data)
        assert response.status_code == 200
        assert "You may not use “Send back to the writer”" in response.content.decode()
        assert 'value="Typed meanwhile"' in response.content.decode()
        article.refresh_from_db()
        assert (article.status, article.headline) == (Status.REVIEW, "Unchanged")


@pytest.mark.django_db
class TestPublishAndWithdraw:
    def test_editor_publishes_now_from_the_change_page(self, editor_client, editor):
        """"Publish now" puts a reviewed story live and records review → published with the time."""
        article = ArticleFactory(status=Status.REVIEW)
        post_action(editor_client, article, "publish")
        article.refresh_from_db()
        assert article.is_published
        transition = article.transitions.get()
        assert (transition.from_status, transition.to_status, transition.by) == (Status.REVIEW, Status.PUBLISHED, editor)
        assert transition.publish_at == article.publish_at

    @pytest.mark.parametrize("action", ["publish", "schedule", "withdraw"])
    def test_journalist_cannot_publish_schedule_or_withdraw(self, journalist_client, journalist, action):
        """Each editor's button POSTed by a journalist is 403 and leaves the story as it was."""
        article = ArticleFactory(status=Status.REVIEW, authors=[journalist])
        response = post_action(journalist_client, article, action, at="2099-01-01T10:00")
        assert response.status_code == 403
        article.refresh_from_db()
        assert article.status == Status.REVIEW

    def test_editor_withdraws_a_live_story_with_a_note(self, editor_client, client):
        """"Withdraw" takes the story off the site at once and records why."""
        article = ArticleFactory(published=True)
        post_action(editor_client, article, "withdraw", note="Legal complaint.")
        article.refresh_from_db()
        assert article.status == Status.WITHDRAWN
        assert article.transitions.get().note == "Legal complaint."

    def test_a_draft_cannot_be_withdrawn(self, editor_client):
        """Withdrawal is for published or scheduled stories; a draft stays a draft, with a message."""
        article = ArticleFactory(status=Status.DRAFT)
        response = post_action(editor_client, article, "withdraw")
        article.refresh_from_db()
        assert article.status == Status.DRAFT
        assert "Only a published or scheduled story can be withdrawn" in editor_client.get(response.url).content.decode()

    def test_publishing_from_the_story_form_is_recorded(self, editor_client, editor):
        """"Publish now" pressed with the story form is checked and recorded like the board's button."""
        article = ArticleFactory(status=Status.REVIEW)
        response = editor_client.post(change_url(article), {**edit_form(article), **desk_button("publish")})
        assert response.status_code == 302
        article.refresh_from_db()
        assert article.is_published
        assert article.transitions.get().to_status == Status.PUBLISHED

    def test_an_invalid_move_from_the_form_is_a_form_error(self, editor_client):
        """An editor cannot withdraw a draft from the form: it says why, keeps the text, saves nothing."""
        article = ArticleFactory(status=Status.DRAFT, headline="Unchanged")
        response = editor_client.post(change_url(article), {**edit_form(article, headline="Changed"), **desk_button("withdraw")})
        assert response.status_code == 200
        assert "Only a published or scheduled story can be withdrawn" in response.content.decode()
        article.refresh_from_db()
        assert (article.status, article.headline) == (Status.DRAFT, "Unchanged")

    def test_a_content_edit_records_no_transition(self, editor_client):
        """Correcting a live story's text is not a transition."""
        article = ArticleFactory(published=True)  # published at a time with microseconds the form drops
        response = editor_client.post(change_url(article), edit_form(article, headline="Corrected"))
        assert response.status_code == 302
        assert not ArticleTransition.objects.exists()

    @pytest.mark.parametrize("field", ["headline", "standfirst", "body", "tags", "desk_note"])
    def test_a_nul_character_in_the_text_is_a_form_error(self, editor_client, field):
        """Text pasted from a PDF can carry NUL, which the database cannot store: the form says so, saves nothing."""
        article = ArticleFactory(status=Status.DRAFT, headline="Unchanged")
        response = editor_client.post(change_url(article), edit_form(article, **{"headline": "Changed", field: "Pasted\x00 text"}))
        assert response.status_code == 200
        assert "Null characters are not allowed." in response.content.decode()
        assert Article.objects.get(pk=article.pk).headline == "Unchanged"


@pytest.mark.django_db
class TestChangePage:
    def test_change_page_shows_the_record_and_the_buttons_for_the_role(self, journalist_client, editor, own_draft):
        """The record is on the story's page; journalists see "Submit", editors "Send back" and "Publish now"."""
        post_action(journalist_client, own_draft, "submit", note="Ready <b>now</b>")
        own_draft.refresh_from_db()
        journalist_page = journalist_client.get(change_url(own_draft)).content.decode()
        assert "Ready &lt;b&gt;now&lt;/b&gt;" in journalist_page
        assert "Draft → In review" in journalist_page
        assert "Publish now" not in journalist_page and "Send back to the writer" not in journalist_page
        journalist_client.force_login(editor)
        editor_page = journalist_client.get(change_url(own_draft)).content.decode()
        for label in ["Send back to the writer", "Publish now", "Schedule", "Create a preview link", "Revisions"]:
            assert label in editor_page
        assert "Submit for review" not in editor_page


@pytest.mark.django_db
def test_seed_demo_records_how_demo_stories_reached_review_and_the_schedule():
    """The demo desk has a record for its story in review and its scheduled story, added once."""
    from django.core.management import call_command

    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)
    review = Article.objects.get(status=Status.REVIEW)
    assert review.transitions.get().to_status == Status.REVIEW
    assert Article.objects.scheduled().get().transitions.count() == 1


@pytest.mark.django_db
def test_schedule_pressed_on_a_story_that_went_live_meanwhile_is_refused_with_the_text_kept(editor_client):
    """The panel was loaded while the story was scheduled; by the time "Schedule" is pressed it is live."""
    from datetime import timedelta

    from django.utils import timezone

    went_live = timezone.now() - timedelta(seconds=1)
    article = ArticleFactory(status=Article.Status.PUBLISHED, publish_at=went_live)
    response = editor_client.post(change_url(article), edit_form(
        article, headline="A headline typed meanwhile", **desk_button("schedule", at=timezone.now() + timedelta(hours=2)),
    ))
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "The story is live already" in str(form.non_field_errors())
    assert form["headline"].value() == "A headline typed meanwhile"
    article.refresh_from_db()
    assert article.publish_at == went_live and article.headline != "A headline typed meanwhile"
