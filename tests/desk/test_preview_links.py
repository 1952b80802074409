"""Draft preview links: shown to anyone holding one, until it expires or is revoked; never indexed or cached."""
from datetime import timedelta

import pytest
from django.urls import reverse

from articles.models import Article
from desk.models import PreviewLink
from tests.factories import ArticleFactory

from .helpers import change_url

Status = Article.Status


def create_url(article):
    return reverse("admin:articles_article_preview_link_create", args=[article.pk])


@pytest.fixture
def draft(db):
    return ArticleFactory(status=Status.DRAFT, headline="Minister to resign", body="<p>Secret scoop.</p>")


@pytest.fixture
def link(editor_client, draft):
    editor_client.post(create_url(draft))
    editor_client.logout()
    return PreviewLink.objects.get(article=draft)


@pytest.mark.django_db
class TestPreviewLinks:
    def test_editor_creates_a_link_that_expires_after_the_default_48_hours(self, editor_client, editor, draft, settings):
        """The link's expiry follows PREVIEW_LINK_HOURS, and the desk shows the address."""
        response = editor_client.post(create_url(draft))
        link = PreviewLink.objects.get()
        assert link.created_by == editor
        assert link.expires_at - link.created_at == timedelta(hours=settings.PREVIEW_LINK_HOURS) == timedelta(hours=48)
        assert link.get_absolute_url() in editor_client.get(response.url).content.decode()

    def test_journalist_cannot_create_a_link(self, journalist_client, journalist):
        """Sending a draft outside the newsroom is an editor's decision: 403."""
        article = ArticleFactory(status=Status.DRAFT, authors=[journalist])
        assert journalist_client.post(create_url(article)).status_code == 403
        assert not PreviewLink.objects.exists()

    def test_a_valid_link_shows_the_draft_marked_preview_noindex_and_uncached(self, client, link):
        """Without a login the draft is shown with the preview banner, noindex, and private no-store caching."""
        response = client.get(link.get_absolute_url())
        assert response.status_code == 200
        content = response.content.decode()
        assert "Minister to resign" in content and "Secret scoop." in content
        assert "Preview — not published." in content
        assert '<meta name="robots" content="noindex, nofollow">' in content
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= cache_control
        assert response["Referrer-Policy"] == "no-referrer"

    def test_the_draft_stays_404_at_its_public_address(self, client, link, draft):
        """The link opens the preview only; the story's own URL still hides it."""
        assert client.get(draft.get_absolute_url()).status_code == 404

    def test_link_works_until_its_last_second_and_not_after(self, client, link, time_machine):
        """A second before expiry the preview shows; at expiry it is 404 without the headline."""
        time_machine.move_to(link.expires_at - timedelta(seconds=1), tick=False)
        assert client.get(link.get_absolute_url()).status_code == 200
        time_machine.move_to(link.expires_at, tick=False)
        response = client.get(link.get_absolute_url())
        assert response.status_code == 404
        assert "Minister to resign" not in response.content.decode()

    @pytest.mark.parametrize("tamper", [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),  # altered signature
        lambda token: ("Y" if token[0] == "X" else "X") + token[1:],       # altered key (never a no-op)
        lambda token: token.split(":", 1)[0],                              # signature removed
    ])
    def test_a_tampered_link_is_404_without_the_headline(self, client, link, tamper):
        """Any change to the token is refused, naming nothing."""
        response = client.get(reverse("desk:preview", kwargs={"token": tamper(link.token)}))
        assert response.status_code == 404
        assert "Minister to resign" not in response.content.decode()

    def test_a_revoked_link_is_404_at_once(self, editor_client, editor, client, link, draft):
        """Revoking from the desk stops the link immediately."""
        editor_client.force_login(editor)
        editor_client.post(reverse("admin:articles_article_preview_link_revoke", args=[draft.pk, link.pk]))
        editor_client.logout()
        response = client.get(link.get_absolute_url())
        assert response.status_code == 404
        assert "Minister to resign" not in response.content.decode()

    def test_journalist_cannot_revoke(self, journalist_client, journalist, client):
        """Revoking is for editors too: a journalist's POST is 403 and the link keeps working."""
        from desk.services import preview_link_create
        from tests.factories import UserFactory

        article = ArticleFactory(status=Status.DRAFT, authors=[journalist])
        link = preview_link_create(article=article, by=UserFactory(username="desk-editor", role="Editor"))
        url = reverse("admin:articles_article_preview_link_revoke", args=[article.pk, link.pk])
        assert journalist_client.post(url).status_code == 403
        link.refresh_from_db()
        assert link.is_active

    def test_the_desk_lists_active_links_only(self, editor_client, editor, draft):
        """Expired and revoked links leave the story's desk panel."""
        from desk.services import preview_link_create, preview_link_revoke

        active = preview_link_create(article=draft, by=editor)
        revoked = preview_link_revoke(link=preview_link_create(article=draft, by=editor), by=editor)
        expired = preview_link_create(article=draft, by=editor, hours=0)
        content = editor_client.get(change_url(draft)).content.decode()
        assert active.token in content
        assert revoked.token not in content and expired.token not in content


@pytest.mark.django_db
class TestPreviewPhotos:
    """The lawyer or source holding a preview link sees the draft's photos, and only those."""

    @pytest.fixture
    def photos(self, draft):
        from tests.factories import ArticlePhotoFactory, PhotoFactory

        lead, inline, elsewhere = PhotoFactory(), PhotoFactory(), PhotoFactory()
        draft.lead_photo = lead
        draft.save()
        ArticlePhotoFactory(article=draft, photo=inline)
        return lead, inline, elsewhere

    @staticmethod
    def rendition(client, photo):
        return client.get(reverse("photos:rendition", kwargs={"pk": photo.pk, "width": 480, "extension": "jpg"}))

    def test_link_holder_sees_the_drafts_photos_privately(self, client, link, photos):
        lead, inline, _elsewhere = photos
        page = client.get(link.get_absolute_url())
        assert f"/photos/{lead.pk}/" in page.content.decode()
        for photo in (lead, inline):
            response = self.rendition(client, photo)
            assert response.status_code == 200
            assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]

    def test_the_link_opens_no_other_unpublished_photo(self, client, link, photos):
        client.get(link.get_absolute_url())
        assert self.rendition(client, photos[2]).status_code == 404

    def test_without_the_link_or_after_revoking_it_the_photos_are_404(self, client, link, photos, editor):
        from desk.services import preview_link_revoke

        assert self.rendition(client, photos[0]).status_code == 404  # no preview opened yet
        client.get(link.get_absolute_url())
        preview_link_revoke(link=link, by=editor)
        assert self.rendition(client, photos[0]).status_code == 404
