"""Many patients at once: every application stored exactly once, across worker processes.

Runs scripts/load_applications.py small: gunicorn with 2 workers, 8 concurrent clients,
80 applications, on a fresh SQLite file (and on a fresh PostgreSQL database when the
suite runs on PostgreSQL). The full-size figures are in the script's docstring.
"""

import importlib.util
import os
from pathlib import Path

import pytest

# django_db: the site runs in processes of its own on a copy of the test database, made
# before each module's first test (see `database_copies` in tests/conftest.py).
pytestmark = [pytest.mark.slow, pytest.mark.django_db]

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "load_applications.py"


def load_script():
    spec = importlib.util.spec_from_file_location("load_applications", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


load = load_script()

DATABASES = ["sqlite"]
if os.environ.get("DATABASE_URL", "").startswith("postgres"):
    DATABASES.append("postgresql")


@pytest.fixture(scope="module", params=DATABASES)
def site(request, database_copies, tmp_path_factory):
    """The site on a copy of the test database (migrated, demo content in), else a new one."""
    workdir = tmp_path_factory.mktemp(f"load-{request.param}")
    copy = database_copies(workdir, request.param)
    database_url = os.environ["DATABASE_URL"] if request.param == "postgresql" else None
    site = load.LoadSite(database_url, workdir=workdir, ready_database_url=copy).prepare()
    yield site
    site.cleanup()


def test_concurrent_applications_are_all_stored_exactly_once(site):
    report = load.run(workers=2, clients=8, applications=80, time_limit=120, site=site)
    print(report.summary())
    assert report.by_status == {"302": 80}
    assert (report.lost, report.errors, report.duplicates) == (0, 0, 0)
    assert report.stored_rows == report.stored_distinct == 80
    assert report.notification_emails == 80
    assert report.database_locked_in_server_log == 0
    assert report.server_errors_in_log == 0
    assert report.plaintext_in_database_file in (False, None)


def test_the_rate_limit_holds_across_worker_processes(site):
    report = load.run(
        workers=2, clients=4, applications=9, rate_limit="5/h", time_limit=120, site=site
    )
    print(report.summary())
    assert report.by_status == {"302": 5, "429": 4}
    assert report.stored_rows == 5
