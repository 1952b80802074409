"""The desk's buttons: what each one is called, where it moves a story, and whether it asks first.

The change page's buttons submit the story form itself (desk/forms.py), so the text on screen is saved
with the move; the schedule board posts the same actions without a form (desk/admin/workflow.py).
"""
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from articles.models import Article


@dataclass(frozen=True)
class DeskAction:
    label: Promise
    to: str
    done: Promise  # the message after it, with the headline for %s
    # Actions that change what readers see now ask for a confirmation in the browser (desk/js/confirm.js).
    confirm: Promise | None = None


ACTIONS = {
    "submit": DeskAction(_("Submit for review"), Article.Status.REVIEW, _("“%s” is saved and with the editors.")),
    "send-back": DeskAction(_("Send back to the writer"), Article.Status.DRAFT, _("“%s” is saved and back with its writer.")),
    "publish": DeskAction(
        _("Publish now"), Article.Status.PUBLISHED, _("“%s” is saved and published."),
        confirm=_("Publish this story now? Readers will see it at once, on every page and feed."),
    ),
    "schedule": DeskAction(_("Schedule"), Article.Status.PUBLISHED, _("“%s” is saved and scheduled.")),
    "withdraw": DeskAction(
        _("Withdraw from the site"), Article.Status.WITHDRAWN, _("“%s” is saved and withdrawn."),
        confirm=_("Withdraw this story? It disappears from every page, feed and domain at once."),
    ),
}


def offered(action: str, article: Article) -> bool:
    """Whether the panel offers `action` for the story as it stands (the role is checked separately)."""
    if action == "publish":
        return not article.is_published  # already live: "publish now" would change nothing
    if action == "schedule":
        return not article.is_published  # a live story is not scheduled: withdraw it first
    return True
