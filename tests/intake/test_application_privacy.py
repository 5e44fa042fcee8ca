"""Applications hold health information: who sees them, what leaves the database, audits."""

import csv
import datetime
import io
import logging
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django.views.debug import ExceptionReporter
from openpyxl import load_workbook
from wagtail.models import PageLogEntry

from intake import audit
from intake.models import ApplicationFormPage, ApplicationSubmission
from intake.permissions import INTAKE_GROUP, INTAKE_LEAD_GROUP
from tests.application_factories import (
    VALID_ANSWERS,
    WARNING_SIGNS,
    consent_field_name,
    make_user,
    post_data,
)

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
MARKER = "Zq7MarkerXv"


@pytest.fixture
def intake_client(client):
    client.force_login(make_user("intake", groups=[INTAKE_GROUP]))
    return client


@pytest.fixture
def editor_client(client):
    client.force_login(make_user("editor", groups=["Editors"]))
    return client


def listing_url(page, **query):
    url = reverse("wagtailforms:list_submissions", args=(page.pk,))
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def apply(client, page, **overrides):
    response = client.post(page.url, post_data(page, **overrides))
    assert response.status_code == 302, response.content[:2000]
    return response


def marked_answers(page):
    """The marker in every free-text answer; choices must stay valid to be stored."""
    return {
        "first_name": f"{MARKER}first",
        "last_name": f"{MARKER}last",
        "insurance_provider_or_self_pay": f"{MARKER}insurer",
        "referring_physician": f"{MARKER}doctor",
        "anything_else_we_should_know": f"{MARKER}note",
        "email_address": f"{MARKER.lower()}@example.com",
    }


def raw_database_text():
    """Every row of every table, as text: what a copied database file would show."""
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            chunks.extend(repr(row) for row in cursor.fetchall())
    return "\n".join(chunks)


# Who sees applications -------------------------------------------------------------------


def test_intake_staff_see_an_application_in_the_admin_listing(client, page):
    apply(client, page)
    client.force_login(make_user("intake", groups=[INTAKE_GROUP]))
    forms_index = client.get(reverse("wagtailforms:index"))
    assert page.title in forms_index.content.decode()
    response = client.get(listing_url(page))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Maria" in body and "Lopez" in body and "(904) 555-0142" in body


def test_an_editor_who_can_edit_the_page_cannot_see_applications(client, page):
    apply(client, page)
    editor = make_user("editor", groups=["Editors"])
    client.force_login(editor)
    assert client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).status_code == 200
    assert client.get(listing_url(page)).status_code == 403
    assert client.get(listing_url(page, export="csv")).status_code == 403
    assert client.get(listing_url(page, export="xlsx")).status_code == 403
    delete_url = reverse("wagtailforms:delete_submissions", args=(page.pk,))
    submission = ApplicationSubmission.objects.get()
    response = client.post(f"{delete_url}?selected-submissions={submission.pk}")
    assert response.status_code == 403
    assert ApplicationSubmission.objects.count() == 1
    assert page.title not in client.get(reverse("wagtailforms:index")).content.decode()
    editor_view = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    assert reverse("wagtailforms:list_submissions", args=(page.pk,)) not in (
        editor_view.content.decode()
    )


def test_only_superusers_edit_the_notification_addresses(client, page):
    client.force_login(make_user("editor", groups=["Editors"]))
    editor_form = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content
    client.force_login(make_user("boss", is_superuser=True, is_staff=True))
    superuser_form = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content
    assert b'name="to_address"' in superuser_form
    assert b'name="to_address"' not in editor_form
    assert b'name="from_address"' not in editor_form


def test_a_warning_sign_is_flagged_in_the_listing_and_the_export(client, page):
    apply(client, page)
    apply(client, page, first_name="Urgent", **{WARNING_SIGNS: ["Fever"]})
    client.force_login(make_user("intake", groups=[INTAKE_GROUP]))
    rows = client.get(listing_url(page)).context["data_rows"]
    flags = {row["fields"][2]: row["fields"][0] for row in rows}  # flag, time, first name
    assert flags == {"Urgent": "URGENT: warning sign ticked", "Maria": ""}
    export = list(csv.reader(io.StringIO(stream(client.get(listing_url(page, export="csv"))))))
    assert export[0][0] == "Warning signs"
    assert sorted(row[0] for row in export[1:]) == ["", "URGENT: warning sign ticked"]


def stream(response):
    return b"".join(response.streaming_content).decode()


# Encryption at rest ---------------------------------------------------------------------


def test_the_raw_database_row_holds_no_applicant_data(client, page):
    apply(client, page)
    with connection.cursor() as cursor:
        cursor.execute("SELECT form_data FROM home_applicationsubmission")
        (raw,) = cursor.fetchone()
    raw = raw if isinstance(raw, str) else repr(raw)
    for value in ("Maria", "Lopez", "555-0142", "maria@example.com", "Lower back", "32204"):
        assert value not in raw
    assert "first_name" not in raw  # one sealed document: not even the question names
    assert ApplicationSubmission.objects.get().form_data["last_name"] == "Lopez"


@pytest.mark.skipif(connection.vendor != "sqlite", reason="dumps the SQLite database")
def test_a_dump_of_the_whole_database_does_not_expose_applications(client, page):
    apply(client, page, **marked_answers(page))
    connection.ensure_connection()
    dump = "\n".join(connection.connection.iterdump())
    assert MARKER[:7] not in dump and MARKER.lower() not in dump  # see assert_marker_nowhere
    assert "home_applicationsubmission" in dump and page.title in dump


def test_export_decrypts_and_keeps_formulas_as_text(client, page):
    apply(client, page, referring_physician='=HYPERLINK("http://x")')
    client.force_login(make_user("intake", groups=[INTAKE_GROUP]))
    rows = list(csv.DictReader(io.StringIO(stream(client.get(listing_url(page, export="csv"))))))
    assert rows[0]["First name"] == "Maria"
    assert rows[0]["Where is your pain?"] == "Lower back, Leg / sciatica"
    assert rows[0]["Referring physician"] == '\'=HYPERLINK("http://x")'
    xlsx = client.get(listing_url(page, export="xlsx"))
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    values = [cell.value for cell in next(sheet.iter_rows(min_row=2, max_row=2))]
    assert "Lopez" in values


def test_production_refuses_to_start_without_an_encryption_key():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("APPLICATION_", "DJANGO_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="clinic_site.settings.production",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="clinic.example",
    )
    command = [sys.executable, "-c", "import django; django.setup(); print('started')"]
    refused = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    assert refused.returncode != 0
    assert "APPLICATION_ENCRYPTION_KEY must be set" in refused.stderr
    env["APPLICATION_ENCRYPTION_KEY"] = "k" * 43
    weak = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    assert "APPLICATION_ENCRYPTION_KEY must hold at least 32 random bytes" in weak.stderr
    env["APPLICATION_ENCRYPTION_KEY"] = secrets.token_urlsafe(32)
    started = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    assert started.returncode == 0, started.stderr


# Email -------------------------------------------------------------------------------------


def test_the_notification_links_the_admin_and_holds_no_applicant_data(client, page):
    apply(client, page, **{WARNING_SIGNS: ["Fever"]})
    (message,) = mail.outbox
    assert message.to == [address.strip() for address in page.to_address.split(",")]
    application = ApplicationSubmission.objects.get()
    detail_url = reverse("intake_application", args=(application.pk,))
    assert "http://testserver" + detail_url in message.body
    everything = message.subject + message.body + str(message.message())
    for value in VALID_ANSWERS.values():
        for text in value if isinstance(value, list) else [value]:
            if len(text) > 2:  # "6" (the pain score) is also in the date
                assert text not in everything, text
    # That a warning sign was ticked is said (issue 17), never which one.
    assert message.subject.startswith("URGENT — warning sign ticked")
    assert "Fever" not in everything


@override_settings(APPLICATION_EMAIL_SUMMARY=True)
def test_the_optional_summary_has_no_health_answers(client, page):
    apply(client, page)
    (message,) = mail.outbox
    assert "First name: Maria" in message.body
    assert "Preferred contact method: Phone call" in message.body
    for health in ("Lower back", "Sitting", "2 to 6 weeks", "Lopez", "555-0142"):
        assert health not in message.body


@override_settings(EMAIL_BACKEND="tests.test_application_privacy.FailingEmailBackend")
def test_a_failing_mail_server_keeps_the_application_and_is_logged(client, page, caplog):
    with caplog.at_level(logging.ERROR, logger="intake"):
        response = apply(client, page)
    assert client.get(response["Location"]).status_code == 200
    assert ApplicationSubmission.objects.count() == 1
    messages = [r.getMessage() for r in caplog.records if r.name == "intake"]
    assert "Could not send the notification email" in messages[0]
    assert "Maria" not in caplog.text


class FailingEmailBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


# Nothing leaks sideways -------------------------------------------------------------------


def everything_logged(caplog):
    return "\n".join(
        logging.Formatter("%(message)s %(exc_info)s").format(record) + str(record.__dict__)
        for record in caplog.records
    )


@override_settings(ADMINS=[("Ops", "ops@example.com")])
def test_a_marker_in_every_field_is_in_no_email_log_or_raw_database(client, page, caplog):
    with caplog.at_level(logging.DEBUG):
        apply(client, page, **marked_answers(page))
    assert ApplicationSubmission.objects.get().form_data["first_name"] == f"{MARKER}first"
    assert_marker_nowhere(caplog)


@override_settings(ADMINS=[("Ops", "ops@example.com")])
def test_no_marker_leaks_when_the_view_raises_after_saving(client, page, caplog, monkeypatch):
    def broken(self, token=None):
        raise RuntimeError("the thank-you address could not be built")

    monkeypatch.setattr(ApplicationFormPage, "thank_you_url", broken)
    client.raise_request_exception = False
    with caplog.at_level(logging.DEBUG):
        response = client.post(page.url, post_data(page, **marked_answers(page)))
    assert response.status_code == 500
    assert ApplicationSubmission.objects.count() == 1  # stored before the failure
    error_reports = [m for m in mail.outbox if "ops@example.com" in m.to]
    assert error_reports and "RuntimeError" in error_reports[0].body
    assert "*****" in error_reports[0].body  # the POST data is there, scrubbed
    assert_marker_nowhere(caplog)


def assert_marker_nowhere(caplog):
    for message in mail.outbox:
        text = str(message.message()) + "".join(str(a) for a in message.alternatives)
        assert "Zq7" not in text and MARKER.lower() not in text
    logged = everything_logged(caplog)
    assert "Zq7" not in logged and MARKER.lower() not in logged
    raw = raw_database_text()
    # Seven letters, not three: "Zq7" can turn up by chance in ciphertext and session
    # data, which are base64 text (one PostgreSQL run failed on it).
    assert MARKER[:7] not in raw and MARKER.lower() not in raw


def test_error_reports_scrub_posted_data_and_local_variables(rf):
    request = rf.post("/new-patient-application/", {"first_name": MARKER})
    secret_answer = MARKER  # noqa: F841 - a local variable the report would show
    try:
        raise ValueError("boom")
    except ValueError:
        reporter = ExceptionReporter(request, *sys.exc_info())
    for report in (reporter.get_traceback_text(), reporter.get_traceback_html()):
        assert MARKER not in report
        assert "first_name" in report  # the field is named, its value hidden


@override_settings(DEBUG=True)
def test_the_debug_page_scrubs_posted_data_too(rf):
    request = rf.post("/new-patient-application/", {"first_name": MARKER})
    try:
        raise ValueError("boom")
    except ValueError:
        html = ExceptionReporter(request, *sys.exc_info()).get_traceback_html()
    assert MARKER not in html


# Audit log ---------------------------------------------------------------------------------


def test_listing_export_and_delete_are_in_the_audit_log(client, page):
    apply(client, page)
    apply(client, page, first_name="Ann")
    user = make_user("intake", groups=[INTAKE_LEAD_GROUP])
    client.force_login(user)
    client.get(listing_url(page))
    stream(client.get(listing_url(page, export="csv")))
    client.get(listing_url(page, export="xlsx"))
    submission = ApplicationSubmission.objects.first()
    delete_url = reverse("wagtailforms:delete_submissions", args=(page.pk,))
    client.post(f"{delete_url}?selected-submissions={submission.pk}")

    entries = PageLogEntry.objects.filter(page=page, action__startswith="home.application")
    assert [(e.action, e.user, e.data) for e in entries.order_by("timestamp", "pk")] == [
        (audit.LISTED, user, {"count": 2}),
        (audit.EXPORTED, user, {"count": 2, "format": "csv"}),
        (audit.EXPORTED, user, {"count": 2, "format": "xlsx"}),
        (audit.DELETED, user, {"count": 1}),
    ]
    assert entries.get(action=audit.LISTED).message == "Viewed 2 patient application(s)"
    assert ApplicationSubmission.objects.count() == 1


def test_an_intake_user_without_the_delete_permission_cannot_delete(client, page):
    from django.contrib.auth.models import Group, Permission

    apply(client, page)
    readers = Group.objects.create(name="Intake readers")
    readers.permissions.add(
        Permission.objects.get(codename="view_applicationsubmission"),
        Permission.objects.get(codename="access_admin"),
    )
    client.force_login(make_user("reader", groups=["Intake readers"]))
    assert client.get(listing_url(page)).status_code == 200
    submission = ApplicationSubmission.objects.get()
    delete_url = reverse("wagtailforms:delete_submissions", args=(page.pk,))
    refused = client.post(f"{delete_url}?selected-submissions={submission.pk}")
    assert refused.status_code == 403
    # The reason they are given: deleting, not reading, is for others.
    text = " ".join(refused.content.decode().split())
    assert "only the Intake lead group and administrators can delete them" in text
    assert "only the Patient intake group can see them" not in text
    assert ApplicationSubmission.objects.filter(pk=submission.pk).exists()


# Retention ---------------------------------------------------------------------------------


@override_settings(APPLICATION_RETENTION_DAYS=365)
def test_purge_deletes_only_applications_older_than_the_retention(client, page):
    for name in ("Old", "Older", "Recent"):
        apply(client, page, first_name=name)
    now = timezone.now()
    ages = {"Old": 366, "Older": 900, "Recent": 364}
    for submission in ApplicationSubmission.objects.all():
        age = ages[submission.form_data["first_name"]]
        ApplicationSubmission.objects.filter(pk=submission.pk).update(
            submit_time=now - datetime.timedelta(days=age)
        )
    out = io.StringIO()
    call_command("purge_applications", stdout=out)
    assert "Deleted 2 patient application(s) older than 365 days" in out.getvalue()
    assert [s.form_data["first_name"] for s in ApplicationSubmission.objects.all()] == ["Recent"]
    assert PageLogEntry.objects.get(action=audit.PURGED).data == {
        "count": 2,
        "retention_days": 365,
    }
    out = io.StringIO()
    call_command("purge_applications", stdout=out)  # again, as cron would
    assert "Deleted 0 patient application(s)" in out.getvalue()


def test_purge_dry_run_deletes_nothing(client, page):
    apply(client, page)
    ApplicationSubmission.objects.update(submit_time=timezone.now() - datetime.timedelta(999))
    out = io.StringIO()
    call_command("purge_applications", "--dry-run", stdout=out)
    assert "Would delete 1" in out.getvalue()
    assert ApplicationSubmission.objects.count() == 1


def test_consent_answer_is_stored(client, page):
    apply(client, page)
    assert ApplicationSubmission.objects.get().form_data[consent_field_name(page)] == "Yes"


def test_deleting_applications_names_them_and_says_what_goes_with_them(client, page):
    apply(client, page, first_name="Ann", do_you_have_any_of_these_warning_signs="Fever")
    apply(client, page, first_name="Bea")
    ann, bea = ApplicationSubmission.objects.order_by("pk")
    ApplicationSubmission.objects.filter(pk=bea.pk).update(status="booked")
    client.force_login(make_user("lead", groups=[INTAKE_LEAD_GROUP]))
    delete_url = reverse("wagtailforms:delete_submissions", args=(page.pk,))
    selected = f"{delete_url}?selected-submissions={ann.pk}&selected-submissions={bea.pk}"

    text = " ".join(client.get(selected).content.decode().split())
    assert "every answer, attached file, note and status change in them" in text
    assert "cannot be brought back except from a backup" in text
    assert "Ann Lopez" in text and "Bea Lopez" in text and "Urgent" in text
    assert "Ann Lopez has not been answered yet" in text
    assert "Delete 2 applications" in text and "No, go back" in text
    assert ApplicationSubmission.objects.count() == 2

    client.post(selected)
    assert ApplicationSubmission.objects.count() == 0
