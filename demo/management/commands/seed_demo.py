"""Load the demo newsroom: sections, tags, stories in every state, a live story, desk users, plans and notes. Safe to run twice."""
from django.core.management.base import BaseCommand
from django.db import transaction

from demo.corrections import seed_corrections
from demo.desk import seed_desk
from demo.domains import seed_domains
from demo.live import seed_live
from demo.photos import seed_photos
from demo.planning import seed_planning
from demo.stories import seed_sections, seed_stories, seed_users


class Command(BaseCommand):
    help = "Load the demo newsroom (idempotent: what already exists is left as it is)."

    @transaction.atomic
    def handle(self, *args, **options):
        users = seed_users()
        sections = seed_sections()
        created = seed_stories(users, sections)
        seed_domains()
        photos = seed_photos(uploaded_by=users["journalist"])
        seed_desk(users)
        seed_corrections(users["editor"])
        seed_planning(users)
        seed_live(users)
        self.stdout.write(self.style.SUCCESS(f"Demo newsroom ready ({created} new stories, {photos} new photos)."))
