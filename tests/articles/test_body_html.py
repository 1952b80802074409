"""Article bodies: what editors paste is sanitised on save, and what is too big or too deep is refused."""
import pytest
from django.urls import reverse

from articles.html import nesting_depth, sanitize_body_html
from articles.models import Article
from tests.factories import EMPTY_INLINES, ArticleFactory, SectionFactory

ADD_URL = reverse("admin:articles_article_add")

HOSTILE = [
    '<p>ok</p><script>alert("x")</script>',
    '<p onclick="alert(1)">click</p>',
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">link</a>',
    '<a href="JaVaScRiPt:alert(1)">link</a>',
    '<a href="jav&#x09;ascript:alert(1)">link</a>',
    '<iframe src="https://evil.example/"></iframe>',
    '<p style="background:url(javascript:alert(1))">styled</p>',
    '<svg><script>alert(1)</script></svg>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>',
]


def assert_harmless(html):
    lowered = html.lower()
    for marker in ["<script", "onclick", "onerror", "javascript:", "<iframe", "style=", "<svg", "data:text"]:
        assert marker not in lowered, marker


@pytest.mark.parametrize("payload", HOSTILE)
def test_sanitiser_removes_scripts_handlers_and_dangerous_urls(payload):
    """Scripts, event handlers, javascript: and data: URLs and foreign elements never survive."""
    assert_harmless(sanitize_body_html(payload))


def test_sanitiser_keeps_the_reporting_markup():
    """Paragraphs, headings, lists, quotes, emphasis and plain links pass through."""
    html = (
        '<h2>Heading</h2><p><strong>bold</strong> <em>it</em> <a href="https://example.org/x">link</a></p>'
        "<ul><li>one</li></ul><ol><li>two</li></ol><blockquote><p>quote</p></blockquote>"
    )
    cleaned = sanitize_body_html(html)
    for fragment in ["<h2>Heading</h2>", "<strong>bold</strong>", "<em>it</em>", "<li>one</li>", "<blockquote>"]:
        assert fragment in cleaned
    assert 'href="https://example.org/x"' in cleaned
    assert 'rel="noopener noreferrer"' in cleaned


def test_sanitiser_drops_attributes_outside_the_allow_list():
    """No class, id, style, title or lang rides along on tags that do not allow them."""
    cleaned = sanitize_body_html('<p class="x" id="y" lang="fr" title="t">text</p>')
    assert cleaned == "<p>text</p>"


@pytest.mark.django_db
@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_body_posted_through_the_admin_is_stored_and_rendered_clean(editor_client, client, payload):
    """An editor's pasted body is cleaned before it is stored, and the public page shows the clean copy."""
    section = SectionFactory()
    response = editor_client.post(ADD_URL, {**EMPTY_INLINES,
        "headline": "Hostile paste", "slug": "hostile-paste", "section": section.pk,
        "body": payload, "desk_action": "publish",
    })
    assert response.status_code == 302
    article = Article.objects.get()
    assert_harmless(article.body)
    editor_client.logout()
    page = client.get(article.get_absolute_url()).content.decode()
    body = page.split('class="story__body">', 1)[1].split("</article>", 1)[0]
    assert_harmless(body)


def test_body_is_never_rendered_as_a_template(db, client):
    """Template syntax in a body is shown as text, never evaluated."""
    article = ArticleFactory(published=True, body="<p>{{ request.user }} {% now 'Y' %}</p>")
    content = client.get(article.get_absolute_url()).content.decode()
    assert "{{ request.user }} {% now &#x27;Y&#x27; %}" in content or "{{ request.user }} {% now 'Y' %}" in content


def test_nesting_depth_counts_open_elements_and_ignores_void_ones():
    assert nesting_depth("<p>a<br>b<em>c</em></p>", limit=100) == 2
    assert nesting_depth("<div>" * 5 + "</div>" * 5, limit=100) == 5


@pytest.mark.django_db
def test_body_over_the_size_cap_is_a_form_error(editor_client, settings):
    """A body over ARTICLE_BODY_MAX_BYTES is refused with a message that says so, and nothing is saved."""
    settings.ARTICLE_BODY_MAX_BYTES = 1024
    section = SectionFactory()
    response = editor_client.post(ADD_URL, {**EMPTY_INLINES,
        "headline": "Long", "slug": "long", "section": section.pk, "body": "<p>" + "x" * 2000 + "</p>",
        "status": Article.Status.DRAFT,
    })
    assert response.status_code == 200
    assert "the limit is 1 KB" in response.content.decode()
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_deeply_nested_two_megabyte_body_is_refused_quickly(editor_client):
    """A 2 MB body of nested tags is refused before the sanitiser sees it, with a form error."""
    section = SectionFactory()
    body = "<div>" * 200_000 + "x" + "</div>" * 200_000
    assert len(body) > 2_000_000
    response = editor_client.post(ADD_URL, {**EMPTY_INLINES,
        "headline": "Nested", "slug": "nested", "section": section.pk, "body": body, "status": Article.Status.DRAFT,
    })
    assert response.status_code == 200
    assert "the limit is 200 KB" in response.content.decode()
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_body_nested_past_the_depth_cap_is_a_form_error(editor_client, settings):
    """Within the size cap, HTML nested deeper than ARTICLE_BODY_MAX_DEPTH is refused with its own message."""
    section = SectionFactory()
    depth = settings.ARTICLE_BODY_MAX_DEPTH + 1
    response = editor_client.post(ADD_URL, {**EMPTY_INLINES,
        "headline": "Deep", "slug": "deep", "section": section.pk,
        "body": "<blockquote>" * depth + "x" + "</blockquote>" * depth, "status": Article.Status.DRAFT,
    })
    assert response.status_code == 200
    assert f"nests more than {settings.ARTICLE_BODY_MAX_DEPTH} levels deep" in response.content.decode()
    assert not Article.objects.exists()
