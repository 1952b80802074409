"""The newsroom's admin site: Django's, with autocomplete opened to the fields writers fill in."""
from django.contrib import admin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView


class WriterAutocompleteJsonView(AutocompleteJsonView):
    # Journalists pick bylines and tags without the right to browse the user or tag admin: the
    # lookup answers for those two article fields to anyone who may write articles.
    writer_fields = {("articles", "article", "authors"), ("articles", "article", "tags")}

    def has_perm(self, request, obj=None):
        source = self.source_field
        key = (source.model._meta.app_label, source.model._meta.model_name, source.name)
        if key in self.writer_fields and request.user.has_perm("articles.add_article"):
            return True
        return super().has_perm(request, obj=obj)


class NewsroomAdminSite(admin.AdminSite):
    site_header = "Newsroom desk"
    site_title = "Newsroom desk"
    index_title = "Desk"
    index_template = "newsroom/desk_home.html"

    def index(self, request, extra_context=None):
        """The desk home: Django's list of apps, after what is waiting for this person."""
        from notes.services import mentions_for  # not at load: this module loads before any model
        from planning.models import Assignment

        assignments = (
            Assignment.objects.of(request.user).exclude(status__in=[Assignment.Status.PUBLISHED, Assignment.Status.SPIKED])
            .select_related("desk").order_by("due_at", "pk")[:20]
        )
        context = {"my_assignments": assignments, "my_mentions": mentions_for(request.user), **(extra_context or {})}
        return super().index(request, context)

    def get_urls(self):
        from articles.reports import credit_report_urls  # not at load: this module loads before any model

        return [*credit_report_urls(self), *super().get_urls()]

    def autocomplete_view(self, request):
        return WriterAutocompleteJsonView.as_view(admin_site=self)(request)
