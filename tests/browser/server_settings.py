"""Settings for the site server that the browser tests start (tests/browser/serve.py).

The test settings, with everything that must be shared between the set-up commands
and the server in one folder (BROWSER_TEST_DIR): a SQLite database file and the media.
The server is its own process, so the browser tests never touch the database of the
pytest process, and the demo content is loaded once per test session.
"""

import os
from pathlib import Path

from clinic_site.settings.test import *  # noqa: F403
from clinic_site.settings.test import SQLITE_OPTIONS

BROWSER_TEST_DIR = Path(os.environ["BROWSER_TEST_DIR"])

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BROWSER_TEST_DIR / "db.sqlite3",
        # A throwaway database: no need to wait for the disk after each commit.
        "OPTIONS": {
            **SQLITE_OPTIONS,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;",
        },
    }
}
MEDIA_ROOT = BROWSER_TEST_DIR / "media"
ROOT_URLCONF = "tests.browser.server_urls"
# The Site record follows it as `make run` makes it (sync_site_url in serve.py): absolute
# links (og:image, canonical, sitemap) name the address the browser uses.
WAGTAILADMIN_BASE_URL = SITE_URL = os.environ.get("BROWSER_TEST_BASE_URL", "http://127.0.0.1")

# New Patient Application: the browser fills the form as fast as it can, and every test
# in a run sends from the same loopback address.
APPLICATION_MIN_FILL_SECONDS = 0
APPLICATION_RATE_LIMIT = "1000/h"
