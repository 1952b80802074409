"""Seed a synthetic newsroom for `make bench`: many stories, bulk inserts, a plain progress bar.

Proportions follow a mid-sized news site: a few dozen sections two levels deep, one tag for every
twenty stories used with a long tail (a few tags on thousands of stories, most on a handful), 2–6
tags and 1–3 bylines per story, a story every few minutes over the years, and a small share of
drafts, stories in review, withdrawn, scheduled and expiring ones. Photos as a wire-fed desk has them:
a lead photo on most stories (some of them file pictures used again), one or two more in the body of
a few, credited to agencies, handouts via an agency, staff and freelance photographers. All text is
generated here, and the pictures too: a handful of real JPEG originals, of the usual shapes, which the
photo rows share (renditions are drawn from them on request, as for uploads).
"""
import io
import itertools
import random
import sys
import time
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image
from taggit.models import Tag, TaggedItem

from articles.models import Article, ArticlePhoto, Section
from articles.search import search_vector_refresh
from photos.models import Agency, Photo
from serving.purges import purge

SECTIONS = {
    "News": ["Politics", "Health", "Education", "Justice"],
    "World": ["Europe", "Middle East", "Africa", "Americas", "Asia"],
    "Business": ["Markets", "Energy", "Technology", "Work"],
    "Sport": ["Football", "Tennis", "Athletics"],
    "Culture": ["Books", "Film", "Music"],
    "Science": ["Climate", "Space"],
    "Opinion": [],
    "Local": ["City", "Region"],
}
WORDS = (
    "council harbour minister budget talks river vote ferry strike court ruling season league coach "
    "museum archive festival drought storm grid rail bridge school clinic border envoy summit market "
    "shares energy wind solar export farmers mayor police inquiry report figures week morning evening "
    "agreement delay plan record crowd final draft review spokesperson statement officials residents "
    "workers union station airport tunnel coast valley district province capital northern southern"
).split()
BATCH = 2000
AGENCIES = {"AFP": "Agence France-Presse", "Reuters": "Reuters", "AP": "Associated Press", "EPA": "European Pressphoto Agency"}
RELEASERS = ["Ministry of Defence", "Office of the President", "Port Authority", "Regional Police", "Energy Ministry"]
# The originals every photo row points at: landscape shots of the usual sizes and one portrait.
ORIGINAL_SIZES = [(3000, 2000), (2400, 1600), (1800, 1200), (2048, 1365), (1600, 1067), (1200, 1600)]
ORIGINALS_DIR = "photos/originals/bench"
LEAD_PHOTO_SHARE = 0.85  # stories with a lead photo
REUSED_PHOTO_SHARE = 0.1  # of those, a file picture already in the library
BODY_PHOTOS_SHARE = 0.15  # stories with one or two more photos in the body


def sentence(rng, words=12) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


class Copy:
    """The stories' text, drawn from pools written once: a sentence made afresh for every field of
    100,000 stories costs more seeding time than the variety is worth."""

    def __init__(self, rng, size=5000):
        self.headlines = [sentence(rng, rng.randint(6, 10))[:-1] for _ in range(size)]
        self.slugs = {headline: slugify(headline)[:180] for headline in self.headlines}
        self.standfirsts = [sentence(rng, 22) for _ in range(size)]
        self.paragraphs = [f"<p>{sentence(rng, rng.randint(14, 24))} {sentence(rng, rng.randint(8, 16))}</p>" for _ in range(size)]
        self.captions = [sentence(rng, rng.randint(10, 18)) for _ in range(size)]
        self.descriptions = [sentence(rng, rng.randint(6, 10)) for _ in range(size)]

    def body(self, rng) -> str:
        # A dozen short paragraphs of reporting, as on the reference page. Plain <p>: nothing to sanitise.
        return "".join(rng.sample(self.paragraphs, 12))


class Progress:
    """A progress bar on plain stdout: one line, redrawn with a carriage return."""

    def __init__(self, total, label, out=sys.stdout):
        self.total, self.label, self.out, self.started = total, label, out, time.monotonic()

    def show(self, done):
        filled = int(30 * done / self.total) if self.total else 30
        elapsed = time.monotonic() - self.started
        self.out.write(f"\r  {self.label:<9} [{'#' * filled}{'.' * (30 - filled)}] {done:>9,}/{self.total:,}  {elapsed:5.1f} s")
        self.out.flush()

    def close(self):
        self.show(self.total)
        self.out.write("\n")


class Command(BaseCommand):
    help = "Seed a synthetic newsroom for the benchmark (an empty database: the bench makes newsroom_bench)."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=10_000)
        parser.add_argument("--seed", type=int, default=8)

    def handle(self, *args, articles, seed, **options):
        if Article.objects.exists():
            raise CommandError("The database already has stories; the bench seeds an empty one.")
        rng = random.Random(seed)
        started = time.monotonic()
        with transaction.atomic():
            sections = self.seed_sections()
            authors = self.seed_authors(max(20, min(400, articles // 250)))
            tags = self.seed_tags(max(50, articles // 20))
            self.seed_articles(rng, articles, sections, authors, tags)
            # Bulk inserts send no signal: the search index, which every save keeps, is filled once. Without it
            # the search row found nothing, and each story row was lighter than production's.
            search_vector_refresh(Article.objects.all(), bump=False)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # plans as production would have them
        purge(["site"], hard=True)  # every reader page carries it: bulk inserts send no signal
        self.stdout.write(f"Seeded {articles:,} stories in {time.monotonic() - started:.1f} s.")

    def seed_sections(self):
        sections = []
        for position, (name, children) in enumerate(SECTIONS.items()):
            parent = Section.objects.create(name=name, slug=slugify(name), position=position)
            sections.append(parent)
            for child_position, child in enumerate(children):
                sections.append(Section.objects.create(name=child, slug=slugify(child), parent=parent, position=child_position))
        return sections

    def seed_authors(self, count):
        User = get_user_model()
        users = User.objects.bulk_create(
            User(username=f"reporter{n}", first_name=f"Reporter{n}", last_name=f"Desk{n % 40}", is_staff=True,
                 password="!")  # unusable: the bench never logs in
            for n in range(count)
        )
        Group.objects.get(name="Journalist").user_set.add(*users)
        return [user.pk for user in users]

    def seed_tags(self, count):
        tags = Tag.objects.bulk_create(Tag(name=f"Topic {n}", slug=f"topic-{n}") for n in range(count))
        return [tag.pk for tag in tags]

    def seed_agencies(self):
        return Agency.objects.bulk_create(Agency(short_name=short, name=name) for short, name in AGENCIES.items())

    def seed_originals(self):
        """Store the originals (generated gradients) once; return [(name, width, height)]."""
        originals = []
        for n, (width, height) in enumerate(ORIGINAL_SIZES):
            name = f"{ORIGINALS_DIR}/{n}-{width}x{height}.jpg"
            if not default_storage.exists(name):
                picture = Image.linear_gradient("L").resize((width, height)).convert("RGB")
                buffer = io.BytesIO()
                picture.save(buffer, "JPEG", quality=70)
                default_storage.save(name, ContentFile(buffer.getvalue()))
            originals.append((name, width, height))
        return originals

    def seed_articles(self, rng, total, sections, authors, tags):
        now = timezone.now()
        span = timedelta(days=3 * 365)
        content_type = ContentType.objects.get_for_model(Article)
        # A long tail: tag k is used about 1/(k+1) as often as the most used one.
        # Cumulative, computed once: choices() with plain weights would add up all of them for every story.
        tag_weights = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(tags))))
        text = Copy(rng)
        photo_desk = PhotoDesk(rng, text, self.seed_agencies(), self.seed_originals())
        progress = Progress(total, "stories")
        for start in range(0, total, BATCH):
            batch = []
            for n in range(start, min(start + BATCH, total)):
                batch.append(self.article(rng, n, now, span, sections, text))
            photo_desk.illustrate(batch)
            created = Article.objects.bulk_create(batch)
            ArticlePhoto.objects.bulk_create(photo_desk.body_photos(created), batch_size=5000)
            taggings, bylines = [], []
            for article in created:
                for tag_id in set(rng.choices(tags, cum_weights=tag_weights, k=rng.randint(2, 6))):
                    taggings.append(TaggedItem(content_type=content_type, object_id=article.pk, tag_id=tag_id))
                for user_id in rng.sample(authors, rng.choices([1, 2, 3], weights=[80, 17, 3])[0]):
                    bylines.append(Article.authors.through(article_id=article.pk, user_id=user_id))
            TaggedItem.objects.bulk_create(taggings, batch_size=5000)
            Article.authors.through.objects.bulk_create(bylines, batch_size=5000)
            progress.show(start + len(batch))
        progress.close()

    def article(self, rng, n, now, span, sections, text):
        headline = rng.choice(text.headlines)
        roll = rng.random()
        publish_at = now - span * rng.random() ** 1.5  # more stories recently
        unpublish_at = None
        if roll < 0.02:
            status, publish_at = Article.Status.DRAFT, None
        elif roll < 0.03:
            status, publish_at = Article.Status.REVIEW, None
        elif roll < 0.05:
            status = Article.Status.WITHDRAWN
        else:
            status = Article.Status.PUBLISHED
            if roll < 0.055:
                publish_at = now + timedelta(minutes=rng.randint(10, 7 * 24 * 60))  # scheduled
            elif roll < 0.08:
                unpublish_at = publish_at + timedelta(days=rng.randint(1, 400))  # expiring, or expired
        return Article(
            headline=headline, slug=f"{text.slugs[headline]}-{n}", standfirst=rng.choice(text.standfirsts),
            body=text.body(rng), section=rng.choice(sections), status=status,
            publish_at=publish_at, unpublish_at=unpublish_at, created_at=publish_at or now, updated_at=publish_at or now,
        )


class PhotoDesk:
    """The bench's photo library, filled as stories are written: lead photos, body photos, credits."""

    def __init__(self, rng, text, agencies, originals):
        self.rng, self.text, self.agencies, self.originals = rng, text, agencies, originals
        self.library = []  # saved photos, some used again as file pictures

    def new_photos(self, count) -> list[Photo]:
        rng, photos = self.rng, []
        for _ in range(count):
            name, width, height = rng.choice(self.originals)
            credit_type = rng.choices(list(Photo.CreditType), weights=[55, 10, 25, 10])[0]
            agency = rng.choice(self.agencies) if credit_type in (Photo.CreditType.AGENCY, Photo.CreditType.VIA_AGENCY) else None
            photographer = f"Photographer{rng.randint(1, 60)} Lens{rng.randint(1, 30)}"
            photos.append(Photo(
                image=name, width=width, height=height, caption=rng.choice(self.text.captions),
                alt_text=rng.choice(self.text.descriptions), credit_type=credit_type, agency=agency,
                photographer="" if credit_type == Photo.CreditType.VIA_AGENCY or (agency and rng.random() < 0.6) else photographer,
                released_by=rng.choice(RELEASERS) if credit_type == Photo.CreditType.VIA_AGENCY else "",
            ))
        photos = Photo.objects.bulk_create(photos)
        self.library.extend(photos)
        return photos

    def illustrate(self, articles) -> None:
        """Give most of `articles` (not saved yet) a lead photo: new ones, and some from the library."""
        rng, fresh = self.rng, []
        for article in articles:
            if rng.random() >= LEAD_PHOTO_SHARE:
                continue
            if self.library and rng.random() < REUSED_PHOTO_SHARE:
                article.lead_photo = rng.choice(self.library)
            else:
                fresh.append(article)
        for article, photo in zip(fresh, self.new_photos(len(fresh))):
            article.lead_photo = photo

    def body_photos(self, articles) -> list[ArticlePhoto]:
        rng = self.rng
        placed = [(article, rng.randint(1, 2)) for article in articles if rng.random() < BODY_PHOTOS_SHARE]
        photos = iter(self.new_photos(sum(count for _article, count in placed)))
        return [
            ArticlePhoto(article=article, photo=next(photos), position=position)
            for article, count in placed
            for position in range(count)
        ]
