"""What apps above articles add to a story's page (live coverage: live/apps.py). Articles knows none of
them: they register here from their AppConfig.ready(), as articles tells photos about stories
(photos/uses.py).

- `select_related`: relations fetched with the story in its one query (a reverse one-to-one costs no
  extra query, whether the story has the row or not);
- `part(request, article, context)`: adds to the story's context. It may append to
  `context["story_parts"]` (HTML after the body), `context["head_parts"]` (HTML in <head>),
  `context["story_scripts"]` (static script URLs) and `context["sharing"]["json_ld"]`, and names the
  cache tags of what it shows itself (serving.tags.add);
- `changed_at()`: an expression (a subquery on `OuterRef("pk")`) giving the latest moment it changed the
  story's page by itself (live: the newest published entry). `Article.modified_at` takes it into account,
  so the page's JSON-LD `dateModified` and `article:modified_time`, the sitemaps' `lastmod` and the
  feeds' `updated` all say the same moment. Whatever changes that moment purges `sitemaps` too;
- `left_at()`: a query of one value, the latest moment a save or a delete took a story off the site, or none (the
  API's record of withdrawals: api/removals.py). `ArticleQuerySet.left_site_at()` takes it into account, so a feed's
  date and the sitemap index's lastmod move forward when a story leaves, never back;
- `banner(request, section_id)`: HTML under the masthead of every reader page (live: the breaking-news
  alerts), for the page's section or None; it names the cache tags of what it shows around the page
  (serving.tags.add_around: they alone do not make a page that names nothing cacheable).
"""
related: list[str] = []
parts: list = []
changed: list = []
banners: list = []
left: list = []


def register(*, select_related: tuple[str, ...] = (), part=None, changed_at=None, banner=None, left_at=None) -> None:
    related.extend(name for name in select_related if name not in related)
    if part is not None and part not in parts:
        parts.append(part)
    if changed_at is not None and changed_at not in changed:
        changed.append(changed_at)
    if banner is not None and banner not in banners:
        banners.append(banner)
    if left_at is not None and left_at not in left:
        left.append(left_at)


def changed_names() -> list[str]:
    """The names `ArticleQuerySet.with_modified_at()` gives the registered moments."""
    return [f"changed_{index}" for index in range(len(changed))]


def changed_annotations() -> dict:
    return {name: changed_at() for name, changed_at in zip(changed_names(), changed)}


def extend(request, article, context: dict) -> None:
    context.update(story_parts=[], head_parts=[], story_scripts=[])
    for part in parts:
        part(request, article, context)
