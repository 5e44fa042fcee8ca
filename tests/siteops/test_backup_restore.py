"""
Backups: `backup_site` and `restore_site` run as an operator runs them (`make backup`,
`make restore FILE=...`), in their own processes, against a real database - a SQLite
file, and a freshly created PostgreSQL database when the suite runs on PostgreSQL - with
the demo content, a New Patient Application with an attached PDF (sealed in the uploads
folder, outside media) and the demo's photos in a media folder.
"""

import io
import json
import os
import re
import secrets
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

# django_db: the site runs in processes of its own on a copy of the test database, made
# before each module's first test (see `database_copies` in tests/conftest.py).
pytestmark = [pytest.mark.slow, pytest.mark.django_db]

ROOT = Path(__file__).resolve().parents[2]
SUITE_DATABASE_URL = os.environ.get("DATABASE_URL", "")
ON_POSTGRESQL = SUITE_DATABASE_URL.startswith("postgres")

# What a person would check after a restore, printed as JSON by `manage.py shell`.
STATE = """
import hashlib, json
from pathlib import Path
from django.conf import settings
from wagtail.images import get_image_model
from wagtail.models import Page
from intake.models import ApplicationSubmission
from intake.uploads import ApplicationUpload


def photo_digest(name):
    path = Path(settings.MEDIA_ROOT) / name
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None


def state():
    return {
        "pages": sorted(Page.objects.values_list("url_path", flat=True)),
        "applicants": sorted(
            f"{a.form_data['first_name']} {a.form_data['last_name']}"
            for a in ApplicationSubmission.objects.all()
        ),
        "photos": {i.file.name: photo_digest(i.file.name) for i in get_image_model().objects.all()},
        "attachments": sorted(
            (upload.read() or b"(missing)").decode() for upload in ApplicationUpload.objects.all()
        ),
    }
"""

PREPARE = (
    STATE
    + """
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from tests.application_factories import application_page, post_data

call_command("migrate", "--no-input", verbosity=0)
call_command("load_demo_content", verbosity=0)
page = application_page()
referral = SimpleUploadedFile("referral.pdf", b"%PDF-1.4 Referral for Maria Lopez %%EOF")
response = Client(HTTP_HOST="localhost").post(
    page.url, post_data(page, photo_of_your_referral_or_prescription=referral)
)
assert response.status_code == 302, response.status_code
print(json.dumps(state()))
"""
)

# An editor deletes an article and a photo, and staff delete the applications.
DAMAGE = (
    STATE
    + """
from exercises.models import RoutinePage

print(json.dumps(state()))
article = RoutinePage.objects.order_by("pk").first()
print(json.dumps({"article": article.url_path}))
article.delete()
ApplicationSubmission.objects.all().delete()
get_image_model().objects.order_by("pk").first().delete()
print(json.dumps(state()))
"""
)


class SiteUnderTest:
    """A site with its own database, media folder and backup folder, run by manage.py."""

    def __init__(self, workdir, database_url, engine):
        self.workdir = workdir
        self.engine = engine
        self.database_url = database_url
        self.media = workdir / "media"
        self.uploads = workdir / "application-uploads"
        self.backups = workdir / "backups"
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
        self.env.update(
            DJANGO_SETTINGS_MODULE="clinic_site.settings.dev",
            DATABASE_URL=database_url,
            MEDIA_ROOT=str(self.media),
            APPLICATION_UPLOADS_DIR=str(self.uploads),
            BACKUP_DIR=str(self.backups),
            # The same keys when backing up and restoring, or applications are unreadable.
            SECRET_KEY="backup-test-secret-key",
            APPLICATION_ENCRYPTION_KEY="backup-test-application-key",
            PAGE_CACHE_VERSIONS_DIR=str(workdir / "content-versions"),
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
            REDIS_URL="",
            LOG_LEVEL="WARNING",
            # No worker beside this site: tasks (a deleted photo's files) run at once.
            TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
        )

    def manage(self, *args, check=True):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if check and result.returncode:
            raise AssertionError(f"manage.py {args[0]} failed:\n{result.stdout}{result.stderr}")
        return result

    def shell(self, code):
        """Run code in `manage.py shell`; returns each JSON line it printed."""
        output = self.manage("shell", "-v0", "-c", code).stdout
        return [json.loads(line) for line in output.splitlines() if line.startswith("{")]

    def state(self):
        return self.shell(STATE + "\nprint(json.dumps(state()))")[-1]

    def archives(self):
        return sorted(self.backups.glob("*.tar.gz"))


def archive_named_in(output):
    match = re.search(r"(/\S+\.tar\.gz)", output)
    assert match, output
    return Path(match.group(1))


def new_postgres_database():
    name = f"clinic_backup_{secrets.token_hex(4)}"
    parsed = urllib.parse.urlsplit(SUITE_DATABASE_URL)
    return name, urllib.parse.urlunsplit(parsed._replace(path="/" + name))


def postgres_admin(sql):
    import psycopg

    with psycopg.connect(SUITE_DATABASE_URL, autocommit=True) as admin:
        admin.execute(sql)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def site(request, database_copies):
    """A migrated site with the demo content and one application, backed up once.

    `site.prepared` is what state() said when it was ready, `site.backup` what
    backup_site printed right after. No test leaves state() any different.
    """
    if request.param == "postgresql" and not ON_POSTGRESQL:
        pytest.skip("The suite is not running on PostgreSQL (DATABASE_URL is not postgres://)")
    workdir = Path(tempfile.mkdtemp(prefix="clinic-backup-test-"))
    database_name = None
    # A copy of the test database, migrated and with the demo content, where there is one.
    database_url = database_copies(workdir, request.param)
    if database_url is None and request.param == "postgresql":
        database_name, database_url = new_postgres_database()
        postgres_admin(f'CREATE DATABASE "{database_name}"')
    elif database_url is None:
        database_url = f"sqlite:///{workdir / 'db.sqlite3'}"
    site = SiteUnderTest(workdir, database_url, request.param)
    try:
        site.prepared = site.shell(PREPARE)[-1]
        site.backup = site.manage("backup_site").stdout
        yield site
    finally:
        if database_name:
            postgres_admin(f'DROP DATABASE IF EXISTS "{database_name}" WITH (FORCE)')
        shutil.rmtree(workdir, ignore_errors=True)


def test_restore_brings_back_a_deleted_page_application_and_photo(site):
    archive = archive_named_in(site.backup)
    assert archive.parent == site.backups and archive.is_file()
    assert re.match(r"clinic-\d{8}-\d{6}\.tar\.gz$", archive.name)

    at_backup, deleted, damaged = site.shell(DAMAGE)
    assert at_backup == site.prepared
    assert at_backup["applicants"] == ["Maria Lopez"]
    assert at_backup["attachments"] == ["%PDF-1.4 Referral for Maria Lopez %%EOF"]
    article = deleted["article"]
    assert article in at_backup["pages"]
    assert all(at_backup["photos"].values()), "every photo is on disk when backed up"
    # The damage is real: without a working restore the checks below would fail.
    assert damaged["applicants"] == []
    assert damaged["attachments"] == [] and not any(site.uploads.iterdir())
    assert article not in damaged["pages"]
    deleted_photo = (set(at_backup["photos"]) - set(damaged["photos"])).pop()
    assert not (site.media / deleted_photo).exists()
    uploaded_since = site.media / "original_images" / "uploaded-after-the-backup.jpg"
    uploaded_since.write_bytes(b"a photo the backup never saw")

    restored = site.manage("restore_site", str(archive)).stdout
    assert f"from {archive}" in restored
    assert "1 file(s) of application-uploads" in restored

    assert site.state() == at_backup
    assert (site.media / deleted_photo).is_file()
    # The media folder is the archive's, and what it replaced is kept aside.
    assert not uploaded_since.exists()
    kept = next(path for path in site.archives() if "before-restore" in path.name)
    assert str(kept) in restored
    with tarfile.open(kept) as before_restore:
        assert "media/original_images/uploaded-after-the-backup.jpg" in before_restore.getnames()


def test_a_damaged_archive_is_refused_and_changes_nothing(site):
    archive = archive_named_in(site.backup)
    damaged = site.workdir / "damaged.tar.gz"
    damaged.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    archives_before = site.archives()

    result = site.manage("restore_site", str(damaged), check=False)

    assert result.returncode != 0
    [message] = result.stderr.strip().splitlines()  # one line, no traceback
    assert message.startswith(f"CommandError: {damaged} cannot be read as a backup (damaged")
    assert site.archives() == archives_before, "nothing was backed up: nothing changed"
    assert site.state() == site.prepared


def test_backup_taken_during_writes_restores_to_a_sound_database(site, tmp_path):
    if site.engine != "sqlite":
        pytest.skip("Checks SQLite's online backup under writes")
    database = site.workdir / "db.sqlite3"
    writer = RowWriter(database)
    writer.start()
    try:
        writer.wait_for_rows(20)
        archive = archive_named_in(site.manage("backup_site").stdout)
        rows_when_backup_ended = writer.rows
        writer.wait_for_rows(rows_when_backup_ended + 20)
    finally:
        writer.stop()
    assert writer.errors == []

    # Restored on a new machine: no database file and no media folder yet.
    new_machine = SiteUnderTest(tmp_path, f"sqlite:///{tmp_path / 'db.sqlite3'}", "sqlite")
    new_machine.manage("restore_site", str(archive))

    restored = sqlite3.connect(tmp_path / "db.sqlite3")
    try:
        assert restored.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        ids = [row[0] for row in restored.execute("SELECT id FROM write_probe ORDER BY id")]
        pages = restored.execute("SELECT count(*) FROM wagtailcore_page").fetchone()[0]
    finally:
        restored.close()
    # One snapshot: every row committed before it, none after it, no torn write.
    assert ids == list(range(1, len(ids) + 1))
    assert 20 <= len(ids) < writer.rows
    assert pages == len(site.prepared["pages"])
    assert sorted(p.name for p in (tmp_path / "media" / "original_images").iterdir()) == sorted(
        Path(name).name for name in site.prepared["photos"]
    )


class RowWriter(threading.Thread):
    """Another process's worth of writes: commits rows one by one, reading as it goes."""

    def __init__(self, database):
        super().__init__(daemon=True)
        self.database = database
        self.rows = 0
        self.errors = []
        self._stop_event = threading.Event()

    def run(self):
        db = sqlite3.connect(self.database, timeout=20, isolation_level=None)
        try:
            db.execute("CREATE TABLE IF NOT EXISTS write_probe (id INTEGER PRIMARY KEY, note TEXT)")
            db.execute("DELETE FROM write_probe")
            while not self._stop_event.is_set():
                db.execute("BEGIN IMMEDIATE")
                db.execute("INSERT INTO write_probe (note) VALUES (?)", ("x" * 200,))
                db.execute("COMMIT")
                self.rows = db.execute("SELECT count(*) FROM write_probe").fetchone()[0]
                time.sleep(0.002)
        except sqlite3.Error as error:
            self.errors.append(str(error))
        finally:
            db.close()

    def wait_for_rows(self, count, timeout=60):
        deadline = time.monotonic() + timeout
        while self.rows < count and not self.errors and time.monotonic() < deadline:
            time.sleep(0.01)
        assert self.rows >= count, f"the writer stalled at {self.rows} rows: {self.errors}"

    def stop(self):
        self._stop_event.set()
        self.join(timeout=30)


# Refusals, checked in this process: nothing is touched before the archive is validated.


def other_engine_archive(path):
    """A well-formed archive made on the other database engine than this suite's."""
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    member = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}[other]
    manifest = json.dumps({"format": 1, "engine": other, "database": member, "media": True})
    with tarfile.open(path, "w:gz") as archive:
        for name, content in (("manifest.json", manifest.encode()), (member, b"data")):
            info = tarfile.TarInfo(name)
            info.size = len(content)
            archive.addfile(info, io.BytesIO(content))
    return f"holds a {'PostgreSQL' if other == 'postgresql' else 'SQLite'} database"


def not_a_backup(path):
    with tarfile.open(path, "w:gz") as archive:
        info = tarfile.TarInfo("notes.txt")
        archive.addfile(info, io.BytesIO(b""))
    return "is not a backup of this site"


def not_an_archive(path):
    path.write_bytes(b"<html>Not Found</html>")
    return "cannot be read as a backup"


@pytest.mark.parametrize(
    "make_archive",
    [other_engine_archive, not_a_backup, not_an_archive, None],
    ids=["other-engine", "not-a-backup", "not-an-archive", "missing"],
)
def test_restore_refuses_with_one_clear_message(make_archive, tmp_path, monkeypatch):
    monkeypatch.setenv("BACKUP_DIR", str(tmp_path / "backups"))
    path = tmp_path / "clinic-20250101-000000.tar.gz"
    expected = make_archive(path) if make_archive else "There is no backup at"

    with pytest.raises(CommandError, match=re.escape(expected)):
        call_command("restore_site", str(path))

    assert not (tmp_path / "backups").exists(), "nothing was kept aside: nothing changed"
