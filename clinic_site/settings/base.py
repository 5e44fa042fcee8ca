"""
Settings shared by every environment. Anything secret or host-specific comes from
the environment; dev.py and production.py decide what happens when it is missing.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
# What this checkout makes for itself and keeps (a development key, the generated admin
# password, the page cache's generation file): never committed.
LOCAL_DIR = Path(os.environ.get("LOCAL_DIR") or BASE_DIR / ".local")


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_required(name):
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} must be set.")
    return value


DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

# The project's apps, each importing only those below it (scripts/import_graph.py checks).
INSTALLED_APPS = [
    "home",
    "search",
    "intake",
    "staff",
    "siteops",
    "exercises",
    "django_tasks",
    "django_tasks_db",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.api.v2",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtailmedia",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "django.contrib.sitemaps",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Gzip for pages that carry no secret (BREACH); below WhiteNoise, whose files are
    # compressed already, and above the page cache, so stored pages are compressed too.
    "siteops.compression.ReaderPageGZipMiddleware",
    # Outside the page cache, so stored pages get the current policy too.
    "siteops.csp.SiteCSPMiddleware",
    # Early, so a stored page is served before sessions, CSRF and the database.
    "siteops.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "staff.two_factor.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Fills in Wagtail's route for the pages the page cache does not serve.
    "siteops.routing_cache.RoutingCacheMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a refused sign-in into the "paused" page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "clinic_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "siteops.context_processors.site_fragments",
            ],
        },
    },
]

WSGI_APPLICATION = "clinic_site.wsgi.application"


# Database: SQLite unless DATABASE_URL says otherwise.
#
# The SQLite options let several worker processes take form submissions at once:
# IMMEDIATE transactions take the write lock up front, so a writer waits up to
# `timeout` seconds instead of failing with "database is locked" when it upgrades a
# read lock; WAL lets readers carry on during a write; synchronous=FULL because
# NORMAL can lose the last commits on power loss, and these are patients'
# applications. Django does not check that the pragmas took effect: a test does.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;",
}


def database_from_env():
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": BASE_DIR / "db.sqlite3",
            "OPTIONS": dict(SQLITE_OPTIONS),
        }
    config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {**SQLITE_OPTIONS, **config.get("OPTIONS", {})}
    return config


DATABASES = {"default": database_from_env()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True


STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STATIC_URL = "/static/"

MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "siteops.storage.MediaStorage"},
    "staticfiles": {"BACKEND": "siteops.storage.StaticStorage"},
}

# Wagtail's page editor posts many fields for long routines.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000


# Email: console in development, SMTP when EMAIL_HOST is set.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "website@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)


# Staff sign-in (the Wagtail admin).
# django-axes pauses sign-in to an account from one address after LOGIN_FAILURE_LIMIT
# wrong passwords in a row, for LOGIN_COOLOFF_MINUTES. It counts by username and address
# together, so someone guessing from elsewhere cannot lock staff out of their own
# accounts at their own desks; a right password resets the count. Behind a proxy, set
# TRUSTED_PROXY_COUNT to the number of proxies that append to X-Forwarded-For, so the
# real client is counted (otherwise everyone shares the proxy's address); the right-most
# addresses, which the proxies wrote, are trusted, never what the client sent.
# AxesBackend (not the standalone one) so that sessions made without a sign-in form,
# such as Wagtail's preview checks and force_login, still find a get_user().
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "staff/login_locked.html"
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
# Not django-ipware's proxy count: it expects each proxy's own address in the header
# too, which a single nginx or load balancer does not add.
AXES_CLIENT_IP_CALLABLE = "siteops.client_ip.client_ip"
# Two-factor sign-in (staff/two_factor/): a code from an authenticator app, asked for by
# Wagtail's login form; required of anyone holding one of ADMIN_TWO_FACTOR_PERMISSIONS
# (always in production; dev.py lets a developer turn it off locally). Reading patient
# applications is such a permission.
WAGTAILADMIN_USER_LOGIN_FORM = "staff.two_factor.forms.LoginForm"
ADMIN_TWO_FACTOR_REQUIRED = True
ADMIN_TWO_FACTOR_PERMISSIONS = ["intake.view_applicationsubmission"]
OTP_TOTP_ISSUER = os.environ.get("WAGTAIL_SITE_NAME", "Physical Therapy Clinic")

# Wagtail
WAGTAIL_SITE_NAME = os.environ.get("WAGTAIL_SITE_NAME", "Physical Therapy Clinic")
WAGTAILADMIN_BASE_URL = (
    os.environ.get("WAGTAILADMIN_BASE_URL") or os.environ.get("SITE_URL") or "http://127.0.0.1:8000"
)
# The site's public address: `manage.py sync_site_url` (make run, make serve) points the
# default Wagtail Site at it, and the sitemap, feeds, API and canonical links follow.
SITE_URL = os.environ.get("SITE_URL") or WAGTAILADMIN_BASE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Handouts only. Downloads go through Django's serve view even from S3, so collection
# privacy applies and every response carries nosniff and a script-blocking CSP. The types
# are fixed here rather than guessed from the server's mime.types; PDFs open in the
# browser, everything else downloads.
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "txt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
    "txt": "text/plain",
}
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
# Photos and graphics; no SVG, which can carry script. The pixel limit (frames count too)
# caps what one upload takes to decode, about 160 MB, so a small file declaring huge
# dimensions is refused before it is decoded. A 24-megapixel phone photo fits.
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 15 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# Question help text on the New Patient Application is shown as typed, never as HTML.
WAGTAILFORMS_HELP_TEXT_ALLOW_HTML = False


# Content Security Policy (django-csp; siteops/csp.py picks the policy for each response).
# Readers' pages run no inline script or style and embed nothing, except that a page
# placing an exercise's YouTube or Vimeo player opens frame-src to that player on its
# own response (exercises/video.py; siteops/csp.py). production.py adds the media
# storage's host to img-src and media-src (uploaded videos and their captions).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "frame-src": [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }
}
# The Wagtail admin still writes inline scripts and styles (it needs no eval). Its
# dashboard asks releases.wagtail.org for the latest version. Previews are rendered as
# requests for the page's own URL, so they get the readers' policy: editors see what
# readers will.
# Staff avatars are uploaded or Wagtail's default, never Gravatar's: each admin page
# would otherwise send a hash of every shown staff member's email address elsewhere.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "connect-src": [SELF, "https://releases.wagtail.org"],
        "frame-src": [SELF],
    }
}


# New Patient Application (intake/).
# Applications hold health information: they are encrypted at rest, kept for a limited
# time, throttled per client across all worker processes, and kept out of error reports.
#
# Encryption (intake/encryption.py): APPLICATION_ENCRYPTION_KEY alone keys the
# applications (SECRET_KEY can be rotated on its own); it seals, and it and each of
# APPLICATION_ENCRYPTION_KEY_FALLBACKS (comma-separated) open. To rotate: put the new key
# in APPLICATION_ENCRYPTION_KEY, the old one in the fallbacks, run
# `manage.py rotate_application_key`, then drop the old one. For a while a comma list in
# APPLICATION_ENCRYPTION_KEY is read as the key followed by fallbacks. dev.py makes a
# local key; production.py refuses to start without a strong one.
_application_keys = env_list("APPLICATION_ENCRYPTION_KEY")
APPLICATION_ENCRYPTION_KEY = _application_keys[0] if _application_keys else ""
APPLICATION_ENCRYPTION_KEY_FALLBACKS = _application_keys[1:] + env_list(
    "APPLICATION_ENCRYPTION_KEY_FALLBACKS"
)
# Read only by the older field that the first migrations name (django-fernet-encrypted-
# fields, keyed from SECRET_KEY too); intake/migrations/0004 moved the rows off it.
SALT_KEY = _application_keys + env_list("APPLICATION_ENCRYPTION_KEY_FALLBACKS")
# Days an application is kept before `manage.py purge_applications` deletes it.
APPLICATION_RETENTION_DAYS = int(os.environ.get("APPLICATION_RETENTION_DAYS", "365"))
# Photos and PDFs patients attach (intake/uploads.py), each sealed by the keys above, in
# a folder outside MEDIA_ROOT so that no URL serves them: only the admin's download view.
APPLICATION_UPLOADS_DIR = Path(
    os.environ.get("APPLICATION_UPLOADS_DIR") or LOCAL_DIR / "application-uploads"
)
APPLICATION_UPLOAD_MAX_BYTES = 10 * 1024 * 1024
# Folders outside MEDIA_ROOT that `manage.py backup_site` archives and restore_site puts
# back with the database: {name in the archive: the setting naming the folder}, read when
# used (so a settings override moves it too). The uploads are sealed already.
BACKUP_FOLDERS = {"application-uploads": "APPLICATION_UPLOADS_DIR"}
# Stored applications per client and window ("count/s|m|h|d"); a client is an IP address
# (an IPv6 /64), behind a proxy as TRUSTED_PROXY_COUNT says (siteops/client_ip.py).
APPLICATION_RATE_LIMIT = os.environ.get("APPLICATION_RATE_LIMIT", "10/h")
# Forms sent back sooner than this after the page was loaded are asked to be sent again.
APPLICATION_MIN_FILL_SECONDS = int(os.environ.get("APPLICATION_MIN_FILL_SECONDS", "3"))
# Off: the notification email says only that an application arrived. On: it also gives
# the applicant's first name, preferred contact method and times (nothing about health).
APPLICATION_EMAIL_SUMMARY = env_bool("APPLICATION_EMAIL_SUMMARY", False)
# A slow mail server must not hold a patient's request (the application is stored first).
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
# A patient whose security (CSRF) cookie was missing or stale gets the application form
# back with every answer, not Django's technical 403 page.
CSRF_FAILURE_VIEW = "intake.views.csrf_failure"
# Error reports and the debug page never show what a visitor posted.
DEFAULT_EXCEPTION_REPORTER_FILTER = "intake.privacy.PatientDataExceptionReporterFilter"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Wagtail logs every page action and background task at INFO; keep the console readable.
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "django_tasks_db": {"level": "WARNING"},
        "modelsearch": {"level": "WARNING"},
        # Failed sign-ins and lockouts are warnings; its start-up banner is not.
        "axes": {"level": "WARNING"},
    },
}


# Background tasks (Django's tasks framework, which Wagtail 8 uses): queued in the
# database by django-tasks-db and run by `manage.py run_worker` (siteops/), which also
# publishes what editors scheduled every minute and purges old applications daily.
# `make run` and `make serve` start it beside the web server. README.md says how to
# move to Redis (RQ) or Celery instead. TASKS_BACKEND=django_tasks.backends.immediate.
# ImmediateBackend runs every task at once in the process that queues it (no worker).
TASKS = {
    "default": {"BACKEND": os.environ.get("TASKS_BACKEND") or "django_tasks_db.DatabaseBackend"}
}
# Render a page in the worker when it is published, so its image renditions exist.
WORKER_RENDER_ON_PUBLISH = env_bool("WORKER_RENDER_ON_PUBLISH", True)
# /healthz calls the worker "stale" when its last heartbeat is older than this.
WORKER_STALE_SECONDS = int(os.environ.get("WORKER_STALE_SECONDS", "300"))


# Caches. Local memory by default (one copy per worker process); Redis when REDIS_URL is
# set, shared by every worker and app server. Pages, renditions and the rest of the
# site share the backend but not the keys.
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "pages",
        },
    }
else:
    CACHES = {
        # Routes, fragments and renditions of a site of hundreds of articles.
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        },
    }

# Whole-page cache for anonymous readers (siteops/page_cache.py); each copy is kept
# while the content versions it was made under are current (siteops/content_versions.py).
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_ALIAS = "pages"
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
PAGE_CACHE_BROWSER_SECONDS = int(os.environ.get("PAGE_CACHE_BROWSER_SECONDS", "60"))
# With Redis every server sees the same versions; without it, local workers share the
# change times of the files in this folder.
PAGE_CACHE_SHARED = bool(REDIS_URL)
PAGE_CACHE_VERSIONS_DIR = os.environ.get(
    "PAGE_CACHE_VERSIONS_DIR", str(LOCAL_DIR / "content-versions")
)
# Pages that bypass the page cache (editors, visitors with a session, or the page cache
# off) still reuse a routine's rendered fragments until the routine's versions change.
# FRAGMENT_CACHE=0 turns them off (the benchmark compares both).
# The header and footer every page shows are kept the same way (templates/base.html);
# 0 seconds keeps nothing.
SITE_FRAGMENT_SECONDS = 0
if env_bool("FRAGMENT_CACHE", True):
    EXERCISES_CONTENT_VERSION = "siteops.content_versions.of_page"
    SITE_FRAGMENT_SECONDS = 60 * 60
# A new standard page clashing with an editor's own draft offers that draft too.
EXERCISES_RESUME_DRAFTS_OF_EVERY_PAGE_TYPE = True
