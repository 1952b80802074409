"""The demo newsroom's people, sections and stories in every state (seed_demo loads them into a newsroom
with no story; people and sections that exist already are kept as they are)."""
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from articles.models import Article, Section

from .content import SECTIONS, STORIES

# (username, first name, last name, group or None for the site admin, password)
DEMO_USERS = [
    ("admin", "Site", "Admin", None, "newsroom-admin"),
    ("editor", "Elif", "Demir", "Editor", "newsroom-editor"),
    ("journalist", "Jonas", "Okafor", "Journalist", "newsroom-journalist"),
    ("reporter2", "Marta", "Ilyina", "Journalist", "newsroom-reporter"),
]


def seed_users():
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

def seed_sections():
    sections = {}
    for section in SECTIONS:
        sections[section["slug"]], _created = Section.objects.get_or_create(
            slug=section["slug"],
            defaults={"name": section["name"], "parent": sections.get(section["parent"]), "position": section["position"]},
        )
    return sections

def seed_stories(users, sections):
    now = timezone.now().replace(second=0, microsecond=0)
    created = 0
    for story in STORIES:
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
