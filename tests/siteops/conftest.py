import pytest
from django.core.cache import caches
from django.test import override_settings

from .cache_kinds import REDIS_URL, redis_caches


@pytest.fixture(params=["local", "redis"])
def cache_kind(request, settings, tmp_path):
    """Each test once with local memory (versions in files), once with Redis."""
    if request.param == "redis":
        if not REDIS_URL:
            pytest.skip("REDIS_URL is not set (CI sets it)")
        prefix = "test-" + request.module.__name__.rsplit(".", 1)[-1]
        with override_settings(CACHES=redis_caches(prefix), PAGE_CACHE_SHARED=True):
            caches["pages"].clear()
            caches["default"].clear()
            yield request.param
        return
    settings.PAGE_CACHE_SHARED = False
    settings.PAGE_CACHE_VERSIONS_DIR = str(tmp_path / "versions")
    caches["pages"].clear()
    caches["default"].clear()
    yield request.param
