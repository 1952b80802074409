"""The desk's home page: where the schedule is, and what others did to your stories."""
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Article
from articles.permissions import can_publish
from people.names import person_name
from times.desk import desk_time

from .models import ArticleTransition

NOTICES = 10


def notice_text(transition: ArticleTransition) -> str:
    """Say what happened, as a writer wants to read it: "Scheduled by Elif Demir for 24 Nov 2026 14:00:00 CET"."""
    who = person_name(transition.by) if transition.by else _("someone")
    Status = Article.Status
    if transition.to_status == Status.PUBLISHED and transition.publish_at and transition.publish_at > transition.at:
        return _("Scheduled by %(who)s for %(when)s") % {"who": who, "when": desk_time(transition.publish_at)}
    wording = {
        Status.PUBLISHED: _("Published by %(who)s"),
        Status.DRAFT: _("Sent back by %(who)s"),
        Status.REVIEW: _("Submitted for review by %(who)s"),
        Status.WITHDRAWN: _("Withdrawn by %(who)s"),
    }
    return wording[transition.to_status] % {"who": who}


def desk_home(user) -> dict:
    """Return what the desk's home shows `user`: the board's link (editors) and news of their own stories."""
    transitions = (
        ArticleTransition.objects.filter(article__in=Article.objects.by_author(user).values("pk"))
        .exclude(by=user)
        .select_related("article", "by")[:NOTICES]
    )
    return {
        "schedule_url": reverse("admin:articles_article_schedule") if can_publish(user) else "",
        "notices": [
            {
                "text": notice_text(transition),
                "at": transition.at,
                "note": transition.note,
                "article": transition.article,
                "url": reverse("admin:articles_article_change", args=[transition.article_id]),
            }
            for transition in transitions
        ],
        "now": timezone.now(),
    }
