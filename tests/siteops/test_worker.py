"""The background worker (`manage.py run_worker`): scheduled publishing goes live without
anyone at the admin, a published page's renditions exist before anyone views it, the
periodic jobs are enqueued once however many workers there are, and /healthz says when
the worker last ran.

The end-to-end tests run the real worker in a process of its own, against a database
file (a copy of the migrated test database with the demo content) and, when the suite
runs on PostgreSQL, a PostgreSQL database too.
"""

import datetime
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

import pytest
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from siteops import schedule, tasks
from siteops.heartbeat import beat
from siteops.models import PeriodicJob

ROOT = Path(__file__).resolve().parents[2]
SUITE_DATABASE_URL = os.environ.get("DATABASE_URL", "")
ON_POSTGRESQL = SUITE_DATABASE_URL.startswith("postgres")

# A routine taken off the site, given a photo nobody has viewed, and its publication
# scheduled a few seconds ago: only the worker can bring it back, with the photo's
# renditions made by rendering it.
SCHEDULE_A_ROUTINE = """
import datetime, io, json
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images import get_image_model
from exercises.models import RoutinePage

buffer = io.BytesIO()
PILImage.new("RGB", (1600, 900), (40, 120, 160)).save(buffer, "PNG")
image = get_image_model().objects.create(
    title="Worker test photo", file=ImageFile(buffer, name="worker-test-photo.png")
)
routine = RoutinePage.objects.live().first()
routine.unpublish()
routine.refresh_from_db()
routine.hero_image = image
when = timezone.now() - datetime.timedelta(seconds=5)
routine.go_live_at = when
routine.save_revision(approved_go_live_at=when)
print(json.dumps({"page": routine.pk, "image": image.pk}))
"""

# An application stored while the mail server is down (the worker's SMTP port has no
# server): its email is queued as the form page queues it.
STORE_AN_APPLICATION = """
import json
from intake.models import ApplicationFormPage, ApplicationSubmission
from intake.tasks import notify_staff_of_application
page = ApplicationFormPage.objects.live().first()
submission = ApplicationSubmission.objects.create(page=page, form_data={"first_name": "Ana"})
notify_staff_of_application.enqueue(submission.pk)
print(json.dumps({"application": submission.pk}))
"""

HEALTH = """
from django.test import Client
print(Client(HTTP_HOST="localhost").get("/healthz").content.decode())
"""


class SiteDatabase:
    """Raw reads from the site's database, without starting Django each time."""

    def __init__(self, url):
        self.url = url

    def query(self, sql, *params):
        if self.url.startswith("sqlite"):
            with sqlite3.connect(urllib.parse.urlsplit(self.url).path) as connection:
                return connection.execute(sql.replace("%s", "?"), params).fetchall()
        import psycopg

        with psycopg.connect(self.url) as connection:
            return connection.execute(sql, params).fetchall()


class WorkerSite:
    def __init__(self, workdir, database_url):
        self.database = SiteDatabase(database_url)
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
        self.env.update(
            DJANGO_SETTINGS_MODULE="clinic_site.settings.dev",
            # The suite's Site record is on the test client's host (tests/conftest.py),
            # which the worker asks for pages by, as production's is on an allowed host.
            ALLOWED_HOSTS="localhost,testserver",
            DATABASE_URL=database_url,
            MEDIA_ROOT=str(workdir / "media"),
            LOCAL_DIR=str(workdir / "local"),
            SECRET_KEY="worker-test-secret-key",
            APPLICATION_ENCRYPTION_KEY="test-only-application-encryption-key",
            PAGE_CACHE_VERSIONS_DIR=str(workdir / "content-versions"),
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(closed_port()),
            EMAIL_USE_TLS="false",
            EMAIL_TIMEOUT="2",
            REDIS_URL="",
            LOG_LEVEL="WARNING",
        )

    def manage(self, *args):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, f"manage.py {args[0]}:\n{result.stdout}{result.stderr}"
        return result.stdout

    def shell(self, code):
        return self.manage("shell", "-v0", "-c", code)

    def start_worker(self):
        return subprocess.Popen(
            [sys.executable, "manage.py", "run_worker", "--tick", "1", "--interval", "0.2"],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )


def closed_port():
    """A loopback port nothing listens on: a mail server that is down."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(check, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := check():
            return value
        time.sleep(0.25)
    return check()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def worker_run(request, database_copies):
    """A routine scheduled to go live, then the worker started once on its database.

    Yields the site, what was scheduled, and whether the routine went live in time.
    """
    if request.param == "postgresql" and not ON_POSTGRESQL:
        pytest.skip("The suite is not running on PostgreSQL (DATABASE_URL is not postgres://)")
    workdir = Path(tempfile.mkdtemp(prefix="clinic-worker-test-"))
    database_url = database_copies(workdir, request.param)
    site = WorkerSite(workdir, database_url or f"sqlite:///{workdir / 'db.sqlite3'}")
    worker = None
    try:
        if database_url is None:  # A suite on PostgreSQL: make this SQLite file itself.
            site.manage("migrate", "--no-input", "-v0")
            site.manage("load_demo_content")
        scheduled = json.loads(site.shell(SCHEDULE_A_ROUTINE).strip().splitlines()[-1])
        scheduled.update(json.loads(site.shell(STORE_AN_APPLICATION).strip().splitlines()[-1]))
        worker = site.start_worker()
        went_live = wait_for(
            lambda: site.database.query(
                "SELECT live FROM wagtailcore_page WHERE id = %s", scheduled["page"]
            )[0][0]
        )
        yield site, scheduled, went_live, worker
    finally:
        if worker is not None and worker.poll() is None:
            worker.send_signal(signal.SIGTERM)
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                worker.kill()
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.mark.slow
def test_a_scheduled_publication_goes_live_within_a_minute(worker_run):
    site, scheduled, went_live, worker = worker_run
    assert went_live, "the scheduled routine never went live"
    assert worker.poll() is None, worker.stdout.read()


@pytest.mark.slow
def test_the_published_pages_renditions_exist_before_anyone_views_it(worker_run):
    site, scheduled, went_live, worker = worker_run

    def renditions():
        return site.database.query(
            "SELECT count(*) FROM wagtailimages_rendition WHERE image_id = %s", scheduled["image"]
        )[0][0]

    # AVIF, WebP and JPEG at each of the four widths the routine's hero photo asks for.
    # (A site made here from nothing has every demo page's rendering queued before it.)
    made = wait_for(lambda: renditions() >= 12, timeout=180)
    failures = site.database.query(
        "SELECT traceback FROM django_tasks_database_dbtaskresult"
        " WHERE task_path LIKE %s AND status = 'FAILED'",
        "%.make_page_renditions",
    )
    assert made, (renditions(), failures)
    assert not failures


@pytest.mark.slow
def test_an_email_the_mail_server_refused_is_queued_again_and_the_application_kept(
    worker_run,
):
    site, scheduled, _, _ = worker_run
    task_path = "intake.tasks.notify_staff_of_application"

    def attempts():
        rows = site.database.query(
            "SELECT args_kwargs, status, run_after, enqueued_at"
            " FROM django_tasks_database_dbtaskresult WHERE task_path = %s",
            task_path,
        )
        return sorted(rows, key=lambda row: str(row[3])) if len(rows) >= 2 else None

    first, second = wait_for(attempts)
    arguments = [
        json.loads(row[0]) if isinstance(row[0], str) else row[0] for row in (first, second)
    ]
    assert arguments[0]["args"] == [scheduled["application"]]
    assert arguments[1]["args"] == [scheduled["application"], 2]
    assert first[1] == "SUCCESSFUL"  # the attempt ended in "retrying", not a crash
    assert second[1] == "READY"  # waiting for its time, a minute on
    assert site.database.query(
        "SELECT COUNT(*) FROM home_applicationsubmission WHERE id = %s",
        scheduled["application"],
    ) == [(1,)]


@pytest.mark.slow
def test_health_reports_when_the_worker_last_ran(worker_run):
    site, scheduled, went_live, worker = worker_run
    heartbeats = "SELECT count(*) FROM siteops_workerheartbeat"
    assert wait_for(lambda: site.database.query(heartbeats)[0][0])
    lines = site.shell(HEALTH).strip().splitlines()
    assert lines[0] == "ok"
    assert lines[1].startswith("worker: last ran "), lines


@pytest.mark.slow
def test_the_worker_stops_cleanly_when_asked(worker_run):
    site, scheduled, went_live, worker = worker_run
    worker.send_signal(signal.SIGTERM)
    assert worker.wait(timeout=30) == 0, worker.stdout.read()


# The scheduler and the health line, in this process.


@pytest.fixture
def counted_jobs(monkeypatch):
    """The schedule's jobs, replaced by ones that count how often they were enqueued."""
    enqueued = []

    class Job:
        def __init__(self, name):
            self.name = name

        def enqueue(self):
            enqueued.append(self.name)

    monkeypatch.setattr(
        schedule,
        "JOBS",
        {
            "every_minute": (Job("every_minute"), datetime.timedelta(minutes=1)),
            "daily": (Job("daily"), datetime.timedelta(days=1)),
        },
    )
    return enqueued


@pytest.mark.django_db
def test_each_job_is_enqueued_once_per_period_however_many_workers_ask(counted_jobs):
    now = timezone.now()
    assert schedule.enqueue_due_jobs(now) == ["every_minute", "daily"]
    # A second worker looking at the same moment, or a moment later, finds nothing due.
    assert schedule.enqueue_due_jobs(now) == []
    assert schedule.enqueue_due_jobs(now + datetime.timedelta(seconds=59)) == []
    assert schedule.enqueue_due_jobs(now + datetime.timedelta(minutes=1)) == ["every_minute"]
    assert counted_jobs == ["every_minute", "daily", "every_minute"]
    assert PeriodicJob.objects.get(name="daily").next_run_at == now + datetime.timedelta(days=1)


@pytest.mark.django_db
def test_health_says_the_worker_is_not_seen_yet_without_turning_red(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content.decode().splitlines() == ["ok", "worker: not seen yet"]


@pytest.mark.django_db
@override_settings(WORKER_STALE_SECONDS=300)
def test_health_says_stale_when_the_worker_has_not_run_for_minutes(client):
    beat("old-worker", now=timezone.now() - datetime.timedelta(minutes=10))
    response = client.get("/healthz")
    assert response.status_code == 200
    worker_line = response.content.decode().splitlines()[1]
    assert worker_line.startswith("worker: stale, last ran 60"), worker_line

    beat("new-worker")
    worker_line = client.get("/healthz").content.decode().splitlines()[1]
    assert worker_line.startswith("worker: last ran 0 s ago"), worker_line


@pytest.mark.django_db
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_finished_tasks_are_forgotten_after_a_week_and_failures_after_a_month():
    def finished(days_ago, status):
        result = tasks.publish_scheduled_pages.enqueue()
        when = timezone.now() - datetime.timedelta(days=days_ago)
        DBTaskResult.objects.filter(pk=result.id).update(status=status, finished_at=when)
        return result.id

    old = finished(8, "SUCCESSFUL")
    recent = finished(2, "SUCCESSFUL")
    failed_recently = finished(8, "FAILED")
    failed_long_ago = finished(31, "FAILED")
    waiting = tasks.publish_scheduled_pages.enqueue().id
    assert schedule.JOBS["prune_task_results"][1] == datetime.timedelta(days=1)
    tasks.prune_task_results.call()
    kept = set(DBTaskResult.objects.values_list("pk", flat=True))
    assert {str(pk) for pk in kept} == {str(recent), str(failed_recently), str(waiting)}
    assert str(old) not in {str(pk) for pk in kept}
    assert str(failed_long_ago) not in {str(pk) for pk in kept}
