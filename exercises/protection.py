"""
Exercises that live routines show are protected: deleting or unpublishing one (or a
page above it, such as the library) would silently take it out of those routines.

The admin names the routines, with links to edit and view each. A superuser may go on
after confirming on a page that lists them (`confirm_routines_lose_exercises` in the
form sent again); anyone else is refused, with a message, and sent back. Moving an
exercise is fine: routines choose it by id. The hooks that call this are in
wagtail_hooks.py.
"""

from dataclasses import dataclass, field

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from wagtail.models import ReferenceIndex

from .models import ExercisePage, RoutinePage

CONFIRM_FIELD = "confirm_routines_lose_exercises"
CONFIRM_TEMPLATE = "exercises/admin/confirm_routines_lose_exercises.html"


@dataclass
class RoutineUse:
    """A live routine and the exercises it shows from among those about to go."""

    routine: RoutinePage
    exercises: list = field(default_factory=list)

    @property
    def edit_url(self):
        return reverse("wagtailadmin_pages:edit", args=(self.routine.pk,))

    @property
    def live_url(self):
        return self.routine.get_url()


def _in_trees(pages, with_descendants):
    """A filter for `pages` and, with_descendants, every page below them."""
    condition = Q(pk__in=[page.pk for page in pages])
    if with_descendants:
        for page in pages:
            condition |= Q(path__startswith=page.path, depth__gt=page.depth)
    return condition


def _shown_exercise_ids(routine):
    """The ids of the exercises the routine's live body chooses, as stored."""
    ids = set()
    for raw in routine.body.raw_data:
        if raw["type"] == "exercise":
            chosen = (raw.get("value") or {}).get("exercise")
            if isinstance(chosen, int) or (isinstance(chosen, str) and chosen.isdigit()):
                ids.add(int(chosen))
    return ids


def routines_losing_exercises(pages, with_descendants=True):
    """
    The live routines that would lose an exercise if `pages` (and, with_descendants,
    the pages below them) went: a list of RoutineUse, in title order. Routines that go
    with them are left out.
    """
    pages = list(pages)
    if not pages:
        return []
    in_trees = _in_trees(pages, with_descendants)
    exercises = ExercisePage.objects.filter(in_trees).live()
    by_pk = {exercise.pk: exercise for exercise in exercises}
    if not by_pk:
        return []
    references = ReferenceIndex.get_references_to_in_bulk(ExercisePage.objects.filter(in_trees))
    source_ids = {int(pk) for pk in references.values_list("object_id", flat=True)}
    routines = (
        RoutinePage.objects.live()
        .filter(pk__in=source_ids)
        .exclude(in_trees)
        .order_by("title", "pk")
    )
    uses = []
    for routine in routines:
        shown = [by_pk[pk] for pk in sorted(_shown_exercise_ids(routine)) if pk in by_pk]
        if shown:
            uses.append(RoutineUse(routine=routine, exercises=shown))
    return uses


def describe_uses(uses):
    """The routines, as HTML: each with a link to edit it and one to its live page."""
    return format_html_join(
        ", ",
        '“<a href="{}">{}</a>” (<a href="{}" target="_blank" rel="noopener">view live</a>)',
        ((use.edit_url, use.routine.title, use.live_url or use.edit_url) for use in uses),
    )


def used_titles(uses):
    titles = sorted({exercise.title for use in uses for exercise in use.exercises})
    return ", ".join(f"“{title}”" for title in titles)


def refusal_message(uses, verb):
    return format_html(
        "Not {verb}: {exercises} {is_shown} in live routines: {links}. Take {it} out of "
        "these routines first, or ask an administrator.",
        verb=verb,
        exercises=used_titles(uses),
        is_shown="is shown" if _exercise_count(uses) == 1 else "are shown",
        links=describe_uses(uses),
        it="it" if _exercise_count(uses) == 1 else "them",
    )


def _exercise_count(uses):
    return len({exercise.pk for use in uses for exercise in use.exercises})


def may_override(user):
    """Only a superuser may take an exercise out of live routines."""
    return user.is_superuser


def guard(request, pages, *, action, with_descendants, back_url):
    """
    The response that stops `action` ("delete" or "unpublish") on `pages`, or None to
    let it go on: nothing is used, or a superuser confirmed. On a GET (a confirmation
    page Wagtail is about to show) a superuser is warned and goes on.
    """
    uses = routines_losing_exercises(pages, with_descendants=with_descendants)
    if not uses:
        return None
    verb = "deleted" if action == "delete" else "unpublished"
    if not may_override(request.user):
        messages.error(request, refusal_message(uses, verb))
        return redirect(back_url)
    if request.method != "POST":
        messages.warning(
            request,
            format_html(
                "{} {} in live routines: {}. You will be asked to confirm.",
                used_titles(uses),
                "is shown" if _exercise_count(uses) == 1 else "are shown",
                describe_uses(uses),
            ),
        )
        return None
    if request.POST.get(CONFIRM_FIELD):
        return None
    return TemplateResponse(
        request,
        CONFIRM_TEMPLATE,
        {
            "header_title": f"Confirm: {action}",
            "page_title": "Exercises used by live routines",
            "header_icon": "warning",
            "uses": uses,
            "action": action,
            "verb": verb,
            "submit_url": request.get_full_path(),
            "back_url": back_url,
            "posted": [
                (name, value)
                for name, values in request.POST.lists()
                if name != "csrfmiddlewaretoken"
                for value in values
            ],
            "confirm_field": CONFIRM_FIELD,
        },
    )
