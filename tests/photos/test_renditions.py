"""Renditions: re-encoded sizes and formats, no metadata, transparency on white, stored once, and the gate."""
import io
from datetime import UTC, datetime, timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test.utils import override_script_prefix
from django.urls import reverse
from django.utils import timezone
from PIL import ExifTags, Image

from articles.models import Article
from desk.services import article_withdraw
from live.services import entry_delete
from photos import renditions, uses
from photos.models import Photo
from photos.images import render
from serving.pagecache import STATUS_HEADER
from tests.factories import ArticleFactory, ArticlePhotoFactory, LiveEntryFactory, PhotoFactory, image_file
from tests.helpers import NOON


def rendition(client, photo, width, extension):
    return client.get(reverse("photos:rendition", kwargs={"pk": photo.pk, "width": width, "extension": extension}))


def opened(response):
    return Image.open(io.BytesIO(response.content))


@pytest.fixture
def published_photo(db):
    """A 1300 × 650 photo on a live story."""
    photo = PhotoFactory(image=image_file(size=(1300, 650)))
    ArticleFactory(published=True, lead_photo=photo)
    return photo


@pytest.mark.django_db
@pytest.mark.parametrize(("extension", "pillow_format", "content_type"), [("jpg", "JPEG", "image/jpeg"), ("webp", "WEBP", "image/webp")])
def test_renditions_come_at_each_width_up_to_the_photos_own(client, published_photo, extension, pillow_format, content_type):
    """480, 800 and 1200 wide, then the photo's own 1300: never upscaled to 1600."""
    assert published_photo.rendition_widths == [480, 800, 1200, 1300]
    for width in published_photo.rendition_widths:
        response = rendition(client, published_photo, width, extension)
        assert response.status_code == 200
        assert response["Content-Type"] == content_type
        assert response["X-Content-Type-Options"] == "nosniff"
        image = opened(response)
        assert (image.format, image.size) == (pillow_format, (width, width // 2))
    assert rendition(client, published_photo, 1600, extension).status_code == 404
    assert rendition(client, published_photo, 640, extension).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("script_prefix", ["/", "/news/"])
def test_rendition_urls_are_the_views_own_under_any_script_prefix(client, published_photo, script_prefix):
    """The path is reversed once per photo and the names follow it: each must be what reverse() gives."""
    with override_script_prefix(script_prefix):
        photo = Photo.objects.get(pk=published_photo.pk)
        for width in photo.rendition_widths:
            for extension in ("jpg", "webp"):
                url = reverse("photos:rendition", kwargs={"pk": photo.pk, "width": width, "extension": extension})
                assert photo.rendition_url(width, extension) == f"{url}?v={photo.version}"
        assert photo.rendition_url(480, "webp").startswith(f"{script_prefix}photos/{photo.pk}/480.webp?v=")
    assert client.get(published_photo.rendition_url(1300, "webp")).status_code == 200


@pytest.mark.django_db
def test_each_rendition_is_the_size_the_pages_declare(client):
    """The JPEG decoder's draft rounds its size: the rendition's height must still be `rendition_height`'s, which
    og:image:height, JSON-LD, the feeds and the API give (it was a pixel off at 3575 × 1911)."""
    photo = PhotoFactory(image=image_file(size=(3575, 1911)))
    ArticleFactory(published=True, lead_photo=photo)
    for width in photo.rendition_widths:
        for extension in ("jpg", "webp"):
            assert opened(rendition(client, photo, width, extension)).size == (width, photo.rendition_height(width))


@pytest.mark.django_db
def test_small_photo_gets_one_rendition_at_its_own_width(client):
    photo = PhotoFactory(image=image_file(size=(300, 200)))
    ArticleFactory(published=True, lead_photo=photo)
    assert photo.rendition_widths == [300]
    assert opened(rendition(client, photo, 300, "webp")).size == (300, 200)
    assert rendition(client, photo, 480, "webp").status_code == 404


@pytest.mark.django_db
def test_unknown_format_is_404(client, published_photo):
    assert client.get(f"/photos/{published_photo.pk}/480.png").status_code == 404
    assert client.get(f"/photos/{published_photo.pk}/480.gif").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["{pk}/0480.jpg", "{pk}/00480.webp", "0{pk}/480.jpg"])
def test_a_number_written_with_leading_zeros_is_404(client, published_photo, path):
    """One address per rendition: leading zeros would make a new cached copy of the same image per spelling."""
    assert client.get(f"/photos/{path.format(pk=published_photo.pk)}").status_code == 404


@pytest.mark.django_db
def test_rendition_is_drawn_once_then_served_from_storage(client, published_photo, monkeypatch):
    first = rendition(client, published_photo, 800, "webp").content
    assert default_storage.exists(renditions.rendition_name(published_photo, 800, "webp"))

    def must_not_draw(*args, **kwargs):
        raise AssertionError("drew the rendition again")

    monkeypatch.setattr(renditions, "render", must_not_draw)
    assert rendition(client, published_photo, 800, "webp").content == first


@pytest.mark.django_db
@pytest.mark.parametrize("extension", ["jpg", "webp"])
def test_exif_and_gps_never_reach_a_reader_and_orientation_is_applied(client, extension):
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to display
    exif[0x010F] = "SpyCam Industries"
    exif[0x0131] = "EditorSuite 9"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps.update({1: "N", 2: (41.0, 1.0, 2.0), 3: "E", 4: (28.0, 58.0, 30.0)})
    source = image_file(size=(1000, 500), exif=exif)
    assert b"SpyCam" in source.read()
    source.seek(0)
    photo = PhotoFactory(image=source)
    ArticleFactory(published=True, lead_photo=photo)
    response = rendition(client, photo, 480, extension)
    image = opened(response)
    assert image.size == (480, 960)  # upright: portrait, as the camera meant it
    assert not image.getexif()
    assert not image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    for marker in (b"SpyCam", b"EditorSuite", b"Exif", b"XMP"):
        assert marker not in response.content


def transparent_with_red_square(mode):
    """A red square on transparent *black*: converting naively to RGB shows a black background."""
    if mode == "P":
        image = Image.new("P", (600, 400), 0)
        image.putpalette([0, 0, 0, 200, 0, 0])  # index 0 (black) is made transparent when saved
        image.paste(1, (200, 100, 400, 300))
        return image
    image = Image.new("RGBA", (600, 400), (0, 0, 0, 0))
    image.paste((200, 0, 0, 255), (200, 100, 400, 300))
    return image


@pytest.mark.django_db
@pytest.mark.parametrize(("image_format", "mode"), [("PNG", "RGBA"), ("PNG", "P"), ("GIF", "P"), ("WEBP", "RGBA")])
def test_transparent_images_are_composited_on_white_for_jpeg(client, image_format, mode):
    source = transparent_with_red_square(mode)
    output = io.BytesIO()
    if mode == "P":
        source.save(output, image_format, transparency=0)
    else:
        source.save(output, image_format, lossless=True) if image_format == "WEBP" else source.save(output, image_format)
    photo = PhotoFactory(image=ContentFile(output.getvalue(), name=f"x.{image_format.lower()}"))
    ArticleFactory(published=True, lead_photo=photo)
    jpeg = opened(rendition(client, photo, 480, "jpg")).convert("RGB")
    assert min(jpeg.getpixel((5, 5))) >= 245  # white, not black
    red, green, blue = jpeg.getpixel((240, 160))
    assert red > 150 and green < 60 and blue < 60
    webp = opened(rendition(client, photo, 480, "webp"))
    assert webp.mode == "RGBA" and webp.getpixel((5, 5))[3] == 0  # WebP keeps the transparency


@pytest.mark.django_db
def test_animated_gif_renders_its_first_frame(client):
    frames = [Image.new("RGB", (500, 300), colour) for colour in ("blue", "yellow")]
    output = io.BytesIO()
    frames[0].save(output, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    photo = PhotoFactory(image=ContentFile(output.getvalue(), name="a.gif"))
    ArticleFactory(published=True, lead_photo=photo)
    red, green, blue = opened(rendition(client, photo, 480, "jpg")).getpixel((100, 100))
    assert blue > 200 and red < 60


@pytest.mark.django_db
def test_gif_javascript_polyglot_is_served_re_encoded_with_nosniff(client):
    """A GIF whose header reads `GIF89a/*` and which ends `*/=1;alert(…)` is valid JavaScript too.

    Readers only ever get Pillow's re-encoding of its pixels, declared as an image, never to be sniffed.
    """
    output = io.BytesIO()
    Image.new("P", (10799, 10)).save(output, "GIF")  # 10799 = 0x2A2F: the width bytes spell "/*"
    polyglot = output.getvalue() + b"*/=1;alert(document.cookie);//"
    assert polyglot[6:8] == b"/*"
    photo = PhotoFactory(image=ContentFile(polyglot, name="innocent.jpg"))
    assert photo.image.name.endswith(".gif")
    ArticleFactory(published=True, lead_photo=photo)
    for extension, magic in (("jpg", b"\xff\xd8\xff"), ("webp", b"RIFF")):
        response = rendition(client, photo, 480, extension)
        assert response.status_code == 200
        assert response.content.startswith(magic)
        assert b"alert" not in response.content and b"/*" not in response.content[:16]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Type"].startswith("image/")
        assert "default-src 'none'" in response["Content-Security-Policy"]
    # And the original is not reachable from the site's origin at all.
    assert client.get(f"/media/{photo.image.name}").status_code == 404


def test_render_strips_embedded_colour_profiles_after_converting_to_srgb():
    from PIL import ImageCms

    output = io.BytesIO()
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("LAB")).tobytes()
    Image.new("RGB", (500, 300), "green").save(output, "JPEG", icc_profile=profile)
    output.seek(0)
    data = render(output, width=480, extension="jpg")
    assert "icc_profile" not in Image.open(io.BytesIO(data)).info


@pytest.mark.django_db
class TestRenditionGate:
    """Readers get renditions of photos in published stories only; the desk previews the rest."""

    def test_photo_only_in_a_draft_is_404_to_readers(self, client):
        photo = PhotoFactory()
        ArticleFactory(status=Article.Status.DRAFT, lead_photo=photo)
        assert rendition(client, photo, 480, "webp").status_code == 404

    def test_photo_only_in_the_body_of_a_draft_is_404_to_readers(self, client):
        use = ArticlePhotoFactory(article=ArticleFactory(status=Article.Status.REVIEW))
        assert rendition(client, use.photo, 480, "webp").status_code == 404

    def test_photo_in_no_story_is_404_to_readers(self, client):
        assert rendition(client, PhotoFactory(), 480, "webp").status_code == 404

    def test_photo_in_the_body_of_a_published_story_is_served(self, client):
        use = ArticlePhotoFactory(article=ArticleFactory(published=True))
        assert rendition(client, use.photo, 480, "webp").status_code == 200

    def test_photo_shared_by_a_draft_and_a_published_story_is_served(self, client):
        photo = PhotoFactory()
        ArticleFactory(status=Article.Status.DRAFT, lead_photo=photo)
        ArticlePhotoFactory(article=ArticleFactory(published=True), photo=photo)
        assert rendition(client, photo, 480, "webp").status_code == 200

    def test_photo_of_a_withdrawn_or_expired_story_is_404(self, client):
        withdrawn, expired = PhotoFactory(), PhotoFactory()
        ArticleFactory(status=Article.Status.WITHDRAWN, publish_at=timezone.now() - timedelta(days=1), lead_photo=withdrawn)
        ArticleFactory(published=True, publish_at=timezone.now() - timedelta(days=2),
                       unpublish_at=timezone.now() - timedelta(days=1), lead_photo=expired)
        assert rendition(client, withdrawn, 480, "webp").status_code == 404
        assert rendition(client, expired, 480, "webp").status_code == 404

    def test_scheduled_storys_photo_appears_at_its_publication_time(self, client, time_machine):
        time_machine.move_to(datetime(2026, 3, 1, 9, 0, tzinfo=UTC), tick=False)
        photo = PhotoFactory()
        ArticleFactory(status=Article.Status.PUBLISHED, publish_at=datetime(2026, 3, 1, 10, 0, tzinfo=UTC), lead_photo=photo)
        assert rendition(client, photo, 480, "webp").status_code == 404
        time_machine.move_to(datetime(2026, 3, 1, 10, 0, tzinfo=UTC), tick=False)
        assert rendition(client, photo, 480, "webp").status_code == 200

    def test_a_readers_404_is_kept_by_no_cache(self, client):
        """Browsers and front caches alike: the photo may be public the next second, and no purge names it."""
        photo = PhotoFactory()
        ArticleFactory(status=Article.Status.DRAFT, lead_photo=photo)
        for response in (rendition(client, photo, 480, "webp"), rendition(client, PhotoFactory(), 99, "webp")):
            assert response.status_code == 404
            assert {"no-store", "private", "max-age=0"} <= set(response["Cache-Control"].split(", "))

    def test_desk_previews_an_unpublished_photo_uncached(self, journalist_client):
        photo = PhotoFactory()
        ArticleFactory(status=Article.Status.DRAFT, lead_photo=photo)
        response = rendition(journalist_client, photo, 480, "webp")
        assert response.status_code == 200
        assert "private" in response["Cache-Control"] and "no-cache" in response["Cache-Control"]

    def test_logged_in_non_staff_user_is_a_reader(self, client, django_user_model):
        photo = PhotoFactory()
        ArticleFactory(status=Article.Status.DRAFT, lead_photo=photo)
        client.force_login(django_user_model.objects.create_user("reader", password="x-long-password-1"))
        assert rendition(client, photo, 480, "webp").status_code == 404


@pytest.mark.django_db
class TestStorageCleanup:
    def stored(self):
        from django.core.files.storage import default_storage

        names = []
        for folder in ("photos/originals", "photos/renditions"):
            stack = [folder]
            while stack:
                current = stack.pop()
                try:
                    folders, files = default_storage.listdir(current)
                except FileNotFoundError:
                    continue
                stack += [f"{current}/{name}" for name in folders]
                names += [f"{current}/{name}" for name in files]
        return sorted(names)

    def test_replacing_the_image_removes_the_old_original_and_renditions_after_commit(self, django_capture_on_commit_callbacks):
        from photos.renditions import rendition_bytes

        photo = PhotoFactory()
        rendition_bytes(photo, width=photo.rendition_widths[0], extension="jpg")
        old = self.stored()
        assert len(old) == 2
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            photo.image = image_file(size=(900, 600))
            photo.save()
        assert set(old) <= set(self.stored())  # nothing goes before the commit
        for callback in callbacks:
            callback()
        remaining = self.stored()
        assert not set(old) & set(remaining)
        assert remaining == [photo.image.name]

    def test_deleting_a_photo_removes_its_files_after_commit(self, django_capture_on_commit_callbacks):
        from photos.renditions import rendition_bytes

        photo = PhotoFactory()
        rendition_bytes(photo, width=photo.rendition_widths[0], extension="webp")
        with django_capture_on_commit_callbacks(execute=True):
            photo.delete()
        assert self.stored() == []


def cache_control(response) -> dict:
    return dict((part.split("=") + [""])[:2] for part in response["Cache-Control"].split(", "))


@pytest.mark.django_db
@pytest.mark.usefixtures("each_cache_backend")
class TestRenditionCaching:
    """A public rendition is cached like a page, under its photo's tag and the tags of the stories showing
    it, and kept by no browser: whatever ends its being public reaches every cache at once."""

    def test_it_is_cached_under_its_photo_and_the_public_stories_showing_it(self, client):
        photo = PhotoFactory()
        lead, body = ArticleFactory(published=True, lead_photo=photo), ArticleFactory(published=True)
        ArticlePhotoFactory(article=body, photo=photo)
        ArticleFactory(status=Article.Status.DRAFT, lead_photo=photo)
        entry = LiveEntryFactory(photo=photo)
        response = rendition(client, photo, 480, "webp")
        assert response[STATUS_HEADER] == "miss"
        assert set(response["xkey"].split()) == {
            "site", f"photo-{photo.pk}", f"story-{lead.pk}", f"story-{body.pk}", f"story-{entry.coverage.article_id}",
        }
        assert cache_control(response)["max-age"] == "0" and int(cache_control(response)["s-maxage"]) > 0
        assert "public" in cache_control(response)
        again = rendition(client, photo, 480, "webp")
        assert again[STATUS_HEADER] == "hit" and again.content == response.content
        assert again["Content-Type"] == "image/webp" and again["X-Content-Type-Options"] == "nosniff"

    @pytest.mark.parametrize("change", ["withdrawn", "deleted", "lead photo replaced", "lead photo removed"])
    def test_a_story_that_stops_showing_it_takes_it_from_the_cache_at_once(self, client, editor, committed, change):
        photo = PhotoFactory()
        story = ArticleFactory(published=True, lead_photo=photo)
        rendition(client, photo, 480, "webp")
        assert rendition(client, photo, 480, "webp")[STATUS_HEADER] == "hit"
        with committed():
            if change == "withdrawn":
                article_withdraw(article=story, by=editor)
            elif change == "deleted":
                story.delete()
            else:
                story.lead_photo = PhotoFactory() if change == "lead photo replaced" else None
                story.save()
        assert rendition(client, photo, 480, "webp").status_code == 404

    def test_a_body_photo_removed_from_a_public_story_leaves_at_once(self, client, committed):
        use = ArticlePhotoFactory(article=ArticleFactory(published=True))
        rendition(client, use.photo, 480, "webp")
        assert rendition(client, use.photo, 480, "webp")[STATUS_HEADER] == "hit"
        with committed():
            use.delete()
        assert rendition(client, use.photo, 480, "webp").status_code == 404

    def test_a_live_entry_deleted_takes_its_photo_with_it(self, client, editor, committed):
        photo = PhotoFactory()
        entry = LiveEntryFactory(photo=photo)
        rendition(client, photo, 480, "webp")
        assert rendition(client, photo, 480, "webp")[STATUS_HEADER] == "hit"
        with committed():
            entry_delete(entry=entry, by=editor)  # a tombstone: no text, no photo
        assert rendition(client, photo, 480, "webp").status_code == 404

    def test_it_is_cached_no_later_than_its_storys_expiry(self, client, clock):
        photo = PhotoFactory()
        ArticleFactory(published=True, publish_at=NOON - timedelta(hours=1), unpublish_at=NOON + timedelta(seconds=90), lead_photo=photo)
        response = rendition(client, photo, 480, "webp")
        assert int(cache_control(response)["s-maxage"]) <= 90
        clock(NOON + timedelta(seconds=89, microseconds=999999))
        assert rendition(client, photo, 480, "webp")[STATUS_HEADER] == "hit"
        clock(NOON + timedelta(seconds=90))
        assert rendition(client, photo, 480, "webp").status_code == 404

    def test_a_withdrawal_committed_while_it_renders_still_takes_it_from_the_cache(self, client, editor, committed, monkeypatch):
        """Whether it is public and the tags it is kept under come from one read: a withdrawal committed
        in between would otherwise leave it kept under tags no purge names."""
        photo = PhotoFactory()
        story = ArticleFactory(published=True, lead_photo=photo)
        shown_on = uses.shown_on

        def withdrawn_mid_render(photo):
            with committed():
                article_withdraw(article=story, by=editor)  # after any earlier read the view made
            return shown_on(photo)

        monkeypatch.setattr(uses, "shown_on", withdrawn_mid_render)
        rendition(client, photo, 480, "webp")  # the reader who asked in that instant: 200 or 404 are both fair
        monkeypatch.undo()
        assert rendition(client, photo, 480, "webp").status_code == 404

    def test_staff_get_a_public_photo_privately_and_store_nothing(self, client, editor_client):
        photo = PhotoFactory()
        ArticleFactory(published=True, lead_photo=photo)
        response = rendition(editor_client, photo, 480, "webp")
        assert response[STATUS_HEADER] == "bypass" and "private" in response["Cache-Control"]
        client.logout()
        assert rendition(client, photo, 480, "webp")[STATUS_HEADER] == "miss"

    def test_a_browser_revalidates_a_hit_with_its_etag_and_head_sends_no_bytes(self, client):
        photo = PhotoFactory()
        ArticleFactory(published=True, lead_photo=photo)
        url = reverse("photos:rendition", kwargs={"pk": photo.pk, "width": 480, "extension": "webp"})
        etag = client.get(url)["ETag"]
        again = client.get(url, HTTP_IF_NONE_MATCH=etag)
        assert (again.status_code, again.content) == (304, b"") and "max-age=0" in again["Cache-Control"]
        head = client.head(url)
        assert head.status_code == 200 and head.content == b"" and head["Content-Type"] == "image/webp"
