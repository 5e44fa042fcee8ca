"""
A reviewed proposal (article.py) made into pages: a draft routine and a draft of each
new exercise, never published, with a log entry naming who imported what. Exercises the
library already has by name are reused instead of duplicated.

The photos an article shows cannot come with it (a text has no images): each is kept
in the draft's latest revision as a photo with its alt text and caption and no image,
so the editor sees what to add where, and the page cannot be saved until an image is
chosen or the photo removed.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.html import format_html_join
from django.utils.text import slugify
from wagtail.log_actions import log
from wagtail.models import Page
from wagtail.rich_text import RichText

from ..models import ExercisePage, ExercisePhoto, RoutinePage
from .article import key

IMPORT_ACTION = "exercises.import_article"


def match_library(proposal, library):
    """Note on each proposed exercise the library's exercise of the same name, if any."""
    wanted = {key(exercise.title) for exercise in proposal.exercises}
    found = {}
    titles = ExercisePage.objects.descendant_of(library).values_list("pk", "title")
    for pk, title in titles.order_by("-live", "pk"):
        if key(title) in wanted:
            found.setdefault(key(title), {"id": pk, "title": title})
    for exercise in proposal.exercises:
        exercise.match = found.get(key(exercise.title))
    return proposal


def paragraphs(*texts):
    return RichText(format_html_join("", "<p>{}</p>", ((text,) for text in texts if text)))


def unique_slug(parent, title):
    base = slugify(title)[:240] or "imported"
    taken = set(
        Page.objects.child_of(parent).filter(slug__startswith=base).values_list("slug", flat=True)
    )
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def exercise_page(proposed):
    steps = [
        ("step", {"text": paragraphs(step["text"]), "states_dose": step["states_dose"]})
        for step in proposed.steps
    ]
    tips = [
        (
            "tip",
            {"kind": tip["kind"], "title": tip["title"][:80], "text": paragraphs(tip["text"])},
        )
        for tip in proposed.modifications
    ]
    return ExercisePage(
        title=proposed.title, live=False, steps=steps, modifications=tips, **proposed.dose
    )


def body_blocks(proposal, exercise_pages):
    """The routine's body: its sections as blocks, its exercises where the article had them."""
    body = []
    for section in proposal.sections:
        blocks = list(section.blocks)
        if section.is_question:
            answer = []
            while blocks and blocks[0]["type"] == "paragraph":
                answer.append(blocks.pop(0)["text"])
            body.append(("question", {"question": section.heading, "answer": paragraphs(*answer)}))
        elif section.heading:
            body.append(("heading", {"text": section.heading, "level": "h2"}))
        for block in blocks:
            kind = block["type"]
            if kind == "paragraph":
                body.append(("paragraph", paragraphs(block["text"])))
            elif kind == "bulleted_list":
                body.append(("bulleted_list", {"intro": block["intro"], "items": block["items"]}))
            elif kind == "photo":
                body.append(("photo", {"image": None, "caption": block["caption"]}))
            elif kind == "exercise" and (page := exercise_pages.get(block["exercise"])):
                body.append(("exercise", {"exercise": page, "dose": {}, "note": ""}))
    return body


def imported_on(proposal):
    if proposal.last_reviewed:
        return datetime.date.fromisoformat(proposal.last_reviewed)
    return datetime.date.today()


@transaction.atomic
def create_drafts(proposal, *, library, routine_index, user=None, source=""):
    """
    The draft routine and exercises for a reviewed proposal (unticked items already left
    out). Returns (routine, created exercises, reused exercises). Runs each page's own
    checks: a ValidationError leaves nothing behind.
    """
    exercise_pages, created, reused = {}, [], []
    for index, proposed in enumerate(proposal.exercises):
        if proposed.match:
            page = ExercisePage.objects.get(pk=proposed.match["id"])
            reused.append(page)
        else:
            page = exercise_page(proposed)
            page.slug = unique_slug(library, page.title)
            try:
                library.add_child(instance=page)
                for photo in proposed.photos:
                    page.photos.add(
                        ExercisePhoto(
                            image=None, alt_text=photo["alt_text"], caption=photo["caption"]
                        )
                    )
                page.save_revision(user=user)
            except ValidationError as error:
                # The exercise page's own rules (ExercisePage.clean), named for the review.
                raise ValidationError(
                    [f"“{page.title}”: {message}" for message in error.messages]
                ) from error
            created.append(page)
        exercise_pages[index] = page
    routine = RoutinePage(
        title=proposal.title,
        slug=unique_slug(routine_index, proposal.title),
        live=False,
        byline=proposal.byline[:120],
        last_reviewed=imported_on(proposal),
        intro=proposal.intro,
        body=body_blocks(proposal, exercise_pages),
        summary=str(paragraphs(*proposal.summary)),
        references=[("reference", {"citation": text, "url": ""}) for text in proposal.references],
    )
    routine_index.add_child(instance=routine)
    routine.save_revision(user=user)
    data = {
        "source": source,
        "routine": routine.title,
        "created": [page.title for page in created],
        "reused": [page.title for page in reused],
    }
    for page in [routine, *created]:
        log(page, IMPORT_ACTION, user=user, data=data)
    return routine, created, reused


def describe_import(data):
    """The log entry's message: who imported is the entry's user."""
    parts = [f"Imported from “{data.get('source') or 'pasted text'}”"]
    if data.get("created"):
        parts.append(f"new exercises: {', '.join(data['created'])}")
    if data.get("reused"):
        parts.append(f"reused: {', '.join(data['reused'])}")
    return "; ".join(parts)
