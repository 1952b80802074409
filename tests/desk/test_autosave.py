"""The autosave store: one private copy per person and story, never public, offered back, removed on save."""
import re
from datetime import UTC, datetime

import pytest
from django.db import IntegrityError, transaction
from django.http import QueryDict
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from desk.autosave import autosave_for, autosave_store
from desk.models import AutosavedCopy
from serving import purges
from tests.factories import ArticleFactory, ArticlePhotoFactory, AutosavedCopyFactory, SectionFactory, UserFactory

from tests.helpers import form_values

from .helpers import change_url, desk_button, edit_form, story_form

Status = Article.Status
ADD_URL = reverse("admin:articles_article_add")
NEW_AUTOSAVE_URL = reverse("admin:articles_article_autosave_new")
KEY_A, KEY_B = "a" * 32, "b" * 32  # two new-story forms open at once


def autosave_url(article):
    return reverse("admin:articles_article_autosave", args=[article.pk])


def _posted(**fields):
    data = QueryDict(mutable=True)
    data.update(fields)
    return data


@pytest.fixture
def pending_purges():
    """The tags waiting for this test's transaction to commit (serving/purges.py), emptied first."""
    purges.pending.__init__()
    yield purges.pending.tags
    purges.pending.__init__()


@pytest.mark.django_db
class TestStore:
    def test_one_copy_per_person_and_form_of_a_story(self, editor, journalist):
        """Each autosave replaces the copy of the form it comes from; another form's, or another person's, is its own."""
        article = ArticleFactory()
        autosave_store(user=editor, article=article, data=_posted(headline="First", autosave_form=KEY_A))
        autosave_store(user=editor, article=article, data=_posted(headline="Second", autosave_form=KEY_A))
        autosave_store(user=editor, article=article, data=_posted(headline="Other tab", autosave_form=KEY_B))
        autosave_store(user=journalist, article=article, data=_posted(headline="Theirs", autosave_form=KEY_A))
        assert AutosavedCopy.objects.count() == 3
        assert autosave_for(user=editor, article=article, key=KEY_A).data["headline"] == ["Second"]
        assert autosave_for(user=editor, article=article).data["headline"] == ["Other tab"]  # the newest
        with pytest.raises(IntegrityError), transaction.atomic():
            AutosavedCopyFactory(user=editor, article=article, form_key=KEY_A)

    def test_one_copy_per_new_story_form(self, editor):
        """A story never saved has one copy per form it is written in (its `autosave_form` key), and the
        database holds to it: two tabs keep two copies."""
        autosave_store(user=editor, article=None, data=_posted(headline="First", autosave_form=KEY_A))
        autosave_store(user=editor, article=None, data=_posted(headline="Second", autosave_form=KEY_A))
        autosave_store(user=editor, article=None, data=_posted(headline="Other tab", autosave_form=KEY_B))
        assert sorted(AutosavedCopy.objects.values_list("form_key", "data__headline")) == [(KEY_A, ["Second"]), (KEY_B, ["Other tab"])]
        assert "autosave_form" not in AutosavedCopy.objects.get(form_key=KEY_A).data
        with pytest.raises(IntegrityError), transaction.atomic():
            AutosavedCopyFactory(user=editor, article=None, form_key=KEY_A)

    def test_a_forged_form_key_is_the_one_shared_slot(self, editor):
        autosave_store(user=editor, article=None, data=_posted(headline="First", autosave_form="../../x"))
        assert AutosavedCopy.objects.get().form_key == ""

    def test_the_csrf_token_and_the_buttons_are_not_kept(self, editor):
        copy = autosave_store(user=editor, article=None, data=_posted(csrfmiddlewaretoken="secret", desk_action="publish"))
        assert "csrfmiddlewaretoken" not in copy.data and "desk_action" not in copy.data


@pytest.mark.django_db
class TestAutosaveRequests:
    def test_an_autosave_changes_nothing_on_the_story_and_purges_nothing(self, editor_client, pending_purges):
        """The story's text, version, update time and revisions stay as they were; no cache is touched."""
        article = ArticleFactory(published=True, headline="Live headline")
        before = Article.objects.get(pk=article.pk)
        pending_purges.clear()
        response = editor_client.post(autosave_url(article), edit_form(article, headline="Typed, not saved"))
        assert response.status_code == 200
        assert "Unsaved text kept at" in response.json()["message"]
        after = Article.objects.get(pk=article.pk)
        assert (after.headline, after.version, after.updated_at) == (before.headline, before.version, before.updated_at)
        assert pending_purges == set()
        assert AutosavedCopy.objects.get().data["headline"] == ["Typed, not saved"]

    def test_a_nul_character_pasted_into_the_form_is_kept_without_it(self, journalist_client, journalist):
        """Text pasted from a PDF can carry NUL, which PostgreSQL's jsonb cannot hold: the copy is kept without it."""
        article = ArticleFactory(status=Status.DRAFT, authors=[journalist], created_by=journalist)
        response = journalist_client.post(autosave_url(article), edit_form(article, headline="Pasted\x00 text"))
        assert response.status_code == 200
        assert AutosavedCopy.objects.get().data["headline"] == ["Pasted text"]

    def test_a_copy_is_never_public(self, editor_client, client):
        """The reader's page shows the saved story, not the copy."""
        article = ArticleFactory(published=True, headline="Live headline")
        editor_client.post(autosave_url(article), edit_form(article, headline="Unsaved words"))
        client.logout()
        content = client.get(article.get_absolute_url()).content.decode()
        assert "Live headline" in content and "Unsaved words" not in content

    def test_a_journalist_cannot_autosave_someone_elses_story(self, journalist_client, other_journalist):
        article = ArticleFactory(authors=[other_journalist], created_by=other_journalist)
        response = journalist_client.post(autosave_url(article), {"headline": "Taken"})
        assert response.status_code in (403, 404)
        assert not AutosavedCopy.objects.exists()

    def test_autosave_keeps_on_post_and_gives_the_current_csrf_token_on_get(self, editor_client, client):
        """The form's script asks for the token again after a new login (which changes it), so the page's next
        autosave and its save are not refused; only the desk gets it, never a reader."""
        token = editor_client.get(NEW_AUTOSAVE_URL).json()["csrf"]
        assert len(token) == 64  # Django's masked token, as {% csrf_token %} writes it
        assert editor_client.put(NEW_AUTOSAVE_URL).status_code == 405
        client.logout()
        assert client.get(NEW_AUTOSAVE_URL).status_code == 302  # to the login page

    def test_reopening_the_form_offers_the_copy_and_restoring_puts_it_in_the_form(self, editor_client, time_machine, settings):
        """"Restore your unsaved text from …" with Restore and Discard; Restore fills the form, saves nothing."""
        settings.TIME_ZONE = "Europe/Istanbul"
        time_machine.move_to(datetime(2026, 11, 24, 11, 2, 5, tzinfo=UTC), tick=False)
        article = ArticleFactory(status=Status.DRAFT, headline="Saved headline")
        editor_client.post(autosave_url(article), edit_form(article, headline="Unsaved headline"))
        content = editor_client.get(change_url(article)).content.decode()
        assert "Restore your unsaved text from 24 Nov 2026 14:02:05 +03?" in content
        assert 'value="Saved headline"' in content
        restored = editor_client.get(change_url(article) + "?restore=autosave").content.decode()
        assert 'value="Unsaved headline"' in restored
        assert "Your unsaved text from 24 Nov 2026 14:02:05 +03 is back in the form" in restored
        article.refresh_from_db()
        assert article.headline == "Saved headline"

    def test_a_restored_copy_keeps_its_tags_when_a_colleague_saved_meanwhile(self, journalist_client, journalist, editor):
        """The restored form's merge base is what the form held when the copy was taken, not the copy itself:
        a tag typed before the copy survives a colleague's save of another field."""
        article = ArticleFactory(status=Status.DRAFT, authors=[journalist], created_by=journalist, headline="Talks resume")
        journalist_client.post(change_url(article), edit_form(article, tags="Politics"))  # a revision: the merge's base
        journalist_client.post(autosave_url(article), edit_form(article, tags="Politics, Syria"))
        colleague = Client()
        colleague.force_login(editor)
        colleague.post(change_url(article), edit_form(article, tags="Politics", headline="Talks resume in Geneva"))
        page = journalist_client.get(change_url(article) + "?restore=autosave").content.decode()
        journalist_client.post(change_url(article), form_values(page.split('id="article_form"', 1)[1].split("</form>", 1)[0]))
        article.refresh_from_db()
        assert (article.headline, list(article.tags.names())) == ("Talks resume in Geneva", ["Politics", "Syria"])

    def test_restore_shows_the_corrections_text_it_does_not_put_back(self, editor_client, editor):
        """Inline rows are not restored: their text from the copy is shown beside the form, to copy."""
        article = ArticleFactory(published=True)
        editor_client.post(autosave_url(article), edit_form(article, **{
            "corrections-TOTAL_FORMS": "1", "corrections-0-kind": "correction", "corrections-0-text": "The minister was misnamed.",
        }))
        restored = editor_client.get(change_url(article) + "?restore=autosave").content.decode()
        kept = restored.split('id="desk-unrestored-title"', 1)[1]
        assert ">The minister was misnamed.</textarea>" in kept and "Correction or update 1" in kept
        assert "data-unsaved" in restored

    def test_discard_removes_the_copy(self, editor_client):
        article = ArticleFactory()
        editor_client.post(autosave_url(article), edit_form(article, headline="Unsaved headline"))
        editor_client.post(reverse("admin:articles_article_autosave_discard", args=[article.pk]))
        assert not AutosavedCopy.objects.exists()
        assert "Restore your unsaved text" not in editor_client.get(change_url(article)).content.decode()

    def test_saving_the_story_removes_the_copy(self, editor_client, editor, journalist):
        """A save through the form (a desk button included) removes the saver's copy, not a colleague's."""
        article = ArticleFactory(status=Status.REVIEW)
        editor_client.post(autosave_url(article), edit_form(article, headline="Unsaved headline"))
        theirs = AutosavedCopyFactory(user=UserFactory(role="Editor"), article=article)
        response = editor_client.post(change_url(article), {**edit_form(article, headline="Saved now"), **desk_button("send-back")})
        assert response.status_code == 302
        assert list(AutosavedCopy.objects.all()) == [theirs]

    def test_an_offered_copy_not_restored_survives_the_forms_autosaves_and_its_save(self, editor_client):
        """Text from a crashed tab is offered; typing on without restoring it writes this form's own copy, and
        saving removes only that one: the crashed tab's text is offered again, until restored or discarded."""
        article = ArticleFactory(status=Status.DRAFT, headline="Saved")
        editor_client.post(autosave_url(article), edit_form(article, headline="From the crashed tab", autosave_form=KEY_A))
        page = editor_client.get(change_url(article)).content.decode()
        key = re.search(r'name="autosave_form" value="([0-9a-f]{32})"', page)[1]
        assert key != KEY_A and f'href="?restore=autosave&amp;form={KEY_A}"' in page
        editor_client.post(autosave_url(article), edit_form(article, headline="Typed on", autosave_form=key))
        assert AutosavedCopy.objects.count() == 2
        assert editor_client.post(change_url(article), edit_form(article, headline="Typed on", autosave_form=key)).status_code == 302
        assert list(AutosavedCopy.objects.values_list("data__headline", flat=True)) == [["From the crashed tab"]]
        assert "Restore your unsaved text" in editor_client.get(change_url(article)).content.decode()

    def test_a_new_story_is_autosaved_offered_and_removed_when_saved(self, journalist_client):
        section = SectionFactory()
        journalist_client.post(NEW_AUTOSAVE_URL, story_form(section, headline="Half-written story"))
        content = journalist_client.get(ADD_URL).content.decode()
        assert "Restore your unsaved text from" in content
        restored = journalist_client.get(ADD_URL + "?restore=autosave").content.decode()
        assert 'value="Half-written story"' in restored
        assert journalist_client.post(ADD_URL, story_form(section, headline="Half-written story")).status_code == 302
        assert not AutosavedCopy.objects.exists()


@pytest.mark.django_db
class TestTwoNewStoriesAtOnce:
    """A journalist writes two new stories in two tabs: each keeps its own copy, saving one leaves the other."""

    def test_each_form_has_its_own_key_and_saving_one_leaves_the_other(self, journalist_client):
        section = SectionFactory()
        keys = [re.search(r'name="autosave_form" value="([0-9a-f]{32})"', journalist_client.get(ADD_URL).content.decode())[1]
                for _ in range(2)]
        assert keys[0] != keys[1]
        for key, headline in zip(keys, ["Ferry strike", "Harbour fire"], strict=True):
            journalist_client.post(NEW_AUTOSAVE_URL, story_form(section, headline=headline, autosave_form=key))
        assert AutosavedCopy.objects.count() == 2
        assert journalist_client.post(ADD_URL, story_form(section, headline="Ferry strike", autosave_form=keys[0])).status_code == 302
        assert list(AutosavedCopy.objects.values_list("data__headline", flat=True)) == [["Harbour fire"]]

    def test_the_newest_copy_is_offered_and_a_restored_form_writes_a_copy_of_its_own(self, journalist_client, time_machine):
        """The offered copy may be another tab's, still being written: the form it is restored into gets its
        own key (so neither overwrites the other) and names the copy it came from, which its save removes too."""
        section = SectionFactory()
        time_machine.move_to(datetime(2026, 11, 24, 9, 0, tzinfo=UTC), tick=False)
        journalist_client.post(NEW_AUTOSAVE_URL, story_form(section, headline="Older tab", autosave_form=KEY_A))
        time_machine.move_to(datetime(2026, 11, 24, 9, 5, tzinfo=UTC), tick=False)
        journalist_client.post(NEW_AUTOSAVE_URL, story_form(section, headline="Newer tab", autosave_form=KEY_B))
        offer = journalist_client.get(ADD_URL).content.decode()
        assert f'href="?restore=autosave&amp;form={KEY_B}"' in offer
        restored = journalist_client.get(ADD_URL + f"?restore=autosave&form={KEY_A}").content.decode()
        key = re.search(r'name="autosave_form" value="([0-9a-f]{32})"', restored)[1]
        assert 'value="Older tab"' in restored and key not in (KEY_A, KEY_B)
        assert f'name="autosave_from" value="{KEY_A}"' in restored
        journalist_client.post(NEW_AUTOSAVE_URL, story_form(section, headline="Older tab, restored", autosave_form=key))
        assert AutosavedCopy.objects.count() == 3  # the tab still writing in A keeps its copy
        journalist_client.post(ADD_URL, story_form(section, headline="Older tab, restored", autosave_form=key, autosave_from=KEY_A))
        assert list(AutosavedCopy.objects.values_list("form_key", flat=True)) == [KEY_B]
        journalist_client.post(reverse("admin:articles_article_autosave_discard_new") + f"?form={KEY_B}")
        assert not AutosavedCopy.objects.exists()

    def test_a_form_shown_again_after_a_refused_save_keeps_its_key_and_warns_on_leaving(self, journalist_client):
        section = SectionFactory()
        page = journalist_client.post(ADD_URL, story_form(section, headline="", autosave_form=KEY_A, autosave_from=KEY_B))
        content = page.content.decode()
        assert page.status_code == 200 and "errorlist" in content
        assert f'name="autosave_form" value="{KEY_A}"' in content and f'name="autosave_from" value="{KEY_B}"' in content
        assert "data-unsaved" in content  # the form's script warns before leaving it

@pytest.mark.django_db
class TestAStoryThatMovedOn:
    """An editor publishes a journalist's story while the journalist is still writing: their next save, or
    the form's next autosave, may no longer change the story, and keeps every word they typed for them."""

    @pytest.fixture
    def published_under_them(self, journalist):
        article = ArticleFactory(status=Status.REVIEW, authors=[journalist], created_by=journalist, headline="As filed")
        form = edit_form(article, headline="As filed, then rewritten", body="<p>A paragraph typed after filing.</p>")
        Article.objects.filter(pk=article.pk).update(status=Status.PUBLISHED, publish_at=timezone.now())  # the editor's publication
        return article, form

    def test_a_refused_save_keeps_the_text_and_shows_it_with_the_reason(self, journalist_client, journalist, published_under_them):
        article, form = published_under_them
        response = journalist_client.post(change_url(article), {**form, **desk_button("submit")})
        assert response.status_code == 302 and response["Location"] == change_url(article)
        article.refresh_from_db()
        assert (article.headline, article.status) == ("As filed", Status.PUBLISHED)
        assert autosave_for(user=journalist, article=article).data["headline"] == ["As filed, then rewritten"]
        page = journalist_client.get(change_url(article)).content.decode()
        assert "Nothing was saved: you may no longer change this story" in page
        assert "Your text that was not saved, from" in page
        assert ">As filed, then rewritten</textarea>" in page
        assert "&lt;p&gt;A paragraph typed after filing.&lt;/p&gt;</textarea>" in page
        assert "?restore=autosave" not in page  # no form to restore it into
        journalist_client.post(reverse("admin:articles_article_autosave_discard", args=[article.pk]))
        assert autosave_for(user=journalist, article=article) is None

    def test_a_nul_character_in_what_they_typed_is_left_out_of_their_copy(self, journalist_client, journalist, published_under_them):
        article, form = published_under_them
        response = journalist_client.post(change_url(article), {**form, "body": "<p>Pasted\x00 from a PDF.</p>"})
        assert response.status_code == 302
        assert autosave_for(user=journalist, article=article).data["body"] == ["<p>Pasted from a PDF.</p>"]

    def test_the_note_and_the_inlines_text_are_shown_too(self, journalist_client, journalist, published_under_them):
        article, form = published_under_them
        use = ArticlePhotoFactory(article=article, caption="")
        form.update({
            "photo_uses-TOTAL_FORMS": "1", "photo_uses-INITIAL_FORMS": "1", "photo_uses-0-id": use.pk,
            "photo_uses-0-article": article.pk, "photo_uses-0-photo": use.photo_id, "photo_uses-0-position": use.position,
            "photo_uses-0-caption": "Rescuers at dawn, written in the field",
        })
        journalist_client.post(change_url(article), {**form, **desk_button("submit", note="Legal cleared paragraph 4")})
        page = journalist_client.get(change_url(article) + "?restore=autosave").content.decode()
        assert ">Legal cleared paragraph 4</textarea>" in page and "Note for the record" in page
        assert ">Rescuers at dawn, written in the field</textarea>" in page and "Caption of body photo 1" in page
        assert "is back in the form" not in page  # there is no form to put it back in

    def test_the_form_keeps_autosaving_what_they_type(self, journalist_client, journalist, published_under_them):
        article, form = published_under_them
        assert journalist_client.post(autosave_url(article), form).status_code == 200
        assert autosave_for(user=journalist, article=article).data["body"] == ["<p>A paragraph typed after filing.</p>"]

    def test_an_editor_who_may_change_it_still_gets_the_form(self, editor_client, editor, published_under_them):
        article, form = published_under_them
        editor_client.post(autosave_url(article), form)
        page = editor_client.get(change_url(article)).content.decode()
        assert "Restore your unsaved text from" in page and "Your text that was not saved" not in page


@pytest.mark.django_db
class TestAStoryDeletedWhileWritten:
    """A colleague deletes the story while someone still writes in it: the save and the autosave say so,
    and the save gives every typed word back to copy; nothing is saved and the story stays deleted."""

    @pytest.fixture
    def deleted_under_them(self, editor):
        article = ArticleFactory(headline="Draft on the ferry contract")
        form = edit_form(article, headline="Ferry contract: the new figures", body="<p>Typed after the deletion.</p>")
        Article.objects.filter(pk=article.pk).delete()  # the colleague's deletion
        return article, form

    def test_a_save_shows_the_text_it_could_not_save(self, editor_client, deleted_under_them):
        article, form = deleted_under_them
        response = editor_client.post(change_url(article), {**form, **desk_button("", note="Checked with legal")})
        assert response.status_code == 404
        page = response.content.decode()
        assert "This story was deleted" in page and "Nothing was saved" in page
        assert ">Ferry contract: the new figures</textarea>" in page
        assert "&lt;p&gt;Typed after the deletion.&lt;/p&gt;</textarea>" in page
        assert ">Checked with legal</textarea>" in page
        assert not Article.objects.filter(pk=article.pk).exists()

    def test_an_autosave_answers_why_in_json(self, editor_client, deleted_under_them):
        article, form = deleted_under_them
        response = editor_client.post(autosave_url(article), form)
        assert response.status_code == 404 and response["Content-Type"] == "application/json"
        assert "deleted" in response.json()["error"] and "copy your text" in response.json()["error"]
        assert not AutosavedCopy.objects.exists()

    def test_a_journalist_whose_story_is_out_of_reach_gets_the_same(self, journalist_client, other_journalist):
        """A story that is not theirs (get_queryset hides it) is no different from a deleted one: no 500, no loss."""
        article = ArticleFactory(created_by=other_journalist, authors=[other_journalist])
        form = edit_form(article, headline="Mine now?")
        response = journalist_client.post(change_url(article), form)
        assert response.status_code == 404 and ">Mine now?</textarea>" in response.content.decode()
        assert Article.objects.get(pk=article.pk).headline != "Mine now?"
