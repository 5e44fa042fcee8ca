"""
A site that took applications while they lived in the `home` app keeps every one of
them, and every permission, when it migrates to the layout where `intake` holds them.

On a copy of the test database (on SQLite, and on PostgreSQL when the suite runs there),
in a process of its own: migrate back to the old layout, store an application there
through the old models, migrate forward, and read it back through the new ones.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# django_db: the copy of the test database is made before the test (tests/conftest.py).
pytestmark = [pytest.mark.slow, pytest.mark.django_db]

ROOT = Path(__file__).resolve().parents[2]
ENGINES = ["sqlite", "postgresql"]

MIGRATE_BACK_STORE_AND_FORWARD = """
import json
import django

django.setup()

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

OLD_LAYOUT = [("home", "0005_staff_groups"), ("intake", None)]
ANSWERS = {"first_name": "Maria", "last_name": "Lopez", "where_is_your_pain": ["Hip"]}


def content_types(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return sorted(
        f"{app}.{model}"
        for app, model in ContentType.objects.filter(model__startswith="application")
        .exclude(model="applicationupload")  # a model added after the move
        .values_list("app_label", "model")
    )


def intake_permissions(apps):
    Group = apps.get_model("auth", "Group")
    return sorted(
        f"{app}.{codename}"
        for app, codename in Group.objects.get(name="Patient intake")
        .permissions.values_list("content_type__app_label", "codename")
    )


executor = MigrationExecutor(connection)
executor.migrate(OLD_LAYOUT)
old = MigrationExecutor(connection).loader.project_state([OLD_LAYOUT[0]]).apps
# The page through Wagtail's Page: the old form page model cannot be built outside Wagtail.
page = old.get_model("wagtailcore", "Page").objects.get(content_type__model="applicationformpage")
old.get_model("home", "ApplicationSubmission").objects.create(
    page_id=page.pk, form_data=ANSWERS, token_digest="0" * 64
)
before = {
    "content_types": content_types(old),
    "permissions": intake_permissions(old),
    "page_type": page.content_type.app_label,
}

executor = MigrationExecutor(connection)
executor.migrate(executor.loader.graph.leaf_nodes())

from django.apps import apps
from django.contrib.auth.models import User
from wagtail.models import Page

from intake.models import ApplicationFormPage, ApplicationSubmission
from intake.permissions import INTAKE_GROUP, can_view_applications

submission = ApplicationSubmission.objects.get(token_digest="0" * 64)
reader = User.objects.create_user("reader")
reader.groups.add(reader.groups.model.objects.get(name=INTAKE_GROUP))
reader = User.objects.get(pk=reader.pk)
after = {
    "content_types": content_types(apps),
    "permissions": intake_permissions(apps),
    "answers": submission.form_data,
    "page_class": type(Page.objects.get(pk=page.pk).specific).__name__,
    "page_has_it": list(ApplicationFormPage.objects.get(pk=page.pk).get_submission_class()
                        .objects.filter(page_id=page.pk).values_list("token_digest", flat=True)),
    "intake_reads_it": can_view_applications(reader),
}
print(json.dumps({"before": before, "after": after}))
"""


@pytest.fixture(scope="module", params=ENGINES)
def database_url(request, database_copies, tmp_path_factory):
    """A copy of the test database, made before any test transaction is open."""
    url = database_copies(tmp_path_factory.mktemp(request.param), request.param)
    if url is None:
        pytest.skip(f"The suite is not running on {request.param}")
    return url


def test_applications_from_the_old_layout_are_read_back_after_the_move(database_url):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(DJANGO_SETTINGS_MODULE="clinic_site.settings.test", DATABASE_URL=database_url)
    result = subprocess.run(
        [sys.executable, "-c", MIGRATE_BACK_STORE_AND_FORWARD],
        cwd=ROOT,
        env={**env, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    models = ["applicationformfield", "applicationformpage", "applicationratecounter"]
    models.append("applicationsubmission")

    before = report["before"]
    assert before["content_types"] == [f"home.{model}" for model in models]
    assert before["page_type"] == "home"
    assert "home.view_applicationsubmission" in before["permissions"]

    after = report["after"]
    assert after["content_types"] == [f"intake.{model}" for model in models]
    assert after["answers"] == {
        "first_name": "Maria",
        "last_name": "Lopez",
        "where_is_your_pain": ["Hip"],
    }
    assert after["page_class"] == "ApplicationFormPage"
    assert after["page_has_it"] == ["0" * 64]
    # Deleting them is the "Intake lead" group's since intake 0003.
    assert sorted(after["permissions"]) == [
        "intake.view_applicationsubmission",
        "wagtailadmin.access_admin",
    ]
    assert after["intake_reads_it"] is True
