"""Two people save the same story: the second save is refused with what changed, and loses nothing."""
import pytest
import reversion
from django.test import Client

from articles.models import Article, ArticleConflict
from tests.factories import ArticleFactory, UserFactory

from .helpers import action_url, change_url, edit_form

Status = Article.Status


@pytest.fixture
def two_editors(db):
    first, second = Client(), Client()
    first.force_login(UserFactory(username="first-editor", first_name="Elif", last_name="Demir", role="Editor"))
    second.force_login(UserFactory(username="second-editor", role="Editor"))
    return first, second


@pytest.mark.django_db
class TestConcurrentSaves:
    def test_second_save_from_the_same_version_is_refused_and_keeps_both_texts(self, two_editors):
        """Both open version 1; the first save wins, the second is refused with who, when, what, and its own text intact."""
        first, second = two_editors
        with reversion.create_revision():  # as the desk does: the version both open is in the history
            article = ArticleFactory(status=Status.REVIEW, headline="Original headline", body="<p>Original body.</p>")
        first_form = edit_form(article, headline="First editor's headline", body="<p>First editor's body.</p>")
        second_form = edit_form(article, headline="Second editor's headline", standfirst="Second editor's standfirst")
        assert first_form["version"] == second_form["version"] == 1

        assert first.post(change_url(article), first_form).status_code == 302
        response = second.post(change_url(article), second_form)

        assert response.status_code == 200
        content = response.content.decode()
        assert "Elif Demir saved this story at" in content
        assert "they changed: headline, body" in content
        # What they changed meanwhile, from the version both opened.
        assert "<del>− Original headline</del>" in content and "<ins>+ First editor&#x27;s headline</ins>" in content
        # The second editor's text is still in the form, ready to be saved again.
        assert 'value="Second editor&#x27;s headline"' in content
        assert "Second editor&#x27;s standfirst" in content
        article.refresh_from_db()
        assert (article.headline, article.body, article.version) == ("First editor's headline", "<p>First editor's body.</p>", 2)

    def test_the_refused_form_now_carries_the_saved_version_so_a_deliberate_resave_wins(self, two_editors):
        """After reading the conflict, saving the same text again replaces the other version."""
        first, second = two_editors
        article = ArticleFactory(status=Status.REVIEW)
        second_form = edit_form(article, headline="Second editor's headline")
        first.post(change_url(article), edit_form(article, headline="First editor's headline"))
        content = second.post(change_url(article), second_form).content.decode()
        assert '<input type="hidden" name="version" value="2"' in content
        assert second.post(change_url(article), {**second_form, "version": 2}).status_code == 302
        article.refresh_from_db()
        assert (article.headline, article.version) == ("Second editor's headline", 3)

    def test_a_transition_since_the_form_was_opened_is_a_conflict_too(self, two_editors, journalist):
        """A story sent back while an editor had it open refuses the stale form and says the status changed."""
        first, second = two_editors
        article = ArticleFactory(status=Status.REVIEW, authors=[journalist])
        stale = edit_form(article, headline="Tidied headline")
        first.post(action_url(article, "send-back"), {"version": 1, "note": "Needs a source."})
        response = second.post(change_url(article), stale)
        assert response.status_code == 200
        assert "the saved story differs from yours in: headline, status" in response.content.decode()

    def test_a_button_pressed_on_a_stale_page_is_refused(self, two_editors):
        """"Publish now" from a page opened before someone else's save publishes nothing unseen."""
        first, second = two_editors
        article = ArticleFactory(status=Status.REVIEW)
        first.post(change_url(article), edit_form(article, headline="Changed meanwhile"))
        response = second.post(action_url(article, "publish"), {"version": 1})
        article.refresh_from_db()
        assert article.status == Status.REVIEW
        assert "was changed by someone else meanwhile" in second.get(response.url).content.decode()

    def test_every_save_claims_the_next_version(self):
        """Saves count up; saving from a stale copy raises instead of overwriting."""
        article = ArticleFactory()
        stale = Article.objects.get(pk=article.pk)
        article.headline = "Saved first"
        article.save()
        assert article.version == 2
        stale.headline = "Saved from a stale copy"
        with pytest.raises(ArticleConflict):
            stale.save()
        article.refresh_from_db()
        assert (article.headline, article.version) == ("Saved first", 2)

    def test_a_change_form_without_a_version_is_a_form_error(self, editor_client):
        """A change POST that carries no version cannot be checked, so it is refused."""
        article = ArticleFactory(status=Status.REVIEW, headline="Unchanged")
        data = edit_form(article, headline="Changed")
        del data["version"]
        assert editor_client.post(change_url(article), data).status_code == 200
        article.refresh_from_db()
        assert article.headline == "Unchanged"
