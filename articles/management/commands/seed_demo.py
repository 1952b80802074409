"""Load the demo newsroom: sections, tags, stories in every state, and desk users. Safe to run twice."""
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from articles.demo_content import SECTIONS, STORIES
from articles.demo_corrections import seed_corrections
from articles.models import Article, Section
from desk.demo import seed_desk
from domains.demo import seed_domains
from photos.demo import seed_photos

# (username, first name, last name, group or None for the site admin, password)
DEMO_USERS = [
    ("admin", "Site", "Admin", None, "newsroom-admin"),
    ("editor", "Elif", "Demir", "Editor", "newsroom-editor"),
    ("journalist", "Jonas", "Okafor", "Journalist", "newsroom-journalist"),
    ("reporter2", "Marta", "Ilyina", "Journalist", "newsroom-reporter"),
]


class Command(BaseCommand):
    help = "Load the demo newsroom (idempotent: what already exists is left as it is)."

    @transaction.atomic
    def handle(self, *args, **options):
        users = self.seed_users()
        sections = self.seed_sections()
        created = self.seed_stories(users, sections)
        seed_domains()
        photos = seed_photos(uploaded_by=users["journalist"])
        seed_desk(users)
        seed_corrections(users["editor"])
        self.stdout.write(self.style.SUCCESS(f"Demo newsroom ready ({created} new stories, {photos} new photos)."))

    def seed_users(self):
        User = get_user_model()
        users = {}
        for username, first_name, last_name, group, password in DEMO_USERS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": first_name, "last_name": last_name, "is_staff": True,
                    "is_superuser": group is None, "email": f"{username}@newsroom.example",
                },
            )
            if created:
                user.set_password(password)
                user.save(update_fields=["password"])
                if group:
                    user.groups.add(Group.objects.get(name=group))
            users[username] = user
        return users

    def seed_sections(self):
        sections = {}
        for slug, name, parent_slug, position in SECTIONS:
            sections[slug], _created = Section.objects.get_or_create(
                slug=slug, defaults={"name": name, "parent": sections.get(parent_slug), "position": position},
            )
        return sections

    def seed_stories(self, users, sections):
        now = timezone.now().replace(second=0, microsecond=0)
        created = 0
        for story in STORIES:
            if Article.objects.filter(slug=story["slug"]).exists():
                continue
            status = story["status"]
            article = Article.objects.create(
                slug=story["slug"],
                headline=story["headline"],
                standfirst=story["standfirst"],
                body=story["body"],
                section=sections[story["section"]],
                status=status,
                publish_at=now - timedelta(hours=story["hours_ago"]) if status in ("published", "withdrawn") else None,
                created_by=users[story["authors"][0]],
                updated_by=users[story["authors"][0]],
            )
            # Demo stories were written when they were published, not when the demo was loaded.
            written_at = article.publish_at or now
            Article.objects.filter(pk=article.pk).update(created_at=written_at, updated_at=written_at)
            article.authors.set([users[username] for username in story["authors"]])
            for tag in story["tags"]:  # one by one: the trail shows tags in the order they were attached
                article.tags.add(tag)
            created += 1
        return created
