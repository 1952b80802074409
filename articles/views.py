from django.conf import settings
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.text import Truncator
from django.views.generic import ListView, TemplateView
from taggit.models import Tag

from photos.models import ArticlePhoto
from domains.cache import domain_table
from serving.fragments import Scope, page_parts
from serving.invalidation import STORY_STAMP_KEY

from .cards import story_cards
from .metadata import sharing_metadata
from .models import Article, Section, bylines_prefetch
from .services import can_publish

HOME_LATEST = 9
HOME_PER_SECTION = 4
RELATED_STORIES = 4
DESCRIPTION_LENGTH = 300  # characters of the standfirst in <meta name="description">
# What a story's own parts show besides its row; tags come from trail(), in the order the desk attached them.
STORY_PREFETCH = (
    bylines_prefetch(), "corrections", Prefetch("photo_uses", queryset=ArticlePhoto.objects.select_related("photo__agency")),
)


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
        stories = Article.objects.published()  # one gate, one moment, for the ids and any card's row
        latest = list(stories.for_listing().values_list("pk", flat=True)[: HOME_LATEST + 1])
        by_section = stories.latest_per_root_section(HOME_PER_SECTION, sections)
        wanted = [("lead", pk) for pk in latest[:1]] + [("card", pk) for pk in latest[1:]]
        wanted += [("card", pk) for ids in by_section.values() for pk in ids]
        cards = story_cards(self.request, stories, wanted)

        def cards_of(variant, ids):
            return [cards[variant, pk] for pk in ids if (variant, pk) in cards]

        sections_cards = [(section, cards_of("card", ids)) for section, ids in by_section.items()]
        return super().get_context_data(
            lead=next(iter(cards_of("lead", latest[:1])), None),
            latest=cards_of("card", latest[1:]),
            by_section=[(section, section_cards) for section, section_cards in sections_cards if section_cards],
            **kwargs,
        )


class SectionView(ListView):
    template_name = "articles/section.html"
    page_cache_query = ("page",)  # the query parameters this page reads; the page cache drops others
    paginate_by = settings.ARTICLES_PER_PAGE
    context_object_name = "articles"

    def get_queryset(self):
        sections = Section.objects.tree_for(self.request)
        self.section = next((s for s in sections.values() if s.slug == self.kwargs["slug"]), None)
        if self.section is None:
            raise Http404("No such section.")
        self.ancestry = self.section.ancestry(sections)
        return Article.objects.published().for_listing().filter(section_id__in=self.section.descendant_ids(sections))

    def get_context_data(self, **kwargs):
        return super().get_context_data(section=self.section, ancestry=self.ancestry, **kwargs)


class TagView(ListView):
    template_name = "articles/tag.html"
    page_cache_query = ("page",)
    paginate_by = settings.ARTICLES_PER_PAGE
    context_object_name = "articles"

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return Article.objects.published().for_listing().with_tag(self.tag)

    def paginate_queryset(self, queryset, page_size):
        paginated = super().paginate_queryset(queryset, page_size)
        if paginated[0].count == 0:
            # A tag only unpublished stories carry would name a scoop before its time.
            raise Http404("No published story carries this tag.")
        return paginated

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


class ArticleDetailView(TemplateView):
    """A story. Its slow parts are kept as page parts (serving/fragments.py), so after another story's
    save the page is rebuilt from the gate, the related stories and parts that did not change."""

    template_name = "articles/article.html"

    @staticmethod
    def page_cache_parts(pk, **kwargs):
        """The page parts of story `pk` and the counter that stamps its own: when the page cache expects
        the page to render, it reads them with the page's entry, and the render needs no other read."""
        return [f"{name}:{pk}" for name in ("gate", "story", "related")], [STORY_STAMP_KEY.format(pk=pk)]

    def get(self, request, *args, **kwargs):
        pk = self.kwargs["pk"]
        names, (counter,) = self.page_cache_parts(**self.kwargs)
        self.parts = page_parts(request, names, [counter])
        self.object, self.preview = None, False
        # The gate's answer, kept like a page: for the generation it was asked in, and never past the
        # next scheduled publication or expiry.
        story = self.parts.get(f"gate:{pk}", self.public_summary, scope=Scope.PAGES)
        if story is None:
            self.object = self.fetch(previewable_articles(request.user))
            if self.object is None:
                raise Http404("No published story here.")
            story, self.preview = summary(self.object), True
        if self.kwargs.get("slug") != story["slug"]:
            url = reverse("articles:detail", kwargs={"pk": pk, "slug": story["slug"]})
            return redirect(url, permanent=not self.preview)
        # A story's own parts change with it, and show the domain list (canonical links, the site's name).
        stamp = (self.parts.stamp(counter), domain_table().generation)
        parts = {
            **self.parts.get(f"story:{pk}", self.render_story, scope=Scope.PARTS, stamp=stamp),
            "related": self.parts.get(f"related:{pk}", self.render_related, scope=Scope.PAGES),
        }
        context = self.get_context_data(article=self.object, story=story, preview=self.preview, parts=parts)
        response = self.render_to_response(context)
        if self.preview:
            add_never_cache_headers(response)
        return response

    def fetch(self, queryset):
        """Return the story with its section and lead photo (one query), or None."""
        return (
            queryset.select_related("section", "lead_photo__agency").with_modified_at()
            .filter(pk=self.kwargs["pk"]).first()
        )

    def public_summary(self):
        self.object = self.fetch(Article.objects.published())
        return None if self.object is None else summary(self.object)

    def story(self):
        """The story, for the parts that must be built: read at most once per request."""
        if self.object is None:
            self.object = self.fetch(Article.objects.published())
            if self.object is None:  # withdrawn since the gate answered: as if it had answered now
                raise Http404("No published story here.")
        return self.object

    def whole_story(self):
        """The story with its bylines, corrections and photos, for its own parts."""
        if not hasattr(self.story(), "_prefetched_objects_cache"):
            prefetch_related_objects([self.object], *STORY_PREFETCH)
        return self.object

    def trail(self):
        return self.story().trail(Section.objects.tree_for(self.request))

    def render_story(self) -> dict:
        """The story itself, and its sharing tags and JSON-LD for the <head>: one part, one stamp."""
        article, trail = self.whole_story(), self.trail()
        sharing = sharing_metadata(self.request, article, trail)
        return {
            "story": story_part(article, trail),
            "meta": render_to_string("articles/parts/story_meta.html", {"sharing": sharing}),
        }

    def render_related(self):
        related = Article.objects.published().related_to(self.story()).for_listing()[:RELATED_STORIES]
        return render_to_string("includes/related.html", {"articles": related})


def story_part(article, trail) -> str:
    """Render the story itself (the <article> element): the desk's preview links show it too."""
    context = {"article": article, "trail": trail, "corrections": article.corrections.all()}
    return render_to_string("articles/parts/story.html", context)


def summary(article) -> dict:
    """What the page itself shows of a story outside its parts."""
    return {
        "slug": article.slug, "headline": article.headline,
        "description": Truncator(article.standfirst or article.headline).chars(DESCRIPTION_LENGTH),
    }
