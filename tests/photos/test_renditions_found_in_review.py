"""Renditions readers got wrong, found in a review: colours, pixels, a half-written file."""
import io
import struct
import threading
import zlib

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image

from photos import renditions
from tests.factories import ArticleFactory, PhotoFactory


def rendition(client, photo, width, extension):
    return client.get(reverse("photos:rendition", kwargs={"pk": photo.pk, "width": width, "extension": extension}))


def opened(response):
    image = Image.open(io.BytesIO(response.content))
    image.load()
    return image


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def grey16_png(width, height, left, right, transparent=None) -> bytes:
    """A 16-bit greyscale PNG, its left half `left` and its right half `right` (0..65535); with `transparent`,
    a tRNS chunk makes that grey value transparent (as scanners and astronomy/medical exports write)."""
    row = b"\x00" + struct.pack(f">{width}H", *([left] * (width // 2) + [right] * (width - width // 2)))
    data = b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 16, 0, 0, 0, 0))
    if transparent is not None:
        data += png_chunk(b"tRNS", struct.pack(">H", transparent))
    return data + png_chunk(b"IDAT", zlib.compress(row * height)) + png_chunk(b"IEND", b"")


def s15(value):
    return struct.pack(">i", round(value * 65536))


def swapped_primaries_profile() -> bytes:
    """A valid ICC v2 RGB display profile whose red and green primaries are sRGB's green and red: a pixel stored
    as pure red in it is, as people see it, green. Converting to sRGB must turn it green."""
    def xyz(x, y, z):
        return b"XYZ " + b"\0" * 4 + s15(x) + s15(y) + s15(z)

    def curve(gamma):
        return b"curv" + b"\0" * 4 + struct.pack(">IH", 1, round(gamma * 256)) + b"\0\0"

    desc = b"Swapped\0"
    red, green, blue = (0.4361, 0.2225, 0.0139), (0.3851, 0.7169, 0.0971), (0.1431, 0.0606, 0.7141)
    tags = [
        (b"desc", b"desc" + b"\0" * 4 + struct.pack(">I", len(desc)) + desc + b"\0" * 79),
        (b"cprt", b"text" + b"\0" * 4 + b"none\0"), (b"wtpt", xyz(0.9642, 1.0, 0.8249)),
        (b"rXYZ", xyz(*green)), (b"gXYZ", xyz(*red)), (b"bXYZ", xyz(*blue)),
        (b"rTRC", curve(2.2)), (b"gTRC", curve(2.2)), (b"bTRC", curve(2.2)),
    ]
    offset = 128 + 4 + 12 * len(tags)
    table, body = struct.pack(">I", len(tags)), b""
    for signature, data in tags:
        data += b"\0" * (-len(data) % 4)
        table += signature + struct.pack(">II", offset + len(body), len(data))
        body += data
    header = (struct.pack(">I", offset + len(body)) + b"lcms" + struct.pack(">I", 0x02100000) + b"mntrRGB XYZ "
              + b"\0" * 12 + b"acsp" + b"APPL" + b"\0" * 32 + s15(0.9642) + s15(1.0) + s15(0.8249) + b"lcms")
    return header + b"\0" * (128 - len(header)) + table + body


def on_a_published_story(data: bytes, name: str):
    photo = PhotoFactory(image=ContentFile(data, name=name))
    ArticleFactory(published=True, lead_photo=photo)
    return photo


@pytest.mark.django_db
@pytest.mark.parametrize("extension", ["jpg", "webp"])
def test_16_bit_grey_png_with_transparency_keeps_its_greys(client, extension):
    """A 16-bit greyscale PNG with a transparent grey (tRNS) is accepted, but every opaque grey of it comes out pure
    white: readers see a blank picture (with its credit under it) instead of the photo. The same file without tRNS
    renders its mid grey correctly, so only the transparency route is wrong."""
    photo = on_a_published_story(grey16_png(400, 300, left=30000, right=0, transparent=0), "scan.png")
    image = opened(rendition(client, photo, 400, extension)).convert("RGBA")
    opaque_grey = image.getpixel((10, 150))
    assert opaque_grey[3] == 255
    assert 100 <= opaque_grey[0] <= 135, f"30000/65535 is a mid grey (~117), the rendition shows {opaque_grey}"


@pytest.mark.django_db
@pytest.mark.parametrize("extension", ["jpg", "webp"])
def test_palette_png_with_a_colour_profile_is_converted_to_srgb_like_the_same_picture_in_rgb(client, extension):
    """The README promises renditions in sRGB, the original's profile applied then dropped. An RGB PNG with the
    profile is converted, but a palette PNG (pngquant, "Save for Web") carrying the same profile keeps its raw
    values and loses the profile: readers see the wrong colours (here red for green)."""
    profile = swapped_primaries_profile()
    picture = Image.new("RGB", (400, 300), (255, 0, 0))
    as_rgb, as_palette = io.BytesIO(), io.BytesIO()
    picture.save(as_rgb, "PNG", icc_profile=profile)
    picture.convert("P").save(as_palette, "PNG", icc_profile=profile)
    rgb_photo = on_a_published_story(as_rgb.getvalue(), "rgb.png")
    palette_photo = on_a_published_story(as_palette.getvalue(), "palette.png")
    rgb_pixel = opened(rendition(client, rgb_photo, 400, extension)).convert("RGB").getpixel((10, 10))
    palette_pixel = opened(rendition(client, palette_photo, 400, extension)).convert("RGB").getpixel((10, 10))
    assert rgb_pixel[1] > 200 and rgb_pixel[0] < 50  # the profile says: green
    assert all(abs(a - b) <= 8 for a, b in zip(palette_pixel, rgb_pixel)), (palette_pixel, rgb_pixel)


def decodes(data: bytes) -> bool:
    try:
        Image.open(io.BytesIO(data)).load()
    except Exception:  # noqa: BLE001
        return False
    return True


@pytest.mark.django_db
def test_a_rendition_still_being_written_by_a_first_request_is_not_served_half_written(client, monkeypatch):
    """Two first requests for the same rendition (a story just published, many readers): the first is still writing
    the file (Django's FileSystemStorage writes straight to the final name), the second sees the name exists and
    serves what is there, a cut-short image, with 200, and the page cache and Varnish keep it."""
    noise = io.BytesIO()
    Image.effect_noise((1300, 900), 90).convert("RGB").save(noise, "JPEG", quality=95)
    photo = on_a_published_story(noise.getvalue(), "noise.jpg")
    half_written, release = threading.Event(), threading.Event()

    class SlowlyWritten(ContentFile):
        def chunks(self, chunk_size=None):
            data = self.read()
            yield data[: len(data) // 2]
            half_written.set()
            release.wait(20)
            yield data[len(data) // 2:]

    monkeypatch.setattr(renditions, "ContentFile", SlowlyWritten)
    first = threading.Thread(target=renditions.rendition_bytes, args=(photo,), kwargs={"width": 1200, "extension": "jpg"})
    first.start()
    try:
        assert half_written.wait(20)
        response = rendition(client, photo, 1200, "jpg")
    finally:
        release.set()
        first.join(20)
    assert response.status_code == 200
    assert decodes(response.content), f"served {len(response.content)} bytes of a half-written rendition"
