"""Who may publish and who may edit a story: the rules every surface and the desk's services share."""
from .models import Article

PUBLISH_PERMISSION = "articles.publish_article"


def can_publish(user) -> bool:
    return user.has_perm(PUBLISH_PERMISSION)


def can_edit(user, article: Article) -> bool:
    """Editors edit any story; journalists only their own, and only before it is published."""
    if can_publish(user):
        return user.has_perm("articles.change_article")
    return (
        user.has_perm("articles.change_article")
        and article.status in (Article.Status.DRAFT, Article.Status.REVIEW)
        and (article.pk is None or Article.objects.by_author(user).filter(pk=article.pk).exists())
    )
