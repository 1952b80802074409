"""The desk: the story admin and its workflow pages."""
from .article import ArticleAdmin

__all__ = ["ArticleAdmin"]
