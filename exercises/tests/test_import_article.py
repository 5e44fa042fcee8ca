"""
The importer inside any Wagtail site: an article in plain text, HTML or a Word document
read into a proposal, what it leaves out said in notes, and the drafts it creates.
"""

import io
import json

import mammoth
import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import PageLogEntry

from exercises.importing.article import read_article
from exercises.importing.create import create_drafts, match_library
from exercises.importing.normalise import (
    lines_from_html,
    lines_from_paste,
    lines_from_text,
    lines_from_upload,
)
from exercises.models import ExercisePage, RoutinePage

from .factories import make_exercise

ARTICLE = """Share this page!
Three Knee Exercises

By Clinic Team
Updated: March 3, 2026

Knees like gentle movement. These three exercises help [1].

Before you start

Check with your therapist first.

1. Heel Slide

Heel Slide on a Mat
A person sliding the heel
  1. Lie on your back with both legs straight.
  2. Slide one heel towards you, then back.
  3. Repeat 10 times on each leg, twice a day.

Modification Tip:
Put a plastic bag under your heel so it slides more easily.

2. Quad Set

  1. Sit with your leg straight.
  2. Press the back of your knee down and hold for 5 seconds.
  3. Do a few repetitions.

3. Sit to Stand

  1. Sit on a firm chair.
  2. Stand up slowly and sit down again: 3 sets of 8 repetitions.

Modification Tips:
  • Easier: Use your hands on the armrests.
  • To make it harder: Cross your arms.

References

Smith, Knee movement, 2020.
"""


def proposal():
    return read_article(lines_from_text(ARTICLE))


def test_the_article_gives_its_routine_and_its_exercises_in_order():
    read = proposal()
    assert read.title == "Three Knee Exercises"
    assert read.byline == "Clinic Team"
    assert read.last_reviewed == "2026-03-03"
    assert read.intro == "Knees like gentle movement. These three exercises help [1]."
    assert [section.heading for section in read.sections] == ["Before you start"]
    assert read.references == ["Smith, Knee movement, 2020."]
    assert [exercise.title for exercise in read.exercises] == [
        "Heel Slide",
        "Quad Set",
        "Sit to Stand",
    ]
    heel, quad, stand = read.exercises
    assert [step["text"] for step in heel.steps][0] == "Lie on your back with both legs straight."
    assert heel.photos == [
        {"alt_text": "Heel Slide on a Mat", "caption": "A person sliding the heel"}
    ]
    assert heel.dose == {"reps_min": 10, "side": "each_leg", "frequency": "twice a day"}
    assert [step["states_dose"] for step in heel.steps] == [False, False, True]
    assert heel.modifications == [
        {
            "kind": "easier",
            "title": "",
            "text": "Put a plastic bag under your heel so it slides more easily.",
        }
    ]
    assert [(tip["kind"], tip["title"]) for tip in stand.modifications] == [
        ("easier", "Easier"),
        ("harder", "To make it harder"),
    ]
    assert stand.dose == {"reps_min": 8, "sets_min": 3}


def test_what_it_cannot_read_is_left_empty_and_said():
    read = proposal()
    quad = read.exercises[1]
    assert quad.dose == {"hold_min": 5}
    assert quad.dose_notes == ["“a few repetitions” is not a number: left empty."]
    assert not any(step["states_dose"] for step in quad.steps)
    assert read.notes[0] == "Left out, before the title: “Share this page!”"
    assert not any("cites" in note for note in read.notes)  # [1] has its reference


def test_an_article_with_no_exercises_says_so():
    read = read_article(lines_from_text("Walking\n\nWalk every day. It helps."))
    assert read.exercises == []
    assert "No exercises found" in " ".join(read.notes)
    assert "No date of the last review found" in " ".join(read.notes)


HTML = """<article><h1>Two Stretches</h1><p>Updated: 2026-01-10</p>
<p>Gentle stretches for a stiff back<sup>1</sup>.</p>
<h2>The stretches</h2>
<h3>Knee to Chest</h3>
<figure><img src="a.jpg" alt="Lying with one knee pulled in">
<figcaption>Knee to chest</figcaption></figure>
<ol><li>Lie on your back.</li><li>Pull one knee to your chest and hold for 20–30 seconds.</li>
<li>Repeat 3 times per side.</li></ol>
<h3>2. Cat Stretch</h3>
<ol><li>Kneel on all fours.</li><li>Arch your back. Repeat 8-10 times.</li></ol>
<h2>References</h2><ol><li>Jones, Back stretches, 2019.</li></ol></article>"""


def test_html_gives_headings_lists_figures_and_reference_markers():
    read = read_article(lines_from_paste(HTML))
    assert read.title == "Two Stretches"
    assert read.intro == "Gentle stretches for a stiff back[1]."
    knee, cat = read.exercises
    assert knee.title == "Knee to Chest"
    assert knee.photos == [
        {"alt_text": "Lying with one knee pulled in", "caption": "Knee to chest"}
    ]
    assert knee.dose == {"hold_min": 20, "hold_max": 30, "reps_min": 3, "side": "each_side"}
    assert cat.dose == {"reps_min": 8, "reps_max": 10}
    assert read.references == ["Jones, Back stretches, 2019."]


def test_a_word_document_goes_through_mammoth(monkeypatch):
    class Result:
        value = HTML

    monkeypatch.setattr(mammoth, "convert_to_html", lambda file: Result())
    lines = lines_from_upload("stretches.docx", b"PK...")
    assert lines == lines_from_html(HTML)


@pytest.mark.django_db
def test_drafts_are_created_never_published_and_the_library_reused(library, articles):
    existing = make_exercise(library, "Quad set")  # the same name, other case
    read = match_library(proposal(), library)
    assert read.exercises[1].match == {"id": existing.pk, "title": "Quad set"}

    routine, created, reused = create_drafts(
        read, library=library, routine_index=articles, source="knees.txt"
    )

    assert [page.title for page in created] == ["Heel Slide", "Sit to Stand"]
    assert reused == [existing]
    assert not RoutinePage.objects.get(pk=routine.pk).live
    assert not ExercisePage.objects.filter(pk__in=[p.pk for p in created], live=True).exists()
    heel = ExercisePage.objects.get(title="Heel Slide")
    assert (heel.reps_min, heel.side, heel.frequency) == (10, "each_leg", "twice a day")
    assert heel.photos.count() == 0  # the photo waits in the draft, without an image
    draft = heel.get_latest_revision_as_object()
    assert [(p.image_id, p.caption) for p in draft.photos.all()] == [
        (None, "A person sliding the heel")
    ]
    body = routine.get_latest_revision_as_object().body
    assert [block.block_type for block in body] == [
        "heading",
        "paragraph",
        "exercise",
        "exercise",
        "exercise",
    ]
    assert [block.value["exercise"].pk for block in body if block.block_type == "exercise"] == [
        heel.pk,
        existing.pk,
        created[1].pk,
    ]
    assert len(routine.references) == 1
    entry = PageLogEntry.objects.get(page=routine, action="exercises.import_article")
    assert entry.message == (
        "Imported from “knees.txt”; new exercises: Heel Slide, Sit to Stand; reused: Quad set"
    )


@pytest.mark.django_db
def test_the_command_dry_run_saves_nothing_and_prints_json(tmp_path, library, articles):
    article = tmp_path / "knees.txt"
    article.write_text(ARTICLE)
    out = io.StringIO()
    call_command("import_article", str(article), "--dry-run", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert [exercise["title"] for exercise in data["exercises"]] == [
        "Heel Slide",
        "Quad Set",
        "Sit to Stand",
    ]
    assert data["exercises"][2]["sets_min"] == 3
    assert data["exercises"][0]["steps"][2] == {
        "text": "Repeat 10 times on each leg, twice a day.",
        "states_dose": True,
    }
    assert not RoutinePage.objects.exists()


@pytest.mark.django_db
def test_the_command_refuses_what_it_cannot_import(tmp_path, library, articles):
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_article", str(tmp_path / "missing.txt"))
    pdf = tmp_path / "knees.pdf"
    pdf.write_bytes(b"%PDF")
    with pytest.raises(CommandError, match=".docx, .html"):
        call_command("import_article", str(pdf))
    broken = tmp_path / "knees.docx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(CommandError, match="could not be read"):
        call_command("import_article", str(broken))


@pytest.mark.django_db
def test_an_exercise_the_library_would_refuse_is_named_and_nothing_is_saved(library, articles):
    read = read_article(
        lines_from_text(
            "Two Counts\n\nUpdated: 2026-01-10\n\n1. Double March\n\n"
            "  1. March 10 times.\n  2. Then march 10 times more.\n"
        )
    )
    assert read.exercises[0].dose_notes == [
        "Steps 1, 2 all give repetitions or sets: say the dose in one step."
    ]
    with pytest.raises(ValidationError) as refused:
        create_drafts(read, library=library, routine_index=articles)
    assert refused.value.messages[0].startswith("“Double March”: Step 1 says how many")
    assert not ExercisePage.objects.filter(title="Double March").exists()
    assert not RoutinePage.objects.exists()
