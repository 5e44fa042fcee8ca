"""Test settings: fast hashing, in-memory mail and cache, static files unhashed."""

import tempfile
from pathlib import Path

from .dev import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key"
ALLOWED_HOSTS = ["*"]

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}
# Tests see fresh pages; tests/test_page_cache.py turns the page cache on where it checks it.
PAGE_CACHE_ENABLED = False
PAGE_CACHE_SHARED = False

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"

# Uploaded and generated images go to a throwaway folder, never the developer's media/.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="clinic-test-media-"))

# Serve static files straight from the apps in tests; no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# New Patient Application: a fixed key, whatever the developer's local one is.
SALT_KEY = ["test-only-application-encryption-key"]
PAGE_CACHE_GENERATION_FILE = str(Path(tempfile.mkdtemp(prefix="clinic-test-cache-")) / "generation")

# Django's test client signs in without a request, which django-axes refuses;
# tests/test_login_throttling.py turns it on where it checks it.
AXES_ENABLED = False
