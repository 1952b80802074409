"""The story the browser tests follow, made the way the journalist's desk makes it (test_journalist.py)."""
from articles.models import Article
from desk.services import article_submit
from tests.factories import AgencyFactory, ArticleFactory, PhotoFactory, SectionFactory

HEADLINE = "Envoys leave Ankara talks without a ceasefire deal"
CAPTION = "Delegates arrive at the foreign ministry in Ankara on Tuesday."
TAGS = ["Syria", "Turkey", "Russia"]
BODY = (
    "<p>The talks ended on Wednesday evening. <strong>No ceasefire was agreed</strong>, according to "
    '<a href="https://example.org/closing-statement">the closing statement</a>.</p>'
    "<ul><li>Prisoner exchanges continue</li><li>A new round is planned for March</li></ul>"
)


def story(*, journalist, **fields) -> Article:
    """A draft in News > World with an AFP lead photo, formatted body and tags, by `journalist`."""
    news = SectionFactory(name="News", slug="news", position=1)
    world = SectionFactory(name="World", slug="world", parent=news)
    photo = PhotoFactory(
        caption=CAPTION, alt_text="Men in dark suits walk up the steps of a government building.",
        agency=AgencyFactory(short_name="AFP", name="Agence France-Presse"),
    )
    article = ArticleFactory(
        headline=HEADLINE, slug="envoys-leave-ankara-talks-without-a-ceasefire-deal",
        standfirst="Turkey, Russia and Syria end two days of talks with a promise to meet again.",
        body=BODY, section=world, lead_photo=photo, created_by=journalist, authors=[journalist], **fields,
    )
    for tag in TAGS:  # one by one: the trail shows tags in the order they were attached
        article.tags.add(tag)
    return article


def story_in_review(*, journalist) -> Article:
    """The story as the journalist left it: submitted for review, with a note."""
    article = story(journalist=journalist)
    return article_submit(article=article, by=journalist, note="Ready for the evening.")
