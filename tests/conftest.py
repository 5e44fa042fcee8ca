import io

import pytest
from django.core.cache import caches
from django.core.management import call_command
from wagtail.models import Site


@pytest.fixture(autouse=True)
def fresh_caches():
    """
    Each test starts with empty caches: the database is rolled back between tests and
    reuses primary keys, so a menu or fragment cached by one test could otherwise be
    shown by the next.
    """
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def demo_site(db):
    """The demo content as `make run` loads it; returns the default Site."""
    call_command("load_demo_content", stdout=io.StringIO())
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def clinic_settings(demo_site):
    from home.models import ClinicSettings

    return ClinicSettings.for_site(demo_site)
