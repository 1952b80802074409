"""The roles migration."""
import pytest
from django.contrib.auth.models import Group


@pytest.mark.django_db
def test_roles_are_created_by_migration():
    """Journalists write; only editors hold the publish permission."""
    journalist = set(Group.objects.get(name="Journalist").permissions.values_list("codename", flat=True))
    editor = set(Group.objects.get(name="Editor").permissions.values_list("codename", flat=True))
    assert {"add_article", "change_article", "view_article"} <= journalist
    assert "publish_article" not in journalist and "delete_article" not in journalist
    assert {"publish_article", "change_article", "add_section"} <= editor
