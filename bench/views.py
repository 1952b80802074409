"""The bare ceiling view, routed only under bench/settings.py (`make bench`): the ceiling a Django page cannot beat."""
from functools import cache

from django.conf import settings
from django.http import HttpResponse

BENCH_ARTICLE = "bench/article.html"  # under STATIC_ROOT: the article page's HTML, written by the bench


@cache
def article_bytes() -> bytes:
    return (settings.STATIC_ROOT / BENCH_ARTICLE).read_bytes()


def bare_article(request):
    """Return the article's bytes with no work at all: Django's request/response cost and nothing else."""
    return HttpResponse(article_bytes(), content_type="text/html; charset=utf-8")

