"""The story and what hangs off it: sections, corrections, the photos placed in its body."""
from .article import Article, ArticleConflict, REVISION_FIELDS
from .correction import Correction
from .photo_use import ArticlePhoto, PhotoInColumn
from .queries import ArticleQuerySet, bylines_prefetch
from .section import Section, SectionQuerySet

__all__ = [
    "REVISION_FIELDS", "Article", "ArticleConflict", "ArticlePhoto", "PhotoInColumn", "ArticleQuerySet", "Correction", "Section",
    "SectionQuerySet", "bylines_prefetch",
]
