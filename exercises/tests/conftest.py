"""
Fixtures for the plugin's own tests (settings.py is the host site they run in).

Every test builds what it checks with factories.py, on top of the page tree Wagtail's
migrations make: a root and one welcome page, the default Site's root.
"""

import os
import shutil

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from wagtail.models import Site

from exercises.models import ExerciseIndexPage, RoutineIndexPage

from .factories import make_articles, make_library


@pytest.hookimpl(trylast=True)  # after -k and -m have deselected what will not run
def pytest_collection_modifyitems(config, items):
    """Start the one check that runs in another process early, while the database is made.

    Not in a pytest-xdist worker: every worker collects every test, and only one of them
    will run this one.
    """
    if config.option.collectonly or os.environ.get("PYTEST_XDIST_WORKER"):
        return
    early = "test_standalone.py::test_a_host_with_other_rich_text_features_needs_no_migration"
    if any(item.nodeid.endswith(early + "_in_the_plugin") for item in items):
        from .test_standalone import makemigrations_with_fewer_features

        makemigrations_with_fewer_features()


def pytest_unconfigure(config):
    """Uploads and renditions go to a throwaway folder, removed after any run."""
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """
    The default Site on the test client's host, as a host site keeps its Site record on
    its real address: the plugin's absolute links (feeds, JSON-LD) start with it.
    """
    with django_db_blocker.unblock():
        Site.objects.filter(is_default_site=True).update(hostname="testserver", port=80)


@pytest.fixture(autouse=True)
def fresh_caches():
    """
    Each test starts with empty caches: the database is rolled back between tests and
    reuses primary keys, so a fragment cached by one test could otherwise be shown by
    the next.
    """
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def site(db):
    """The default Site: Wagtail's welcome page is its root, under which tests build."""
    return Site.objects.get(is_default_site=True)


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker):
    """
    One transaction around a whole test module, for data that is costly to build: a
    module-scoped fixture builds it once inside `with module_db.unblock():`, each test
    of the module sees it and is rolled back to it, and at the module's end it is rolled
    back too, so no other module ever sees it.
    """
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
    yield django_db_blocker
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


@pytest.fixture(scope="module")
def indexes(module_db):
    """A library and a routine index, built once for a module's tests."""
    with module_db.unblock():
        return make_library().pk, make_articles().pk


@pytest.fixture
def library(db, indexes):
    return ExerciseIndexPage.objects.get(pk=indexes[0])


@pytest.fixture
def articles(db, indexes):
    return RoutineIndexPage.objects.get(pk=indexes[1])
