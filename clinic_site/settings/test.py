"""
Test settings: fast hashing, in-memory mail and cache, static files unhashed, and
nothing written into the checkout (media, the cache generation and keys are in a
throwaway folder or fixed here). Built on base.py, not dev.py, which keeps a local
encryption key in .local/.
"""

import atexit
import shutil
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key"
ALLOWED_HOSTS = ["*"]
# Off as on a developer's machine; tests/staff/test_two_factor.py turns it on.
ADMIN_TWO_FACTOR_REQUIRED = False

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
WAGTAILADMIN_BASE_URL = SITE_URL = "http://testserver"

# One throwaway folder per test run for what the site writes: uploads and renditions,
# never the developer's media/, and the page cache's generation file.
TEST_RUN_DIR = Path(tempfile.mkdtemp(prefix="clinic-test-"))
# Gone with the process that made it, so test runs leave nothing behind.
atexit.register(shutil.rmtree, TEST_RUN_DIR, ignore_errors=True)
MEDIA_ROOT = TEST_RUN_DIR / "media"
APPLICATION_UPLOADS_DIR = TEST_RUN_DIR / "application-uploads"

# Serve static files straight from the apps in tests; no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# New Patient Application: a fixed key, whatever the developer's local one is.
APPLICATION_ENCRYPTION_KEY = "test-only-application-encryption-key"
APPLICATION_ENCRYPTION_KEY_FALLBACKS = []
SALT_KEY = [APPLICATION_ENCRYPTION_KEY]
PAGE_CACHE_VERSIONS_DIR = str(TEST_RUN_DIR / "content-versions")

# Django's test client signs in without a request, which django-axes refuses;
# tests/test_login_throttling.py turns it on where it checks it.
AXES_ENABLED = False

# Tasks run at once, in the test's own process (django_tasks' ImmediateBackend, as
# Wagtail's tests have them); tests/siteops/test_worker.py runs the real worker, in
# processes of its own, on a database file. Pages are not rendered on publish here.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
WORKER_RENDER_ON_PUBLISH = False
