#!/usr/bin/env python
"""Send many New Patient Applications at once and count what the site stored.

Starts the site under gunicorn with N worker processes on 127.0.0.1, lets K concurrent
clients post M valid applications (each its own patient, each form loaded first as a
browser does), stops the server, then counts the stored rows, decrypting every one.

    .venv/bin/python scripts/load_applications.py --workers 4 --clients 16 --applications 500
    .venv/bin/python scripts/load_applications.py --database-url "$(scripts/postgres.sh start)"
    .venv/bin/python scripts/load_applications.py --sqlite-options django-default --expect-losses

"lost" is an application a client sent that is not in the database; "errors" are
answers other than the redirect to the thank-you page; "duplicates" are applications
stored more than once. The control run (--sqlite-options django-default) uses Django's
default SQLite connection (rollback journal, deferred transactions, 5 s timeout) and
shows the "database is locked" losses the site's options avoid.

Bounded: at most 5,000 applications, 64 clients and 16 workers, a time limit (300 s by
default), loopback addresses only. The database is a new SQLite file, or a new
PostgreSQL database that is dropped afterwards; nothing else is touched.
"""

import argparse
import contextlib
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
FORM_PATH = "/new-patient-application/"
MAX_APPLICATIONS, MAX_CLIENTS, MAX_WORKERS = 5000, 64, 16
# Forms sent sooner than this after loading are asked to be sent again (a spam check);
# clients wait this long after loading each form.
MIN_FILL_SECONDS = 1

ANSWERS = {
    "last_name": "Loadtest",
    "date_of_birth": "04/27/1961",
    "phone_number": "904-555-0142",
    "preferred_contact_method": "Phone call",
    "street_address": "1200 Riverside Ave",
    "city": "Jacksonville",
    "state": "FL",
    "zip_code": "32204",
    "sex": "Prefer not to say",
    "preferred_language": "English",
    "do_you_need_an_interpreter": "No",
    "emergency_contact_name": "Load Contact",
    "emergency_contact_relationship": "Friend",
    "emergency_contact_phone": "904-555-0177",
    "insurance_provider_or_self_pay": "Self-pay",
    "was_your_pain_caused_by_one_of_these": "None of these",
    "do_you_have_a_referral_or_prescription_for_physical_therapy": "I am not sure",
    "where_is_your_pain": ["Lower back", "Hip"],
    "how_long_has_the_pain_lasted": "2 to 6 weeks",
    "how_bad_is_your_pain_today": "5",
    "preferred_appointment_times": ["Weekday mornings"],
    "anything_else_we_should_know": "Sent by the load script.",
}

SETTINGS_TEMPLATE = """\
from clinic_site.settings.dev import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1"]
STORAGES = {{
    **STORAGES,  # noqa: F405
    "staticfiles": {{"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}},
}}
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = {mail_dir!r}
MEDIA_ROOT = {media_dir!r}
APPLICATION_ENCRYPTION_KEY = "load-test-only-key"
APPLICATION_RATE_LIMIT = {rate_limit!r}
APPLICATION_MIN_FILL_SECONDS = {min_fill}
{database_override}
"""

# Django's defaults: no WAL, deferred transactions, Python's 5-second busy timeout.
DJANGO_DEFAULT_SQLITE = 'DATABASES["default"]["OPTIONS"] = {}  # noqa: F405'

COUNT_SNIPPET = """
import json
from collections import Counter
from intake.models import ApplicationSubmission
names = Counter(s.form_data.get("first_name", "") for s in ApplicationSubmission.objects.all())
print(json.dumps({"rows": sum(names.values()), "names": names}))
"""


@dataclass
class Report:
    database: str
    workers: int
    clients: int
    applications: int
    rate_limit: str
    sent: int = 0
    by_status: dict = field(default_factory=dict)
    errors: int = 0
    stored_rows: int = 0
    stored_distinct: int = 0
    duplicates: int = 0
    lost: int = 0
    not_sent_in_time: int = 0
    database_locked_in_server_log: int = 0
    server_errors_in_log: int = 0
    notification_emails: int = 0
    plaintext_in_database_file: bool | None = None
    seconds: float = 0.0

    def summary(self):
        return (
            f"{self.database}: {self.workers} workers, {self.clients} clients, "
            f"{self.applications} applications in {self.seconds:.1f} s "
            f"({self.sent / max(self.seconds, 0.001):.0f}/s)\n"
            f"  answers by HTTP status: {dict(sorted(self.by_status.items()))}\n"
            f"  stored rows: {self.stored_rows}, distinct applications: {self.stored_distinct}, "
            f"duplicates: {self.duplicates}\n"
            f"  lost: {self.lost}, errors: {self.errors}, not sent in time: "
            f"{self.not_sent_in_time}\n"
            f'  "database is locked" in the server log: {self.database_locked_in_server_log}, '
            f"tracebacks: {self.server_errors_in_log}\n"
            f"  notification emails: {self.notification_emails}, answers readable in the "
            f"database file: {self.plaintext_in_database_file}"
        )


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LoadSite:
    """A fresh database and settings module in a temporary folder; serves with gunicorn.

    `ready_database_url`: a database that is migrated and holds the demo content already
    (the test suite hands one in, copied from its own); it is used as it is and left for
    whoever made it to drop. The media folder is `workdir/media`.
    """

    def __init__(
        self, database_url=None, sqlite_options="site", workdir=None, ready_database_url=None
    ):
        self.workdir = Path(workdir or tempfile.mkdtemp(prefix="clinic-load-"))
        self.mail_dir = self.workdir / "mail"
        self.media_dir = self.workdir / "media"
        self.sqlite_options = sqlite_options
        self.admin_url = None
        self.ready = bool(ready_database_url)
        if ready_database_url:
            self.database_url = ready_database_url
            is_sqlite = ready_database_url.startswith("sqlite")
            self.sqlite_path = (
                Path(urllib.parse.urlsplit(ready_database_url).path) if is_sqlite else None
            )
            self.label = "SQLite (WAL, IMMEDIATE, 20 s busy timeout)" if is_sqlite else "PostgreSQL"
        elif database_url:
            parsed = urllib.parse.urlsplit(database_url)
            if parsed.hostname not in LOOPBACK:
                raise SystemExit("Only a database on this machine (loopback) is allowed.")
            self.admin_url = database_url
            self.db_name = f"clinic_load_{secrets.token_hex(4)}"
            self.database_url = urllib.parse.urlunsplit(parsed._replace(path="/" + self.db_name))
            self.sqlite_path = None
            self.label = "PostgreSQL"
        else:
            self.sqlite_path = self.workdir / "load.sqlite3"
            self.database_url = f"sqlite:///{self.sqlite_path}"
            self.label = (
                "SQLite, Django's default options"
                if sqlite_options == "django-default"
                else "SQLite (WAL, IMMEDIATE, 20 s busy timeout)"
            )

    def env(self, rate_limit="off"):
        (self.workdir / "load_settings.py").write_text(
            SETTINGS_TEMPLATE.format(
                mail_dir=str(self.mail_dir),
                media_dir=str(self.media_dir),
                rate_limit=rate_limit,
                min_fill=MIN_FILL_SECONDS,
                database_override=(
                    DJANGO_DEFAULT_SQLITE if self.sqlite_options == "django-default" else ""
                ),
            )
        )
        env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
        env.update(
            DJANGO_SETTINGS_MODULE="load_settings",
            PYTHONPATH=os.pathsep.join([str(self.workdir), str(ROOT)]),
            DATABASE_URL=self.database_url,
            APPLICATION_ENCRYPTION_KEY="load-test-only-key",
            LOG_LEVEL="WARNING",
        )
        return env

    def manage(self, *args, timeout=600):
        subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env(),
            check=True,
            timeout=timeout,
            stdout=subprocess.DEVNULL,
        )

    def prepare(self):
        if self.ready:
            return self
        if self.admin_url:
            import psycopg

            with psycopg.connect(self.admin_url, autocommit=True) as connection:
                connection.execute(f'CREATE DATABASE "{self.db_name}"')
        self.manage("migrate", "--no-input", "-v0")
        self.manage("load_demo_content")
        return self

    def reset_applications(self):
        shutil.rmtree(self.mail_dir, ignore_errors=True)
        self.mail_dir.mkdir(parents=True)
        subprocess.run(
            [sys.executable, "manage.py", "shell", "-v0", "-c", _RESET_SNIPPET],
            cwd=ROOT,
            env=self.env(),
            check=True,
            timeout=120,
        )

    @contextlib.contextmanager
    def serve(self, workers, rate_limit="off"):
        port = free_port()
        log_path = self.workdir / f"gunicorn-{port}.log"
        with log_path.open("w") as log:
            server = subprocess.Popen(
                [
                    str(BIN / "gunicorn"),
                    "clinic_site.wsgi:application",
                    f"--workers={workers}",
                    f"--bind=127.0.0.1:{port}",
                    "--timeout=60",
                    "--graceful-timeout=10",
                    "--backlog=256",
                ],
                cwd=ROOT,
                env=self.env(rate_limit),
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            wait_until_serving(port, server)
            yield Server(port, log_path)
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()

    def send_queued_emails(self):
        """The desk's emails are queued by the form; a worker sends them, as on the site."""
        self.manage("db_worker", "--batch", "--interval", "0", timeout=600)

    def stored(self):
        result = subprocess.run(
            [sys.executable, "manage.py", "shell", "-v0", "-c", COUNT_SNIPPET],
            cwd=ROOT,
            env=self.env(),
            check=True,
            timeout=300,
            capture_output=True,
            text=True,
        )
        return json.loads(result.stdout.strip().splitlines()[-1])

    def plaintext_in_database_file(self, needle):
        if self.sqlite_path is None:
            return None
        files = [self.sqlite_path, Path(f"{self.sqlite_path}-wal")]
        return any(needle in path.read_bytes() for path in files if path.exists())

    def cleanup(self):
        if self.admin_url:
            import psycopg

            with psycopg.connect(self.admin_url, autocommit=True) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{self.db_name}" WITH (FORCE)')
        shutil.rmtree(self.workdir, ignore_errors=True)


_RESET_SNIPPET = """
from intake.models import ApplicationRateCounter, ApplicationSubmission
ApplicationSubmission.objects.all().delete()
ApplicationRateCounter.objects.all().delete()
"""


@dataclass
class Server:
    port: int
    log_path: Path

    def log(self):
        return self.log_path.read_text(errors="replace")


def wait_until_serving(port, server, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("gunicorn stopped before it served a page")
        try:
            status, _, _ = request(port, "GET", FORM_PATH)
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not serve {FORM_PATH} within {timeout} s")


def request(port, method, path, body=None, headers=None, timeout=60):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


class Patient:
    """One client: for each application loads the form like a browser, waits, sends it.

    A form's signed start time is bound to its application token, so each application
    needs a page load of its own, as each real patient's does.
    """

    def __init__(self, port):
        self.port = port

    def load_form(self):
        status, headers, body = request(self.port, "GET", FORM_PATH)
        if status != 200:
            raise RuntimeError(f"the form answered {status}")
        html = body.decode()
        cookie = re.search(r"csrftoken=([^;]+)", headers.get("Set-Cookie", ""))
        self.cookie = f"csrftoken={cookie.group(1)}"
        return {
            "csrfmiddlewaretoken": hidden_value(html, "csrfmiddlewaretoken"),
            "form_started": hidden_value(html, "form_started"),
            "application_token": hidden_value(html, "application_token"),
            re.search(r'name="(i_agree[^"]*)"', html).group(1): "on",
        }

    def apply(self, number):
        fields = self.load_form()
        time.sleep(MIN_FILL_SECONDS + 0.2)
        data = {
            **ANSWERS,
            **fields,
            "first_name": f"Load{number:05d}",
            "email_address": f"load{number}@example.com",
            "website_url": "",
        }
        body = urllib.parse.urlencode(data, doseq=True)
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": self.cookie,
        }
        status, response_headers, _ = request(self.port, "POST", FORM_PATH, body, headers)
        if status == 302 and "/thank-you/" not in response_headers.get("Location", ""):
            return "302 elsewhere"
        return status


def hidden_value(html, name):
    return re.search(rf'name="{name}" value="([^"]*)"', html).group(1)


def send_applications(port, clients, applications, time_limit):
    """K threads share M applications; returns ({number: status}, numbers never sent)."""
    numbers = iter(range(1, applications + 1))
    lock = threading.Lock()
    results = {}
    deadline = time.monotonic() + time_limit

    def run():
        try:
            patient = Patient(port)
        except Exception as error:  # noqa: BLE001 - reported, never hidden
            patient, failure = None, type(error).__name__
        while time.monotonic() < deadline:
            with lock:
                number = next(numbers, None)
            if number is None:
                return
            if patient is None:
                results[number] = failure
                continue
            try:
                results[number] = patient.apply(number)
            except Exception as error:  # noqa: BLE001
                results[number] = type(error).__name__

    threads = [threading.Thread(target=run, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(1, deadline - time.monotonic() + 60))
    return results, applications - len(results)


def run(
    workers=4,
    clients=16,
    applications=500,
    database_url=None,
    sqlite_options="site",
    rate_limit="off",
    time_limit=300,
    site=None,
):
    if not (0 < applications <= MAX_APPLICATIONS and 0 < clients <= MAX_CLIENTS):
        raise SystemExit(f"Use 1-{MAX_APPLICATIONS} applications and 1-{MAX_CLIENTS} clients.")
    if not 0 < workers <= MAX_WORKERS:
        raise SystemExit(f"Use 1-{MAX_WORKERS} workers.")
    own_site = site is None
    site = site or LoadSite(database_url, sqlite_options).prepare()
    try:
        site.reset_applications()
        report = Report(site.label, workers, clients, applications, rate_limit)
        with site.serve(workers, rate_limit) as server:
            started = time.monotonic()
            results, report.not_sent_in_time = send_applications(
                server.port, clients, applications, time_limit
            )
            report.seconds = time.monotonic() - started
        log = server.log()
        site.send_queued_emails()
        stored = site.stored()
        names = Counter(stored["names"])
        expected = {f"Load{number:05d}" for number in results}
        report.sent = len(results)
        report.by_status = {str(k): v for k, v in Counter(results.values()).items()}
        report.errors = sum(1 for status in results.values() if status != 302)
        report.stored_rows = stored["rows"]
        report.stored_distinct = len(set(names) & expected)
        report.duplicates = sum(count - 1 for count in names.values() if count > 1)
        report.lost = len(expected - set(names))
        report.database_locked_in_server_log = log.count(
            "django.db.utils.OperationalError: database is locked"
        )
        report.server_errors_in_log = log.count("Traceback (most recent call last)")
        report.notification_emails = sum(
            path.read_text(errors="replace").count("\nSubject: ")
            for path in site.mail_dir.iterdir()
        )
        report.plaintext_in_database_file = site.plaintext_in_database_file(b"Load0")
        return report
    finally:
        if own_site:
            site.cleanup()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--applications", type=int, default=500)
    parser.add_argument(
        "--database-url",
        default="",
        help="A PostgreSQL server on loopback (a new database is made and dropped on it); "
        "SQLite in a temporary folder when empty.",
    )
    parser.add_argument(
        "--sqlite-options",
        choices=["site", "django-default"],
        default="site",
        help="site: the options in clinic_site/settings/base.py; django-default: the control.",
    )
    parser.add_argument("--rate-limit", default="off", help='e.g. "5/h"; off by default.')
    parser.add_argument("--time-limit", type=int, default=300, help="seconds, at most 1800")
    parser.add_argument(
        "--expect-losses",
        action="store_true",
        help="Succeed only if something was lost (for the control run).",
    )
    parser.add_argument("--json", action="store_true", help="Print the report as JSON too.")
    args = parser.parse_args(argv)
    report = run(
        workers=args.workers,
        clients=args.clients,
        applications=args.applications,
        database_url=args.database_url or None,
        sqlite_options=args.sqlite_options,
        rate_limit=args.rate_limit,
        time_limit=min(args.time_limit, 1800),
    )
    print(report.summary())
    if args.json:
        print(json.dumps(asdict(report)))
    failed = report.lost or report.errors or report.duplicates or report.not_sent_in_time
    if args.expect_losses:
        return 0 if failed else 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
