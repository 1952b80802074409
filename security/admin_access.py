"""Admins that one question about the user opens or closes whole, whatever permissions a group holds."""


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
