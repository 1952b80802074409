"""Lists of people on the desk as a Turkish or German newsroom reads them (found hunting language defects)."""
import re

import pytest
from django.urls import reverse

from tests.factories import ArticleFactory, UserFactory


@pytest.mark.django_db
def test_the_byline_filter_lists_names_in_alphabetical_order_not_code_point_order(editor_client):
    """The story list's "By byline" filter sorted names by code point: "Çağla Demir" and "Özlem Aydın" came after
    "Zeynep Kaya". They are among the C's and the O's now (by their letters without marks)."""
    names = [("Ahmet", "Yılmaz"), ("Çağla", "Demir"), ("Deniz", "Arslan"), ("Özlem", "Aydın"), ("Zeynep", "Kaya")]
    for first, last in names:
        ArticleFactory(authors=[UserFactory(first_name=first, last_name=last, role="Journalist")])
    page = editor_client.get(reverse("admin:articles_article_changelist")).content.decode()
    shown = [name for name in re.findall(r"(\w+ \w+)</a>", page) if tuple(name.split()) in names]
    assert shown == [f"{first} {last}" for first, last in names], shown
