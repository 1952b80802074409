"""The newsroom's admin site: Django's, with autocomplete opened to the fields writers fill in."""
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.middleware.csrf import get_token
from django.urls import path

from people.names import person_name


class WriterAutocompleteJsonView(AutocompleteJsonView):
    """The desk's lookups. Journalists pick bylines and tags, and planners the people on an assignment, without
    the right to browse the user or tag admin: each of those fields answers to whoever may fill it in."""

    open_fields = {  # (app, model, field) -> the permission that fills it in
        ("articles", "article", "authors"): "articles.add_article",
        ("articles", "article", "tags"): "articles.add_article",
        ("planning", "assignment", "assignees"): "planning.change_assignment",
        ("planning", "assignment", "editor"): "planning.change_assignment",
    }

    def picks_people(self) -> bool:
        return self.source_field.related_model is get_user_model()

    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        if self.picks_people():
            result["text"] = person_name(obj)  # a person by their name, never the login
        return result

    def get_queryset(self):
        """People are picked by name among active accounts: the user admin's own search (for site admins) also
        reads e-mail addresses, which anyone on the desk could confirm one character at a time."""
        if not self.picks_people():
            return super().get_queryset()
        people = self.model_admin.get_queryset(self.request).filter(is_active=True)
        for word in self.term.split():
            people = people.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(username__icontains=word))
        return people.complex_filter(self.source_field.get_limit_choices_to())

    def has_perm(self, request, obj=None):
        source = self.source_field
        permission = self.open_fields.get((source.model._meta.app_label, source.model._meta.model_name, source.name))
        if permission and request.user.has_perm(permission):
            return True
        return super().has_perm(request, obj=obj)


class NewsroomAdminSite(admin.AdminSite):
    site_header = "Newsroom desk"
    site_title = "Newsroom desk"
    index_title = "Desk"
    index_template = "desk/admin/desk_home.html"  # your assignments, mentions, the board's link, news of your stories

    def get_urls(self):
        from articles.reports import credit_report_urls  # not at load: this module loads before any model

        # Django's "view on site" shortcut (/r/<type>/<id>/) asks only for a desk login: ours checks the object.
        shortcut = path("r/<path:content_type_id>/<path:object_id>/", self.admin_view(self.view_on_site), name="view_on_site")
        session = path("session/", self.admin_view(self.session_view), name="session")
        urls = [url for url in super().get_urls() if getattr(url, "name", None) != "view_on_site"]
        return [*credit_report_urls(self), shortcut, session, *urls]

    def session_view(self, request):
        """Whether this browser is still logged in, and its current CSRF token: a desk form asks before it sends
        typed text (static/js/keep-typed.js), which a post to the login page would drop. Logged out, the admin's
        login redirect is the answer. JSON, for the desk's own scripts (no CORS)."""
        return JsonResponse({"csrf": get_token(request)})

    def view_on_site(self, request, content_type_id, object_id):
        """Redirect to an object's page only for someone who may see that object on the desk. Its page can be a
        secret (a preview link's or a desk calendar's address) or name a draft (its slug); ids are sequential."""
        try:
            model = ContentType.objects.get_for_id(int(content_type_id)).model_class()
        except (ValueError, OverflowError, ContentType.DoesNotExist):
            raise Http404 from None
        model_admin = self._registry.get(model)
        found = model_admin and model_admin.get_object(request, unquote(object_id))
        if not found or not model_admin.has_view_or_change_permission(request, found):
            raise Http404
        return shortcut(request, content_type_id, object_id)

    def index(self, request, extra_context=None):
        """The desk home: what is waiting for this person, then Django's list of apps."""
        from desk.home import desk_home  # not at load: this module loads before any model
        from notes.services import mentions_for
        from articles.models import Article
        from planning.models import Assignment

        assignments = list(
            Assignment.objects.of(request.user).exclude(status__in=[Assignment.Status.PUBLISHED, Assignment.Status.SPIKED])
            .select_related("desk").prefetch_related("story__authors").order_by("due_at", "pk")[:20]
        )
        # A co-assignee whose colleague writes the story cannot open it (a journalist opens the stories they write):
        # the home names the writer instead of a link to "doesn't exist".
        stories = self._registry[Article].get_queryset(request).filter(pk__in=[a.story_id for a in assignments if a.story_id])
        openable = set(stories.values_list("pk", flat=True))
        for assignment in assignments:
            assignment.story_openable = assignment.story_id in openable
        return super().index(request, {
            "my_assignments": assignments, "my_mentions": mentions_for(request.user), "desk_home": desk_home(request.user),
            **(extra_context or {}),
        })

    def autocomplete_view(self, request):
        return WriterAutocompleteJsonView.as_view(admin_site=self)(request)
