"""Revisions: one per save, history and comparison for editors, restore that keeps the publication state."""
from datetime import timedelta

import pytest
import reversion
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles.models import Article
from tests.factories import EMPTY_INLINES, ArticleFactory

from .helpers import action_url, change_url, edit_form

Status = Article.Status


def revisions_url(article):
    return reverse("admin:articles_article_revisions", args=[article.pk])


def versions_of(article):
    return list(Version.objects.get_for_object(article))  # newest first


@pytest.mark.django_db
class TestRevisionPerSave:
    def test_each_admin_save_and_transition_keeps_a_revision(self, editor_client, editor):
        """Two form saves and a button transition make three revisions, newest first, by the editor."""
        article = ArticleFactory(status=Status.REVIEW, headline="First headline")
        editor_client.post(change_url(article), edit_form(article, headline="Second headline"))
        editor_client.post(change_url(article), edit_form(article, headline="Third headline"))
        article.refresh_from_db()
        editor_client.post(action_url(article, "publish"), {"version": article.version})
        versions = versions_of(article)
        assert [v.field_dict["headline"] for v in versions] == ["Third headline", "Third headline", "Second headline"]
        assert [v.field_dict["status"] for v in versions] == [Status.PUBLISHED, Status.REVIEW, Status.REVIEW]
        assert {v.revision.user for v in versions} == {editor}
        assert versions[0].revision.comment == "Published"

    def test_a_new_story_submitted_from_the_form_keeps_its_final_state(self, journalist_client):
        """Created and submitted in one request, the revision holds the "In review" state, not the draft."""
        from tests.factories import SectionFactory

        journalist_client.post(reverse("admin:articles_article_add"), {
            "headline": "Harbour dredging", "slug": "harbour-dredging", "section": SectionFactory().pk,
            "standfirst": "", "body": "<p>Text.</p>", "tags": "", "desk_action": "submit", **EMPTY_INLINES,
        })
        [version] = versions_of(Article.objects.get())
        assert version.field_dict["status"] == Status.REVIEW


@pytest.mark.django_db
class TestHistoryAndCompare:
    def test_editor_sees_the_history(self, editor_client):
        """The revisions page lists each revision with its comment and headline then."""
        article = ArticleFactory(status=Status.REVIEW, headline="Old headline")
        editor_client.post(change_url(article), edit_form(article, headline="New headline"))
        content = editor_client.get(revisions_url(article)).content.decode()
        assert "New headline" in content and "Edited" in content

    def test_journalist_cannot_see_the_history(self, journalist_client, journalist):
        """History, comparison and restore are for editors: 403 for a journalist, even on their own story."""
        article = ArticleFactory(status=Status.DRAFT, authors=[journalist])
        assert journalist_client.get(revisions_url(article)).status_code == 403

    def test_compare_shows_an_escaped_line_diff_of_the_text(self, editor_client):
        """Comparing two revisions shows removed and added lines, with the body's HTML escaped."""
        article = ArticleFactory(status=Status.REVIEW, headline="Before", body="<p>Same line.</p><p>Old line.</p>")
        editor_client.post(change_url(article), edit_form(article))
        editor_client.post(change_url(article), edit_form(article, headline="After", body="<p>Same line.</p><p>New <em>line</em>.</p>"))
        newer, older = versions_of(article)
        response = editor_client.get(reverse("admin:articles_article_compare", args=[article.pk]), {"a": older.pk, "b": newer.pk})
        content = response.content.decode()
        assert "<del>− Before</del>" in content and "<ins>+ After</ins>" in content
        assert "<ins>+ &lt;p&gt;New &lt;em&gt;line&lt;/em&gt;.&lt;/p&gt;</ins>" in content
        assert "  &lt;p&gt;Same line.&lt;/p&gt;" in content
        assert "<em>line</em>" not in content

    def test_compare_refuses_a_revision_of_another_story(self, editor_client):
        """A revision id from another story is 404, not a diff."""
        article, other = ArticleFactory(status=Status.REVIEW), ArticleFactory(status=Status.REVIEW)
        editor_client.post(change_url(article), edit_form(article))
        editor_client.post(change_url(other), edit_form(other))
        [mine], [theirs] = versions_of(article), versions_of(other)
        url = reverse("admin:articles_article_compare", args=[article.pk])
        assert editor_client.get(url, {"a": mine.pk, "b": theirs.pk}).status_code == 404


@pytest.mark.django_db
class TestRestore:
    def test_restoring_an_old_revision_of_a_published_story_keeps_its_publication_state(self, editor_client, editor):
        """The draft's text comes back; status, publication, expiry and embargo times stay as they are now."""
        article = ArticleFactory(status=Status.REVIEW, headline="Draft headline", standfirst="Draft standfirst", body="<p>Draft body.</p>")
        editor_client.post(change_url(article), edit_form(article))
        [draft_version] = versions_of(article)
        article.refresh_from_db()
        editor_client.post(action_url(article, "publish"), {"version": article.version})
        article.refresh_from_db()
        later = timezone.now() + timedelta(days=3)
        editor_client.post(change_url(article), edit_form(
            article, headline="Live headline", body="<p>Live body.</p>",
            unpublish_at=timezone.localtime(later).strftime("%Y-%m-%dT10:00:00"),
        ))
        article.refresh_from_db()
        state = (article.status, article.publish_at, article.unpublish_at, article.embargo_at)
        assert article.headline == "Live headline" and article.unpublish_at is not None

        response = editor_client.post(reverse("admin:articles_article_restore", args=[article.pk, draft_version.pk]),
                                      {"version": article.version})
        assert response.status_code == 302
        article.refresh_from_db()
        assert (article.headline, article.standfirst, article.body) == ("Draft headline", "Draft standfirst", "<p>Draft body.</p>")
        assert (article.status, article.publish_at, article.unpublish_at, article.embargo_at) == state
        assert article.is_published
        newest = versions_of(article)[0]
        assert newest.field_dict["headline"] == "Draft headline"
        assert newest.revision.comment.startswith("Restored the text of") and newest.revision.user == editor

    def test_journalist_cannot_restore(self, journalist_client, journalist, editor):
        """A journalist's restore POST is 403 and the text stays."""
        from django.test import Client

        article = ArticleFactory(status=Status.DRAFT, authors=[journalist], headline="One")
        editor_browser = Client()
        editor_browser.force_login(editor)
        editor_browser.post(change_url(article), edit_form(article))
        editor_browser.post(change_url(article), edit_form(article, headline="Two"))
        oldest = versions_of(article)[-1]
        article.refresh_from_db()
        response = journalist_client.post(reverse("admin:articles_article_restore", args=[article.pk, oldest.pk]),
                                          {"version": article.version})
        assert response.status_code == 403
        article.refresh_from_db()
        assert article.headline == "Two"

    def test_restore_must_be_posted(self, editor_client):
        """A GET never restores."""
        article = ArticleFactory(status=Status.REVIEW)
        editor_client.post(change_url(article), edit_form(article))
        [version] = versions_of(article)
        assert editor_client.get(reverse("admin:articles_article_restore", args=[article.pk, version.pk])).status_code == 405


@pytest.mark.django_db
class TestHistory:
    def test_one_list_names_only_the_fields_that_really_changed(self, editor_client, editor):
        """A save that changed the standfirst says "standfirst", not "standfirst, body", though the editor re-laid
        out the body; moves, corrections and preview links are in the same list."""
        from desk.services import correction_add, preview_link_create

        with reversion.create_revision():
            article = ArticleFactory(status=Status.REVIEW, body="<p>One.</p><p>Two.</p>")
        data = edit_form(article, standfirst="A sharper standfirst.", body="<p>One.</p>\r\n\r\n<p>Two.</p>\r\n")
        assert editor_client.post(change_url(article), data).status_code == 302
        editor_client.post(action_url(article, "publish"), {"version": 2, "note": "Checked."})
        article.refresh_from_db()
        correction_add(article=article, kind="correction", text="The vote is on Friday.", by=editor)
        preview_link_create(article=article, by=editor)
        content = editor_client.get(reverse("admin:articles_article_history", args=[article.pk])).content.decode()
        rows = content.split('id="history"', 1)[1].split("</table>", 1)[0]
        assert "<td>Edited</td>\n        <td>standfirst</td>" in rows
        assert "Published: Checked." in rows and "status, publication time" in rows
        assert "Correction added: The vote is on Friday." in rows
        assert "Preview link created, valid until" in rows


@pytest.mark.django_db
def test_a_colleague_whose_account_was_deleted_leaves_the_desk_readable(editor_client, editor):
    """Their moves, revisions, notes and resolutions stay, by "—": the desk's pages named people with a
    template fallback that raised on a missing person (a 500 on the story's page, its history and the planning
    board)."""
    from desk.services import article_submit
    from notes.services import note_add, note_reply, note_resolve
    from planning.models import Assignment
    from tests.factories import AssignmentFactory, UserFactory

    gone = UserFactory(role="Editor", first_name="Ayla", last_name="Kaya")
    writer = UserFactory(role="Journalist")
    article = ArticleFactory(status=Status.DRAFT, authors=[writer], created_by=writer, headline="Harbour dredging")
    article_submit(article=article, by=writer)
    with reversion.create_revision():
        reversion.set_user(gone)
        article.save()
    note = note_add(article=article, by=gone, text="Check the tonnage", field="headline", quote="Harbour")
    note_reply(note=note, by=gone, text="Checked with the port authority")
    note_resolve(note=note, by=gone)
    from desk.services import article_send_back
    article_send_back(article=Article.objects.get(pk=article.pk), by=gone, note="A second source, please.")
    AssignmentFactory(story=article, assignees=[gone], desk=article.section)
    gone.delete()
    for url in [change_url(article), revisions_url(article), reverse("admin:planning_assignment_board"), reverse("admin:index")]:
        response = editor_client.get(url)
        assert response.status_code == 200, url
    assert Assignment.objects.count() == 1


@pytest.mark.django_db
def test_a_restore_from_revisions_opened_before_a_colleagues_save_tells_of_it_and_restores_nothing(editor_client):
    """The editor opens Revisions to bring back v1; meanwhile a colleague rewrites the standfirst. Restored over,
    their save would survive only as a revision no one was pointed to: the restore is refused, naming them, and
    the revisions page, now listing their save, is shown again; restored from it, it goes through."""
    from tests.factories import UserFactory
    from tests.helpers import browser_of, form_values

    article = ArticleFactory(status=Status.REVIEW, headline="Port strike", standfirst="Dock workers walk out.")
    editor_client.post(change_url(article), edit_form(article))
    first = versions_of(article)[-1]
    editor_client.post(change_url(article), edit_form(article, headline="Port strike enters week two"))
    revisions = reverse("admin:articles_article_revisions", args=[article.pk])
    page = editor_client.get(revisions).content.decode()
    restore = reverse("admin:articles_article_restore", args=[article.pk, first.pk])
    shown = form_values(page.split(f'action="{restore}"', 1)[1].split("</form>", 1)[0])

    colleague = browser_of(UserFactory(username="colleague", first_name="Deniz", last_name="Aydın", role="Editor"))
    assert colleague.post(change_url(article), edit_form(article, standfirst="Talks collapse; the port closes.")).status_code == 302

    response = editor_client.post(restore, shown, follow=True)
    article.refresh_from_db()
    assert article.standfirst == "Talks collapse; the port closes."
    assert response.redirect_chain[-1][0] == revisions
    told = response.content.decode()
    assert "Deniz Aydın saved this story at" in told and "nothing was restored" in told

    again = form_values(told.split(f'action="{restore}"', 1)[1].split("</form>", 1)[0])
    assert editor_client.post(restore, again).status_code == 302
    article.refresh_from_db()
    assert (article.headline, article.standfirst) == ("Port strike", "Dock workers walk out.")


@pytest.mark.django_db
def test_a_restore_whose_section_was_deleted_since_says_where_the_story_stays(editor_client):
    """The revision's section was deleted since: the story stays in today's, and the editor is told so, not left to
    think the old section is back."""
    from tests.factories import SectionFactory

    markets = SectionFactory(name="Markets", slug="markets")
    article = ArticleFactory(status=Status.REVIEW, section=markets, headline="Grain prices fall")
    editor_client.post(change_url(article), edit_form(article))
    [then] = versions_of(article)
    Article.objects.filter(pk=article.pk).update(section=SectionFactory(name="Economy", slug="economy"))  # moved since
    markets.delete()
    article.refresh_from_db()
    response = editor_client.post(reverse("admin:articles_article_restore", args=[article.pk, then.pk]),
                                  {"version": article.version}, follow=True)
    page = response.content.decode()
    assert "is back" in page and "The section it was in then has since been deleted: it stays in Economy." in page
    article.refresh_from_db()
    assert article.section.name == "Economy"
