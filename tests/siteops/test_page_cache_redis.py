"""The page cache shared through Redis, as several app servers would use it (CI starts
a throwaway Redis server with scripts/redis.sh and sets REDIS_URL)."""

import pytest
from django.core.cache import caches
from django.test import override_settings

from siteops import content_versions
from tests.site_factories import make_article

from .cache_kinds import REDIS_URL, redis_caches

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not REDIS_URL, reason="REDIS_URL is not set (CI sets it)"),
]

REDIS_CACHES = redis_caches("test-pages")


@override_settings(CACHES=REDIS_CACHES, PAGE_CACHE_ENABLED=True, PAGE_CACHE_SHARED=True)
def test_pages_are_stored_in_redis_and_a_publish_is_seen_by_every_server(client, demo_site):
    routine_url = make_article("redis").routine.url
    caches["pages"].clear()
    assert client.get(routine_url)["X-Page-Cache"] == "miss"
    assert client.get(routine_url)["X-Page-Cache"] == "hit"
    # Another app server reads the same versions from Redis.
    before = content_versions.current([content_versions.SITE])
    content_versions.bump({content_versions.SITE})
    assert content_versions.current([content_versions.SITE]) != before
    assert client.get(routine_url)["X-Page-Cache"] == "miss"
