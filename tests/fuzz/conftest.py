"""The demo content all fuzz tests share, and the count of examples they ran."""

import io

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from wagtail.models import Page

from .support import TALLY


@pytest.fixture(scope="package")
def demo_content(django_db_setup, django_db_blocker):
    """The demo content, loaded once for all fuzz tests and rolled back after the last.

    Each test still runs in its own transaction inside this one (pytest-django's `db`),
    so what one test stores (applications, rate counters) never reaches the next.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo_content", stdout=io.StringIO())
        # Each page's first view makes its image renditions: once here, not in every test.
        client = Client()
        for page in Page.objects.live().exclude(depth=1):
            client.get(page.url)
        yield
        transaction.set_rollback(True)
    # Wagtail caches site roots and settings; none of the rolled-back rows may outlive us.
    for cache in caches.all():
        cache.clear()


def pytest_terminal_summary(terminalreporter):
    tests = sorted({test for test, _ in TALLY})
    if not tests:
        return
    terminalreporter.section("fuzz examples")
    for test in tests:
        terminalreporter.write_line(
            f"{test}: {TALLY[test, 'examples']} examples, {TALLY[test, 'requests']} requests"
        )
    examples = sum(count for (_, kind), count in TALLY.items() if kind == "examples")
    requests = sum(count for (_, kind), count in TALLY.items() if kind == "requests")
    terminalreporter.write_line(f"total: {examples} examples, {requests} requests")
