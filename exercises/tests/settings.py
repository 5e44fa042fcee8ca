"""
A minimal host site for the plugin's own tests: `exercises` is its only project app.

Nothing of the clinic's site is installed, so a test that passes here proves the plugin
works in any Wagtail project. DEFAULT_AUTO_FIELD differs from the plugin's pinned one on
purpose: a host's setting must never need a migration inside the plugin.

SQLite in memory by default; CI sets DATABASE_URL to run the suite on PostgreSQL too.
Uploads and renditions go to a throwaway folder, never into the checkout.
"""

import os
import tempfile
from pathlib import Path

import dj_database_url

HERE = Path(__file__).resolve().parent

SECRET_KEY = "exercises-tests-only"
DEBUG = False
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "exercises.tests.urls"
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"  # unlike the plugin's BigAutoField
USE_TZ = True
TIME_ZONE = "UTC"

INSTALLED_APPS = [
    "exercises",
    "wagtail.contrib.routable_page",
    "wagtail.api.v2",
    "wagtail.images",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtailmedia",
    "wagtail.users",
    "wagtail.admin",
    "wagtail.search",
    "wagtail",
    "rest_framework",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [HERE / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"])}
else:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

STATIC_URL = "/static/"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="exercises-tests-"))
MEDIA_URL = "/media/"

WAGTAIL_SITE_NAME = "Another clinic"
WAGTAILADMIN_BASE_URL = "http://testserver"
# The database backend, as a host's; not updated on every save (a third of the time each
# publish takes here): the tests that search index what they search (test_search.py).
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}
}

# The host says when anything a routine shows has changed; here tests say so themselves.
EXERCISES_CONTENT_VERSION = "exercises.tests.content_version.current"
