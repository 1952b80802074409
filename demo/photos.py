"""Demo agencies and photos for `seed_demo`: pictures drawn with Pillow (nothing is downloaded).

Loaded with the stories, into a newsroom with none (seed_demo); agencies that exist already are kept.
"""
import io
import random
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw

from articles.models import Article, ArticlePhoto
from photos.models import Agency
from photos.services import photo_create

from .content import AGENCIES, PHOTOS

def seed_photos(*, uploaded_by) -> int:
    """Create the demo agencies and photos and place them on the demo stories; return how many photos were new."""
    agencies = {}
    for agency in AGENCIES:
        agencies[agency["short_name"]], _created = Agency.objects.get_or_create(
            short_name=agency["short_name"], defaults={"name": agency["name"]},
        )
    today = timezone.localdate()
    created = 0
    for position, spec in enumerate(PHOTOS):
        # A handout's caption says when it was released: the day before the demo is loaded.
        caption = spec["caption"].format(released_on=f"{today.day} {today:%B}")
        image = ContentFile(draw_scene(spec["scene"], seed=position), name="demo.jpg")
        photo = photo_create(
            image=image, by=uploaded_by, caption=caption, alt_text=spec["alt_text"],
            credit_type=spec["credit_type"], agency=agencies.get(spec.get("agency")),
            photographer=spec.get("photographer", ""), released_by=spec.get("released_by", ""),
            taken_on=today - timedelta(days=1 if spec["place"] == "body" else 0),
        )
        created += 1
        article = Article.objects.filter(slug=spec["slug"]).first()
        if article is None:
            continue
        if spec["place"] == "lead":
            # update(), not save(): placing a demo photo is not an edit, so "Updated" stays off the page.
            Article.objects.filter(pk=article.pk, lead_photo__isnull=True).update(lead_photo=photo)
        else:
            ArticlePhoto.objects.create(article=article, photo=photo, position=position)
    return created


SIZE = (1600, 1067)
PALETTES = {  # sky top, sky bottom, ground
    "seafront": ((120, 170, 215), (215, 230, 240), (40, 95, 140)),
    "desert": ((190, 205, 220), (235, 225, 205), (200, 170, 120)),
    "chamber": ((90, 60, 45), (140, 105, 80), (120, 30, 35)),
    "flood": ((120, 125, 130), (180, 180, 175), (120, 95, 60)),
    "bank": ((70, 130, 200), (170, 205, 235), (150, 150, 145)),
    "wind": ((60, 60, 110), (240, 160, 110), (50, 70, 100)),
    "stadium": ((15, 20, 40), (40, 50, 80), (50, 140, 60)),
    "glacier": ((150, 190, 225), (225, 235, 245), (70, 70, 75)),
}


def draw_scene(scene: str, *, seed: int) -> bytes:
    """Draw a simple, recognisable scene as a JPEG: sky, ground and a few shapes."""
    rng = random.Random(seed)
    top, bottom, ground = PALETTES[scene]
    width, height = SIZE
    horizon = int(height * (0.55 if scene != "chamber" else 0.35))
    image = Image.new("RGB", SIZE)
    draw = ImageDraw.Draw(image)
    for y in range(horizon):
        t = y / horizon
        draw.line([(0, y), (width, y)], fill=tuple(round(a + (b - a) * t) for a, b in zip(top, bottom)))
    draw.rectangle([0, horizon, width, height], fill=ground)
    DRAWERS[scene](draw, rng, width, height, horizon)
    output = io.BytesIO()
    image.save(output, "JPEG", quality=85)
    return output.getvalue()


def _draw_seafront(draw, rng, width, height, horizon):
    draw.rectangle([0, horizon + 120, width, height], fill=(205, 195, 170))  # promenade
    draw.rectangle([700, horizon - 180, 1350, horizon + 120], fill=(245, 245, 240), outline=(190, 190, 185), width=4)
    for x in range(740, 1320, 90):
        draw.rectangle([x, horizon - 120, x + 50, horizon - 40], fill=(90, 110, 130))
    for x, colour in ((760, (200, 20, 30)), (1280, (230, 230, 235))):
        draw.line([(x, horizon - 180), (x, horizon - 380)], fill=(80, 80, 80), width=6)
        draw.rectangle([x + 3, horizon - 380, x + 110, horizon - 310], fill=colour)
    _person(draw, 520, horizon + 300, (30, 35, 45))


def _draw_desert(draw, rng, width, height, horizon):
    draw.polygon([(width * 0.45, horizon), (width * 0.55, horizon), (width, height), (0, height)], fill=(170, 150, 115))
    for index, x in enumerate((250, 700, 1150)):
        y = horizon + 120 + index * 90
        draw.rounded_rectangle([x, y, x + 330, y + 130], radius=18, fill=(185, 160, 110), outline=(90, 80, 60), width=5)
        for wheel in (x + 50, x + 150, x + 250):
            draw.ellipse([wheel, y + 100, wheel + 60, y + 160], fill=(40, 40, 40))


def _draw_chamber(draw, rng, width, height, horizon):
    for row in range(6):
        y = horizon + 60 + row * 110
        draw.arc([-200 - row * 60, y - 200, width + 200 + row * 60, y + 200], 20, 160, fill=(160, 40, 45), width=40)
        for _ in range(8):
            _person(draw, rng.randrange(100, width - 100), y + 60, rng.choice([(30, 30, 40), (70, 50, 40), (40, 60, 90)]), scale=0.6)


def _draw_flood(draw, rng, width, height, horizon):
    for x in range(60, width, 260):
        top = horizon - rng.randrange(120, 220)
        draw.rectangle([x, top, x + 190, horizon + 80], fill=rng.choice([(230, 220, 200), (210, 200, 190), (240, 235, 225)]))
        draw.polygon([(x - 20, top), (x + 95, top - 90), (x + 210, top)], fill=(150, 60, 45))
    draw.rectangle([0, horizon + 40, width, height], fill=(125, 100, 65))


def _draw_bank(draw, rng, width, height, horizon):
    draw.rectangle([250, 200, 1350, horizon + 60], fill=(225, 220, 205))
    draw.polygon([(220, 200), (800, 60), (1380, 200)], fill=(210, 205, 190))
    for x in range(300, 1330, 130):
        draw.rectangle([x, 240, x + 55, horizon + 40], fill=(245, 240, 228), outline=(180, 175, 160), width=3)


def _draw_wind(draw, rng, width, height, horizon):
    for x, scale in ((300, 1.0), (800, 0.8), (1200, 0.65), (1450, 0.5)):
        tower = int(420 * scale)
        draw.line([(x, horizon), (x, horizon - tower)], fill=(235, 235, 240), width=max(4, int(14 * scale)))
        hub = (x, horizon - tower)
        for dx, dy in ((0, -1), (0.87, 0.5), (-0.87, 0.5)):
            draw.line([hub, (x + dx * 200 * scale, hub[1] + dy * 200 * scale)], fill=(240, 240, 245), width=max(3, int(10 * scale)))


def _draw_stadium(draw, rng, width, height, horizon):
    for x in (150, width - 150):
        draw.line([(x, 0), (x, 140)], fill=(90, 90, 90), width=10)
        draw.ellipse([x - 60, 20, x + 60, 90], fill=(255, 250, 220))
    draw.rectangle([500, horizon - 220, 1100, horizon], outline=(250, 250, 250), width=12)
    for _ in range(5):
        _person(draw, rng.randrange(300, 1300), horizon + rng.randrange(150, 350), (30, 80, 200))


def _draw_glacier(draw, rng, width, height, horizon):
    draw.polygon([(0, horizon), (300, 150), (650, horizon)], fill=(60, 60, 70))
    draw.polygon([(900, horizon), (1250, 120), (width, horizon)], fill=(55, 55, 65))
    draw.polygon([(500, height), (650, horizon - 40), (950, horizon - 40), (1150, height)], fill=(225, 232, 238))


def _person(draw, x, y, colour, scale=1.0):
    head, body = int(28 * scale), int(150 * scale)
    draw.ellipse([x - head, y - body - 2 * head, x + head, y - body], fill=(210, 170, 140))
    draw.rounded_rectangle([x - int(45 * scale), y - body, x + int(45 * scale), y], radius=int(20 * scale), fill=colour)


DRAWERS = {
    "seafront": _draw_seafront, "desert": _draw_desert, "chamber": _draw_chamber, "flood": _draw_flood,
    "bank": _draw_bank, "wind": _draw_wind, "stadium": _draw_stadium, "glacier": _draw_glacier,
}
