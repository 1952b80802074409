"""Everything Pillow does for photos: check an upload before it is stored, and draw renditions.

Uploads are hostile input. An image is accepted only when its bytes (never its name) say JPEG, PNG,
WebP or GIF, its header is within the pixel limit (checked before a single pixel is decoded), and it
decodes completely. Renditions are re-encoded from decoded pixels with no metadata at all, so nothing
an uploader smuggled into the file (EXIF, GPS, a script appended to a GIF) reaches a reader.
"""
import io
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageCms, ImageOps

DECODERS = ["JPEG", "PNG", "WEBP", "GIF"]  # the only Pillow decoders an upload or original is opened with
# Pillow format name -> file extension; MPO is a JPEG with more pictures after the first (phones' previews and
# gain maps), which Pillow's JPEG decoder names so.
ACCEPTED_FORMATS = {"JPEG": "jpg", "MPO": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
ACCEPTED_LABEL = "JPEG, PNG, WebP or GIF"
# EXIF orientations that turn the picture a quarter: the displayed width is the stored height.
QUARTER_TURNS = {5, 6, 7, 8}
EXIF_ORIENTATION = 0x0112

RENDITION_WIDTHS = (480, 800, 1200, 1600)
MAX_RENDITION_HEIGHT = 16_383  # WebP's limit (JPEG's is 65,535): a taller rendition cannot be encoded
# URL extension -> (Pillow format, Content-Type)
RENDITION_FORMATS = {"webp": ("WEBP", "image/webp"), "jpg": ("JPEG", "image/jpeg")}
SRGB = ImageCms.createProfile("sRGB")


@dataclass(frozen=True)
class ImageInfo:
    format: str
    extension: str
    width: int  # as displayed, after the EXIF orientation is applied
    height: int


def looks_like_markup(head: bytes) -> bool:
    """Say whether the file starts like SVG, HTML or other XML (after any BOM or whitespace)."""
    head = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<", b"\xff\xfe<", b"\xfe\xff\x00<"))


def inspect_image(upload) -> ImageInfo:
    """Check an uploaded file is a whole JPEG/PNG/WebP/GIF within the limits; raise ValidationError if not.

    The checks run cheapest first: size in bytes, markup, format from the header, pixel count from
    the header, and only then a full decode (verify() alone passes a truncated JPEG).
    """
    max_bytes = settings.PHOTO_MAX_UPLOAD_BYTES
    if upload.size == 0:
        raise ValidationError(_("The file is empty (0 bytes)."), code="empty")
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s; photos may be at most %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes)},
            code="too_large",
        )
    upload.seek(0)
    if looks_like_markup(upload.read(512)):
        raise ValidationError(
            _("SVG, HTML and other text files are not accepted: upload a %(formats)s photo.") % {"formats": ACCEPTED_LABEL},
            code="markup",
        )
    not_an_image = ValidationError(
        _("This file is not a %(formats)s image, whatever its name says.") % {"formats": ACCEPTED_LABEL},
        code="not_image",
    )
    corrupt = ValidationError(
        _("The image is incomplete or corrupt (it may have been cut short in transfer). Export it again and re-upload."),
        code="corrupt",
    )
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow warns, then refuses, past Image.MAX_IMAGE_PIXELS; our own check below gives the message.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(upload, formats=DECODERS)
    except Image.DecompressionBombError:
        raise too_many_pixels(None) from None
    except (Image.UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        upload.seek(0)  # Pillow's WebP decoder refuses a file cut short as it opens it: its signature tells it apart
        raise (corrupt if accepted_signature(upload.read(16)) else not_an_image) from error
    with image:
        width, height = image.size
        if width < 1 or height < 1:
            raise corrupt
        if width * height > settings.PHOTO_MAX_PIXELS:
            raise too_many_pixels(image.size)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                image.load()
                orientation = image.getexif().get(EXIF_ORIENTATION)
        # Pillow's decoders raise many exception types on hostile or damaged input (OSError for a
        # truncated file, SyntaxError, struct.error, EOFError, ValueError ...); each one means "refuse".
        except Exception as error:  # noqa: BLE001
            raise corrupt from error
        image_format = image.format
    upload.seek(0)
    if orientation in QUARTER_TURNS:
        width, height = height, width
    widest = max(rendition_widths(width))
    if rendition_height(width, height, widest) > MAX_RENDITION_HEIGHT:
        raise ValidationError(_(
            "The image is %(width)d × %(height)d pixels: too tall for its width to be shown (%(widest)d pixels wide "
            "it would be over %(most)s pixels high). Crop it to a less narrow strip and upload it again."
        ) % {"width": width, "height": height, "widest": widest, "most": f"{MAX_RENDITION_HEIGHT:,}"}, code="too_tall")
    return ImageInfo(format=image_format, extension=ACCEPTED_FORMATS[image_format], width=width, height=height)


def too_many_pixels(size) -> ValidationError:
    limit = settings.PHOTO_MAX_PIXELS / 1_000_000
    if size:
        message = _("The image is %(width)d × %(height)d pixels (%(mp).1f megapixels); the limit is %(limit)g megapixels.") % {
            "width": size[0], "height": size[1], "mp": size[0] * size[1] / 1_000_000, "limit": limit,
        }
    else:
        message = _("The image has far too many pixels; the limit is %(limit)g megapixels.") % {"limit": limit}
    return ValidationError(message, code="too_many_pixels")


def detected_extension(file) -> str:
    """Return the extension for a file's real format, read from its header (never from its name)."""
    file.seek(0)
    with Image.open(file, formats=DECODERS) as image:
        extension = ACCEPTED_FORMATS[image.format]
    file.seek(0)
    return extension


def rendition_widths(width: int) -> list[int]:
    """Return the widths offered for a photo `width` pixels wide: never wider than the photo itself."""
    return sorted({min(candidate, width) for candidate in RENDITION_WIDTHS})


def rendition_height(width: int, height: int, target_width: int) -> int:
    return max(1, round(height * target_width / width))


def render(source, *, width: int, extension: str) -> bytes:
    """Decode `source` and return it re-encoded `width` pixels wide, upright, in sRGB, without metadata."""
    pillow_format, _content_type = RENDITION_FORMATS[extension]
    with Image.open(source, formats=DECODERS) as image:
        image.seek(0)  # GIF and animated WebP: the first frame
        orientation = image.getexif().get(EXIF_ORIENTATION)
        upright = image.size if orientation not in QUARTER_TURNS else image.size[::-1]
        # The size every page and the API declare (Photo.rendition_height, of the stored upright size): taken
        # from the original, as the JPEG decoder's draft below rounds its size and could make it a pixel off.
        target = (width, rendition_height(*upright, width))
        if image.format in ("JPEG", "MPO"):
            # Let the JPEG decoder scale down while decoding: far faster and lighter for big photos.
            image.draft("RGB", target if orientation not in QUARTER_TURNS else target[::-1])
        picture = ImageOps.exif_transpose(image)
        picture = normalise_mode(to_srgb(picture))
    if pillow_format == "JPEG" and picture.mode == "RGBA":
        picture = on_white(picture)
    if picture.size != target:
        if picture.mode == "RGBA":
            # Resample with premultiplied alpha, or transparent pixels bleed dark fringes into the edges.
            picture = picture.convert("RGBa").resize(target, Image.Resampling.LANCZOS, reducing_gap=3.0).convert("RGBA")
        else:
            picture = picture.resize(target, Image.Resampling.LANCZOS, reducing_gap=3.0)
    picture.info = {}  # nothing of the original's metadata travels on
    output = io.BytesIO()
    if pillow_format == "JPEG":
        picture.save(output, "JPEG", quality=82, optimize=True, progressive=True)
    else:
        picture.save(output, "WEBP", quality=80, method=4)
    return output.getvalue()


def accepted_signature(head: bytes) -> bool:
    """Whether `head`, a file's first bytes, begins as an accepted format does (JPEG, PNG, GIF, WebP)."""
    return head.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF8")) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")


def has_transparency(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info


def normalise_mode(image: Image.Image) -> Image.Image:
    """Return RGB, or RGBA when the image has any transparency (palette, grey or colour)."""
    if image.mode in ("I", "I;16", "I;16B", "I;16L", "F"):
        # 16-bit and float greys: scale to 8 bits first, their transparent grey with them; Pillow has no direct
        # route to RGB for them, and its route to RGBA clipped every grey to white.
        transparent = image.info.get("transparency")
        image = image.convert("I").point(lambda value: value / 256).convert("L")
        if isinstance(transparent, int):
            image.info["transparency"] = transparent // 256
    if has_transparency(image):
        return image.convert("RGBA")
    return image.convert("RGB") if image.mode != "RGB" else image


def to_srgb(image: Image.Image) -> Image.Image:
    """Convert to sRGB when the photo carries another colour profile; the profile itself is then dropped."""
    profile = image.info.get("icc_profile")
    if profile and image.mode in ("P", "PA", "L", "LA"):  # a palette's (pngquant's) or grey's: to colour, then convert
        image = image.convert("RGBA" if has_transparency(image) else "RGB")
    if not profile or image.mode not in ("RGB", "RGBA", "CMYK"):
        return image
    try:
        return ImageCms.profileToProfile(
            image, ImageCms.ImageCmsProfile(io.BytesIO(profile)), SRGB, outputMode="RGBA" if image.mode == "RGBA" else "RGB",
        )
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image  # an unreadable profile: keep the pixels as they are


def on_white(image: Image.Image) -> Image.Image:
    """Composite a transparent image onto white: JPEG has no alpha, and dropping it shows black."""
    background = Image.new("RGB", image.size, "white")
    background.paste(image, mask=image.getchannel("A"))
    return background
