from django.conf import settings
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.http import urlencode
from django.utils.text import Truncator
from django.views.generic import ListView, TemplateView
from taggit.models import Tag

from serving.tags import add as add_tags

from . import extensions
from .caching import SECTIONS_TAG, card_tags, story_tags
from .metadata import sharing_metadata
from .models import Article, ArticlePhoto, Section, bylines_prefetch
from .permissions import can_publish

HOME_LATEST = 9
HOME_PER_SECTION = 4
RELATED_STORIES = 4
DESCRIPTION_LENGTH = 300  # characters of the standfirst in <meta name="description">


def previewable_articles(user):
    """Return the unpublished stories `user` may preview: editors any, journalists their own."""
    if not (user.is_authenticated and user.is_staff and user.has_perm("articles.view_article")):
        return Article.objects.none()
    if can_publish(user):
        return Article.objects.all()
    return Article.objects.by_author(user)


class HomeView(TemplateView):
    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        sections = Section.objects.tree_for(self.request)
        stories = Article.objects.published()  # one gate, one moment, for the ids and the rows
        latest = list(stories.for_listing()[: HOME_LATEST + 1])
        by_section = stories.latest_per_root_section(HOME_PER_SECTION, sections)
        rows = {article.pk: article for article in latest}
        rows |= stories.for_listing().in_bulk({pk for ids in by_section.values() for pk in ids} - rows.keys())
        cards = [(section, [rows[pk] for pk in ids if pk in rows]) for section, ids in by_section.items()]
        tag_listing(self.request, [*latest, *rows.values()], "home")
        return super().get_context_data(
            lead=latest[0] if latest else None, latest=latest[1:],
            by_section=[(section, articles) for section, articles in cards if articles], **kwargs,
        )


def tag_listing(request, articles, *tags) -> None:
    """Name the listing `tags` and every story shown in it as a card (articles/caching.py)."""
    add_tags(request, *tags, *(tag for article in articles for tag in card_tags(article)))


def refuse_other_page_spellings(request, name="page") -> None:
    """404 unless the page number is given once, as ASCII digits without a leading zero (or Django's "last"): int()
    also took "01", "+1", " 1" and "١", each one more page-cache key under which the same page was rendered anew.
    Call it before naming any tag, so that the 404 is not kept either."""
    given = request.GET.getlist(name)
    if given and not (
        len(given) == 1 and (given[0] == "last" or (given[0].isascii() and given[0].isdigit() and given[0][0] != "0"))
    ):
        raise Http404(f"Give {name} once, as a number from 1.")


class ListingView(ListView):
    """A paginated listing of cards: it names the stories shown on the page it renders."""

    page_cache_query = ("page",)  # the query parameters this page reads; the page cache drops others
    paginate_by = settings.ARTICLES_PER_PAGE
    context_object_name = "articles"
    listing_tag = ""

    def get(self, request, *args, **kwargs):
        refuse_other_page_spellings(request)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        tag_listing(self.request, context["articles"], self.listing_tag)
        return context


def moved_section(request, slug, url_name, keep=()):
    """A 301 from a section's former slug to its page or feed now (`url_name`), `keep` query parameters kept, while
    no section has that slug; None otherwise. Under `sections`, which any section saved purges."""
    sections = Section.objects.tree_for(request)
    if any(section.slug == slug for section in sections.values()):
        return None
    section = next((section for section in sections.values() if slug in section.former_slugs), None)
    if section is None:
        return None
    add_tags(request, SECTIONS_TAG)
    query = urlencode({name: request.GET[name] for name in keep if name in request.GET})
    return redirect(reverse(url_name, kwargs={"slug": section.slug}) + (f"?{query}" if query else ""), permanent=True)


class SectionView(ListingView):
    template_name = "articles/section.html"

    def get(self, request, *args, **kwargs):
        return moved_section(request, kwargs["slug"], "articles:section", keep=self.page_cache_query) or super().get(
            request, *args, **kwargs)

    def get_queryset(self):
        sections = Section.objects.tree_for(self.request)
        self.section = next((s for s in sections.values() if s.slug == self.kwargs["slug"]), None)
        if self.section is None:
            add_tags(self.request, SECTIONS_TAG)  # a section made or renamed with this slug purges the 404
            raise Http404("No such section.")
        self.ancestry = self.section.ancestry(sections)
        self.listing_tag = f"section-{self.section.pk}"
        add_tags(self.request, *(f"section-{section.pk}" for section in self.ancestry))
        return Article.objects.published().for_listing().filter(section_id__in=self.section.descendant_ids(sections))

    def get_context_data(self, **kwargs):
        return super().get_context_data(section=self.section, ancestry=self.ancestry, **kwargs)


class TagView(ListingView):
    template_name = "articles/tag.html"

    def get_queryset(self):
        self.tag = find_tag(self.request, self.kwargs["slug"])
        self.listing_tag = f"tag-{self.tag.pk}"
        return Article.objects.published().for_listing().with_tag(self.tag)

    def paginate_queryset(self, queryset, page_size):
        try:
            paginated = super().paginate_queryset(queryset, page_size)
        except Http404:  # a page number past the end, or none: for a tag no published story carries, its own 404
            if not queryset.exists():
                raise no_story_carries(self.request) from None
            raise
        if paginated[0].count == 0:
            raise no_story_carries(self.request)
        return paginated

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


def find_tag(request, slug) -> Tag:
    """The tag named by `slug`; the caller names `tag-<pk>` once published stories carry it."""
    tag = Tag.objects.filter(slug=slug).first() if "\x00" not in slug else None  # PostgreSQL refuses NUL
    if tag is None:
        raise no_story_carries(request)
    return tag


def no_story_carries(request) -> Http404:
    """The 404 of a tag no published story carries, or of none at all: the same, headers included, so that a tag
    only a scoop carries does not show. Under `search`, which anything that may bring a published story under the
    tag purges (a publication, a live story tagged, a tag renamed)."""
    add_tags(request, "search")
    return Http404("No published story carries this tag.")


class ArticleDetailView(TemplateView):
    """A story: to readers while it is public, to staff who may preview it otherwise (never cached)."""

    template_name = "articles/article.html"

    def get(self, request, *args, **kwargs):
        pk = self.kwargs["pk"]
        add_tags(request, f"story-{pk}")  # its 404 too: the story's publication purges it
        article, preview = fetch(Article.objects.published(), pk), False
        if article is None:
            article, preview = fetch(previewable_articles(request.user), pk), True
            if article is None:
                raise Http404("No published story here.")
        if self.kwargs.get("slug") != article.slug:
            return redirect(article.get_absolute_url(), permanent=not preview)
        context = story_context(request, article)
        related = list(Article.objects.published().related_to(article).for_listing()[:RELATED_STORIES])
        tag_listing(request, related)
        response = self.render_to_response(self.get_context_data(**context, related=related, preview=preview))
        if preview:
            add_never_cache_headers(response)
        return response


def fetch(queryset, pk):
    """Return the story with its section, lead photo and bylines, and whether it has corrections and body
    photos (most have neither, so their queries are made only when there is something to read), or None."""
    return queryset.select_related("section", "lead_photo__agency", *extensions.related).with_modified_at().annotate(
        has_body_photos=Exists(ArticlePhoto.objects.filter(article=OuterRef("pk"))),
    ).prefetch_related(bylines_prefetch()).filter(pk=pk).first()


def story_context(request, article) -> dict:
    """What the story template shows (the desk's preview links show it too), its tags named."""
    sections = Section.objects.tree_for(request)
    trail = article.trail(sections)
    uses = list(article.photo_uses.select_related("photo__agency")) if getattr(article, "has_body_photos", True) else []
    corrections = list(article.corrections.all()) if getattr(article, "last_corrected_at", True) else []
    photos = [photo for photo in (article.lead_photo, *(use.photo for use in uses)) if photo]
    add_tags(request, *story_tags(article, article.section.ancestry(sections), photos, article.authors.all()))
    context = {
        "article": article, "trail": trail, "corrections": corrections, "photo_uses": uses,
        "sharing": sharing_metadata(request, article, trail),
        "description": Truncator(article.standfirst or article.headline).chars(DESCRIPTION_LENGTH),
    }
    extensions.extend(request, article, context)  # live coverage (live/), when its app is installed
    return context


def favicon(request):
    """Send `/favicon.ico` to the static icon (hashed and cached far ahead by whitenoise), not to a 404."""
    response = HttpResponseRedirect(static("favicon.ico"))
    patch_cache_control(response, public=True, max_age=86400)
    return response
