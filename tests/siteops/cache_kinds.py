"""The two ways the site keeps its caches and content versions, for tests that must hold
on both: local memory with the versions in files (one server), and Redis (several; CI
starts a throwaway server with scripts/redis.sh and sets REDIS_URL)."""

import os
from urllib.parse import urlsplit, urlunsplit


def _database_of_this_worker(url):
    """REDIS_URL with a Redis database for each test worker process: a test clears its
    caches, and in a database shared with a test running in another worker that would
    clear the other's too."""
    if not url:
        return url
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    number = int(worker.removeprefix("gw")) + 1 if worker.startswith("gw") else 0
    return urlunsplit(urlsplit(url)._replace(path=f"/{number}"))


REDIS_URL = _database_of_this_worker(os.environ.get("REDIS_URL", ""))


def redis_caches(prefix):
    """The site's two caches in Redis, under keys of their own."""
    backend = "django.core.cache.backends.redis.RedisCache"
    return {
        "default": {"BACKEND": backend, "LOCATION": REDIS_URL, "KEY_PREFIX": prefix},
        "pages": {"BACKEND": backend, "LOCATION": REDIS_URL, "KEY_PREFIX": f"{prefix}-pages"},
    }
