"""A superuser's dashboard shows whether the worker runs and whether work is stuck."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from siteops.heartbeat import beat
from tests.application_factories import make_user

pytestmark = pytest.mark.django_db


def panel_text(client):
    response = client.get("/admin/")
    assert response.status_code == 200
    html = response.content.decode()
    if "worker-panel-heading" not in html:
        return None
    start = html.rindex("<section", 0, html.index('aria-labelledby="worker-panel-heading"'))
    return html[start : html.index("</section>", start)]


def waiting_task(minutes_ago):
    return DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="siteops.tasks.publish_scheduled_pages",
        backend_name="default",
        run_after=timezone.now() - timedelta(minutes=minutes_ago),
    )


def test_a_healthy_worker_is_reported_calmly(admin_client, demo_site):
    beat("worker-1")
    text = panel_text(admin_client)
    assert "Last ran" in text and "stopped?" not in text
    assert "0 tasks waiting." in text
    assert "No task failed in the last day." in text
    assert "help-critical" not in text


def test_a_stuck_queue_and_a_silent_worker_stand_out(admin_client, demo_site):
    beat("worker-1", now=timezone.now() - timedelta(hours=1))
    waiting_task(minutes_ago=30)
    text = panel_text(admin_client)
    assert "stopped?" in text
    assert "1 task waiting, " in text and "the oldest for 30" in text
    assert "help-critical" in text


def test_a_worker_never_started_says_how_to_start_it(admin_client, demo_site):
    assert "Not seen yet" in panel_text(admin_client)


def test_editors_do_not_see_the_worker(client, demo_site):
    client.force_login(make_user("editor-panel", groups=["Editors"]))
    assert panel_text(client) is None
