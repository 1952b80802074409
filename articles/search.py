"""Reader search: `/search/?q=` over headline, standfirst, body and tags, of published stories only.

On PostgreSQL it is full-text search on the stored, weighted `Article.search_vector` (headline A,
standfirst and tags B, body C), ranked, with highlighted snippets. On other databases (SQLite in
development) every word of the query must appear, case-insensitively, in one of those fields.
"""
import html
import re

from django import forms
from django.conf import settings
from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connections
from django.db.models import F, Func, OuterRef, Q, Subquery, TextField, Value
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView
from taggit.models import Tag, TaggedItem

from security.plain_text import plain_text
from serving.tags import add as add_tags
from serving.purges import purge

from .caching import card_tags
from .html import BLOCK_END_RE
from .models import Article
from .views import refuse_other_page_spellings

QUERY_MAX_LENGTH = 200
FALLBACK_MAX_WORDS = 10

# ts_headline wraps matches in these; the text around them is escaped before they become <mark>s, so
# only our own tags reach the page. Private-use characters: no story contains them on purpose, and
# marks_to_html() keeps the output well-formed even if one does.
MARK_START, MARK_STOP = "\ue000", "\ue001"


def uses_full_text(using="default") -> bool:
    return connections[using].vendor == "postgresql"


# Keeping the stored vector current ------------------------------------------------------------------

def search_vector_expression(tagged_item_model=TaggedItem):
    """Return the weighted vector of a story's text and tag names, as an expression for UPDATE."""
    config = settings.SEARCH_CONFIG
    tag_names = (
        tagged_item_model.objects
        .filter(content_type__app_label="articles", content_type__model="article", object_id=OuterRef("pk"))
        .order_by()
        .values("object_id")
        .annotate(names=StringAgg("tag__name", delimiter=" "))
        .values("names")
    )
    return (
        SearchVector("headline", weight="A", config=config)
        + SearchVector("standfirst", weight="B", config=config)
        + SearchVector(Subquery(tag_names, output_field=TextField()), weight="B", config=config)
        # The body is stored HTML; PostgreSQL's parser skips tags and entities, so words are what count.
        + SearchVector("body", weight="C", config=config)
    )


def search_vector_refresh(queryset, *, tagged_item_model=TaggedItem, bump=True) -> int:
    """Recompute the search vector of every story in `queryset` in one UPDATE (PostgreSQL only).

    Saves, tag changes and tag renames call this (see signals below); call it yourself after bulk
    `update()`s or a change of SEARCH_CONFIG (`manage.py refresh_search_index`). Search results are
    reader pages too, and update() sends no signal, so it purges them, unless `bump` is False: for a
    change whose own purge follows (articles/caching.py).
    """
    if not uses_full_text(queryset.db):
        return 0
    refreshed = queryset.update(search_vector=search_vector_expression(tagged_item_model))
    if bump:
        purge(["search"])
    return refreshed


# The index is derived data, like a cache, so signals keep it current rather than every write path.
# They purge nothing themselves: articles/caching.py purges search results for the same change.

def refresh_saved_article(sender, instance, raw=False, using="default", **kwargs):
    if not raw:
        search_vector_refresh(Article.objects.using(using).filter(pk=instance.pk), bump=False)


def refresh_retagged_article(sender, instance, action, reverse, pk_set=None, using="default", **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse and isinstance(instance, Article):
        search_vector_refresh(Article.objects.using(using).filter(pk=instance.pk), bump=False)
    elif reverse and isinstance(instance, Tag):
        search_vector_refresh(Article.objects.using(using).filter(tags=instance), bump=False)


def refresh_renamed_tag(sender, instance, created=False, raw=False, using="default", **kwargs):
    if not (raw or created):
        search_vector_refresh(Article.objects.using(using).filter(tags=instance), bump=False)


def remember_tagged_articles(sender, instance, using="default", **kwargs):
    """A tag about to be deleted: its stories, whose vectors lose its name once the delete cascades."""
    instance._tagged_article_ids = list(Article.objects.using(using).filter(tags=instance).values_list("pk", flat=True))


def refresh_deleted_tag(sender, instance, using="default", **kwargs):
    if ids := getattr(instance, "_tagged_article_ids", None):
        search_vector_refresh(Article.objects.using(using).filter(pk__in=ids), bump=False)  # the tag's own purge follows


# Reading ----------------------------------------------------------------------------------------------

class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"), required=False, max_length=QUERY_MAX_LENGTH, strip=True,
        # CharField refuses NUL characters with a form error (PostgreSQL could not take them anyway).
        error_messages={"max_length": _("Please search for at most %(limit_value)d characters.")},
    )

    def clean_q(self):
        # Other control characters are spaces, as in saved text (security/plain_text.py): the page repeats
        # the query, and HTML forbids them.
        return plain_text(self.cleaned_data["q"]).strip()


def marks_to_html(text: str) -> SafeString:
    """Escape `text` and turn the MARK_START/MARK_STOP pairs into <mark> elements, always balanced."""
    parts, marked = [], False
    for piece in re.split(f"([{MARK_START}{MARK_STOP}])", text):
        if piece == MARK_START:
            marked = True
        elif piece == MARK_STOP:
            marked = False
        elif piece:
            parts.append(f"<mark>{escape(piece)}</mark>" if marked else escape(piece))
    return mark_safe("".join(parts))  # every piece of source text was escaped above


def mark_words(text: str, words: list[str]) -> str:
    """Wrap each case-insensitive occurrence of `words` in the mark characters (the SQLite fallback)."""
    if not words:
        return text
    pattern = re.compile("|".join(re.escape(word) for word in sorted(words, key=len, reverse=True)), re.IGNORECASE)
    return pattern.sub(lambda match: f"{MARK_START}{match.group(0)}{MARK_STOP}", text)


def fallback_words(query: str) -> list[str]:
    """Split a query into the words the simple search looks for, quotes and operators dropped."""
    words = [word.strip("\"'()+-!&|:*") for word in query.split()]
    return [word for word in words if word][:FALLBACK_MAX_WORDS]


def search_articles(query: str):
    """Return the published stories matching `query`, best first."""
    published = Article.objects.published().for_listing()
    if uses_full_text(published.db):
        search_query = SearchQuery(query, search_type="websearch", config=settings.SEARCH_CONFIG)
        return (
            published.filter(search_vector=search_query)
            .annotate(rank=SearchRank(F("search_vector"), search_query))
            .order_by("-rank", "-publish_at", "-pk")
        )
    words = fallback_words(query)
    if not words:
        return published.none()
    for word in words:
        tagged = TaggedItem.objects.filter(
            content_type__app_label="articles", content_type__model="article", tag__name__icontains=word,
        ).values("object_id")
        published = published.filter(
            Q(headline__icontains=word) | Q(standfirst__icontains=word) | Q(body__icontains=word) | Q(pk__in=tagged)
        )
    return published


def with_highlights(queryset, query: str):
    """Annotate the highlighted headline and body snippet (PostgreSQL).

    ts_headline is costly. PostgreSQL evaluates such select-list expressions after ORDER BY and LIMIT, but
    for every row OFFSET skips as well: give it the page's rows alone (SearchView.paginate_queryset).
    """
    if not uses_full_text(queryset.db):
        return queryset
    search_query = SearchQuery(query, search_type="websearch", config=settings.SEARCH_CONFIG)
    options = {"config": settings.SEARCH_CONFIG, "start_sel": MARK_START, "stop_sel": MARK_STOP}
    # Blocks apart, as body_words does; inline markup gone without a space ("the <em>Titanic</em>’s bow" was "Titanic ’s").
    blocks_apart = Func(F("body"), Value(BLOCK_END_RE.pattern), Value(" "), Value("gi"), function="regexp_replace", output_field=TextField())
    body_text = Func(blocks_apart, Value("<[^>]*>"), Value(""), Value("g"), function="regexp_replace", output_field=TextField())
    return queryset.annotate(
        headline_marked=SearchHeadline("headline", search_query, highlight_all=True, **options),
        snippet_marked=SearchHeadline(body_text, search_query, max_words=35, min_words=15, max_fragments=2,
                                      fragment_delimiter=" … ", **options),
    )


def add_highlight_html(articles, query: str) -> None:
    """Set `headline_html` and `snippet_html` on each article: escaped text with our own <mark>s only."""
    words = fallback_words(query)
    for article in articles:
        if hasattr(article, "headline_marked"):
            article.headline_html = marks_to_html(article.headline_marked)
            # The body is HTML: its tags were stripped in SQL, its entities are decoded here and re-escaped.
            article.snippet_html = marks_to_html(html.unescape(article.snippet_marked or ""))
        else:
            article.headline_html = marks_to_html(mark_words(article.headline, words))
            article.snippet_html = marks_to_html(mark_words(article.standfirst, words))


class SearchView(ListView):
    template_name = "articles/search.html"
    page_cache_query = ("q", "page")  # the page cache drops any other parameter
    paginate_by = settings.ARTICLES_PER_PAGE
    context_object_name = "articles"

    def get(self, request, *args, **kwargs):
        refuse_other_page_spellings(request)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        self.form = SearchForm(self.request.GET)
        self.query = self.form.cleaned_data["q"] if self.form.is_valid() else ""
        if not self.query:
            return Article.objects.none()
        return search_articles(self.query)

    def paginate_queryset(self, queryset, page_size):
        paginator, page, articles, is_paginated = super().paginate_queryset(queryset, page_size)
        # The page's ids in a subquery, highlighted outside it: the rows before the page are ranked, not highlighted.
        shown = list(with_highlights(queryset.filter(pk__in=page.object_list.values("pk")), self.query))
        add_highlight_html(shown, self.query)
        page.object_list = shown
        add_tags(self.request, "search", *(tag for article in shown for tag in card_tags(article)))
        return paginator, page, shown, is_paginated

    def page_title(self) -> str:
        """Say what the page is, and that the query was refused (WCAG 2.4.2): the title is read first."""
        title = _("Search: %(query)s") % {"query": self.query} if self.query else _("Search")
        return _("Error: %(title)s") % {"title": title} if self.form.errors else str(title)

    def get_context_data(self, **kwargs):
        # A refused query is given back to be corrected, as typed but for the characters HTML forbids.
        shown = self.query if self.form.is_valid() else plain_text(self.form.data.get("q", ""))
        return super().get_context_data(
            form=self.form, query=self.query, search_query=shown, page_title=self.page_title(), **kwargs,
        )
