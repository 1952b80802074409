"""URLs shared by the planning tests."""
from django.urls import reverse


def board_url(**query):
    from urllib.parse import urlencode

    return reverse("admin:planning_assignment_board") + (f"?{urlencode(query)}" if query else "")


def print_url(**query):
    from urllib.parse import urlencode

    return reverse("admin:planning_assignment_board_print") + (f"?{urlencode(query)}" if query else "")
