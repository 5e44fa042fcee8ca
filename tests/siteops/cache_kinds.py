"""The two ways the site keeps its caches and content versions, for tests that must hold
on both: local memory with the versions in files (one server), and Redis (several; CI
starts a throwaway server with scripts/redis.sh and sets REDIS_URL)."""

import os

REDIS_URL = os.environ.get("REDIS_URL", "")


def redis_caches(prefix):
    """The site's two caches in Redis, under keys of their own."""
    backend = "django.core.cache.backends.redis.RedisCache"
    return {
        "default": {"BACKEND": backend, "LOCATION": REDIS_URL, "KEY_PREFIX": prefix},
        "pages": {"BACKEND": backend, "LOCATION": REDIS_URL, "KEY_PREFIX": f"{prefix}-pages"},
    }
