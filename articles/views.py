from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.cache import add_never_cache_headers
from django.views.generic import DetailView, ListView, TemplateView
from taggit.models import Tag

from photos.models import ArticlePhoto

from .metadata import sharing_metadata
from .models import Article, Section
from .services import can_publish

HOME_LATEST = 9
HOME_PER_SECTION = 4
RELATED_STORIES = 4


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
        latest = list(Article.objects.published().for_listing()[: HOME_LATEST + 1])
        return super().get_context_data(
            lead=latest[0] if latest else None,
            latest=latest[1:],
            by_section=Article.objects.published().latest_per_root_section(HOME_PER_SECTION, sections),
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


class ArticleDetailView(DetailView):
    template_name = "articles/article.html"
    context_object_name = "article"
    preview = False

    def get_object(self, queryset=None):
        # Tags come from trail(), in the order the desk attached them. Photos cost one query however many.
        related = ("corrections", Prefetch("photo_uses", queryset=ArticlePhoto.objects.select_related("photo__agency")))
        joined = ("section", "lead_photo__agency")
        try:
            return (
                Article.objects.published().select_related(*joined).with_bylines()
                .prefetch_related(*related).with_modified_at().get(pk=self.kwargs["pk"])
            )
        except Article.DoesNotExist:
            article = (
                previewable_articles(self.request.user).select_related(*joined).with_bylines()
                .prefetch_related(*related).with_modified_at().filter(pk=self.kwargs["pk"]).first()
            )
            if article is None:
                raise Http404("No published story here.")
            self.preview = True
            return article

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.kwargs.get("slug") != self.object.slug:
            return redirect(self.object, permanent=not self.preview)
        response = self.render_to_response(self.get_context_data(object=self.object))
        if self.preview:
            add_never_cache_headers(response)
        return response

    def get_context_data(self, **kwargs):
        sections = Section.objects.tree_for(self.request)
        trail = self.object.trail(sections)
        return super().get_context_data(
            preview=self.preview,
            trail=trail,
            corrections=self.object.corrections.all(),
            related=Article.objects.published().related_to(self.object).for_listing()[:RELATED_STORIES],
            sharing=sharing_metadata(self.request, self.object, trail),
            **kwargs,
        )
