"""
The plugin stands alone: these tests run in a host site whose only project app is
`exercises` (settings.py), with a DEFAULT_AUTO_FIELD unlike the plugin's own.
"""

import ast
import functools
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import models
from django.test import override_settings

from exercises.models import CallToAction, Equipment

from .factories import exercise_block, make_articles, make_exercise, make_library, make_routine

PLUGIN = Path(__file__).resolve().parents[1]
CHECKOUT = PLUGIN.parent
# The clinic's own apps: the plugin may import none of them.
HOST_PACKAGES = {"home", "intake", "staff", "siteops", "search", "clinic_site"}


def imported_packages(path):
    """The top-level packages a module imports (relative imports are the plugin's own)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.module.split(".")[0]


def test_plugin_imports_nothing_from_the_host_site():
    sources = sorted(PLUGIN.rglob("*.py"))
    assert PLUGIN / "models.py" in sources and Path(__file__) in sources
    found = {
        str(path.relative_to(CHECKOUT)): sorted(set(imported_packages(path)) & HOST_PACKAGES)
        for path in sources
    }
    assert {path: hosts for path, hosts in found.items() if hosts} == {}


def test_no_host_module_is_loaded_while_the_plugin_runs(admin_client, site):
    # Once the admin has run its hooks and a plugin page has rendered, all is loaded.
    assert admin_client.get("/admin/").status_code == 200
    assert admin_client.get(make_library().url).status_code == 200
    loaded = {name.split(".")[0] for name in sys.modules}
    assert loaded & HOST_PACKAGES == set()


@pytest.mark.django_db
def test_the_host_needs_no_migration_in_the_plugin():
    # This host's DEFAULT_AUTO_FIELD differs from the plugin's: still nothing to migrate.
    out = io.StringIO()
    call_command("makemigrations", "exercises", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_the_plugin_keeps_its_own_primary_keys():
    assert isinstance(Equipment._meta.pk, models.BigAutoField)
    assert isinstance(CallToAction._meta.pk, models.BigAutoField)


@functools.cache
def makemigrations_with_fewer_features():
    """
    `makemigrations --check` in a separate process, so the features are set before the
    plugin is first imported. It needs no database: conftest.py starts it as soon as
    the test is collected, and it runs while the test database is being migrated.
    """
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "exercises.tests.settings_fewer_features",
        "PYTHONPATH": str(CHECKOUT),
    }
    env.pop("DATABASE_URL", None)
    return subprocess.Popen(
        [sys.executable, "-m", "django", "makemigrations", "exercises", "--check", "--dry-run"],
        cwd=CHECKOUT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_host_with_other_rich_text_features_needs_no_migration_in_the_plugin():
    process = makemigrations_with_fewer_features()
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stdout[-3000:] + stderr[-3000:]
    assert "No changes detected" in stdout


@override_settings(EXERCISES_LIBRARY_PAGE_SIZE=1)
def test_the_plugins_pages_render_in_a_host_that_only_gives_a_base_template(client, site):
    library = make_library()
    bridge = make_exercise(
        library, "Bridge", steps=("Lift your hips.",), reps_min=10, sets_min=2, tips=()
    )
    make_exercise(library, "Clam", steps=("Open.",), tips=())
    articles = make_articles(slug="articles")
    routine = make_routine(articles, "Hip routine", [exercise_block(bridge)], tags=["hip"])
    checks = {
        routine.url: ["1. Bridge", "2 sets × 10 repetitions", "Lift your hips."],
        bridge.url: ["Hip routine"],
        library.url: ["Bridge", "Page 1 of 2"],
        articles.url: ["Hip routine"],
        "/articles/tag/hip/": ["Articles about hip", "Hip routine"],
    }
    for url, expected in checks.items():
        response = client.get(url)
        assert response.status_code == 200, url
        page = BeautifulSoup(response.content, "html.parser")
        text = page.find("main").get_text(" ", strip=True)
        assert [part for part in expected if part not in text] == [], url
        # The plugin's stylesheet is added to the host's head.
        assert page.find("head").find("link", href="/static/exercises/css/exercises.css"), url
    assert client.get("/articles/feed/").status_code == 200
