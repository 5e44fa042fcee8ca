"""The desk's worklist and one application, through the real admin views."""

import datetime
import io
import re
import secrets

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from intake import audit, worklist
from intake.models import ApplicationSubmission
from intake.permissions import INTAKE_GROUP
from intake.worklist_models import ApplicationStatus, SearchDigest
from tests.application_factories import (
    VALID_ANSWERS,
    WARNING_SIGNS,
    build_application_site,
    make_user,
)

pytestmark = pytest.mark.django_db

WORKLIST = reverse("intake_worklist")


@pytest.fixture
def page():
    return build_application_site()


def apply(page, received=None, **answers):
    """Store an application as the form does; `received` backdates it."""
    submission, _ = page.store_application({**VALID_ANSWERS, **answers}, secrets.token_hex(8))
    if received is not None:
        ApplicationSubmission.objects.filter(pk=submission.pk).update(submit_time=received)
        submission.refresh_from_db()
    return submission


@pytest.fixture
def desk(client):
    user = make_user("desk", groups=[INTAKE_GROUP], first_name="Dana", last_name="Reyes")
    client.force_login(user)
    client.user = user
    return client


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def listed_ids(response):
    return [row.submission.pk for row in response.context["rows"]]


def test_urgent_first_then_new_then_most_recent(page, desk):
    now = timezone.now()
    older_new = apply(page, now - datetime.timedelta(days=3), first_name="Older")
    urgent = apply(page, now - datetime.timedelta(days=5), **{WARNING_SIGNS: ["Fever"]})
    contacted = apply(page, now - datetime.timedelta(hours=1), first_name="Called")
    ApplicationSubmission.objects.filter(pk=contacted.pk).update(status=ApplicationStatus.CONTACTED)
    newest = apply(page, now, first_name="Newest")

    response = desk.get(WORKLIST)

    assert response.status_code == 200
    assert listed_ids(response) == [urgent.pk, newest.pk, older_new.pk, contacted.pk]
    html = response.content.decode()
    assert "Urgent" in html and "Maria Lopez" in html
    assert "Phone call" in html and "Lower back, Leg / sciatica" in html


def test_pages_follow_the_order_across_urgent_new_and_the_rest(page, desk, monkeypatch):
    monkeypatch.setattr(worklist, "PER_PAGE", 2)
    now = timezone.now()
    queue = []
    for hours, urgent, status in [
        (1, True, ApplicationStatus.BOOKED),
        (5, True, ApplicationStatus.NEW),
        (2, False, ApplicationStatus.NEW),
        (3, False, ApplicationStatus.NEW),
        (0, False, ApplicationStatus.NO_ANSWER),
    ]:
        answers = {WARNING_SIGNS: ["Fever"]} if urgent else {}
        submission = apply(page, now - datetime.timedelta(hours=hours), **answers)
        ApplicationSubmission.objects.filter(pk=submission.pk).update(status=status)
        queue.append(submission.pk)
    # Urgent and new, urgent and booked; new, newest first; the rest.
    expected = [queue[1], queue[0], queue[2], queue[3], queue[4]]

    pages = [listed_ids(desk.get(WORKLIST, {"p": number})) for number in (1, 2, 3)]

    assert pages == [expected[0:2], expected[2:4], expected[4:]]
    detail = desk.get(reverse("intake_application", args=(expected[2],)))
    assert (detail.context["previous_id"], detail.context["next_id"]) == tuple(expected[1:4:2])


def test_filters_by_status_urgent_assignee_and_local_date(page, desk):
    colleague = make_user("colleague", groups=[INTAKE_GROUP])
    # 11:53 pm in the clinic's time zone (America/New_York) is 04:53 UTC the next day.
    late_evening = timezone.make_aware(datetime.datetime(2026, 11, 30, 23, 53))
    evening = apply(page, late_evening, first_name="Evening")
    urgent = apply(page, late_evening + datetime.timedelta(days=2), **{WARNING_SIGNS: ["Fever"]})
    booked = apply(page, late_evening + datetime.timedelta(days=2))
    ApplicationSubmission.objects.filter(pk=booked.pk).update(
        status=ApplicationStatus.BOOKED, assignee=colleague
    )

    def ids(**filters):
        return listed_ids(desk.get(WORKLIST, filters))

    assert ids(status="booked") == [booked.pk]
    assert ids(urgent="yes") == [urgent.pk]
    assert set(ids(urgent="no")) == {evening.pk, booked.pk}
    assert ids(assignee=str(colleague.pk)) == [booked.pk]
    assert set(ids(assignee="none")) == {evening.pk, urgent.pk}
    assert ids(received_from="2026-11-30", received_to="2026-11-30") == [evening.pk]
    assert ids(received_from="2026-12-01", received_to="2026-12-01") == []


def test_a_reversed_date_range_is_explained_and_the_other_filters_still_apply(page, desk):
    apply(page)
    urgent = apply(page, **{WARNING_SIGNS: ["Fever"]})
    response = desk.get(
        WORKLIST, {"urgent": "yes", "received_from": "2000-12-02", "received_to": "2000-12-01"}
    )
    assert "on or after the “Received from” date" in response.content.decode()
    assert listed_ids(response) == [urgent.pk]


def test_search_by_name_phone_or_email_finds_those_rows_only(page, desk):
    maria = apply(page)
    jose = apply(
        page,
        first_name="José",
        last_name="Álvarez",
        phone_number="(904) 555-0199",
        email_address="Jose.Alvarez@Example.com",
    )
    apply(page, first_name="Ann", last_name="Lopezz", phone_number="(305) 555-0142")

    def found(query):
        return set(listed_ids(desk.get(WORKLIST, {"q": query})))

    assert found("maria") == {maria.pk}
    assert found("Lopez Maria") == {maria.pk}
    assert found("jose alvarez") == {jose.pk}
    assert found("904-555-0199") == {jose.pk}
    assert found("+1 904 555 0142") == {maria.pk}
    assert found("jose.alvarez@example.com ") == {jose.pk}
    assert found("Maria Alvarez") == set()
    assert found("lope") == set()


def test_the_search_index_holds_no_readable_answer(page):
    apply(page)
    digests = " ".join(SearchDigest.objects.values_list("digest", flat=True))
    for answer in ("maria", "lopez", "9045550142", "maria@example.com"):
        assert answer not in digests.lower()
    assert SearchDigest.objects.count() == 4  # two name words, a phone, an email


def test_the_search_index_is_rebuilt_by_the_command(page, desk):
    maria = apply(page)
    SearchDigest.objects.all().delete()
    assert listed_ids(desk.get(WORKLIST, {"q": "maria"})) == []
    call_command("rebuild_application_search_index", stdout=io.StringIO())
    assert listed_ids(desk.get(WORKLIST, {"q": "maria"})) == [maria.pk]


def test_applications_stored_before_the_worklist_are_found_after_migrate(page, desk):
    """As on a site upgraded to the worklist: its applications had no mark and no digests."""
    urgent = apply(page, **{WARNING_SIGNS: ["Fever"]})
    plain = apply(page, first_name="Jose", email="jose@example.com")
    SearchDigest.objects.all().delete()
    ApplicationSubmission.objects.update(urgency_mark="")
    assert listed_ids(desk.get(WORKLIST, {"q": "maria"})) == []

    call_command("migrate", verbosity=0)
    assert listed_ids(desk.get(WORKLIST, {"q": "maria"})) == [urgent.pk]
    assert listed_ids(desk.get(WORKLIST, {"urgent": "yes"})) == [urgent.pk]
    assert listed_ids(desk.get(WORKLIST)) == [urgent.pk, plain.pk]


def test_queries_per_worklist_page_do_not_grow_with_applications(page, desk):
    # One of each part of the queue (urgent, new, the rest): the first page spans them all.
    apply(page, **{WARNING_SIGNS: ["Fever"]})
    apply(page)
    ApplicationSubmission.objects.filter(pk=apply(page).pk).update(
        status=ApplicationStatus.CONTACTED
    )

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert desk.get(WORKLIST).status_code == 200
        return len(captured)

    few = queries()
    for number in range(30):
        apply(
            page, first_name=f"Patient {number}", **{WARNING_SIGNS: ["Fever"]} if number % 3 else {}
        )
    assert queries() <= few


def test_long_answers_are_cut_in_the_list_and_whole_in_the_detail(page, desk):
    long_name = "Bartholomew" * 10
    submission = apply(page, first_name=long_name)
    listing = desk.get(WORKLIST).content.decode()
    assert long_name not in listing and long_name[:40] in listing
    detail = desk.get(reverse("intake_application", args=(submission.pk,))).content.decode()
    assert long_name in detail


def test_detail_keeps_the_questions_as_worded_when_the_patient_applied(page, desk):
    submission = apply(page, **{WARNING_SIGNS: ["Fever"]})
    question = page.form_fields.get(clean_name="where_is_your_pain")
    question.label = "Which body part hurts?"
    question.save()

    html = desk.get(reverse("intake_application", args=(submission.pk,))).content.decode()

    assert "Where is your pain?" in html and "Which body part hurts?" not in html
    assert html.index("URGENT — ticked: Fever") < html.index("Where is your pain?")


def test_only_an_application_with_a_warning_sign_is_marked_in_red(page, desk):
    def warning_box(submission):
        html = desk.get(reverse("intake_application", args=(submission.pk,))).content
        return BeautifulSoup(html, "html.parser").find(
            "section", class_="application__warning-signs"
        )

    calm, urgent = apply(page), apply(page, **{WARNING_SIGNS: ["Fever"]})
    assert "application__warning-signs--urgent" not in warning_box(calm)["class"]
    assert "None ticked" in warning_box(calm).get_text()
    assert "application__warning-signs--urgent" in warning_box(urgent)["class"]


def test_the_date_of_birth_reads_as_words_with_the_age(page, desk, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda: datetime.date(2026, 4, 26))
    # As the form stores it (tests/intake/test_application_form.py): 65 the day after.
    submission = apply(page, date_of_birth="1961-04-27")
    html = desk.get(reverse("intake_application", args=(submission.pk,))).content.decode()
    assert "April 27, 1961 (age 64)" in html
    assert "1961-04-27" not in html


def test_the_shown_answer_leaves_what_is_not_a_date_as_stored():
    today = datetime.date(2026, 12, 3)
    assert worklist.shown_answer("birthdate", "1961-04-27", today) == "April 27, 1961 (age 65)"
    assert worklist.shown_answer("date", "2026-01-05", today) == "January 5, 2026"
    assert worklist.shown_answer("injurydate", "2026-10-02", today) == "October 2, 2026"
    assert worklist.shown_answer("birthdate", "sometime in 1961", today) == "sometime in 1961"
    assert worklist.shown_answer("singleline", "1961-04-27", today) == "1961-04-27"
    assert worklist.shown_answer("birthdate", None, today) == ""


def test_the_desk_reads_the_state_by_its_name(page, desk):
    submission = apply(page, state="FL")
    html = desk.get(reverse("intake_application", args=(submission.pk,))).content.decode()
    assert "Florida (FL)" in html
    assert worklist.shown_answer("usstate", "ZZ", datetime.date(2026, 12, 3)) == "ZZ"


def test_previous_and_next_follow_the_current_filter(page, desk):
    first = apply(page, timezone.now() - datetime.timedelta(hours=3), first_name="First")
    apply(page, timezone.now() - datetime.timedelta(hours=2), **{WARNING_SIGNS: ["Fever"]})
    last = apply(page, timezone.now() - datetime.timedelta(hours=1), first_name="Last")

    response = desk.get(reverse("intake_application", args=(last.pk,)), {"urgent": "no"})

    assert response.context["previous_id"] is None
    assert response.context["next_id"] == first.pk
    assert f"/intake/{first.pk}/?urgent=no" in response.content.decode()


def test_a_status_change_records_who_and_when_and_is_audited(page, desk):
    submission = apply(page)
    url = reverse("intake_application_status", args=(submission.pk,))

    response = desk.post(url, {"status": "contacted", "assignee": str(desk.user.pk)})

    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == ApplicationStatus.CONTACTED
    assert submission.status_changed_by == desk.user
    assert submission.assignee == desk.user
    entries = PageLogEntry.objects.filter(page=page, user=desk.user)
    status_entry = entries.get(action=audit.STATUS_CHANGED)
    assert status_entry.data == {
        "count": 0,
        "application": submission.pk,
        "old": "New",
        "new": "Contacted",
    }
    assert "New → Contacted" in status_entry.message
    assert entries.filter(action=audit.ASSIGNED).exists()
    detail = desk.get(reverse("intake_application", args=(submission.pk,))).content.decode()
    assert "set by Dana Reyes" in detail


def status_form_as_shown(client, submission):
    """The status form's fields as the application's page shows them."""
    html = client.get(reverse("intake_application", args=(submission.pk,))).content.decode()
    form = BeautifulSoup(html, "html.parser").find("form", action=re.compile("/status/"))
    return {
        field["name"]: field.get("value", "")
        for field in form.find_all("input")
        if field["name"] != "csrfmiddlewaretoken"
    }


def test_a_colleagues_status_change_is_never_overwritten_unseen(page, desk):
    submission = apply(page)
    colleague = make_user("colleague", groups=[INTAKE_GROUP], first_name="Sam", last_name="Ortiz")
    client = Client()
    client.force_login(colleague)
    status_url = reverse("intake_application_status", args=(submission.pk,))
    mine = status_form_as_shown(desk, submission)  # both have the page open
    theirs = status_form_as_shown(client, submission)
    client.post(status_url, {**theirs, "status": "booked", "assignee": str(colleague.pk)})

    response = desk.post(status_url, {**mine, "status": "no_answer", "assignee": ""})
    assert response.status_code == 400
    text = " ".join(BeautifulSoup(response.content, "html.parser").get_text().split())
    assert (
        "Sam Ortiz changed this application while you had it open: it is now “Booked”, "
        "assigned to Sam Ortiz. Your choice was not saved." in text
    )
    submission.refresh_from_db()
    assert (submission.status, submission.assignee) == (ApplicationStatus.BOOKED, colleague)
    # The desk's own choice is still selected; saved again, now knowingly, it stands.
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("option", value="no_answer").has_attr("selected")
    # Staff by name, as in the worklist.
    assert soup.find("option", value=str(colleague.pk)).get_text() == "Sam Ortiz"
    again = {
        field["name"]: field.get("value", "")
        for field in soup.find("form", action=re.compile("/status/")).find_all("input")
        if field["name"] != "csrfmiddlewaretoken"
    }
    assert (
        desk.post(status_url, {**again, "status": "no_answer", "assignee": ""}).status_code == 302
    )
    submission.refresh_from_db()
    assert submission.status == ApplicationStatus.NO_ANSWER


def test_the_status_history_shows_who_changed_what_newest_first(page, desk):
    submission = apply(page)
    colleague = make_user("colleague", groups=[INTAKE_GROUP], first_name="Sam", last_name="Ortiz")
    status_url = reverse("intake_application_status", args=(submission.pk,))
    detail_url = reverse("intake_application", args=(submission.pk,))
    assert "No changes yet: New since it arrived." in desk.get(detail_url).content.decode()

    desk.post(status_url, {"status": "contacted", "assignee": ""})
    desk.post(status_url, {"status": "booked", "assignee": str(colleague.pk)})

    history = soup(desk.get(detail_url)).select(".application__history li")
    assert [" ".join(item.get_text().split()).split(": ", 1)[1] for item in history] == [
        "Dana Reyes assigned it to Sam Ortiz",
        "Dana Reyes set the status to Booked (was Contacted)",
        "Dana Reyes set the status to Contacted (was New)",
    ]


def test_an_unknown_status_is_refused_with_a_message_and_nothing_changes(page, desk):
    submission = apply(page)
    response = desk.post(
        reverse("intake_application_status", args=(submission.pk,)), {"status": "lost"}
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    submission.refresh_from_db()
    assert submission.status == ApplicationStatus.NEW


def test_notes_are_encrypted_at_rest_and_shown_to_the_desk(page, desk):
    submission = apply(page)
    note = "Called at 10am, prefers Tuesday afternoons"

    desk.post(reverse("intake_application_note", args=(submission.pk,)), {"text": note})

    with connection.cursor() as cursor:
        cursor.execute("SELECT sealed FROM intake_desknote")
        (stored,) = cursor.fetchone()
    assert "Tuesday" not in stored and "Called" not in stored
    assert PageLogEntry.objects.filter(action=audit.NOTE_ADDED, user=desk.user).exists()
    detail = desk.get(reverse("intake_application", args=(submission.pk,))).content.decode()
    assert note in detail


def test_an_empty_note_is_refused_with_a_message(page, desk):
    submission = apply(page)
    response = desk.post(reverse("intake_application_note", args=(submission.pk,)), {"text": ""})
    assert response.status_code == 400
    assert "Write the note before adding it." in response.content.decode()


def test_who_else_has_the_application_open_is_shown(page, desk, client):
    submission = apply(page)
    url = reverse("intake_application", args=(submission.pk,))
    desk.get(url)
    desk.logout()
    desk.force_login(make_user("second", groups=[INTAKE_GROUP]))

    assert "Also open now by Dana Reyes" in desk.get(url).content.decode()


def test_people_outside_intake_cannot_see_the_worklist_or_an_application(page, client):
    submission = apply(page)
    client.force_login(make_user("editor", groups=["Editors"], is_staff=True))
    assert client.get(WORKLIST).status_code == 403
    assert client.get(reverse("intake_application", args=(submission.pk,))).status_code == 403
    response = client.post(
        reverse("intake_application_status", args=(submission.pk,)), {"status": "booked"}
    )
    assert response.status_code == 403


def test_notes_are_resealed_by_a_key_rotation_and_the_search_reindexed(page, desk, settings):
    old_key = settings.APPLICATION_ENCRYPTION_KEY
    submission = apply(page)
    desk.post(
        reverse("intake_application_note", args=(submission.pk,)), {"text": "Call back Friday"}
    )
    new_key = secrets.token_urlsafe(32)
    settings.APPLICATION_ENCRYPTION_KEY = new_key
    settings.APPLICATION_ENCRYPTION_KEY_FALLBACKS = [old_key]
    call_command("rotate_application_key", stdout=io.StringIO())
    settings.APPLICATION_ENCRYPTION_KEY_FALLBACKS = []  # the old key is gone

    detail = desk.get(reverse("intake_application", args=(submission.pk,))).content.decode()
    assert "Call back Friday" in detail
    assert listed_ids(desk.get(WORKLIST, {"q": "maria lopez"})) == [submission.pk]


def test_the_stored_rows_do_not_tell_which_applications_ticked_a_warning_sign(page):
    """Urgency is kept as a keyed mark that differs for every row, urgent or not."""
    made = [apply(page, **{WARNING_SIGNS: signs}) for signs in ([], ["Fever"], [])]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {ApplicationSubmission._meta.db_table}")
        rows = cursor.fetchall()
    # No column holds one value for the urgent row and another shared by the others.
    for values in (set(column) for column in zip(*rows, strict=True)):
        assert len(values) in (1, len(rows)), values
    assert [ApplicationSubmission.objects.get(pk=s.pk).urgent for s in made] == [
        False,
        True,
        False,
    ]
