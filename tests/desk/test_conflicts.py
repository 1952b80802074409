"""Two people save the same story: the second save is refused with what changed, and loses nothing."""
from datetime import timedelta

import pytest
import reversion
from django.test import Client
from django.utils import timezone

from articles.models import Article, ArticleConflict
from tests.factories import ArticleFactory, ArticlePhotoFactory, PhotoFactory, UserFactory
from tests.helpers import form_values, opened_before_a_colleagues_save

from .helpers import action_url, change_url, desk_button, edit_form

Status = Article.Status


def story_with_history(**fields):
    """A story whose first version is in the history, as a story saved on the desk has."""
    with reversion.create_revision():
        return ArticleFactory(**{"status": Status.REVIEW, **fields})


@pytest.fixture
def two_editors(db):
    first, second = Client(), Client()
    first.force_login(UserFactory(username="first-editor", first_name="Elif", last_name="Demir", role="Editor"))
    second.force_login(UserFactory(username="second-editor", role="Editor"))
    return first, second


@pytest.fixture
def writer_and_desk(journalist, editor):
    writer, desk = Client(), Client()
    writer.force_login(journalist)
    desk.force_login(editor)
    return writer, desk


@pytest.mark.django_db
class TestConcurrentSaves:
    def test_edits_to_different_fields_both_survive(self, two_editors):
        """The editor changes the standfirst, a colleague's stale form the headline: both changes are kept."""
        first, second = two_editors
        article = story_with_history(headline="Original headline", standfirst="Original standfirst.")
        stale = edit_form(article, headline="Colleague's headline")
        assert first.post(change_url(article), edit_form(article, standfirst="Editor's standfirst.")).status_code == 302

        response = second.post(change_url(article), stale)

        assert response.status_code == 302
        article.refresh_from_db()
        assert (article.headline, article.standfirst, article.version) == ("Colleague's headline", "Editor's standfirst.", 3)
        message = second.get(response.url).content.decode()
        assert "Merged with Elif Demir&#x27;s save of" in message and "their changes kept: standfirst" in message

    def test_the_same_field_changed_on_both_sides_is_refused_with_both_versions(self, two_editors):
        """Both change the headline: the second save is refused, showing their headline and yours; nothing is saved."""
        first, second = two_editors
        article = story_with_history(headline="Original headline", body="<p>Original body.</p>")
        first_form = edit_form(article, headline="First editor's headline", body="<p>First editor's body.</p>")
        second_form = edit_form(article, headline="Second editor's headline", standfirst="Second editor's standfirst")
        assert first.post(change_url(article), first_form).status_code == 302

        response = second.post(change_url(article), second_form)

        assert response.status_code == 200
        content = response.content.decode()
        assert "Elif Demir saved this story at" in content
        assert "you both changed: headline" in content
        conflict = content.split('class="desk-conflict"', 1)[1].split("</section>", 1)[0]
        assert "First editor&#x27;s headline" in conflict and "Second editor&#x27;s headline" in conflict
        assert "standfirst" not in conflict.lower()  # only the field both changed is a conflict
        # The form: yours where you both changed, theirs where only they did, yours where only you did.
        assert 'value="Second editor&#x27;s headline"' in content
        assert "First editor&#x27;s body." in content.split('name="body"', 1)[1].split("</textarea>", 1)[0]
        assert "Second editor&#x27;s standfirst" in content
        article.refresh_from_db()
        assert (article.headline, article.body, article.version) == ("First editor's headline", "<p>First editor's body.</p>", 2)

    def test_saving_the_refused_form_again_keeps_the_colleagues_other_fields(self, two_editors):
        """After a refusal, saving again settles the shared field and does not put back their other changes."""
        first, second = two_editors
        article = story_with_history(headline="Original headline")
        second_form = edit_form(article, headline="Second editor's headline")
        first.post(change_url(article), edit_form(article, headline="First editor's headline", standfirst="Their standfirst."))
        response = second.post(change_url(article), second_form)
        assert '<input type="hidden" name="version" value="2"' in response.content.decode()
        resubmitted = {**second_form, "version": 2, "standfirst": "Their standfirst."}  # as the refused form now holds it
        assert second.post(change_url(article), resubmitted).status_code == 302
        article.refresh_from_db()
        assert (article.headline, article.standfirst, article.version) == ("Second editor's headline", "Their standfirst.", 3)

    def test_a_transition_since_the_form_was_opened_is_merged(self, two_editors, journalist):
        """A story sent back while an editor had it open: the headline edit is saved, and it stays sent back."""
        first, second = two_editors
        article = story_with_history(status=Status.REVIEW, authors=[journalist])
        stale = edit_form(article, headline="Tidied headline")
        first.post(action_url(article, "send-back"), {"version": 1, "note": "Needs a source."})
        assert second.post(change_url(article), stale).status_code == 302
        article.refresh_from_db()
        assert (article.status, article.headline) == (Status.DRAFT, "Tidied headline")

    def test_without_the_opened_revision_every_differing_field_is_a_conflict(self, two_editors):
        """When the history no longer has the version the form was opened at, nothing is merged by guesswork."""
        first, second = two_editors
        article = ArticleFactory(status=Status.REVIEW, headline="Original headline")  # no revision kept
        stale = edit_form(article, standfirst="My standfirst")
        first.post(change_url(article), edit_form(article, headline="Their headline"))
        response = second.post(change_url(article), stale)
        assert response.status_code == 200
        assert "you both changed: headline, standfirst" in response.content.decode()

    def test_a_button_pressed_on_a_stale_page_is_refused(self, two_editors):
        """"Publish now" from a page opened before someone else's save publishes nothing unseen."""
        first, second = two_editors
        article = ArticleFactory(status=Status.REVIEW)
        first.post(change_url(article), edit_form(article, headline="Changed meanwhile"))
        response = second.post(action_url(article, "publish"), {"version": 1})
        article.refresh_from_db()
        assert article.status == Status.REVIEW
        assert "was changed by someone else meanwhile" in second.get(response.url).content.decode()

    @pytest.mark.parametrize("button", ["publish", "schedule"])
    def test_publishing_from_a_stale_form_is_refused_with_their_changes_shown(self, writer_and_desk, journalist, button):
        """"Publish now" or "Schedule" pressed on a page opened before the writer's save publishes nothing unseen:
        nothing is saved, their change is shown and put in the form with the editor's, and pressing again publishes."""
        writer, desk = writer_and_desk
        article = story_with_history(authors=[journalist], headline="Original headline", body="<p>Checked by the editor.</p>")
        at = timezone.now() + timedelta(hours=2) if button == "schedule" else None
        seen = edit_form(article, headline="Tidied headline", **desk_button(button, at=at))
        assert writer.post(change_url(article), edit_form(article, body="<p>An unverified claim.</p>")).status_code == 302

        response = desk.post(change_url(article), seen)

        assert response.status_code == 200
        article.refresh_from_db()
        assert (article.status, article.headline, article.version) == (Status.REVIEW, "Original headline", 2)
        content = response.content.decode()
        assert "so nothing was saved or published" in content
        shown = content.split('class="desk-conflict"', 1)[1].split("</section>", 1)[0]
        assert "Checked by the editor." in shown and "An unverified claim." in shown
        assert 'value="Tidied headline"' in content
        assert "An unverified claim." in content.split('name="body"', 1)[1].split("</textarea>", 1)[0]
        assert '<input type="hidden" name="version" value="2"' in content

        again = {**seen, "version": 2, "body": "<p>An unverified claim.</p>"}  # the refused form as it is shown
        assert desk.post(change_url(article), again).status_code == 302
        article.refresh_from_db()
        assert (article.status, article.headline, article.body) == (Status.PUBLISHED, "Tidied headline", "<p>An unverified claim.</p>")

    def test_a_body_photo_added_meanwhile_without_credit_holds_the_story_back(self, writer_and_desk, journalist):
        """The writer adds a body photo with no credit or alt text after the editor opened the story: "Publish now"
        is refused, and so is pressing it again on the refreshed form, which has no row for that photo."""
        writer, desk = writer_and_desk
        article = story_with_history(authors=[journalist])
        seen = edit_form(article, **desk_button("publish"))
        bare = PhotoFactory(bare=True)
        added = edit_form(article, **{
            "photo_uses-TOTAL_FORMS": "1", "photo_uses-INITIAL_FORMS": "0",
            "photo_uses-0-photo": bare.pk, "photo_uses-0-position": "0", "photo_uses-0-caption": "Dawn",
        })
        assert writer.post(change_url(article), added).status_code == 302

        assert desk.post(change_url(article), seen).status_code == 200
        response = desk.post(change_url(article), {**seen, "version": 2})

        assert response.status_code == 200
        assert f"(no. {bare.pk}) needs" in response.content.decode()
        assert Article.objects.get(pk=article.pk).status == Status.REVIEW

    def test_a_save_of_a_story_a_colleague_published_meanwhile_goes_through(self, two_editors):
        """The form was opened in review, so it has no corrections rows; its save after a colleague published the
        story is merged and saved, not refused as a tampered formset."""
        first, second = two_editors
        article = story_with_history(body="<p>Teh body.</p>")
        assert "corrections-TOTAL_FORMS" not in second.get(change_url(article)).content.decode()
        stale = {key: value for key, value in edit_form(article, body="<p>The body.</p>").items()
                 if not key.startswith("corrections-")}
        assert first.post(action_url(article, "publish"), {"version": article.version}).status_code == 302

        response = second.post(change_url(article), stale)

        assert response.status_code == 302
        article.refresh_from_db()
        assert (article.status, article.body) == (Status.PUBLISHED, "<p>The body.</p>")

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


@pytest.mark.django_db
class TestTagsAndBylinesOnAStaleSave:
    """Not in the revisions: the form carries what they held when it was opened, the base of their merge."""

    def test_a_colleagues_new_tags_survive_a_stale_save_of_another_field(self, two_editors):
        first, second = two_editors
        article = story_with_history(headline="Original headline")
        stale = edit_form(article, headline="Colleague's headline")  # opened with no tags
        assert first.post(change_url(article), edit_form(article, tags="Syria, Turkey")).status_code == 302

        assert second.post(change_url(article), stale).status_code == 302
        article.refresh_from_db()
        assert sorted(tag.name for tag in article.tags.all()) == ["Syria", "Turkey"]
        assert article.headline == "Colleague's headline"

    def test_a_colleagues_byline_survives_a_stale_save_of_another_field(self, two_editors):
        first, second = two_editors
        writer = UserFactory(first_name="Ana", last_name="Popescu", is_staff=True)
        article = story_with_history(headline="Original headline")
        stale = edit_form(article, standfirst="Colleague's standfirst.")
        assert first.post(change_url(article), {**edit_form(article), "authors": [writer.pk]}).status_code == 302

        assert second.post(change_url(article), stale).status_code == 302
        article.refresh_from_db()
        assert list(article.authors.all()) == [writer] and article.standfirst == "Colleague's standfirst."

    def test_tags_changed_differently_on_both_sides_are_refused_with_both_versions(self, two_editors):
        first, second = two_editors
        article = story_with_history(headline="Original headline")
        stale = edit_form(article, tags="Russia")
        assert first.post(change_url(article), edit_form(article, tags="Syria, Turkey")).status_code == 302

        response = second.post(change_url(article), stale)

        assert response.status_code == 200 and "Syria, Turkey" in response.content.decode()
        assert sorted(tag.name for tag in Article.objects.get(pk=article.pk).tags.all()) == ["Syria", "Turkey"]

    @pytest.mark.parametrize(("typed", "expected"), [('"Middle East"', ["Middle East"]), ('"Smith, John", Syria', ["Smith, John", "Syria"])])
    def test_a_colleagues_multiword_tags_survive_saving_the_refused_form_as_shown(self, two_editors, typed, expected):
        """The refused form shows the colleague's tags quoted as the input reads them: saved as shown, they stay."""
        import re
        from html import unescape

        first, second = two_editors
        article = story_with_history(headline="Original headline")
        stale = edit_form(article, headline="Colleague's headline")
        assert first.post(change_url(article), edit_form(article, headline="Editor's headline", tags=typed)).status_code == 302
        refused = second.post(change_url(article), stale)
        assert refused.status_code == 200
        shown = unescape(re.search(r'<input[^>]*name="tags"[^>]*value="([^"]*)"', refused.content.decode()).group(1))
        assert second.post(change_url(article), {**stale, "version": 2, "tags": shown, "initial-tags": shown}).status_code == 302
        assert [tag.name for tag in Article.objects.get(pk=article.pk).tags.all()] == expected

    def test_a_form_without_what_it_was_opened_with_refuses_any_difference(self, two_editors):
        """A post not from the rendered form (an old page, a script): no base, so a difference is never lost."""
        first, second = two_editors
        article = story_with_history(headline="Original headline")
        stale = {key: value for key, value in edit_form(article, headline="Colleague's headline").items()
                 if not key.startswith("initial-")}
        assert first.post(change_url(article), edit_form(article, tags="Syria, Turkey")).status_code == 302

        assert second.post(change_url(article), stale).status_code == 200
        assert sorted(tag.name for tag in Article.objects.get(pk=article.pk).tags.all()) == ["Syria", "Turkey"]

    def test_a_refused_form_is_merged_against_the_tags_and_bylines_it_now_shows(self, two_editors):
        """The refused form carries the saved version, and its hidden tags and bylines as of that version: saved
        again after one more save by the colleague, it does not put back a tag they removed meanwhile."""
        import re
        from html import unescape

        first, second = two_editors
        writer, colleague = UserFactory(is_staff=True), UserFactory(is_staff=True)
        article = story_with_history(headline="Original headline", tags=["Economy"], authors=[writer])
        stale = edit_form(article, headline="Colleague's headline", tags="Economy")
        assert first.post(change_url(article), edit_form(
            article, headline="Editor's headline", tags="Economy, Trade", authors=[writer.pk, colleague.pk],
        )).status_code == 302
        refused = second.post(change_url(article), stale).content.decode()
        shown = {name: [unescape(value) for value in re.findall(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', refused)]
                 for name in ("version", "tags", "initial-tags", "initial-authors")}
        assert shown["initial-tags"] == ["Economy, Trade"]
        assert sorted(shown["initial-authors"]) == sorted([str(writer.pk), str(colleague.pk)])
        assert first.post(change_url(article), edit_form(article, tags="Economy", **{"initial-tags": "Economy, Trade"})).status_code == 302

        resubmitted = {**stale, **{name: values[0] for name, values in shown.items() if name != "initial-authors"},
                       "authors": [writer.pk, colleague.pk], "initial-authors": shown["initial-authors"]}
        assert second.post(change_url(article), resubmitted).status_code == 302
        article.refresh_from_db()
        assert [tag.name for tag in article.tags.all()] == ["Economy"]
        assert article.headline == "Colleague's headline"

    def test_the_rendered_form_carries_the_tags_and_bylines_it_was_opened_with(self, editor_client):
        import re

        writer = UserFactory(first_name="Ana", last_name="Popescu", is_staff=True)
        article = story_with_history(tags=["Syria", "Middle East"], authors=[writer])
        html = editor_client.get(change_url(article)).content.decode()
        assert re.search(r'name="initial-tags" value="Syria, &quot;Middle East&quot;"', html)
        assert re.search(rf'name="initial-authors" value="{writer.pk}"', html)


@pytest.mark.django_db
class TestBodyPhotosOnAStaleSave:
    """A body-photo row a colleague removed after the form was opened is told by name, and nothing typed is lost."""

    @pytest.fixture
    def story_with_a_body_photo(self):
        article = story_with_history(body="<p>Original body.</p>")
        use = ArticlePhotoFactory(article=article, photo=PhotoFactory(caption="Rescuers at dawn"), position=0, caption="Old caption")
        return article, use

    def row(self, use, **fields):
        return {"photo_uses-TOTAL_FORMS": "1", "photo_uses-INITIAL_FORMS": "1", "photo_uses-0-id": use.pk,
                "photo_uses-0-article": use.article_id, "photo_uses-0-photo": use.photo_id, "photo_uses-0-position": "0",
                **{f"photo_uses-0-{name}": value for name, value in fields.items()}}

    def test_a_row_a_colleague_removed_is_refused_once_and_put_back_as_a_new_row(self, two_editors, story_with_a_body_photo):
        first, second = two_editors
        article, use = story_with_a_body_photo
        stale = edit_form(article, body="<p>A long rewrite.</p>", **self.row(use, caption="My caption"))
        assert first.post(change_url(article), edit_form(article, **self.row(use, DELETE="on"))).status_code == 302

        response = second.post(change_url(article), stale)

        assert response.status_code == 200
        page = response.content.decode()
        assert f"A colleague took photo “Rescuers at dawn” (no. {use.photo_id}) out of this story after you opened it." in page
        assert 'name="photo_uses-INITIAL_FORMS" value="0"' in page and '<input type="hidden" name="photo_uses-0-id" id=' in page
        assert "My caption" in page.split('name="photo_uses-0-caption"', 1)[1].split("</textarea>", 1)[0]
        assert "A long rewrite." in page.split('name="body"', 1)[1].split("</textarea>", 1)[0]
        assert Article.objects.get(pk=article.pk).body == "<p>Original body.</p>" and not article.photo_uses.exists()

        shown = {**stale, "version": 2, "photo_uses-INITIAL_FORMS": "0", "photo_uses-0-id": ""}  # the form as refused
        assert second.post(change_url(article), shown).status_code == 302
        article.refresh_from_db()
        assert article.body == "<p>A long rewrite.</p>"
        assert [(use.photo_id, use.caption) for use in article.photo_uses.all()] == [(use.photo_id, "My caption")]

    def test_a_caption_a_colleague_rewrote_is_told_not_put_back(self, two_editors, story_with_a_body_photo):
        """Elif rewrites a body photo's caption; her colleague, from the page opened before, fixes the body. Body
        photos are not in the story's revisions: put back silently, Elif's caption would be gone for good. The
        save is refused on the row, naming her caption, with the body typed kept; saved again, it goes through."""
        first, second = two_editors
        article, use = story_with_a_body_photo
        page = opened_before_a_colleagues_save(second, change_url(article), first,
                                               **{"photo_uses-0-caption": "Rescuers reach the flooded village."})

        response = second.post(change_url(article), form_values(page, body="<p>Original body, typo fixed.</p>"))

        assert response.status_code == 200
        refused = response.content.decode()
        assert "The body photo “Rescuers at dawn” was changed while you were editing it: nothing was saved" in refused
        assert "It now says: caption for this story: “Rescuers reach the flooded village.”." in refused
        assert "Original body, typo fixed." in refused.split('name="body"', 1)[1].split("</textarea>", 1)[0]
        use.refresh_from_db()
        assert use.caption == "Rescuers reach the flooded village."
        assert Article.objects.get(pk=article.pk).body == "<p>Original body.</p>"

        again = form_values(refused, **{"photo_uses-0-caption": "Rescuers reach the flooded village at dawn."})
        assert second.post(change_url(article), again).status_code == 302
        use.refresh_from_db()
        assert use.caption == "Rescuers reach the flooded village at dawn."
        assert Article.objects.get(pk=article.pk).body == "<p>Original body, typo fixed.</p>"

    def test_rows_no_one_else_changed_save_as_before(self, editor_client, story_with_a_body_photo):
        article, use = story_with_a_body_photo
        page = editor_client.get(change_url(article)).content.decode()
        assert editor_client.post(change_url(article), form_values(page, **{"photo_uses-0-caption": "New caption"})).status_code == 302
        use.refresh_from_db()
        assert use.caption == "New caption"

    def test_a_row_removed_on_both_sides_stays_out(self, two_editors, story_with_a_body_photo):
        first, second = two_editors
        article, use = story_with_a_body_photo
        stale = edit_form(article, body="<p>A long rewrite.</p>", **self.row(use, DELETE="on"))
        assert first.post(change_url(article), edit_form(article, **self.row(use, DELETE="on"))).status_code == 302

        assert second.post(change_url(article), stale).status_code == 302
        article.refresh_from_db()
        assert article.body == "<p>A long rewrite.</p>" and not article.photo_uses.exists()

    def test_a_row_stored_again_under_another_id_is_matched_by_its_photo(self, editor_client, story_with_a_body_photo):
        """A scheduled update puts the body photos back as new rows: a form opened before that still saves its captions."""
        article, use = story_with_a_body_photo
        form = edit_form(article, **self.row(use, caption="My caption"))
        use.delete()
        again = ArticlePhotoFactory(article=article, photo=use.photo, position=0, caption="Old caption")

        assert editor_client.post(change_url(article), form).status_code == 302
        assert [(row.pk, row.caption) for row in article.photo_uses.all()] == [(again.pk, "My caption")]
