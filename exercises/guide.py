"""
The guided mode at `guide/` below a routine or an exercise: a start screen, one screen
per exercise (`guide/1/`, `guide/2/`...) and an end screen (`guide/done/`), each a page
of its own joined by "Next exercise" links, so it all works as plain HTML.

Every screen holds every exercise (only the current one is shown), and `plan` gives the
script (static/exercises/js/guide.js) the counts it needs: the script then moves from
screen to screen, counts sets and repetitions and times holds and rests without asking
the server for anything.
"""

from django.utils.functional import cached_property

from .dose import Dose
from .fragment_cache import cached_with_fragments

START = "start"
DONE = "done"


def counting_plan(dose: Dose):
    """
    What the counter counts for one dose: the least it asks for (the lower number of
    a range of repetitions or sets; the reader may do more), each side in turn, and
    the hold timed to its upper number (holding longer within the range is fine).
    None when the dose gives nothing to count or time.
    """
    if not (dose.reps or dose.sets or dose.hold):
        return None
    return {
        "sets": dose.sets.low if dose.sets else 1,
        "reps": dose.reps.low if dose.reps else 1,
        "hold": dose.hold.upper if dose.hold else 0,
        "rest": dose.rest.low if dose.rest is not None and dose.has_sets_to_rest_between else 0,
        "sides": 2 if dose.side_phrase else 1,
        "side": dose.side_phrase,
    }


class Guide:
    """
    The guided mode of `page` (a routine or an exercise) at one of its screens:
    START, an exercise's number, or DONE. Its exercises are the page's own, in order,
    with the dose that applies on that page (a routine's overrides included).
    """

    def __init__(self, page, request, screen):
        self.page = page
        self.request = request
        self.screen = screen

    @cached_property
    def exercises(self):
        # The handout's exercises are exactly the guide's: the page's, in order, each
        # with its dose for this page.
        return self.page.handout_exercises()

    @cached_property
    def titles(self):
        """The exercises' titles, in order: all a screen needs outside its cached fragment."""
        return cached_with_fragments(
            self.request,
            self.page,
            "guide-titles",
            lambda: [entry.exercise.title for entry in self.exercises],
        )

    @cached_property
    def base_url(self):
        return self.page.get_url(self.request) + self.page.reverse_subpage("guide")

    def screen_url(self, screen):
        return self.base_url if screen == START else f"{self.base_url}{screen}/"

    @property
    def screens(self):
        """Every screen in order: START, the exercises' numbers, DONE."""
        return [START, *range(1, len(self.titles) + 1), DONE]

    def neighbours(self, screen):
        screens = self.screens
        position = screens.index(screen)
        before = screens[position - 1] if position > 0 else None
        after = screens[position + 1] if position + 1 < len(screens) else None
        return before, after

    @cached_property
    def page_url(self):
        url = self.page.get_url(self.request)
        return self.request.build_absolute_uri(url) if self.request is not None else url

    @property
    def start_title(self):
        return f"Guided exercises: {self.page.title}"

    @property
    def done_title(self):
        return f"Finished: {self.page.title}"

    @property
    def screen_title(self):
        """The browser's title for the current screen (each screen names itself)."""
        if self.screen == START:
            return self.start_title
        if self.screen == DONE:
            return self.done_title
        return (
            f"{self.screen}. {self.titles[self.screen - 1]} ({self.screen} of {len(self.titles)})"
        )

    @property
    def first_url(self):
        return self.screen_url(self.screens[1])

    @property
    def done_url(self):
        return self.screen_url(DONE)

    @cached_property
    def entries(self):
        """Each exercise with the addresses of the screens before and after it."""
        entries = []
        for entry in self.exercises:
            before, after = self.neighbours(entry.number)
            entries.append(
                {
                    "entry": entry,
                    "previous_url": self.screen_url(before),
                    "next_url": self.screen_url(after),
                    "is_last": after == DONE,
                    "next_title": (
                        self.exercises[entry.number].exercise.title if after != DONE else ""
                    ),
                    "plan": counting_plan(entry.dose),
                }
            )
        return entries

    @cached_property
    def plan(self):
        """What the script reads (json_script): the page and each exercise's counts."""
        return {
            "page": self.page.pk,
            "title": self.page.title,
            "url": self.page.get_url(self.request),
            "guideUrl": self.base_url,
            "exercises": [
                {
                    "number": item["entry"].number,
                    "title": item["entry"].exercise.title,
                    "steps": len(item["entry"].exercise.steps),
                    "count": item["plan"],
                }
                for item in self.entries
            ],
        }
