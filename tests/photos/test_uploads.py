"""Uploads through the admin: every kind of bad file is a clear form error, and nothing is stored."""
import io
import re
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from photos.models import Photo
from tests.factories import AgencyFactory, image_file

ADD_URL = reverse("admin:photos_photo_add")


def stored_files(media_root):
    return [path for path in media_root.rglob("*") if path.is_file()]


def upload(client, file, **overrides):
    data = {
        "image": file,
        "caption": "Envoys arrive for talks in Selvanik.",
        "alt_text": "Two men shake hands in front of flags.",
        "credit_type": Photo.CreditType.AGENCY,
        "agency": AgencyFactory().pk,
        "photographer": "", "released_by": "", "taken_on": "",
    }
    data.update(overrides)
    return client.post(ADD_URL, data)


def as_upload(content_file, name=None):
    return SimpleUploadedFile(name or content_file.name, content_file.read(), content_type="image/jpeg")


def noisy_jpeg(image_format: str = "JPEG") -> bytes:
    output = io.BytesIO()
    Image.effect_noise((400, 300), 80).convert("RGB").save(output, image_format, quality=90)
    return output.getvalue()


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def huge_png(width=12_000, height=12_000) -> bytes:
    """A real, complete 1-bit PNG of 144 megapixels: a few kilobytes on disk, 144 million pixels decoded."""
    rows = (b"\x00" + b"\x00" * ((width + 7) // 8)) * height
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0))
        + png_chunk(b"IDAT", zlib.compress(rows, 9))
        + png_chunk(b"IEND", b"")
    )


def grey_png(width, height) -> bytes:
    output = io.BytesIO()
    Image.new("L", (width, height), 128).save(output, "PNG")
    return output.getvalue()


SVG = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'

BAD_UPLOADS = {
    "text renamed .jpg": (lambda: SimpleUploadedFile("photo.jpg", b"Just some notes, not a picture.\n" * 20), "is not a JPEG, PNG, WebP or GIF image"),
    "html renamed .png": (lambda: SimpleUploadedFile("photo.png", b"<html><script>alert(1)</script></html>"), "SVG, HTML and other text files are not accepted"),
    "svg": (lambda: SimpleUploadedFile("logo.svg", SVG, content_type="image/svg+xml"), "SVG, HTML and other text files are not accepted"),
    "svg renamed .jpg": (lambda: SimpleUploadedFile("logo.jpg", SVG), "SVG, HTML and other text files are not accepted"),
    "truncated jpeg": (lambda: SimpleUploadedFile("cut.jpg", noisy_jpeg()[:6000]), "incomplete or corrupt"),
    # Pillow refuses a WebP cut short as it opens it, which read as "not an image" (found in a review).
    "truncated webp": (lambda: SimpleUploadedFile("cut.webp", noisy_jpeg("WEBP")[:6000]), "incomplete or corrupt"),
    "zero bytes": (lambda: SimpleUploadedFile("empty.jpg", b""), "The file is empty"),
    "144-megapixel png": (lambda: SimpleUploadedFile("bomb.png", huge_png()), "the limit is 50 megapixels"),
    "pdf": (lambda: SimpleUploadedFile("scan.jpg", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"), "is not a JPEG, PNG, WebP or GIF image"),
    # Within the pixel limit, but its renditions could not be encoded (WebP stops at 16,383 pixels high).
    "480 × 70,000 strip": (lambda: SimpleUploadedFile("strip.png", grey_png(480, 70_000)), "too tall for its width"),
    "1600 × 20,000 strip": (lambda: SimpleUploadedFile("strip.png", grey_png(1600, 20_000)), "too tall for its width"),
    "bmp (a real image, but not an accepted format)": (lambda: as_upload(image_file(image_format="BMP"), "photo.jpg"), "is not a JPEG, PNG, WebP or GIF image"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", BAD_UPLOADS)
def test_bad_upload_is_a_form_error_and_stores_nothing(journalist_client, temporary_media_root, case):
    make_file, message = BAD_UPLOADS[case]
    response = upload(journalist_client, make_file())
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Photo.objects.exists()
    assert stored_files(temporary_media_root) == []


@pytest.mark.django_db
def test_stock_django_image_check_passes_the_truncated_jpeg():
    """Why the full decode matters: Pillow's verify(), which Django's ImageField relies on, accepts it."""
    image = Image.open(io.BytesIO(noisy_jpeg()[:6000]))
    image.verify()  # no error
    with pytest.raises(OSError, match="truncated"):
        Image.open(io.BytesIO(noisy_jpeg()[:6000])).load()


@pytest.mark.django_db
def test_image_over_the_pixel_setting_is_refused_with_its_size(journalist_client, settings, temporary_media_root):
    settings.PHOTO_MAX_PIXELS = 500_000
    response = upload(journalist_client, as_upload(image_file(size=(1000, 600))))
    assert "The image is 1000 × 600 pixels (0.6 megapixels); the limit is 0.5 megapixels." in response.content.decode()
    assert stored_files(temporary_media_root) == []


@pytest.mark.django_db
def test_file_over_the_byte_setting_is_refused(journalist_client, settings, temporary_media_root):
    settings.PHOTO_MAX_UPLOAD_BYTES = 2000
    response = upload(journalist_client, SimpleUploadedFile("big.jpg", noisy_jpeg()))  # well over 2000 bytes
    assert re.search(r"The file is [\d.]+\xa0KB; photos may be at most 2\.0\xa0KB\.", response.content.decode())
    assert not Photo.objects.exists() and stored_files(temporary_media_root) == []


@pytest.mark.django_db
def test_file_at_the_byte_setting_is_accepted(journalist_client, settings):
    data = image_file(size=(50, 50)).read()
    settings.PHOTO_MAX_UPLOAD_BYTES = len(data)
    assert upload(journalist_client, SimpleUploadedFile("exact.jpg", data)).status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize(("image_format", "extension"), [("JPEG", "jpg"), ("PNG", "png"), ("WEBP", "webp"), ("GIF", "gif")])
def test_accepted_formats_are_stored_under_a_generated_name(journalist_client, journalist, image_format, extension):
    response = upload(journalist_client, as_upload(image_file(size=(640, 480), image_format=image_format, mode="RGB"), f"My Holiday.{extension}"))
    assert response.status_code == 302
    photo = Photo.objects.get()
    assert re.fullmatch(rf"photos/originals/\d{{4}}/\d{{2}}/[0-9a-f]{{32}}\.{extension}", photo.image.name)
    assert (photo.width, photo.height, photo.uploaded_by) == (640, 480, journalist)


@pytest.mark.django_db
@pytest.mark.parametrize("name", [".htaccess.jpg", "../../etc/passwd.jpg", "shell.php.jpg", "photo.jpg.exe", "..jpg", "photo.gif"])
def test_stored_name_ignores_the_uploaders_name_and_takes_the_real_format(journalist_client, name):
    """A PNG called anything at all is stored as <random>.png: no dots, path parts or double extensions survive."""
    response = upload(journalist_client, as_upload(image_file(image_format="PNG"), name))
    assert response.status_code == 302
    stored = Photo.objects.get().image.name
    assert re.fullmatch(r"photos/originals/\d{4}/\d{2}/[0-9a-f]{32}\.png", stored)


@pytest.mark.django_db
def test_exif_orientation_decides_the_stored_width_and_height(journalist_client):
    """A camera's sideways JPEG (orientation 6) is 200 × 100 raw and 100 × 200 as people see it."""
    exif = Image.Exif()
    exif[0x0112] = 6
    upload(journalist_client, as_upload(image_file(size=(200, 100), exif=exif)))
    photo = Photo.objects.get()
    assert (photo.width, photo.height) == (100, 200)


@pytest.mark.django_db
def test_credit_fields_are_checked_on_upload(journalist_client, temporary_media_root):
    """A handout needs the agency that distributed it and who released it."""
    response = upload(journalist_client, as_upload(image_file()), credit_type=Photo.CreditType.VIA_AGENCY, agency="")
    assert response.status_code == 200
    assert response.content.decode().count("Required for the credit type") == 2
    assert stored_files(temporary_media_root) == []


@pytest.mark.django_db
def test_photo_without_credit_or_alt_text_may_be_uploaded(journalist_client):
    """The library takes uncredited photos; the rule applies when a story carrying one is published."""
    response = upload(journalist_client, as_upload(image_file()), credit_type="", agency="", alt_text="")
    assert response.status_code == 302


@pytest.mark.django_db
def test_inactive_agency_is_not_offered_for_new_photos(journalist_client):
    retired = AgencyFactory(short_name="Old", name="Old Wire Service", is_active=False)
    response = upload(journalist_client, as_upload(image_file()), agency=retired.pk)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["nobody", "a reader"])
def test_photo_create_refuses_an_upload_in_nobodys_name_or_without_the_permission(who):
    """The service behind the demo loader and imports checks its caller like the desk does."""
    from django.core.exceptions import PermissionDenied

    from photos.services import photo_create
    from tests.factories import UserFactory

    by = None if who == "nobody" else UserFactory(is_staff=False)
    with pytest.raises(PermissionDenied):
        photo_create(image=image_file(), by=by, caption="A caption")
    assert not Photo.objects.exists()


@pytest.mark.django_db
def test_a_phones_multi_picture_jpeg_is_a_jpeg(journalist_client, client):
    """Phones and cameras write JPEGs with extra pictures in them (MPO: previews, gain maps); Pillow reads
    them as MPO. Stored as the JPEG it is, rendered from its first picture."""
    output = io.BytesIO()
    Image.new("RGB", (800, 600), "navy").save(output, "MPO", save_all=True, append_images=[Image.new("RGB", (800, 600), "red")])
    assert Image.open(io.BytesIO(output.getvalue())).format == "MPO"
    assert upload(journalist_client, SimpleUploadedFile("IMG_0001.jpg", output.getvalue())).status_code == 302
    photo = Photo.objects.get()
    assert (photo.image.name.endswith(".jpg"), photo.width, photo.height) == (True, 800, 600)
    rendition = journalist_client.get(f"/photos/{photo.pk}/480.webp")
    assert rendition.status_code == 200
    assert Image.open(io.BytesIO(b"".join(rendition.streaming_content) if rendition.streaming else rendition.content)).getpixel((10, 10))[2] > 100  # navy, the first picture
