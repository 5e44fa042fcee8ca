"""
A minimal host site with `exercises` as its only project app, to prove the plugin
stands alone: no `home`, no `clinic_site` settings, and a different DEFAULT_AUTO_FIELD.
"""

from pathlib import Path

HERE = Path(__file__).resolve().parent

SECRET_KEY = "plugin-only-test"
DEBUG = False
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "tests.plugin_only.urls"
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"  # unlike the plugin's own
USE_TZ = True

INSTALLED_APPS = [
    "exercises",
    "wagtail.images",
    "wagtail.snippets",
    "wagtail.users",
    "wagtail.documents",
    "wagtail.admin",
    "wagtail.search",
    "wagtail",
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
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
STATIC_URL = "/static/"
MEDIA_ROOT = HERE / ".media"
MEDIA_URL = "/media/"
WAGTAIL_SITE_NAME = "Another clinic"
WAGTAILADMIN_BASE_URL = "http://testserver"
EXERCISES_LIBRARY_PAGE_SIZE = 1
