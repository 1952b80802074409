"""factory_boy factories for the suite: `ArticleFactory(published=True)` and friends."""
import importlib
import io
from datetime import timedelta

import factory
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from api.models import ApiKey
from articles.models import Article, ArticlePhoto, Correction, Section
from domains.models import Domain, PlatformLink, SiteSettings
from live.models import Alert, LiveCoverage, LiveEntry
from photos.models import Agency, Photo
from photos.services import photo_create
from planning.models import Assignment


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Sam"
    last_name = factory.Sequence(lambda n: f"Writer{n}")
    is_staff = True
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(role_group(extracted))
        if create:
            self.save()


# The data migrations that give the roles their permissions.
ROLE_MIGRATIONS = [
    "articles.migrations.0002_create_journalist_and_editor_groups",
    "photos.migrations.0002_add_photo_permissions_to_roles",
    "planning.migrations.0002_add_assignment_permissions_to_roles",
    "live.migrations.0002_add_live_permissions_to_roles",
]
# Models that moved app after the role migrations named them: their permissions moved with them.
MOVED_MODELS = {"articlephoto": "articles"}  # articles/migrations/0009


def role_group(name: str) -> Group:
    """Return the role's group, making it again from the migrations' own tables if it is gone.

    Transactional tests (live servers, gunicorn) empty every table afterwards, groups included;
    permissions come back through post_migrate, groups do not.
    """
    group, created = Group.objects.get_or_create(name=name)
    if created:
        for app_config in apps.get_app_configs():  # the flush may have taken the permissions too
            create_permissions(app_config, verbosity=0)
        for module_name in ROLE_MIGRATIONS:
            codenames = importlib.import_module(module_name).ROLES.get(name, [])
            group.permissions.add(*(
                Permission.objects.get(content_type__app_label=MOVED_MODELS.get(codename.split("_", 1)[1], app_label), codename=codename)
                for app_label, codename in codenames
            ))
    return group


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Section {n}")
    slug = factory.Sequence(lambda n: f"section-{n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article
        skip_postgeneration_save = True

    class Params:
        published = factory.Trait(
            status=Article.Status.PUBLISHED,
            publish_at=factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1)),
        )

    headline = factory.Sequence(lambda n: f"Story number {n} on the desk")
    slug = factory.Sequence(lambda n: f"story-number-{n}")
    standfirst = "A short summary of the story."
    body = "<p>First paragraph.</p><p>Second paragraph.</p>"
    section = factory.SubFactory(SectionFactory)
    status = Article.Status.DRAFT

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.add(*extracted)

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        if create and extracted:
            self.authors.add(*extracted)


# The article form's inlines (photos; corrections on published stories) send these management forms
# with every POST; tests send them empty.
EMPTY_INLINES = {
    "photo_uses-TOTAL_FORMS": "0", "photo_uses-INITIAL_FORMS": "0",
    "corrections-TOTAL_FORMS": "0", "corrections-INITIAL_FORMS": "0",
}


def image_file(size=(1000, 600), image_format="JPEG", mode="RGB", colour="steelblue", name=None, **save_options) -> ContentFile:
    """Draw a plain image in memory and return it as a file, named for its format unless `name` says otherwise."""
    output = io.BytesIO()
    Image.new(mode, size, colour).save(output, image_format, **save_options)
    return ContentFile(output.getvalue(), name=name or f"picture.{image_format.lower()}")


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ["short_name"]

    short_name = "AFP"
    name = "Agence France-Presse"


class PhotoFactory(factory.django.DjangoModelFactory):
    """A credited, described photo by default; `PhotoFactory(handout=True)`, `(staff=True)`, `(bare=True)`."""

    class Meta:
        model = Photo

    class Params:
        handout = factory.Trait(credit_type=Photo.CreditType.VIA_AGENCY, released_by="Turkish Defence Ministry")
        staff = factory.Trait(credit_type=Photo.CreditType.STAFF, agency=None, photographer="Jane Doe")
        bare = factory.Trait(credit_type="", agency=None, alt_text="")  # not yet credited or described

    image = factory.LazyFunction(image_file)
    caption = factory.Sequence(lambda n: f"Envoys arrive for the talks, picture {n}.")
    alt_text = "Two men in suits shake hands in front of flags."
    credit_type = Photo.CreditType.AGENCY
    agency = factory.SubFactory(AgencyFactory)
    by = factory.SubFactory(UserFactory, username="photo-desk", first_name="Photo", last_name="Desk", role="Journalist")

    @classmethod
    def _create(cls, model_class, *args, image, **kwargs):
        return photo_create(image=image, **kwargs)


class ArticlePhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ArticlePhoto

    article = factory.SubFactory(ArticleFactory)
    photo = factory.SubFactory(PhotoFactory)
    position = factory.Sequence(int)


class CorrectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Correction

    article = factory.SubFactory(ArticleFactory, published=True)
    kind = Correction.Kind.CORRECTION
    text = "An earlier version of this story gave the wrong date for the vote."


PRIMARY = "newsroom.example"  # the primary domain the domain tests set up (tests/domains/conftest.py)


class DomainFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Domain
        django_get_or_create = ["hostname"]

    hostname = factory.Sequence(lambda n: f"mirror{n}.newsroom.example")
    position = factory.Sequence(lambda n: n)


class PlatformLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlatformLink

    site = factory.LazyFunction(SiteSettings.load)
    label = "TV app"
    url = "https://tv.newsroom.example/"


class AssignmentFactory(factory.django.DjangoModelFactory):
    """A budget line due in two hours on its desk; `assignees=[user]` puts people on it."""

    class Meta:
        model = Assignment
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"budget-line-{n}")
    working_headline = factory.Sequence(lambda n: f"Planned story {n}")
    desk = factory.SubFactory(SectionFactory)
    due_at = factory.LazyFunction(lambda: timezone.now() + timedelta(hours=2))
    status = Assignment.Status.ASSIGNED

    @factory.post_generation
    def assignees(self, create, extracted, **kwargs):
        if create and extracted:
            self.assignees.add(*extracted)


class LiveCoverageFactory(factory.django.DjangoModelFactory):
    """A live story: published an hour ago, coverage open."""

    class Meta:
        model = LiveCoverage

    article = factory.SubFactory(ArticleFactory, published=True, headline="Earthquake: live updates")
    started_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))


class LiveEntryFactory(factory.django.DjangoModelFactory):
    """A published entry, out a minute ago by default; `published_at=` schedules it. Stamps and revisions
    come from one counter, as the services' do (live/services.py)."""

    class Meta:
        model = LiveEntry

    coverage = factory.SubFactory(LiveCoverageFactory)
    body = factory.Sequence(lambda n: f"<p>Update number {n} from the scene.</p>")
    status = LiveEntry.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(minutes=1))
    stamp = factory.Sequence(lambda n: n + 1)
    revision = factory.SelfAttribute("stamp")


class AlertFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Alert

    headline = "Strong earthquake hits the coast"
    article = factory.SubFactory(ArticleFactory, published=True)


class ApiKeyFactory(factory.django.DjangoModelFactory):
    """An API key; its token, shown once on the desk, is on the instance as `token` for tests to send."""

    class Meta:
        model = ApiKey

    name = factory.Sequence(lambda n: f"App {n}")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        key = model_class(*args, **kwargs)
        key.token = key.issue_token()
        key.save()
        return key

class AutosavedCopyFactory(factory.django.DjangoModelFactory):
    """A person's autosaved copy of a story form; `article=None` for a story never saved."""

    class Meta:
        model = "desk.AutosavedCopy"

    user = factory.SubFactory(UserFactory)
    article = factory.SubFactory(ArticleFactory)
    data = factory.LazyFunction(lambda: {"headline": ["Unsaved headline"], "body": ["<p>Unsaved paragraph.</p>"]})
