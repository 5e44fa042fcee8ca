"""A copy of the database file, and a backup made by `backup_site`, hold no question name,
answer or note of any application in clear (finding 5 and the issue's raw scan).

The site runs in processes of its own on a SQLite file (a copy of the test database),
as test_backup_restore.py has it; the scan reads the bytes of the file (and its WAL) and
of every member of the archive.
"""

import shutil
import sqlite3
import tarfile
import tempfile
from pathlib import Path

import pytest
from django.db import connection

from tests.siteops.test_backup_restore import SiteUnderTest, archive_named_in

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

MARKER = "Qw8PlainTextCanaryZx"

APPLY = f"""
import json
from django.test import Client
from intake.models import ApplicationFormPage
from tests.application_factories import post_data

page = ApplicationFormPage.objects.get()
data = post_data(
    page,
    first_name="{MARKER}first",
    last_name="{MARKER}last",
    referring_physician="{MARKER}doctor",
    anything_else_we_should_know="{MARKER}note: my knee gives way on stairs",
    insurance_provider_or_self_pay="{MARKER}insurer",
)
response = Client(HTTP_HOST="localhost").post(page.url, data)
assert response.status_code == 302, response.status_code
names = list(page.form_fields.values_list("clean_name", flat=True))
print(json.dumps({{"names": names}}))
"""


@pytest.fixture(scope="module")
def site(database_copies):
    if connection.vendor != "sqlite":
        pytest.skip("scans a SQLite file; pg_dump's archive is compressed, not scannable")
    workdir = Path(tempfile.mkdtemp(prefix="clinic-backup-privacy-"))
    try:
        site = SiteUnderTest(workdir, database_copies(workdir, "sqlite"), "sqlite")
        site.question_names = site.shell(APPLY)[-1]["names"]
        site.archive = archive_named_in(site.manage("backup_site").stdout)
        yield site
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def assert_no_answer_in(data, where):
    for needle in (MARKER[:7], MARKER[-7:], "knee gives way"):
        assert needle.encode() not in data, f"{needle!r} in clear in {where}"


def question_names_in(row, site):
    """The question names the row holds as a JSON document's keys. Quoted: a short name
    ("sex") turns up by chance in 20 KB of random base64, a quote never does. (The row is
    a repr: its quotes may be escaped.)"""
    return [name for name in site.question_names if f'"{name}"' in row or f'\\"{name}\\"' in row]


def application_rows(path):
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        return [repr(row) for row in db.execute("SELECT * FROM home_applicationsubmission")]


def test_the_database_file_holds_no_answer_in_clear(site):
    files = [site.workdir / name for name in ("db.sqlite3", "db.sqlite3-wal")]
    for path in files:
        if path.exists():
            assert_no_answer_in(path.read_bytes(), path.name)
    rows = application_rows(site.workdir / "db.sqlite3")
    assert len(rows) == 1
    assert not question_names_in(rows[0], site)


def test_the_backup_holds_no_answer_in_clear(site, tmp_path):
    with tarfile.open(site.archive) as archive:
        members = [member for member in archive.getmembers() if member.isfile()]
        assert any(member.name.endswith("database.sqlite3") for member in members)
        for member in members:
            assert_no_answer_in(archive.extractfile(member).read(), member.name)
        database = next(member for member in members if member.name.endswith(".sqlite3"))
        archive.extract(database, tmp_path, filter="data")
    rows = application_rows(tmp_path / database.name)
    assert len(rows) == 1
    assert not question_names_in(rows[0], site)
