"""Settings for the Seoul Policy Archive portal.

Everything that differs between machines comes from environment variables (see the README's
configuration table). Bad values fail loudly at start-up; with DJANGO_DEBUG off the portal refuses
to start without DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS.
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from archive_portal.lib.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
_LOCAL_SECRET_KEY_FILE = BASE_DIR / "var" / "secret_key"
if not DEBUG and not SECRET_KEY and not env_str("DATABASE_URL") and _LOCAL_SECRET_KEY_FILE.exists():
    # After `make run` on this machine (local cluster, no environment): the key it generated, so
    # `.venv/bin/python manage.py ...` works with no environment set. Never the case in production,
    # which always sets DATABASE_URL.
    SECRET_KEY = _LOCAL_SECRET_KEY_FILE.read_text(encoding="utf-8").strip()
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost"]
if DEBUG:
    SECRET_KEY = SECRET_KEY or "insecure-development-key-never-used-in-production"
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]"]
else:
    if not SECRET_KEY:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must be set when DJANGO_DEBUG is off.")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Before the admin: its TranslationAdmin shows each translated field's Korean and English
    # columns side by side. Each app registers its translated fields in <app>/translation.py.
    "modeltranslation",
    # django.contrib.admin, with the staff site that asks for a second factor (admin_site.py).
    "archive_portal.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "django_filters",
    "django_countries",
    "simple_history",
    "django_prose_editor",  # only its static files: the editor bundle (archive_portal.lib.editor)
    "django_otp",  # TOTP second factor for staff (archive_portal/admin_site.py)
    "django_otp.plugins.otp_totp",
    "axes",  # admin sign-in throttling: lockout and a log of attempts
    "archive_portal",
    "news",
    "publications",
    "training",
    "sdg_plan",
]

# What each app plugs into the shared pages (search, sitemaps, home page, seed content, staff
# groups, benchmark rows), in the order the pages list them: see archive_portal/sections.py.
PORTAL_SECTIONS = [
    "archive_portal.section.section",
    "news.section.section",
    "publications.section.section",
    "training.section.section",
    "sdg_plan.section.section",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "archive_portal.middleware.MalformedInput",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "archive_portal.middleware.ContentSecurityPolicy",  # django-csp's, the header built once
    # Before the session and the language machinery: a cached page skips them (pagecache.py).
    "archive_portal.pagecache.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "archive_portal.middleware.StaffSessionExpiry",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "archive_portal.context_processors.site",
            ],
        },
    },
]

# Database: DATABASE_URL, or the project-local cluster that `make run` starts under var/pg
# (unix socket only, superuser `postgres`, database `portal`).
_database_url = env_str("DATABASE_URL")
if _database_url:
    try:
        _database = dj_database_url.parse(_database_url)
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL is not a valid database URL: {exc}") from None
    if _database["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured("DATABASE_URL must point at PostgreSQL (postgres://...).")
else:
    _database = {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "portal",
        "USER": "postgres",
        "HOST": str(BASE_DIR / "var" / "pg"),
    }
# Persistent connections: a new connection costs ~2.6 ms per request here. Each is checked
# (`SELECT 1`) before a request reuses it, unless it was used less than
# DATABASE_HEALTH_CHECK_IDLE_SECONDS ago (archive_portal/db/base.py; 0: check every request).
_database["ENGINE"] = "archive_portal.db"  # Django's PostgreSQL backend, that check aside
_database["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 60)
_database["CONN_HEALTH_CHECKS"] = True
_database["HEALTH_CHECK_IDLE_SECONDS"] = env_int("DATABASE_HEALTH_CHECK_IDLE_SECONDS", 1)
DATABASES = {"default": _database}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: local memory by default; a shared Redis when scaled out (CACHE_URL=redis://...).
_cache_url = env_str("CACHE_URL")
if _cache_url.startswith(("redis://", "rediss://")):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _cache_url,
        }
    }
elif _cache_url in ("", "locmem://"):
    # Django's default of 300 entries is too few once list cards and detail bodies are cached
    # fragments (archive_portal/fragments.py): at 300 the cache culls a third of itself on most
    # misses. Entries are small (a card is about 1 kB, a page 15–100 kB).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 20000)},
        }
    }
elif _cache_url == "dummy://":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
else:
    raise ImproperlyConfigured("CACHE_URL must be redis://..., rediss://..., locmem:// or dummy://")

# The whole-page cache of anonymous public pages (archive_portal/pagecache.py, README "Caching").
# PAGE_CACHE_SECONDS=0 turns it off. Browsers and a reverse proxy are told max-age (short: staff
# edits show everywhere within a couple of seconds) and stale-while-revalidate.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
PAGE_CACHE_MAX_AGE = env_int("PAGE_CACHE_MAX_AGE", 2)
PAGE_CACHE_STALE_WHILE_REVALIDATE = env_int("PAGE_CACHE_STALE_WHILE_REVALIDATE", 30)
PAGE_CACHE_CHECK_SECONDS = 1  # how often each process looks at the content generation
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_EXCLUDED_PREFIXES = ("/admin/",)
# Cached fragments (archive_portal/fragments.py): the costly parts many pages or requests share
# (SDG tables, home blocks, footer), kept under the same content generation, so they change with
# the content exactly as the page cache does; also when the page cache is off. 0 turns them off.
FRAGMENT_CACHE_SECONDS = env_int("FRAGMENT_CACHE_SECONDS", 600)
# A search's counts and ranked matches are kept per query like a fragment (search_views.py);
# false runs every search (make bench's latency table measures the search itself that way).
SEARCH_RESULTS_CACHE = env_bool("SEARCH_RESULTS_CACHE", True)
# Counters such as a news item's views are kept in each process and written to the database in
# one UPDATE at most this many seconds after a count (archive_portal/lib/counters.py), so a page
# served from the cache costs no write; 0 writes every count at once.
COUNTER_FLUSH_SECONDS = env_int("COUNTER_FLUSH_SECONDS", 5)

# Staff sign-in. django-axes first: it refuses a locked-out client before the password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Lockout after AXES_FAILURE_LIMIT wrong passwords for one username from one address, for
# AXES_COOLOFF_TIME; every attempt and lockout is kept (admin: Axes > Access attempts/failures)
# and logged. By username *and* address, so that nobody can lock a colleague out from elsewhere.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 30) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False  # no banner at every start; attempts and lockouts are still logged
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
# Behind the reverse proxy the client address is the proxy's unless its X-Forwarded-For is
# trusted (TRAINING_TRUST_X_FORWARDED_FOR, the same switch as the nomination rate limit).
AXES_CLIENT_IP_CALLABLE = "archive_portal.lib.client.client_address"

# Two-factor authentication for staff (django-otp, TOTP): always for superusers and for staff
# holding any of these permissions (the Training reviewers: nominees' personal data), and for
# anyone who has set up an authenticator. DJANGO_ADMIN_REQUIRE_2FA=false relaxes it to the
# latter only: for a local preview (`make run` sets it) and tests that are not about sign-in.
ADMIN_REQUIRE_2FA = env_bool("DJANGO_ADMIN_REQUIRE_2FA", True)
ADMIN_2FA_PERMISSIONS = ["training.view_nomination"]
OTP_TOTP_ISSUER = "Seoul Policy Archive"

# Staff sessions end after 30 minutes without a request and 10 hours after signing in
# (archive_portal.middleware.StaffSessionExpiry); the public's sessions (form drafts) keep
# Django's default age.
STAFF_SESSION_IDLE_SECONDS = env_int("STAFF_SESSION_IDLE_MINUTES", 30) * 60
STAFF_SESSION_MAX_SECONDS = env_int("STAFF_SESSION_MAX_HOURS", 10) * 3600

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: Korean first, English second; every public URL carries its language.
LANGUAGE_CODE = "ko"
LANGUAGES = [("ko", _("Korean")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Content in both languages (django-modeltranslation): `title` reads `title_en` on /en/ and falls
# back to `title_ko` where no English exists; templates mark that fallback lang="ko"
# (archive_portal.lib.bilingual). Nothing is machine-translated.
MODELTRANSLATION_DEFAULT_LANGUAGE = "ko"
MODELTRANSLATION_LANGUAGES = ("ko", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("ko",)
# English dates and numbers on /en/ ("1 July 2025", "338,981"): config/formats/en/formats.py.
FORMAT_MODULE_PATH = ["config.formats"]

# django-countries supplies the country names of the nomination form; where its Korean names are
# outdated or wrong, they are corrected here, in one place (Korean in locale/ko, context
# "country"; the English names stay django-countries' own). The form sorts them by each
# language's collation (archive_portal.lib.collation, ICU).
COUNTRIES_OVERRIDE = {
    "TH": pgettext_lazy("country", "Thailand"),  # 타이 -> 태국
    "TR": pgettext_lazy("country", "Türkiye"),  # 터키 -> 튀르키예 (the country's name since 2022)
    "KY": pgettext_lazy("country", "Cayman Islands"),  # "케이맨 섬1": a typo in the catalogue
}
TIME_ZONE = "Asia/Seoul"
USE_I18N = True
USE_TZ = True

# Static and media files
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("DJANGO_MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# With object storage, /media/ checks a file's item as ever, then redirects to a signed address
# of the object that lives this many seconds (archive_portal/storage.py).
MEDIA_SIGNED_URL_SECONDS = env_int("DJANGO_MEDIA_SIGNED_URL_SECONDS", 60)
if env_str("AWS_STORAGE_BUCKET_NAME"):
    # S3-compatible media storage through django-storages (the s3 extra: in the Docker image and
    # the development lock). The bucket stays private: pages link /media/<name>, never the bucket.
    STORAGES["default"] = {
        "BACKEND": "archive_portal.storage.ObjectStorage",
        "OPTIONS": {
            "bucket_name": env_str("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL") or None,
            "region_name": env_str("AWS_S3_REGION_NAME") or None,
            "default_acl": None,
            "querystring_auth": True,
        },
    }
# Uploaded files are served by archive_portal.media, which checks their item is public. In
# production set this to the proxy's internal location (e.g. /_protected_media/): the app then
# answers with X-Accel-Redirect and the proxy sends the file (README, "Production deployment").
MEDIA_ACCEL_REDIRECT = env_str("DJANGO_MEDIA_ACCEL_REDIRECT", "")
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# A request body without its files: Django's default. The longest nomination is about 50,000
# characters (training/flow.py MAX_DRAFT_CHARS); a bigger form body is refused with a 400.
DATA_UPLOAD_MAX_MEMORY_SIZE = int(2.5 * 1024 * 1024)
# Fields per request: a nomination posts about 200 at most, an admin page with inlines a few
# hundred (Django's default, stated here as a limit we rely on); files per request.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 20
UPLOAD_MAX_SIZE_MB = env_int("UPLOAD_MAX_SIZE_MB", 50)
# An archive (ZIP, HWPX, DOCX…) may unpack to at most this much (a "zip bomb" is refused).
UPLOAD_MAX_INFLATED_SIZE_MB = env_int("UPLOAD_MAX_INFLATED_SIZE_MB", 150)
# The size is checked while a file arrives: past the limit its bytes are not kept.
FILE_UPLOAD_HANDLERS = [
    "archive_portal.lib.uploads.SizeLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# Invited-training nominations: rate limits per client address and hour, counted in the database
# (archive_portal.lib.ratelimit: the same count for every worker and instance). Behind a reverse
# proxy every visitor shares the proxy's address unless the proxy's X-Forwarded-For is trusted.
TRAINING_TRUST_X_FORWARDED_FOR = env_bool("TRAINING_TRUST_X_FORWARDED_FOR", False)
TRAINING_SUBMISSIONS_PER_HOUR = env_int("TRAINING_SUBMISSIONS_PER_HOUR", 5)
# Every POST of the form (continue, add or remove a row): a firm needs a few dozen.
TRAINING_FORM_STEPS_PER_HOUR = env_int("TRAINING_FORM_STEPS_PER_HOUR", 200)
# "Learn this policy in Seoul" requests: per hour and network address, and who is told of one
# (besides the admin list; empty: nobody is emailed).
TRAINING_REQUESTS_PER_HOUR = env_int("TRAINING_REQUESTS_PER_HOUR", 5)
TRAINING_REQUESTS_EMAIL = env_list("TRAINING_REQUESTS_EMAIL")
# Email subscriptions to new calls, news and publications: subscribe-form posts accepted per
# hour and network address (training.subscriptions also caps confirmation emails per address).
TRAINING_SUBSCRIPTIONS_PER_HOUR = env_int("TRAINING_SUBSCRIPTIONS_PER_HOUR", 5)

# Email: console in development (private-link tokens redacted), SMTP from the environment in
# production.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "archive_portal.lib.redact.RedactingConsoleEmailBackend"
    if DEBUG or not env_str("EMAIL_HOST")
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "서울정책아카이브 <no-reply@seoulsolution.kr>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security. On by default whenever DEBUG is off; a TLS-terminating proxy sets X-Forwarded-Proto
# and DJANGO_SECURE_PROXY_SSL_HEADER=true. `make run` (a local preview over http) turns the
# redirect, secure cookies and HSTS off through the variables below.
_secure = not DEBUG
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", _secure)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", _secure)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000 if _secure else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
if env_bool("DJANGO_SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Content-Security-Policy (django-csp): no inline script or style, on public pages and in the
# admin alike (Django 5.2's admin templates have none; ours and the body editor load files only).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "https:"],
        "font-src": ["'self'"],
        "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

# Paths whose next segment is a private-link token: redacted from logs and console email
# (archive_portal.lib.redact).
PRIVATE_LINK_PREFIXES = [
    "/training/nominations/",
    # A subscription's links: whoever has them can confirm or end it.
    "/training/subscribe/confirm/",
    "/training/subscribe/unsubscribe/",
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"private_links": {"()": "archive_portal.lib.redact.RedactPrivateLinks"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["private_links"]},
    },
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.security.csrf": {"level": "WARNING"},
        # Request lines (runserver's, gunicorn's access log) go through the same filter.
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# The site's own identity, used in templates, feeds and citations.
SITE_NAME = _("Seoul Policy Archive")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
