"""Story cards on the front page, kept as page parts (serving/fragments.py): one per story and variant.

A card shows its story's own fields, its section and its lead photo. It changes when the story does
(the story's counter, STORY_STAMP_KEY: its row, its tags…) or when something any part can show does
(the parts generation: a section, a photo, a credit). So after a publication, when the front page lists
the same stories but one, it is rebuilt from their cards and only the new story's card is rendered.
The view reads ids first; rows are read only for the cards that are not current, in one query.
"""
from django.template.loader import get_template

from serving.fragments import page_parts
from serving.invalidation import STORY_STAMP_KEY

CARD_TEMPLATE = "includes/article_card.html"
# Each variant's context for the card template: the front page's lead, and the others.
VARIANTS = {"lead": {"lead": True, "level": 2}, "card": {}}


def story_cards(request, stories, wanted) -> dict[tuple[str, int], str]:
    """Return {(variant, story id): card HTML} for `wanted`, (variant, story id) pairs.

    `stories` is the gated queryset the ids were read from (`Article.objects.published()`); cards that
    are not current are rendered from its rows. A story that left it since (withdrawn a moment ago)
    has no card in the result.
    """
    names = {f"card:{variant}:{pk}": (variant, pk) for variant, pk in wanted}

    def render(missing):
        rows = stories.for_listing().in_bulk({names[name][1] for name in missing})
        template = get_template(CARD_TEMPLATE)
        cards = {}
        for name in missing:
            variant, pk = names[name]
            if pk in rows:
                cards[name] = template.render({"article": rows[pk], **VARIANTS[variant]})
        return cards

    parts = page_parts(request)
    counters = {name: STORY_STAMP_KEY.format(pk=pk) for name, (_variant, pk) in names.items()}
    return {names[name]: html for name, html in parts.get_stamped(counters, render).items()}
