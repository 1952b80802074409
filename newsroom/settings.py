"""Settings for Newsroom: one module, read from the environment (see .env.example)."""
import os
from pathlib import Path

from datetime import timedelta

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from serving.storage import media_storage_from_env

BASE_DIR = Path(__file__).resolve().parent.parent


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_switch(name, default=False):
    """An on/off variable: 1 or 0, empty for its default. Anything else stops the start: `HTTPS=true` was read as off."""
    value = os.environ.get(name, "").strip()
    if value not in ("", "0", "1"):
        raise ImproperlyConfigured(f"{name} takes 1 (on) or 0 (off), not {value!r}.")
    return default if value == "" else value == "1"


DEBUG = os.environ.get("DEBUG") == "1"  # off unless asked; `make run` asks
SECRET_KEY = os.environ.get("SECRET_KEY") or ("insecure-dev-key-only-for-debug" if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "Set the SECRET_KEY environment variable: DEBUG is off, so Newsroom refuses to start "
        "with a guessable key. (For a local run, `make run` sets DEBUG=1.)"
    )

# The host check is domains.middleware.DomainMiddleware, against the Domain rows edited on the desk (README,
# "Alternate domains"): it refuses unknown and malformed hosts with 400 and hands Django a validated Host.
ALLOWED_HOSTS = ["*"]
# Hosts that act for the primary domain, on any port: `make run` on 127.0.0.1:8000, the test client.
DEV_HOSTS = env_list("DEV_HOSTS", "localhost,127.0.0.1,[::1],testserver")
# The address a local run is served on ("http://127.0.0.1:8000", set by `make run`): absolute links
# (canonical, og:url, preview links, feeds, sitemaps) name it instead of the Domain rows, which a laptop
# cannot resolve. Empty in production: links name the primary domain (or the reader's mirror).
LOCAL_SITE_URL = os.environ.get("LOCAL_SITE_URL", "").rstrip("/")
# Seconds each process may keep the domain list before asking the shared cache again.
DOMAIN_CACHE_SECONDS = int(os.environ.get("DOMAIN_CACHE_SECONDS", "5"))

INSTALLED_APPS = [
    "newsroom.apps.NewsroomAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",  # its templates: the sitemap index (articles/sitemaps.py)
    "taggit",
    "ckeditor",
    "reversion",
    "axes",
    "ninja",  # its templates and static files: the API docs load Swagger UI from our own origin (the CSP)
    "articles",
    "api",
    "domains",
    "desk",
    "planning",
    "notes",
    "live",
    "photos",
    "security",
    "serving",
    "demo",  # `seed_demo` only: no runtime module imports it
    "bench",  # `seed_bench`; the bare ceiling view only under bench/settings.py: no runtime module imports it
]

MIDDLEWARE = [
    "serving.pagecache.head_without_body",  # outermost: a HEAD's headers are its GET's, with no body
    "domains.middleware.DomainMiddleware",  # first: nothing may read the Host before it is checked
    "django.middleware.http.ConditionalGetMiddleware",  # ETag and 304s, for cached and fresh pages alike
    # The content API's keys and rate limits: before the page cache, so a cache hit is counted too (api/middleware.py).
    "api.middleware.ApiAccessMiddleware",
    # Readers' pages from the shared cache (README, "Caching"). Before the security headers and the CSP:
    # a stored page keeps the headers they set, so a hit is not charged for building them again.
    "serving.pagecache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "security.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "security.middleware.DatabaseUnavailableMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
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
    # An empty DATABASE_URL (.env.example's) is the SQLite file too: dj-database-url reads it as no database at all.
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DB_PREPARED_STATEMENTS = env_switch("DB_PREPARED_STATEMENTS", True)  # read on SQLite too: a bad value stops any start
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Fail fast when the database host does not answer, so readers get the 503 page, not a hung worker.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = int(os.environ.get("DB_CONNECT_TIMEOUT", "5"))
    if DB_PREPARED_STATEMENTS:
        # Parameters sent apart from the SQL, and a query run 5 times on a connection prepared: PostgreSQL then
        # plans it once, not at each run (planning a listing's query costs more than running it). Set 0 behind
        # a pooler in transaction mode that does not track prepared statements (PgBouncer before 1.21).
        DATABASES["default"]["OPTIONS"].update(server_side_binding=True, prepare_threshold=5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")  # empty: per-process memory cache, for development
if REDIS_URL and not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
    # redis-py reads the URL only at the first cache call: "host:port" passed every check, then every page was a 500.
    # Its value is not repeated: it may hold the password.
    raise ImproperlyConfigured("REDIS_URL must start with redis://, rediss:// or unix://, e.g. redis://127.0.0.1:6379/0.")
if os.environ.get("CACHE_BACKEND") == "dummy":
    # No cache of any kind (`make bench`'s "nothing cached" row): every read misses, every write is dropped.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
elif REDIS_URL:
    CACHES = {"default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", ""),  # several sites (or test runs) on one Redis
        # Fail fast when Redis is away: pages are then served uncached and /healthz says 503.
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# django-axes first: it refuses a locked-out account or address before any password is checked.
AUTHENTICATION_BACKENDS = [
    "security.backends.ThrottledLoginBackend",  # django-axes' AxesStandaloneBackend
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = os.environ.get("LANGUAGE_CODE", "en-gb")
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")  # the newsroom's zone: pages and the admin show times in it
USE_I18N = True
# The newsroom's translations of the pages' words (`make messages LANGUAGE=tr`, README "Translating").
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

STATIC_URL = "static/"
# A relative path (.env.example's `staticfiles`, `media`) is the project's folder, not the working directory's.
STATIC_ROOT = BASE_DIR / (os.environ.get("STATIC_ROOT") or "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = BASE_DIR / (os.environ.get("MEDIA_ROOT") or "media")
STORAGES = {
    # Local files, or an S3-compatible object store when AWS_STORAGE_BUCKET_NAME is set (serving/storage.py).
    "default": media_storage_from_env(os.environ),
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Behind a reverse proxy that sets X-Forwarded-Proto and X-Forwarded-Host, set TRUSTED_PROXY=1 so
# request.is_secure() is right and the domain check reads the forwarded host (ignored otherwise). The number is
# how many proxies append to X-Forwarded-For, which the login lockout reads: 2 for a balancer with Varnish behind it.
_trusted_proxy = os.environ.get("TRUSTED_PROXY", "").strip()
if _trusted_proxy and not (_trusted_proxy.isascii() and _trusted_proxy.isdecimal()):
    # Read as 0, `true` made a redirect loop behind the TLS balancer and one lockout address for every reader.
    raise ImproperlyConfigured(f"TRUSTED_PROXY takes the number of proxies in front (0, 1, 2…), not {_trusted_proxy!r}.")
TRUSTED_PROXY = int(_trusted_proxy or "0")
if TRUSTED_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Readers' page cache and front caches (README, "Caching"). No cached page outlives the next scheduled
# publication or expiry; a change purges the cache tags it affects, here and in every front cache.
PAGE_CACHE_ENABLED = env_switch("PAGE_CACHE", True)
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))  # in the app's shared cache
PAGE_CACHE_S_MAXAGE = int(os.environ.get("PAGE_CACHE_S_MAXAGE", "300"))  # front caches (Varnish, a CDN)
PAGE_CACHE_STALE_WHILE_REVALIDATE = int(os.environ.get("PAGE_CACHE_STALE_WHILE_REVALIDATE", "30"))
PAGE_CACHE_STALE_IF_ERROR = int(os.environ.get("PAGE_CACHE_STALE_IF_ERROR", "300"))
# On a miss, how long a request waits for another that is already rendering the same page (0: never).
PAGE_CACHE_RENDER_WAIT = float(os.environ.get("PAGE_CACHE_RENDER_WAIT", "3"))
# Reader pages by URL namespace: their views that name what they show (cache tags) are cached.
PAGE_CACHE_NAMESPACES = env_list("PAGE_CACHE_NAMESPACES", "articles,live,api,photos")
# Front caches to purge (Varnish with xkey: deploy/varnish.vcl), e.g. http://127.0.0.1:6081/
FRONT_CACHES = env_list("FRONT_CACHES")
for _url in FRONT_CACHES:
    if not _url.startswith(("http://", "https://")):
        # urllib refuses a bare host only when the purge is sent: its thread died, the other front caches' purges too.
        raise ImproperlyConfigured(f"FRONT_CACHES takes URLs, e.g. http://varnish-1.internal:6081/, not {_url!r}.")
FRONT_CACHE_TIMEOUT = float(os.environ.get("FRONT_CACHE_TIMEOUT", "2"))  # seconds per purge request
FRONT_CACHE_RETRIES = int(os.environ.get("FRONT_CACHE_RETRIES", "8"))  # attempts, pauses doubling from…
FRONT_CACHE_RETRY_SECONDS = float(os.environ.get("FRONT_CACHE_RETRY_SECONDS", "1"))
# A hard purge (something taken off the site) is sent again after these many seconds, for pages rendered before it
# and landing in the front cache after it: half a second (a withdrawal is gone in under one), and gunicorn's
# timeout, past which no render is still on its way.
FRONT_CACHE_REPEATS = [float(seconds) for seconds in env_list("FRONT_CACHE_REPEATS") or ["0.5", os.environ.get("GUNICORN_TIMEOUT", "30")]]

# The content API (README, "Content API"). Anonymous callers are allowed unless API_ANONYMOUS=0; keys
# (managed on the desk) get API_RATE_LIMIT requests per minute unless the key says otherwise.
API_ANONYMOUS = env_switch("API_ANONYMOUS", True)
API_RATE_LIMIT = int(os.environ.get("API_RATE_LIMIT", "600"))
API_PAGE_SIZE = int(os.environ.get("API_PAGE_SIZE", "20"))
API_MAX_PAGE_SIZE = int(os.environ.get("API_MAX_PAGE_SIZE", "100"))
# A change enters the changes feed once it is this old: a save's time is read before its commit.
API_CHANGES_SETTLE_SECONDS = int(os.environ.get("API_CHANGES_SETTLE_SECONDS", "5"))

SITE_NAME = os.environ.get("SITE_NAME", "The Newsroom")
ARTICLES_PER_PAGE = int(os.environ.get("ARTICLES_PER_PAGE", "12"))
FEED_ITEMS = int(os.environ.get("FEED_ITEMS", "30"))  # stories per RSS/Atom feed
# PostgreSQL text-search configuration (stemming, stop words) for search; after changing it run
# `manage.py refresh_search_index`. `simple` indexes words as they are, for any language.
SEARCH_CONFIG = os.environ.get("SEARCH_CONFIG", "english")

# Article bodies: refused before sanitising when larger or deeper than this (sanitisers slow down
# sharply on deeply nested HTML; a form error is better than a worker tied up for minutes).
# How often the desk keeps a private copy of a story form that changed (desk/autosave.py).
DESK_AUTOSAVE_SECONDS = int(os.environ.get("DESK_AUTOSAVE_SECONDS", "15"))
ARTICLE_BODY_MAX_BYTES = int(os.environ.get("ARTICLE_BODY_MAX_BYTES", str(200 * 1024)))
ARTICLE_BODY_MAX_DEPTH = int(os.environ.get("ARTICLE_BODY_MAX_DEPTH", "40"))
# A story pasted whole from a word processor can be megabytes of HTML. Django refuses a form over 2.5 MB
# before any form sees it (a bare 400); let such a post reach the article form, whose size cap then says
# what is wrong. Uploads (photos) stream to disk and are not counted here.
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("DATA_UPLOAD_MAX_MEMORY_SIZE", str(10 * 1024 * 1024)))

# Photos (README.md, "Photos and credits"): uploads over either limit are refused with a form error.
# The pixel limit is checked from the header, before decoding: it is what stops decompression bombs.
PHOTO_MAX_UPLOAD_BYTES = int(os.environ.get("PHOTO_MAX_UPLOAD_BYTES", str(25 * 1024 * 1024)))
PHOTO_MAX_PIXELS = int(os.environ.get("PHOTO_MAX_PIXELS", str(50_000_000)))

TAGGIT_CASE_INSENSITIVE = True

# Draft preview links (desk app): how long a new link works before it expires.
PREVIEW_LINK_HOURS = int(os.environ.get("PREVIEW_LINK_HOURS", "48"))
# Mail: the console unless EMAIL_BACKEND names a real one (with Django's EMAIL_HOST etc.).
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
# An authenticated relay (a mail provider's submission port): its login, and STARTTLS (587) or TLS from the start (465).
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_switch("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_switch("EMAIL_USE_SSL")
# Seconds to wait on the mail server: mail goes out in the request, which gunicorn kills at GUNICORN_TIMEOUT (Django's
# default waited for ever on a relay that never answers, or a port 25 a firewall drops).
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "newsroom@localhost")
# Mail the people (and desks' members) a note @mentions; they see it on their desk home either way.
NOTES_EMAIL_MENTIONS = env_switch("NOTES_EMAIL_MENTIONS")

# CKEditor 4 is staff-only here, its output is sanitised server-side with nh3 on every save, and it has
# no upload endpoint: README.md ("Rich text editor") explains why ckeditor.W001 is silenced.
# models.W040: the listing indexes carry covering columns (INCLUDE) that PostgreSQL reads and SQLite,
# the first-run database, ignores; the indexes still work there.
SILENCED_SYSTEM_CHECKS = ["ckeditor.W001", "models.W040"]
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
        "removePlugins": "image,uploadimage,uploadwidget,flash,iframe,forms,exportpdf",
        # Edit in a <div> rather than CKEditor's default <iframe>, whose bootstrap is an inline <script>
        # that the desk's Content Security Policy refuses (README.md, "Security").
        "extraPlugins": "divarea",
        # The sanitiser drops targets, classes, ids and styles on links anyway, and there are no uploads;
        # the upload tab's hidden <iframe> form is also an inline script.
        "removeDialogTabs": "link:upload;link:advanced;link:target",
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

# One JSON object per line (newsroom/logging.py), with no cookies, session data, headers or POST bodies.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "newsroom.logging.JSONFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django gives its logger a plain console handler under DEBUG (`make run`): every 403 and 404 came
        # twice, once with a traceback. Its records, runserver's access lines included, are JSON lines only.
        "django": {"handlers": [], "level": os.environ.get("LOG_LEVEL", "INFO")},
        # Axes logs several lines per attempt; security/audit.py logs one event per login instead.
        "axes": {"level": "ERROR"},
    },
}

# ---------------------------------------------------------------------------------------------------
# Hardening (README.md, "Security"). HTTPS=1 is the production switch: it turns on every setting that
# only makes sense behind TLS, and `manage.py check --deploy` is then clean. Plain-http development
# (`make run`) and the test suite leave it off.
HTTPS = env_switch("HTTPS")
SECURE_SSL_REDIRECT = env_switch("SECURE_SSL_REDIRECT", True) and HTTPS
# Health checks (a load balancer's, Varnish's probe) ask over plain http: /healthz answers them, never 301.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600))) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_switch("SECURE_HSTS_INCLUDE_SUBDOMAINS", True) and HTTPS
SECURE_HSTS_PRELOAD = env_switch("SECURE_HSTS_PRELOAD", True) and HTTPS
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
# A desk login ends this long after it was made (a long shift by default), not after Django's two weeks: a laptop
# left logged in is not a desk account for a fortnight. Not moved on by use: that would save the whole session at
# every request (a live page's poll included), over what another tab had just put in it (a refused note's text).
# A form open when it ends keeps its text (README, "A session that ended under an open form").
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_SECONDS", str(12 * 3600)))
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True  # the desk's scripts never read the token from the cookie
CSRF_FAILURE_VIEW = "desk.views.csrf_failure"  # on the desk, the refusal gives back what was typed
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# The desk's address: moving it off /admin/ keeps it out of most drive-by scans.
ADMIN_PATH = (os.environ.get("ADMIN_PATH", "admin/").strip("/") or "admin") + "/"

# Content Security Policy (django-csp). Readers get a policy with no inline scripts or styles at all;
# the desk gets its own (security/middleware.py), relaxed only as far as the admin and CKEditor 4 need.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        # The admin and CKEditor set style attributes and inject <style> elements.
        "style-src": ["'self'", "'unsafe-inline'"],
    },
}
# Pages that load CKEditor 4: its toolbar is built from inline event handlers (onclick="…"), which
# only script-src-attr may allow; inline <script> elements stay forbidden.
RICH_TEXT_EDITOR_CSP_UPDATE = {"script-src-attr": ["'unsafe-inline'"]}

# Login throttling (django-axes): AXES_FAILURE_LIMIT failed logins lock the account, from any address,
# and the address, for any account, until AXES_COOLOFF_MINUTES pass without another failure.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # either one locks
# A login clears its own account's failures only (security/audit.py): axes' reset would clear every one from its
# address too, those against colleagues included (guess 4 times, log in to your own account, guess again: no
# lockout ever came).
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_CALLABLE = "security.views.lockout"  # security/lockout.html, with Retry-After
AXES_HTTP_RESPONSE_CODE = 429
AXES_CLIENT_IP_CALLABLE = "security.audit.client_ip"
AXES_VERBOSE = False

# Seconds a reader is asked to wait (Retry-After) when the database does not answer.
DATABASE_UNAVAILABLE_RETRY_AFTER = int(os.environ.get("DATABASE_UNAVAILABLE_RETRY_AFTER", "30"))
