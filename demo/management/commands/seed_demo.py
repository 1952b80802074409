"""Load the demo newsroom: sections, tags, stories in every state, a live story, desk users, plans and notes.

Into a newsroom with no story only: run again (every `make run`), it leaves everything as it is, so what was
edited or deleted since stays so (a deleted demo account, whose password the README prints, stays deleted)."""
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles.models import Article
from photos.models import Photo

from demo.corrections import seed_corrections
from demo.desk import seed_desk
from demo.domains import seed_domains
from demo.live import seed_live
from demo.photos import seed_photos
from demo.planning import seed_planning
from demo.stories import seed_sections, seed_stories, seed_users


class Command(BaseCommand):
    help = "Load the demo newsroom into a newsroom with no story; otherwise change nothing."

    @transaction.atomic
    def handle(self, *args, **options):
        if settings.HTTPS:
            # Its desk logins' passwords, the superuser's included, are printed in the README.
            raise CommandError("This site runs with HTTPS=1, in production: the demo's desk logins, whose passwords the "
                               "README prints, are not loaded into it. Make desk accounts with `manage.py createsuperuser`.")
        if Article.objects.exists():
            self.stdout.write("The newsroom has stories already: the demo was not loaded again, and nothing was changed.")
            return
        photos_before = Photo.objects.count()
        users = seed_users()
        sections = seed_sections()
        created = seed_stories(users, sections)
        seed_domains()
        seed_photos(uploaded_by=users["journalist"])
        seed_desk(users)
        seed_corrections(users["editor"])
        seed_planning(users)
        seed_live(users)
        photos = Photo.objects.count() - photos_before  # the live story's entry photo too
        self.stdout.write(self.style.SUCCESS(f"Demo newsroom ready ({created} new stories, {photos} new photos)."))
