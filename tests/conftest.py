"""
Fixtures for the site's tests.

The demo content (`make run`'s) is built once per test run, into the test database
itself, with every page rendered once so its image renditions exist: each test then
runs in a transaction on top of it that is rolled back afterwards, so what a test
changes never reaches the next one, and no test pays the seconds the demo takes to
build. Tests build what they check on top of it (exercises/tests/factories.py,
tests/application_factories.py) rather than rely on the demo's wording; the tests in
tests/home/test_demo_content.py check the demo itself.
"""

import io
import os
import secrets
import shutil
import sqlite3
import urllib.parse

import psycopg
import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from hypothesis import settings as hypothesis_settings
from hypothesis.configuration import set_hypothesis_home_dir
from wagtail.models import Page, Site

MEDIA_AS_SET_UP = settings.TEST_RUN_DIR / "media-as-set-up"

# No .hypothesis/ folder in the checkout: no example database (the fuzz tests have a
# profile of their own), and Hypothesis keeps what else it stores in the run's folder.
hypothesis_settings.register_profile("site", database=None)
hypothesis_settings.load_profile("site")
set_hypothesis_home_dir(settings.TEST_RUN_DIR / "hypothesis")


def is_test_database(name):
    """Django's name for a test database: never the developer's own database."""
    name = str(name)
    return "mode=memory" in name or name.rpartition("/")[2].startswith("test_")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The migrated test database with the demo content in it, once per run."""
    assert is_test_database(connection.settings_dict["NAME"]), "no test database was set up"
    with django_db_blocker.unblock():
        call_command("load_demo_content", stdout=io.StringIO())
        call_command("sync_site_url", stdout=io.StringIO())  # as make run does: testserver
        client = Client()
        for page in Page.objects.live().exclude(depth=1):
            client.get(page.url)
    # The media as set-up left them, for copies of the database (tests add files later).
    shutil.copytree(settings.MEDIA_ROOT, MEDIA_AS_SET_UP)
    for cache in caches.all():
        cache.clear()


@pytest.fixture(scope="session")
def database_copies(django_db_setup, django_db_blocker):
    """
    Copies of the test database as set-up left it (migrated, with the demo content and
    its renditions), for tests that run the site in processes of their own: a copy saves
    each of them migrating a new database, 20 seconds or more.

    `database_copies(workdir, engine)` returns the copy's DATABASE_URL ("sqlite" a file
    in workdir, "postgresql" a new database) and copies the media folder to
    workdir/"media"; None when the suite runs on another engine (the test then makes its
    own). PostgreSQL copies are dropped at the end of the run.
    """
    made = []

    def copy(workdir, engine):
        if connection.vendor != engine:
            return None
        shutil.copytree(MEDIA_AS_SET_UP, workdir / "media", dirs_exist_ok=True)
        with django_db_blocker.unblock():
            if engine == "sqlite":
                path = workdir / "db.sqlite3"
                connection.ensure_connection()
                with sqlite3.connect(path) as target:
                    connection.connection.backup(target)
                return f"sqlite:///{path}"
            # A template database may have no other connection while it is copied.
            name = f"clinic_copy_{secrets.token_hex(4)}"
            template = connection.settings_dict["NAME"]
            connection.close()
            postgres_admin(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
            made.append(name)
            parsed = urllib.parse.urlsplit(os.environ["DATABASE_URL"])
            return urllib.parse.urlunsplit(parsed._replace(path="/" + name))

    yield copy
    for name in made:
        postgres_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def postgres_admin(sql):
    with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as admin:
        admin.execute(sql)


@pytest.fixture(scope="session", autouse=True)
def remove_test_run_files():
    """Uploads, renditions and the cache generation live in a throwaway folder."""
    yield
    shutil.rmtree(settings.TEST_RUN_DIR, ignore_errors=True)


@pytest.fixture(scope="module")
def module_data(django_db_setup, django_db_blocker):
    """
    A transaction around one module's tests, for what they share that is costly to build:
    a module-scoped fixture that requests this one builds inside it once, each test runs
    (and is rolled back) in a savepoint within it, and all of it is rolled back after the
    module's last test.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)
    for cache in caches.all():
        cache.clear()


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
    """The default Site, with the demo content `make run` loads."""
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def clinic_settings(demo_site):
    from home.models import ClinicSettings

    return ClinicSettings.for_site(demo_site)
