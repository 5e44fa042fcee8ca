"""
What this clinic checks before a page reaches readers who are older, in pain and on a
phone: every exercise has a dose; every photo has alt text unless marked decorative; no
step runs past STEP_WORDS words; a routine reads at US grade 8 or below; every [n]
marker has its reference; a routine was reviewed within the last 12 months.

Editors see the findings for the page they edit (ContentChecksPanel, in the page's
panels) and for every live page on the report (Reports → Content checks). The checks
read pages only through their attributes: this module imports no model.
"""

import datetime
from dataclasses import dataclass

import textstat
from django.utils.html import strip_tags
from wagtail.admin.panels import Panel

from .text import CITATION, plain_text

STEP_WORDS = 40
MAX_GRADE = 8  # US school grade: 8.0 to 8.9 is grade 8

CHECKS = {
    "dose": "Exercise without a dose",
    "alt_text": "Photo without alt text",
    "long_step": f"Step longer than {STEP_WORDS} words",
    "reading_level": f"Reading level above US grade {MAX_GRADE}",
    "reference": "Reference marker without its reference",
    "review": "Not reviewed for 12 months",
}


@dataclass(frozen=True)
class Finding:
    check: str  # a key of CHECKS
    message: str  # what to fix, in the editor's words

    @property
    def label(self):
        return CHECKS[self.check]


def words(html):
    return len(strip_tags(str(html)).split())


def image_lacks_alt(image):
    """An ImageBlock's value: neither alt text nor marked decorative."""
    if image is None:
        return False
    return (
        not getattr(image, "decorative", False)
        and not (getattr(image, "contextual_alt_text", "") or "").strip()
    )


def exercise_findings(page):
    """The checks of an exercise page (or of its draft, as the editor has saved it)."""
    findings = []
    if not page.dose:
        findings.append(
            Finding("dose", "No dose: enter the repetitions, sets or hold under “Dose”.")
        )
    for number, photo in enumerate(page.photos.all(), start=1):
        if photo.image_id is None:
            findings.append(
                Finding("alt_text", f"Photo {number} (“{photo.caption}”) has no image yet.")
            )
        elif not photo.decorative and not photo.alt_text.strip():
            findings.append(
                Finding(
                    "alt_text",
                    f"Photo {number} has no alt text: describe it, or tick “decorative”.",
                )
            )
    for number, step in enumerate(page.steps, start=1):
        count = words(step.value["text"])
        if count > STEP_WORDS:
            findings.append(
                Finding(
                    "long_step",
                    f"Step {number} has {count} words: split it so that each step is one "
                    f"action of at most {STEP_WORDS} words.",
                )
            )
        if image_lacks_alt(step.value.get("photo")):
            findings.append(Finding("alt_text", f"The photo of step {number} has no alt text."))
    return findings


def body_text(page):
    """The routine's body as plain text, a part per block and field."""
    return [str(part) for part in page.body.stream_block.get_searchable_content(page.body)]


def as_sentence(text):
    text = text.strip()
    return text if text.endswith((".", "?", "!", ":")) else text + "."


def chosen_exercises(page, library=None):
    """
    The exercises the routine shows, in order: from `library` (live exercises by id,
    fetched once for a whole report) when given, else from the routine itself.
    """
    if library is None:
        return [entry.exercise for entry in page.exercises()]
    chosen = [
        block["value"].get("exercise")
        for block in page.body.raw_data
        if block["type"] == "exercise" and isinstance(block["value"], dict)
    ]
    return [library[pk] for pk in chosen if pk in library]


def routine_text(page, library=None):
    """What a reader of the routine reads: its own text and its exercises' steps and tips."""
    parts = [page.title, page.intro, *body_text(page), plain_text(page.summary)]
    for exercise in chosen_exercises(page, library):
        parts.append(exercise.title)
        parts += [plain_text(step.value["text"]) for step in exercise.steps]
        parts += [plain_text(tip.value["text"]) for tip in exercise.modifications]
    # A heading or a list item is a sentence of its own to a reader.
    return " ".join(as_sentence(part) for part in parts if part and part.strip())


def reading_grade(text):
    """The US school grade (Flesch–Kincaid) a text reads at."""
    return textstat.flesch_kincaid_grade(text)


def cited_numbers(page):
    """The reference numbers the body cites ([1], [2]...; the routine links them there)."""
    return sorted({int(n) for text in body_text(page) for n in CITATION.findall(text)})


def a_year_before(today):
    try:
        return today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        return today.replace(year=today.year - 1, day=28)


def routine_findings(page, today=None, library=None):
    """The checks of a routine page (or of its draft); `library`: see chosen_exercises."""
    today = today or datetime.date.today()
    findings = []
    grade = reading_grade(routine_text(page, library))
    if int(grade) > MAX_GRADE:
        findings.append(
            Finding(
                "reading_level",
                f"It reads at US grade {grade:.1f} (Flesch–Kincaid): shorter sentences and "
                f"everyday words bring it to grade {MAX_GRADE} or below.",
            )
        )
    references = len(page.references)
    missing = [n for n in cited_numbers(page) if not 1 <= n <= references]
    if missing:
        listed = ", ".join(f"[{n}]" for n in missing)
        findings.append(
            Finding(
                "reference",
                f"The text cites {listed}, but the routine has {references} "
                f"reference{'s' if references != 1 else ''}: add them under “References”.",
            )
        )
    if page.last_reviewed and page.last_reviewed < a_year_before(today):
        findings.append(
            Finding(
                "review",
                f"Last reviewed on {page.last_reviewed:%B %-d, %Y}: review the advice and "
                "change “Last reviewed or updated”.",
            )
        )
    if page.hero_image_id and not page.hero_alt_text.strip():
        findings.append(Finding("alt_text", "The hero photo has no alt text."))
    for number, block in enumerate(page.body, start=1):
        if block.block_type in ("photo", "promotion"):
            image = block.value.get("image")
            if block.block_type == "photo" and image is None:
                caption = block.value.get("caption") or "no caption"
                findings.append(
                    Finding("alt_text", f"Block {number}, a photo (“{caption}”), has no image yet.")
                )
            elif image_lacks_alt(image):
                findings.append(
                    Finding("alt_text", f"The photo in block {number} has no alt text.")
                )
    return findings


class ContentChecksPanel(Panel):
    """The findings of `findings(page)` for the page being edited, as last saved."""

    def __init__(self, findings, **kwargs):
        kwargs.setdefault("heading", "Content checks")
        super().__init__(**kwargs)
        self.findings = findings

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "findings": self.findings}

    class BoundPanel(Panel.BoundPanel):
        template_name = "exercises/admin/content_checks_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            saved = self.instance is not None and self.instance.pk is not None
            context["saved"] = saved
            context["findings"] = self.panel.findings(self.instance) if saved else []
            return context
