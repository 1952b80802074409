"""The photo library on the desk: roles, thumbnails, search and filters, agencies for site admins only."""
import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from articles.models import Article
from photos.models import Photo
from tests.factories import AgencyFactory, ArticleFactory, ArticlePhotoFactory, LiveCoverageFactory, PhotoFactory, UserFactory

CHANGELIST_URL = reverse("admin:photos_photo_changelist")


def change_url(photo):
    return reverse("admin:photos_photo_change", args=[photo.pk])


def photo_form(photo, **overrides):
    data = {
        "caption": photo.caption, "alt_text": photo.alt_text, "credit_type": photo.credit_type,
        "agency": photo.agency_id or "", "photographer": photo.photographer, "released_by": photo.released_by, "taken_on": "",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_roles_migration_grants_photo_permissions():
    """Journalists upload and place photos; editors also delete them and read the report; nobody but admins gets agencies."""
    journalist = set(Group.objects.get(name="Journalist").permissions.values_list("codename", flat=True))
    editor = set(Group.objects.get(name="Editor").permissions.values_list("codename", flat=True))
    assert {"add_photo", "change_photo", "view_photo", "add_articlephoto", "delete_articlephoto"} <= journalist
    assert "delete_photo" not in journalist and "view_credit_report" not in journalist
    assert {"delete_photo", "view_credit_report", "change_articlephoto"} <= editor
    assert not any("agency" in codename for codename in journalist | editor)


@pytest.mark.django_db
def test_library_lists_thumbnails_with_credits(journalist_client):
    photo = PhotoFactory(caption="Envoys arrive")
    content = journalist_client.get(CHANGELIST_URL).content.decode()
    assert f'<img src="/photos/{photo.pk}/480.webp?v=' in content
    assert "(AFP photo)" in content


@pytest.mark.django_db
def test_the_uploader_is_named_and_links_to_no_page_the_desk_cannot_open(journalist_client, journalist):
    """By full name, as the desk names people everywhere: Django's read-only field linked to the user admin,
    which only site admins may open (a 403 for the desk)."""
    journalist.first_name, journalist.last_name = "Jonas", "Okafor"
    journalist.save()
    photo = PhotoFactory(caption="Envoys arrive", by=journalist)
    for url in (change_url(photo), CHANGELIST_URL):
        page = journalist_client.get(url).content.decode()
        assert "Jonas Okafor" in page and "/admin/auth/user/" not in page


@pytest.mark.django_db
def test_the_library_says_its_times_as_the_desk_does_everywhere(journalist_client, settings, time_machine):
    """Noticed by a newcomer: the library's "Uploaded" said "7 Dec 2026, 4:15 p.m.", Django's format, where the desk
    says "7 Dec 2026 16:15:09 CET" (times.desk.desk_time): to the second, with the zone."""
    from datetime import UTC, datetime

    settings.TIME_ZONE = "Europe/Berlin"
    time_machine.move_to(datetime(2026, 12, 7, 15, 15, 9, tzinfo=UTC), tick=False)
    photo = PhotoFactory(caption="Envoys arrive")
    for url in (CHANGELIST_URL, change_url(photo)):
        page = journalist_client.get(url).content.decode()
        assert "7 Dec 2026 16:15:09 CET" in page and "p.m." not in page


@pytest.mark.django_db
def test_library_searches_captions_agencies_and_photographers(editor_client):
    PhotoFactory(caption="Harbour at dawn", agency=AgencyFactory(short_name="Reuters", name="Reuters"), photographer="Ana Popescu")
    PhotoFactory(caption="Committee room", staff=True)
    for term, expected in (("harbour", "Harbour at dawn"), ("reuters", "Harbour at dawn"), ("popescu", "Harbour at dawn"), ("committee", "Committee room")):
        content = editor_client.get(CHANGELIST_URL, {"q": term}).content.decode()
        assert expected in content
        assert ({"Harbour at dawn", "Committee room"} - {expected}).pop() not in content


@pytest.mark.django_db
def test_library_filters_by_agency_and_credit_type(editor_client):
    reuters = AgencyFactory(short_name="Reuters", name="Reuters")
    PhotoFactory(caption="Reuters picture", agency=reuters)
    PhotoFactory(caption="Staff picture", staff=True)
    content = editor_client.get(CHANGELIST_URL, {"agency__id__exact": reuters.pk}).content.decode()
    assert "Reuters picture" in content and "Staff picture" not in content
    content = editor_client.get(CHANGELIST_URL, {"credit_type__exact": "staff"}).content.decode()
    assert "Staff picture" in content and "Reuters picture" not in content


@pytest.mark.django_db
def test_library_query_count_does_not_grow_with_photos(editor_client, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    PhotoFactory.create_batch(2, photographer="A")
    with CaptureQueriesContext(connection) as small:
        editor_client.get(CHANGELIST_URL)
    PhotoFactory.create_batch(8, agency=AgencyFactory(short_name="AP", name="Associated Press"))
    with django_assert_max_num_queries(len(small)):
        editor_client.get(CHANGELIST_URL)


@pytest.mark.django_db
def test_article_form_shows_lead_photo_preview_and_body_photos(editor_client):
    lead = PhotoFactory()
    use = ArticlePhotoFactory(article=ArticleFactory(lead_photo=lead))
    content = editor_client.get(reverse("admin:articles_article_change", args=[use.article.pk])).content.decode()
    assert f'src="/photos/{lead.pk}/480.webp' in content
    assert f'src="/photos/{use.photo.pk}/480.webp' in content
    assert "photo_uses-TOTAL_FORMS" in content


@pytest.mark.django_db
def test_journalist_finds_photos_for_the_lead_photo_autocomplete(journalist_client):
    PhotoFactory(caption="Envoys arrive in Selvanik")
    response = journalist_client.get(reverse("admin:autocomplete"), {
        "app_label": "articles", "model_name": "article", "field_name": "lead_photo", "term": "selvanik",
    })
    assert response.status_code == 200
    assert [result["text"] for result in response.json()["results"]] == ["Envoys arrive in Selvanik"]


@pytest.mark.django_db
class TestPhotoChanges:
    def test_journalist_edits_a_photo_not_yet_in_a_live_story(self, journalist_client):
        photo = PhotoFactory()
        ArticleFactory(status=Article.Status.DRAFT, lead_photo=photo)
        response = journalist_client.post(change_url(photo), photo_form(photo, caption="Better caption"))
        assert response.status_code == 302
        photo.refresh_from_db()
        assert photo.caption == "Better caption"

    def test_journalist_cannot_change_a_photo_in_a_published_story(self, journalist_client):
        photo = PhotoFactory(caption="As published")
        ArticlePhotoFactory(article=ArticleFactory(published=True), photo=photo)
        page = journalist_client.get(change_url(photo))
        assert page.status_code == 200 and 'name="caption"' not in page.content.decode()  # read-only view
        journalist_client.post(change_url(photo), photo_form(photo, caption="Changed after publication"))
        photo.refresh_from_db()
        assert photo.caption == "As published"

    def test_a_photo_on_a_public_live_entry_keeps_its_credit_and_is_not_the_journalists_to_change(
            self, journalist_client, editor):
        from django.test import Client

        from live import services

        photo = PhotoFactory(caption="Rescuers at dawn")
        services.entry_create(coverage=LiveCoverageFactory(), by=editor, body="Pictures", photo=photo)
        journalist_client.post(change_url(photo), photo_form(photo, caption="Changed after publication"))
        photo.refresh_from_db()
        assert photo.caption == "Rescuers at dawn"
        editor_client = Client()
        editor_client.force_login(editor)
        response = editor_client.post(change_url(photo), photo_form(photo, agency=""))
        assert response.status_code == 200 and "must keep its credit and alt text" in response.content.decode()

    def test_editor_cannot_strip_the_credit_of_a_photo_in_a_scheduled_story(self, editor_client):
        from datetime import timedelta

        from django.utils import timezone

        photo = PhotoFactory()
        ArticleFactory(status=Article.Status.PUBLISHED, publish_at=timezone.now() + timedelta(hours=1), lead_photo=photo)
        response = editor_client.post(change_url(photo), photo_form(photo, alt_text=""))
        assert response.status_code == 200
        assert "must keep its credit and alt text" in response.content.decode()
        photo.refresh_from_db()
        assert photo.alt_text

    def test_editing_without_a_new_file_keeps_the_image(self, editor_client):
        photo = PhotoFactory()
        name = photo.image.name
        assert editor_client.post(change_url(photo), photo_form(photo, caption="New")).status_code == 302
        photo.refresh_from_db()
        assert photo.image.name == name

    def test_photo_in_a_story_cannot_be_deleted(self, editor_client):
        photo = PhotoFactory()
        ArticleFactory(lead_photo=photo)
        editor_client.post(reverse("admin:photos_photo_delete", args=[photo.pk]), {"post": "yes"})
        assert Photo.objects.filter(pk=photo.pk).exists()


@pytest.mark.django_db
class TestAgencies:
    def test_editor_cannot_manage_agencies(self, editor_client):
        agency = AgencyFactory()
        assert editor_client.get(reverse("admin:photos_agency_changelist")).status_code == 403
        response = editor_client.post(reverse("admin:photos_agency_add"), {"short_name": "X", "name": "X Wire", "is_active": "on"})
        assert response.status_code == 403
        assert editor_client.post(reverse("admin:photos_agency_change", args=[agency.pk]), {"short_name": "Y", "name": "Y"}).status_code == 403

    def test_site_admin_adds_an_agency(self, client):
        client.force_login(UserFactory(username="root", is_superuser=True))
        response = client.post(reverse("admin:photos_agency_add"), {"short_name": "dpa", "name": "Deutsche Presse-Agentur", "is_active": "on"})
        assert response.status_code == 302


@pytest.mark.django_db
class TestCreditLinePreview:
    URL = "/admin/photos/photo/credit-line/"

    def test_the_form_asks_the_server_to_word_the_credit_as_it_is_chosen(self, journalist_client):
        """The photo form's script gets the credit line worded by photos/credits.py before saving."""
        afp = AgencyFactory(short_name="AFP")
        assert 'data-credit-line-url="/admin/photos/photo/credit-line/"' in journalist_client.get("/admin/photos/photo/add/").content.decode()
        for credit_type, expected in [("agency", "(AFP photo)"), ("via_agency", "(Via AFP)"), ("", "— incomplete: cannot be published —")]:
            response = journalist_client.get(self.URL, {"credit_type": credit_type, "agency": afp.pk})
            assert response.json() == {"credit": expected}

    def test_readers_get_no_credit_wording(self, client):
        assert client.get(self.URL).status_code == 302  # to the desk's login


@pytest.mark.django_db
def test_a_journalists_caption_refused_because_the_photo_went_live_meanwhile_is_given_back(journalist_client):
    """An editor put the photo in a published story while the journalist reworded its caption: nothing is
    saved (it is the editors' now), and the new caption is in the message, not dropped with a bare 403."""
    from django.urls import reverse

    from tests.factories import ArticleFactory, PhotoFactory

    photo = PhotoFactory(caption="Crowds outside the court.")
    change = reverse("admin:photos_photo_change", args=[photo.pk])
    assert journalist_client.get(change).status_code == 200
    ArticleFactory(published=True, lead_photo=photo)
    response = journalist_client.post(change, {
        "caption": "Crowds outside the high court on Tuesday as the verdict was read.", "alt_text": photo.alt_text,
        "credit_type": photo.credit_type, "agency": photo.agency_id or "", "photographer": "", "released_by": "", "taken_on": "",
    }, follow=True)
    page = response.content.decode()
    assert response.status_code == 200 and "only an editor may change it" in page
    assert "Crowds outside the high court on Tuesday as the verdict was read." in page
    photo.refresh_from_db()
    assert photo.caption == "Crowds outside the court."


@pytest.mark.django_db
def test_a_photo_deleted_while_its_caption_was_typed_gives_the_text_back(journalist_client):
    photo = PhotoFactory(caption="Old caption")
    assert journalist_client.get(change_url(photo)).status_code == 200
    typed = photo_form(photo, caption="Rescuers carry a child from the rubble at dawn.", alt_text="Two rescuers in orange.")
    Photo.objects.filter(pk=photo.pk).delete()  # an editor deleted it meanwhile
    response = journalist_client.post(change_url(photo), typed)
    page = response.content.decode()
    assert response.status_code == 404 and "Nothing was saved" in page
    assert "Rescuers carry a child from the rubble at dawn." in page and "Two rescuers in orange." in page


@pytest.mark.django_db
def test_a_post_for_a_missing_photo_from_someone_who_may_not_change_photos_is_refused(client):
    client.force_login(UserFactory(username="visitor", is_staff=True))
    response = client.post(reverse("admin:photos_photo_change", args=[987654]), {"caption": "Typed"})
    assert response.status_code == 403



@pytest.mark.django_db
def test_a_stale_photo_form_does_not_put_back_the_caption_a_colleague_fixed(journalist_client, editor_client):
    """Two people have the photo open; the first saves a new caption, the second then saves the alt text from the
    page they opened before. That save changes nothing and says what the caption says now; the alt text typed is
    still in the form, and saved again, knowing it, it goes through."""
    from tests.helpers import form_values

    photo = PhotoFactory(caption="Crowds outside the court.", alt_text="People.")
    page = journalist_client.get(change_url(photo)).content.decode()
    fixed = form_values(editor_client.get(change_url(photo)).content.decode(), caption="Crowds outside the high court.")
    assert editor_client.post(change_url(photo), fixed).status_code == 302
    response = journalist_client.post(change_url(photo), form_values(page, alt_text="Protesters with banners at the gates."))
    refused = response.content.decode()
    photo.refresh_from_db()
    assert response.status_code == 200 and photo.caption == "Crowds outside the high court." and photo.alt_text == "People."
    assert "This photo was changed while you were editing it" in refused and "caption: “Crowds outside the high court.”" in refused
    assert 'value="Protesters with banners at the gates."' in refused
    again = journalist_client.post(change_url(photo), form_values(refused, caption="Crowds outside the high court."))
    photo.refresh_from_db()
    assert again.status_code == 302
    assert (photo.caption, photo.alt_text) == ("Crowds outside the high court.", "Protesters with banners at the gates.")
