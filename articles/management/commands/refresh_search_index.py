from django.core.management.base import BaseCommand

from articles.models import Article
from articles.search import search_vector_refresh, uses_full_text


class Command(BaseCommand):
    help = "Recompute every story's search vector (after bulk updates or a change of SEARCH_CONFIG)."

    def handle(self, *args, **options):
        if not uses_full_text():
            self.stdout.write("The database is not PostgreSQL: search reads the stories directly, nothing to refresh.")
            return
        count = search_vector_refresh(Article.objects.all())
        self.stdout.write(self.style.SUCCESS(f"Search index refreshed for {count} stories."))
