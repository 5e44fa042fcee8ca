"""
A routine's body as the reader meets it: exercises numbered in order with their
dose for this routine, anchors for every section, and the list of contents.
"""

from dataclasses import dataclass, field

from django.utils.text import slugify

from .dose import Dose


@dataclass
class RoutineExercise:
    number: int
    exercise: object  # ExercisePage
    dose: Dose
    note: object  # RichText or None
    anchor: str
    dose_is_overridden: bool = False


@dataclass
class BodyItem:
    block: object  # StreamChild
    anchor: str = ""
    exercise: RoutineExercise | None = None


@dataclass
class ContentsSection:
    label: str
    anchor: str
    exercises: list = field(default_factory=list)


def chosen_exercises(body):
    """The exercise pages the body's exercise blocks chose, each once, in reading order."""
    chosen = {}
    for child in body:
        if child.block_type == "exercise" and child.value["exercise"] is not None:
            chosen.setdefault(child.value["exercise"].pk, child.value["exercise"])
    return list(chosen.values())


class RoutineOutline:
    """
    `body`: the routine's StreamField; `exercises`: the exercise pages readers may see,
    with what they show already fetched. An exercise block whose exercise is not among
    them (unpublished or deleted since the routine was published) is left out.
    """

    def __init__(self, body, exercises):
        self.items = []
        self.exercises = []
        self.contents = []
        self._anchors = set()
        by_pk = {exercise.pk: exercise for exercise in exercises}
        for child in body:
            if child.block_type == "exercise":
                self._add_exercise(child, by_pk)
            elif child.block_type == "heading":
                self._add_section(child, child.value["text"], child.value["level"] == "h2")
            elif child.block_type == "question":
                self._add_section(child, child.value["question"], True)
            else:
                self.items.append(BodyItem(block=child))

    def _anchor(self, text):
        base = slugify(text)[:60] or "section"
        anchor, n = base, 2
        while anchor in self._anchors:
            anchor, n = f"{base}-{n}", n + 1
        self._anchors.add(anchor)
        return anchor

    def _add_section(self, child, label, in_contents):
        anchor = self._anchor(label)
        self.items.append(BodyItem(block=child, anchor=anchor))
        if in_contents:
            self.contents.append(ContentsSection(label=label, anchor=anchor))

    def _add_exercise(self, child, by_pk):
        chosen = child.value["exercise"]
        exercise = by_pk.get(chosen.pk) if chosen is not None else None
        if exercise is None:
            # Rather than a broken or draft exercise, readers see none.
            return
        entry = RoutineExercise(
            number=len(self.exercises) + 1,
            exercise=exercise,
            dose=child.value.routine_dose,
            dose_is_overridden=child.value.dose_is_overridden,
            note=child.value.get("note") or None,
            anchor=self._anchor(f"exercise-{len(self.exercises) + 1}-{exercise.slug}"),
        )
        self.exercises.append(entry)
        self.items.append(BodyItem(block=child, anchor=entry.anchor, exercise=entry))
        if not self.contents:
            self.contents.append(ContentsSection(label="Exercises", anchor=entry.anchor))
        self.contents[-1].exercises.append(entry)
