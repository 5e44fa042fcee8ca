"""
The clinic's content checks on its own content: silent on the demo's exercises and
routine (but for its review date, which is more than 12 months old), firing on pages made
to fail them, on Reports → Content checks and on the page's edit view.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from exercises.content_checks import CHECKS, exercise_findings, routine_findings
from exercises.models import ExercisePage, ExercisePhoto, RoutinePage
from exercises.tests.factories import (
    exercise_block,
    make_articles,
    make_exercise,
    make_image,
    make_library,
    make_routine,
    site_root,
)
from home.demo import sciatica_article as demo
from tests.application_factories import make_user

pytestmark = pytest.mark.django_db

REPORT = reverse("exercises_content_checks")


@pytest.fixture
def editor(client):
    client.force_login(make_user("checks-editor", groups=["Editors"]))


def test_the_demo_content_passes_every_check_but_the_review_date():
    exercises = ExercisePage.objects.live()
    assert exercises.count() == 5
    for page in exercises:
        assert exercise_findings(page) == [], page.title
    routine = RoutinePage.objects.live().get(slug=demo.ROUTINE_SLUG)
    # The clinic's article was last updated on May 27, 2025.
    assert [finding.check for finding in routine_findings(routine)] == ["review"]
    a_month_after = demo.ROUTINE_UPDATED + datetime.timedelta(days=30)
    assert routine_findings(routine, today=a_month_after) == []


@pytest.fixture
def failing(db):
    """A live page for each check, made to fail that check only."""
    home = site_root()
    library = make_library(home, slug="checks-library")
    articles = make_articles(home, slug="checks-routines")
    long_step = " ".join(["Slowly"] + ["and gently bend"] * 14) + "."
    photo = make_image("Unexplained photo")
    pages = {
        "dose": make_exercise(library, "Dose-less march"),
        "long_step": make_exercise(library, "Wordy bridge", steps=(long_step,), reps_min=5),
        "alt_text": make_exercise(library, "Silent photo stretch", reps_min=5),
    }
    ExercisePhoto.objects.create(
        page=pages["alt_text"], image=photo, caption="Lying down", alt_text=""
    )
    plain = make_exercise(library, "Plain knee lift", reps_min=10)
    pages["reading_level"] = make_routine(
        articles,
        "Hard to read",
        [
            (
                "paragraph",
                "<p>Multidisciplinary rehabilitation interventions incorporating neuromuscular "
                "reeducation demonstrate considerable effectiveness regarding functional "
                "capacity improvements amongst individuals experiencing degenerative "
                "lumbosacral pathologies.</p>",
            ),
            exercise_block(plain),
        ],
        last_reviewed=datetime.date.today(),
    )
    pages["reference"] = make_routine(
        articles,
        "Cites too much",
        [("paragraph", "<p>Walk a little every day [1]. Sit when it hurts [3].</p>")],
        references=[("reference", {"citation": "One study", "url": ""})],
        last_reviewed=datetime.date.today(),
    )
    pages["review"] = make_routine(
        articles,
        "Old advice",
        [("paragraph", "<p>Walk a little every day. Sit when it hurts.</p>")],
        last_reviewed=datetime.date.today() - datetime.timedelta(days=400),
    )
    pages["long_step"].words = len(long_step.split())
    return pages


def test_each_check_fires_on_a_page_made_to_fail_it(failing):
    for check, page in failing.items():
        page = page.specific_class.objects.get(pk=page.pk)
        findings = (
            exercise_findings(page) if isinstance(page, ExercisePage) else routine_findings(page)
        )
        assert [finding.check for finding in findings] == [check], page.title


def test_the_report_lists_every_failing_live_page_with_what_to_fix(client, editor, failing):
    response = client.get(REPORT)
    assert response.status_code == 200
    html = response.content.decode()
    for check, page in failing.items():
        assert page.title in html
        assert CHECKS[check] in html
        assert reverse("wagtailadmin_pages:edit", args=(page.pk,)) in html
    assert f"Step 1 has {failing['long_step'].words} words" in html
    assert "cites [3], but the routine has 1 reference" in html
    assert demo.ROUTINE_TITLE in html  # its review date
    assert "Plain knee lift" not in html
    assert "Seated Lumbar Flexion" not in html


def test_the_report_takes_no_query_per_exercise_and_one_per_routine(client, editor, failing):
    client.get(REPORT)
    with CaptureQueriesContext(connection) as queries:
        client.get(REPORT)
    before = len(queries)
    library = ExercisePage.objects.get(pk=failing["dose"].pk).get_parent()
    articles = RoutinePage.objects.get(pk=failing["review"].pk).get_parent()
    marches = [make_exercise(library, f"Another dose-less march {n}") for n in range(5)]
    for n in range(3):
        make_routine(
            articles,
            f"Another old routine {n}",
            [("paragraph", "<p>Walk.</p>")] + [exercise_block(march) for march in marches],
        )
    with CaptureQueriesContext(connection) as queries:
        response = client.get(REPORT)
    html = response.content.decode()
    assert html.count("Another dose-less march") == 5
    assert html.count("Another old routine") == 3
    # Exercises are read in bulk; a routine's body costs one query (its chosen pages).
    assert len(queries) == before + 3


def test_the_report_is_in_the_reports_menu_and_can_be_exported(client, editor, failing):
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert REPORT in home
    export = client.get(REPORT + "?export=csv")
    assert export.status_code == 200
    text = b"".join(export.streaming_content).decode()
    assert 'Dose-less march,Exercise,"Exercise without a dose: No dose' in text


def test_someone_who_may_not_edit_pages_does_not_get_the_report(client):
    client.force_login(make_user("intake-checks", groups=["Patient intake"]))
    assert client.get(REPORT).status_code == 302
    assert REPORT not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_editor_sees_the_checks_while_editing(client, editor, failing):
    edit = client.get(reverse("wagtailadmin_pages:edit", args=(failing["dose"].pk,)))
    html = edit.content.decode()
    assert "Content checks" in html
    assert "No dose: enter the repetitions, sets or hold" in html
    demo_exercise = ExercisePage.objects.get(slug="seated-lumbar-flexion")
    passes = client.get(reverse("wagtailadmin_pages:edit", args=(demo_exercise.pk,)))
    assert "Passes the clinic's content checks" in passes.content.decode()
