"""An add page's address is typed input too: `?story=abc` opens the form, never a 500."""
import pytest
from django.contrib import admin
from django.urls import reverse

from tests.factories import ArticleFactory

# Every registered admin whose add page has autocomplete fields: the widget looked their address values up.
ADD_PAGES = [
    (model, name)
    for model, model_admin in admin.site._registry.items()
    for name in model_admin.autocomplete_fields
]


@pytest.mark.django_db
@pytest.mark.parametrize("bad", ["abc", "²", "99999999999999999999", "1,x"])
@pytest.mark.parametrize(("model", "name"), ADD_PAGES, ids=lambda v: getattr(v, "__name__", v))
def test_an_address_value_the_field_cannot_hold_opens_the_empty_form(admin_client, model, name, bad):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
    response = admin_client.get(url, {name: bad})
    adds = admin.site._registry[model].has_add_permission(response.wsgi_request)  # live entries: on their coverage's page
    assert response.status_code == (200 if adds else 403)
    assert f'value="{bad}" selected' not in response.content.decode()


@pytest.mark.django_db
def test_a_good_address_value_still_fills_the_form(admin_client):
    story = ArticleFactory(headline="Ferry strike enters second week")
    response = admin_client.get(reverse("admin:live_livecoverage_add"), {"article": story.pk})
    assert response.status_code == 200
    assert f'<option value="{story.pk}" selected>' in response.content.decode()
