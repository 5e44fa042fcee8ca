#!/usr/bin/env python3
"""
How fast the admin answers intake staff with many stored New Patient Applications.

    make bench-intake                                  (10,000 applications)
    .venv/bin/python scripts/bench_intake.py --applications 1000
    DATABASE_URL=postgres://... .venv/bin/python scripts/bench_intake.py

On SQLite (a new temporary file) and, when DATABASE_URL is a PostgreSQL address, on a
new `test_…` database there that is dropped afterwards: stores N applications (each its
own patient, sealed as the site seals them, with its urgency mark and search index),
signs in a "Patient intake" user and times each address of TIMED (median of --repeat
runs after one warm-up, and its database queries), then the CSV export of every
application, counting its rows (no truncation).
Figures are printed, never asserted: the machine is shared and noisy.

To time a new admin view, add one line to TIMED: a name and the address, where {page}
is the form page's id, {application} one application's id and {name} a stored patient's
last name and {phone} that patient's phone number.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

TIMED = {
    "worklist, first page": "/admin/intake/",
    "worklist, page 200": "/admin/intake/?p=200",
    "worklist, search by name": "/admin/intake/?q={name}",
    "worklist, search by phone": "/admin/intake/?q={phone}",
    "worklist, urgent and new": "/admin/intake/?urgent=yes&status=new",
    "one application (detail view)": "/admin/intake/{application}/",
    "listing, first page": "/admin/forms/submissions/{page}/",
    "listing, one day (date filter)": (
        "/admin/forms/submissions/{page}/?date_after={today}&date_before={today}"
    ),
    "one application (FHIR bundle)": "/admin/intake/fhir/{page}/?selected-submissions="
    "{application}",
}
CSV_EXPORT = "/admin/forms/submissions/{page}/?export=csv"

MEASURE = r"""
import csv, datetime, io, json, statistics, sys, time, urllib.parse
import django
django.setup()
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

args = json.loads(sys.argv[1])
created_test_db = None
if connection.vendor == "postgresql":
    created_test_db = connection.creation.create_test_db(verbosity=0, autoclobber=True)
else:
    call_command("migrate", verbosity=0, interactive=False)

from home.demo import site
from home.demo.application_form import ensure_application_form
from intake import search_index
from intake.models import ApplicationSubmission
from intake.permissions import INTAKE_GROUP
from intake.worklist_models import SearchDigest, urgency_mark


# A batch of applications as create_application stores them, in a few queries.
def store(batch, kinds):
    stored = ApplicationSubmission.objects.bulk_create(batch)
    for submission in stored:
        urgent = bool(submission.form_data["do_you_have_any_of_these_warning_signs"])
        submission.urgency_mark = urgency_mark(submission.pk, urgent)
    ApplicationSubmission.objects.bulk_update(stored, ["urgency_mark"])
    SearchDigest.objects.bulk_create(
        SearchDigest(application=submission, kind=kind, digest=digest)
        for submission in stored
        for kind, digest in search_index.digests_for(submission, kinds)
    )

try:
    home, wagtail_site = site.ensure_home_page()
    page = ensure_application_form(home)
    questions = list(page.form_fields.all())
    kinds = search_index.indexed_kinds(questions)
    asked = [[q.clean_name, q.label, q.field_type] for q in questions]
    started = time.perf_counter()
    batch = []
    for number in range(args["applications"]):
        batch.append(ApplicationSubmission(page=page, form_data={
            "first_name": f"Patient{number}", "last_name": f"Bench{number:05d}",
            "date_of_birth": "1961-04-27", "phone_number": f"(904) 555-{number % 10000:04d}",
            "email_address": f"patient{number}@example.com",
            "preferred_contact_method": "Phone call", "street_address": "1200 Riverside Ave",
            "city": "Jacksonville", "state": "FL", "zip_code": "32204",
            "where_is_your_pain": ["Lower back", "Hip"],
            "anything_else_we_should_know": "Worse in the mornings. " * 20,
            "do_you_have_any_of_these_warning_signs": ["Fever"] if number % 50 == 0 else [],
            "_questions": asked,
        }))
        if len(batch) == 500:
            store(batch, kinds)
            batch = []
    store(batch, kinds)
    stored_seconds = time.perf_counter() - started
    one = ApplicationSubmission.objects.order_by("pk")[args["applications"] // 2]
    user = get_user_model().objects.create_user("bench-intake", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=INTAKE_GROUP))
    client = Client()
    client.force_login(user)
    values = {"page": page.pk, "application": one.pk, "name": one.form_data["last_name"],
              "phone": urllib.parse.quote(one.form_data["phone_number"]),
              "today": timezone.localdate().isoformat()}

    print(f"\n{connection.vendor}: {args['applications']:,} applications "
          f"(stored in {stored_seconds:.1f} s)")
    print(f"  {'what':<40} {'median':>9} {'slowest':>9} {'queries':>8}")
    for name, template in args["timed"].items():
        url = template.format(**values)
        client.get(url)  # warm-up
        times = []
        for _ in range(args["repeat"]):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(url)
                body = b"".join(response) if response.streaming else response.content
                times.append(time.perf_counter() - started)
            if response.status_code != 200:
                raise SystemExit(f"{name}: {url} answered {response.status_code}")
        print(f"  {name:<40} {statistics.median(times) * 1000:>7.0f} ms "
              f"{max(times) * 1000:>6.0f} ms {len(queries):>8}")

    started = time.perf_counter()
    response = client.get(args["csv"].format(**values))
    text = b"".join(response.streaming_content).decode("utf-8")
    seconds = time.perf_counter() - started
    rows = sum(1 for _ in csv.reader(io.StringIO(text))) - 1
    print(f"  {'CSV export of all':<40} {seconds:>7.2f} s  {rows:,} rows of "
          f"{args['applications']:,} ({len(text) / 1e6:.1f} MB)")
finally:
    if created_test_db:
        connection.creation.destroy_test_db(created_test_db, verbosity=0)
"""


def run(database_url, arguments):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "clinic_site.settings.test",
        "DATABASE_URL": database_url,
    }
    payload = json.dumps(
        {
            "applications": arguments.applications,
            "repeat": arguments.repeat,
            "timed": TIMED,
            "csv": CSV_EXPORT,
        }
    )
    subprocess.run([sys.executable, "-c", MEASURE, payload], cwd=ROOT, env=env, check=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[1])
    parser.add_argument("--applications", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per address")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", ""),
        help="a PostgreSQL server to run on too (default: $DATABASE_URL)",
    )
    arguments = parser.parse_args()
    if arguments.applications < 1:
        parser.error("--applications must be at least 1")
    with tempfile.TemporaryDirectory(prefix="bench-intake-") as folder:
        run(f"sqlite:///{folder}/bench.sqlite3", arguments)
    if arguments.database_url.startswith(("postgres://", "postgresql://")):
        run(arguments.database_url, arguments)


if __name__ == "__main__":
    main()
