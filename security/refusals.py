"""An admin action over many rows: each row the service refuses is reported by name, and the others go on."""
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _


def each_reporting_refusals(model_admin, request, rows, act) -> int:
    """Call act(row) for every row; a refusal becomes an error message naming the row. Return how many succeeded."""
    done = 0
    for row in rows:
        try:
            act(row)
        except (PermissionDenied, ValidationError) as error:
            message = "; ".join(error.messages) if isinstance(error, ValidationError) else _("permission denied")
            model_admin.message_user(request, f"“{row}”: {message}", messages.ERROR)
        else:
            done += 1
    return done
