"""Admins that one question about the user opens or closes whole, whatever permissions a group holds."""
from django.core.exceptions import PermissionDenied


def admin_only_for(allowed):
    """Return an admin mixin whose menu entry, view, add, change and delete all ask `allowed(user)`."""

    class OnlyFor:
        def has_module_permission(self, request):
            return allowed(request.user)

        def has_view_permission(self, request, obj=None):
            return allowed(request.user)

        def has_add_permission(self, request, obj=None):
            return allowed(request.user)

        def has_change_permission(self, request, obj=None):
            return allowed(request.user)

        def has_delete_permission(self, request, obj=None):
            return allowed(request.user)

    return OnlyFor


class DeletedOnlyWithItsOwner:
    """An admin mixin for rows that go only with the row they belong to (a live story's entries, a story's scheduled
    updates, a desk's calendar feeds, which are revoked, never deleted: the record says who made which address):
    Django's deletion of that row asks this admin about each of them, and a "no" made it undeletable for everyone,
    site admins too. Site admins may, then; on its own such a row has no delete action, button or page."""

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def render_change_form(self, request, context, *args, **kwargs):
        return super().render_change_form(request, {**context, "show_delete": False}, *args, **kwargs)

    def delete_view(self, request, object_id, extra_context=None):
        raise PermissionDenied
