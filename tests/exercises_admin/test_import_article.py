"""
"Exercises → Import an article" with the clinic's own article: as the text copied from
its old website (tests/data/source-article.txt), and as an HTML page and a Word document
made here from the demo's content, the importer finds the demo's five exercises, every
step, the six tips and the doses the demo holds (home/demo/sciatica_article.py). Then
the review screen and the drafts through the real admin views, as the clinic's Editors
use them, and `manage.py import_article`.
"""

import io
import json
from pathlib import Path

import docx
import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import escape
from wagtail.models import PageLogEntry

from exercises.importing.article import read_article
from exercises.importing.normalise import html_from_docx, lines_from_html, lines_from_text
from exercises.models import ExerciseIndexPage, ExercisePage, RoutineIndexPage, RoutinePage
from home.demo import sciatica_article as demo
from tests.application_factories import make_user

pytestmark = pytest.mark.django_db

SOURCE = Path(__file__).resolve().parents[1] / "data" / "source-article.txt"
DOSE_FIELDS = ("reps_min", "reps_max", "sets_min", "sets_max", "hold_min", "hold_max", "side")


def superscript(text):
    return text.replace("[1]", "<sup>1</sup>").replace("[2]", "<sup>2</sup>")


def article_as_html():
    """The article as a web page of the old site would hold it."""
    parts = [
        f"<html><body><nav><a href='/'>Home</a></nav><h1>{demo.ROUTINE_TITLE}</h1>",
        "<p>Updated: May 27, 2025</p>",
        f"<h2>{demo.OPENING_HEADING}</h2>",
        *(f"<p>{superscript(text)}</p>" for text in demo.OPENING),
        f"<h2>{demo.EXERCISES_HEADING}</h2>",
    ]
    for number, spec in enumerate(demo.EXERCISES, start=1):
        parts.append(f"<h3>{number}. {escape(spec['title'])}</h3>")
        for photo in spec["photos"]:
            parts.append(
                f"<figure><img src='/p.jpg' alt='{escape(photo['alt_text'])}'>"
                f"<figcaption>{escape(photo['caption'])}</figcaption></figure>"
            )
        parts.append("<ol>" + "".join(f"<li>{step}</li>" for step in spec["steps"]) + "</ol>")
        tips = spec["tips"]
        if len(tips) == 1:
            parts.append(f"<p><strong>Modification Tip:</strong></p><p>{tips[0]['text']}</p>")
        else:
            items = "".join(
                f"<li><strong>{tip['title']}:</strong> {tip['text']}</li>" for tip in tips
            )
            parts.append(f"<p>Modification Tips:</p><ul>{items}</ul>")
    for question, answer in demo.QUESTIONS:
        parts.append(f"<h2>{question}</h2>")
        parts += [f"<p>{superscript(text)}</p>" for text in answer]
    parts.append(f"<p>{demo.TREATMENTS_INTRO}</p><ul>")
    parts += [f"<li>{item}</li>" for item in demo.TREATMENTS]
    parts.append(f"</ul><p>{demo.BOOK_PARAGRAPH}</p><h2>Summary</h2><p>{demo.SUMMARY}</p>")
    parts.append("<footer>Physical Therapy Jacksonville Florida</footer></body></html>")
    return "".join(parts)


def article_as_docx():
    """The article as a Word document: headings, numbered and bulleted lists."""
    document = docx.Document()
    document.add_heading(demo.ROUTINE_TITLE, level=1)
    document.add_paragraph("Updated: May 27, 2025")
    document.add_heading(demo.OPENING_HEADING, level=2)
    for text in demo.OPENING:
        document.add_paragraph(text)
    document.add_heading(demo.EXERCISES_HEADING, level=2)
    for number, spec in enumerate(demo.EXERCISES, start=1):
        document.add_heading(f"{number}. {spec['title']}", level=3)
        for photo in spec["photos"]:
            document.add_paragraph(photo["alt_text"])
            document.add_paragraph(photo["caption"])
        for step in spec["steps"]:
            document.add_paragraph(step, style="List Number")
        document.add_paragraph("Modification Tip:")
        for tip in spec["tips"]:
            if tip["title"]:
                document.add_paragraph(f"{tip['title']}: {tip['text']}", style="List Bullet")
            else:
                document.add_paragraph(tip["text"])
    for question, answer in demo.QUESTIONS:
        document.add_heading(question, level=2)
        for text in answer:
            document.add_paragraph(text)
    document.add_heading("Summary", level=2)
    document.add_paragraph(demo.SUMMARY)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def renderings():
    return {
        "text": lambda: lines_from_text(SOURCE.read_text()),
        "html": lambda: lines_from_html(article_as_html()),
        "docx": lambda: lines_from_html(html_from_docx(article_as_docx())),
    }


@pytest.mark.parametrize("kind", ["text", "html", "docx"])
def test_the_clinics_article_gives_the_demos_exercises_steps_tips_and_doses(kind):
    proposal = read_article(renderings()[kind]())

    assert proposal.title == demo.ROUTINE_TITLE
    assert proposal.last_reviewed == demo.ROUTINE_UPDATED.isoformat()
    assert [exercise.title for exercise in proposal.exercises] == [
        spec["title"] for spec in demo.EXERCISES
    ]
    for exercise, spec in zip(proposal.exercises, demo.EXERCISES, strict=True):
        assert [step["text"] for step in exercise.steps] == spec["steps"]
        # The last step says the dose, and is marked as the one that states it.
        assert [step["states_dose"] for step in exercise.steps] == [False] * 4 + [True]
        assert [(tip["title"], tip["text"]) for tip in exercise.modifications] == [
            (tip["title"], tip["text"]) for tip in spec["tips"]
        ]
        assert exercise.dose == {name: spec["dose"][name] for name in spec["dose"]}
        assert {name: exercise.dose.get(name) for name in DOSE_FIELDS} == {
            name: spec["dose"].get(name) for name in DOSE_FIELDS
        }
        assert exercise.dose_notes == []
        if kind != "docx":
            assert exercise.photos == [
                {"alt_text": photo["alt_text"], "caption": photo["caption"]}
                for photo in spec["photos"]
            ]
    tips = [tip for exercise in proposal.exercises for tip in exercise.modifications]
    assert len(tips) == 6
    # The kind is proposed from the title or the words: all but the first as the demo has.
    demo_kinds = [tip["kind"] for spec in demo.EXERCISES for tip in spec["tips"]]
    assert [tip["kind"] for tip in tips] == ["easier"] + demo_kinds[1:]
    assert [tip["title"] for tip in proposal.exercises[4].modifications] == [
        "For knee comfort",
        "To reduce intensity",
    ]
    assert proposal.summary == [demo.SUMMARY]
    headings = [section.heading for section in proposal.sections]
    assert headings[:2] == [demo.OPENING_HEADING, demo.EXERCISES_HEADING]
    assert headings[2:4] == [question for question, _ in demo.QUESTIONS]


def test_the_text_copied_twice_from_the_web_page_is_read_once_and_said_so():
    proposal = read_article(lines_from_text(SOURCE.read_text()))
    assert len(proposal.exercises) == 5
    notes = " ".join(proposal.notes)
    assert "repeats what came before" in notes
    assert "Click here for a free recording" in notes  # the banner above the title
    assert "[1], [2]" in notes  # cited, but the article lists no references
    paragraphs = [
        block["text"]
        for section in proposal.sections
        for block in section.blocks
        if block["type"] == "paragraph"
    ]
    assert paragraphs[0] == demo.OPENING[0]
    assert demo.BOOK_PARAGRAPH.replace("\xa0", " ") in paragraphs


# The admin, as the clinic's Editors use it.


@pytest.fixture
def editor(client):
    user = make_user("import-editor", groups=["Editors"])
    client.force_login(user)
    return user


def review_page(client, **data):
    library = ExerciseIndexPage.objects.get(slug="exercises")
    articles = RoutineIndexPage.objects.get(slug="articles")
    return client.post(
        reverse("exercises_import:article"),
        {"library": library.pk, "routine_index": articles.pk, **data},
    )


def review_answers(response, **changes):
    """The review form as the editor leaves it: everything ticked, unless changed."""
    form = response.context["form"]
    answers = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if isinstance(value, bool):
            if value:
                answers[name] = "on"
        elif value is not None:
            answers[name] = value
    for name, value in changes.items():
        if value is None:
            answers.pop(name, None)
        else:
            answers[name] = value
    return answers


def test_an_editor_finds_the_import_in_the_exercises_menu(client, editor):
    response = client.get(reverse("wagtailadmin_home"))
    assert reverse("exercises_import:article") in response.content.decode()
    page = client.get(reverse("exercises_import:article"))
    assert page.status_code == 200
    assert "Import an article" in page.content.decode()


def test_someone_who_may_not_add_pages_cannot_import(client):
    client.force_login(make_user("intake-only", groups=["Patient intake"]))
    # Wagtail's admin answers a refusal by sending them to the dashboard.
    for response in (
        client.get(reverse("exercises_import:article")),
        client.post(reverse("exercises_import:article"), {"text": SOURCE.read_text()}),
    ):
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("exercises_import:article") not in home


def test_the_review_shows_what_the_import_read_and_saves_nothing(client, editor):
    pages_before = ExercisePage.objects.count(), RoutinePage.objects.count()

    response = review_page(client, text=SOURCE.read_text())

    assert response.status_code == 200
    html = response.content.decode()
    for spec in demo.EXERCISES:
        assert escape(spec["title"]) in html
    assert "2 sets × 8 repetitions, hold 1–2 seconds" in html
    assert "12–15 repetitions" in html
    assert "repeats what came before" in html
    # The demo's library has them all: the review offers to reuse them.
    assert html.count("Use the library&#x27;s") + html.count("Use the library's") == 5
    assert (ExercisePage.objects.count(), RoutinePage.objects.count()) == pages_before


def test_confirming_the_review_creates_drafts_only_with_a_log_entry(client, editor):
    review = review_page(client, text=SOURCE.read_text())
    form = review.context["form"]
    questions = [
        index
        for index, section in enumerate(form.proposal.sections)
        if section.heading == "What is the Newest Treatment for Spinal Stenosis?"
    ]
    answers = review_answers(
        review,
        **{
            # New exercises instead of the library's, but for the first; the fourth left
            # out, the fifth renamed, one section's text left out.
            **{f"exercise_{n}_reuse": None for n in (1, 2, 4)},
            "exercise_3_keep": None,
            "exercise_4_title": "Supported Lunge",
            f"section_{questions[0]}_keep": None,
            "title": "Sciatica exercises (imported)",
        },
    )
    library_exercise = ExercisePage.objects.get(title=demo.EXERCISES[0]["title"])

    response = client.post(reverse("exercises_import:review"), answers)

    routine = RoutinePage.objects.get(title="Sciatica exercises (imported)")
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=(routine.pk,))
    assert not routine.live and routine.first_published_at is None
    created = ExercisePage.objects.filter(
        title__in=[
            "Standing Hip Extension Stretch",
            "Squat with an Incline Board",
            "Supported Lunge",
        ],
        live=False,
    )
    assert created.count() == 3
    assert not ExercisePage.objects.filter(title="Supported Lunge", live=True).exists()
    draft = routine.get_latest_revision_as_object()
    chosen = [block.value["exercise"].pk for block in draft.body if block.block_type == "exercise"]
    assert chosen[0] == library_exercise.pk
    assert len(chosen) == 4
    questions_left = [b.value["question"] for b in draft.body if b.block_type == "question"]
    assert questions_left == ["What is the Best Exercise for Spinal Stenosis and Sciatica?"]
    lunge = created.get(title="Supported Lunge")
    assert (lunge.reps_min, lunge.reps_max, lunge.sets_min, lunge.sets_max, lunge.side) == (
        12,
        15,
        2,
        3,
        "each_side",
    )
    entry = PageLogEntry.objects.get(page=routine, action="exercises.import_article")
    assert entry.user == editor
    assert "pasted text" in entry.message and "Supported Lunge" in entry.message
    assert PageLogEntry.objects.filter(page=lunge, action="exercises.import_article").exists()
    message = [str(m) for m in get_messages(response.wsgi_request)][-1]
    assert "3 new draft exercises and 1 from the library" in message
    # The photos to add wait in the draft, named by their captions.
    edit = client.get(reverse("wagtailadmin_pages:edit", args=(lunge.pk,)))
    assert edit.status_code == 200
    assert "Starting Position to Lunge with a Chair" in edit.content.decode()
    assert client.get(reverse("wagtailadmin_pages:edit", args=(routine.pk,))).status_code == 200


def test_a_word_document_is_imported_through_the_admin(client, editor):
    upload = SimpleUploadedFile("sciatica.docx", article_as_docx())
    review = review_page(client, file=upload)
    assert review.status_code == 200
    assert len(review.context["form"].proposal.exercises) == 5
    answers = review_answers(review, **{f"exercise_{n}_reuse": None for n in range(5)})
    client.post(reverse("exercises_import:review"), answers)
    assert ExercisePage.objects.filter(title="Seated Lumbar Flexion", live=False).count() == 1


def test_a_file_that_is_not_a_word_document_is_refused_plainly(client, editor):
    upload = SimpleUploadedFile("article.docx", b"not a zip file")
    response = review_page(client, file=upload)
    assert response.status_code == 200
    assert "could not be read" in response.content.decode()
    pdf = review_page(client, file=SimpleUploadedFile("article.pdf", b"%PDF-1.4"))
    assert "Upload a .docx, .html or .txt file" in pdf.content.decode()
    nothing = review_page(client)
    assert "Paste the article or upload a file" in nothing.content.decode()


def test_a_review_changed_in_the_browser_is_refused(client, editor):
    review = review_page(client, text=SOURCE.read_text())
    answers = review_answers(review, proposal=review_answers(review)["proposal"] + "x")
    response = client.post(reverse("exercises_import:review"), answers)
    assert response.status_code == 302
    assert response["Location"] == reverse("exercises_import:article")
    assert not RoutinePage.objects.filter(live=False, title=demo.ROUTINE_TITLE).exists()


def test_the_command_prints_the_proposal_as_json_with_the_models_field_names():
    out = io.StringIO()
    call_command("import_article", str(SOURCE), "--dry-run", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["title"] == demo.ROUTINE_TITLE
    lunge = data["exercises"][4]
    assert lunge["title"] == "Modified Lunge (with Chair Support)"
    assert (lunge["reps_min"], lunge["reps_max"], lunge["sets_min"], lunge["sets_max"]) == (
        12,
        15,
        2,
        3,
    )
    assert lunge["side"] == "each_side"
    assert lunge["modifications"][0]["title"] == "For knee comfort"
    assert lunge["match"]["title"] == lunge["title"]
    assert [s["heading"] for s in data["sections"]][0] == demo.OPENING_HEADING
    assert not RoutinePage.objects.filter(live=False).exists()


def test_the_command_creates_drafts(tmp_path):
    article = tmp_path / "article.html"
    article.write_text(article_as_html().replace("Seated Lumbar Flexion", "Seated Flexion"))
    err = io.StringIO()
    call_command("import_article", str(article), stdout=io.StringIO(), stderr=err)
    assert "1 new draft exercises, 4 reused" in err.getvalue()
    assert ExercisePage.objects.get(title="Seated Flexion").live is False
    assert RoutinePage.objects.filter(live=False, title=demo.ROUTINE_TITLE).count() == 1
