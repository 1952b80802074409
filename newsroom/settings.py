"""Settings for Newsroom: one module, read from the environment (see .env.example)."""
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from serving.storage import media_storage_from_env

BASE_DIR = Path(__file__).resolve().parent.parent


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = os.environ.get("DEBUG") == "1"  # off unless asked; `make run` asks
SECRET_KEY = os.environ.get("SECRET_KEY") or ("insecure-dev-key-only-for-debug" if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "Set the SECRET_KEY environment variable: DEBUG is off, so Newsroom refuses to start "
        "with a guessable key. (For a local run, `make run` sets DEBUG=1.)"
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")

INSTALLED_APPS = [
    "newsroom.apps.NewsroomAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "taggit",
    "ckeditor",
    "articles",
    "serving",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The host check (domains) goes here, before the page cache: a refused host must never get a cached page.
    "django.middleware.http.ConditionalGetMiddleware",  # ETag and 304s, for cached and fresh pages alike
    "serving.pagecache.PageCacheMiddleware",  # readers' pages from the shared cache (README, "Caching")
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "newsroom.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "articles.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "newsroom.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")  # empty: per-process memory cache, for development
if REDIS_URL:
    CACHES = {"default": {
        "BACKEND": "serving.cache.RedisCache",  # Django's, reusing its client objects (serving/cache.py)
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", ""),  # several sites (or test runs) on one Redis
        # Fail fast when Redis is away: pages are then served uncached and /healthz says 503.
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = os.environ.get("LANGUAGE_CODE", "en-gb")
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")  # the newsroom's zone: pages and the admin show times in it
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    # Local files, or an S3-compatible object store when AWS_STORAGE_BUCKET_NAME is set (serving/storage.py).
    "default": media_storage_from_env(os.environ),
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Behind a reverse proxy that sets X-Forwarded-Proto, set TRUSTED_PROXY=1 so request.is_secure() is right.
if os.environ.get("TRUSTED_PROXY") == "1":
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Readers' page cache (serving/pagecache.py). Entries never outlive the next scheduled publication or
# expiry, and any content change invalidates them at once on every app server.
PAGE_CACHE_ENABLED = os.environ.get("PAGE_CACHE", "1") == "1"
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))  # in the shared cache
PAGE_CACHE_MAX_AGE = int(os.environ.get("PAGE_CACHE_MAX_AGE", "60"))  # browsers
PAGE_CACHE_S_MAXAGE = int(os.environ.get("PAGE_CACHE_S_MAXAGE", "60"))  # CDNs and proxies
PAGE_CACHE_STALE_WHILE_REVALIDATE = int(os.environ.get("PAGE_CACHE_STALE_WHILE_REVALIDATE", "30"))
# Reader pages by URL namespace; other views opt in with serving.pagecache.page_cache.
PAGE_CACHE_NAMESPACES = env_list("PAGE_CACHE_NAMESPACES", "articles")
# `make bench` only: the bare ceiling view and the cache-bypass header. Never in production.
BENCH = os.environ.get("BENCH") == "1"

SITE_NAME = os.environ.get("SITE_NAME", "The Newsroom")
ARTICLES_PER_PAGE = int(os.environ.get("ARTICLES_PER_PAGE", "12"))

# Article bodies: refused before sanitising when larger or deeper than this (sanitisers slow down
# sharply on deeply nested HTML; a form error is better than a worker tied up for minutes).
ARTICLE_BODY_MAX_BYTES = int(os.environ.get("ARTICLE_BODY_MAX_BYTES", str(200 * 1024)))
ARTICLE_BODY_MAX_DEPTH = int(os.environ.get("ARTICLE_BODY_MAX_DEPTH", "40"))

TAGGIT_CASE_INSENSITIVE = True

# CKEditor 4 is staff-only here, its output is sanitised server-side with nh3 on every save, and it has
# no upload endpoint: README.md ("Rich text editor") explains why ckeditor.W001 is silenced.
SILENCED_SYSTEM_CHECKS = ["ckeditor.W001"]
CKEDITOR_BASEPATH = f"/{STATIC_URL}ckeditor/ckeditor/"
CKEDITOR_CONFIGS = {
    "default": {
        "toolbar": "Newsroom",
        "toolbar_Newsroom": [
            ["Format"],
            ["Bold", "Italic", "Strike", "-", "RemoveFormat"],
            ["NumberedList", "BulletedList", "-", "Blockquote"],
            ["Link", "Unlink"],
            ["Undo", "Redo"],
            ["Source", "Maximize"],
        ],
        "format_tags": "p;h2;h3;h4",
        "removePlugins": "image,uploadimage,uploadwidget,flash,iframe,forms",
        "height": 420,
        "width": "100%",
        # Keep the editor's output inside what the sanitiser keeps, so editors see what readers get.
        "allowedContent": (
            "p h2 h3 h4 strong em s blockquote ul ol li br;"
            "a[!href,title]"
        ),
        "disableNativeSpellChecker": False,
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"line": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "line"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
