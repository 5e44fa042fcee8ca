"""
A routine's body as the reader meets it: exercises numbered in order with their
dose for this routine, anchors for every section, and the list of contents.
"""

from dataclasses import dataclass, field

from django.utils.text import slugify

from .dose import Dose
from .prefetch import prefetch_exercises


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


class RoutineOutline:
    def __init__(self, body):
        self.items = []
        self.exercises = []
        self.contents = []
        self._anchors = set()
        children = list(body)
        live_exercises = prefetch_exercises(
            {
                child.value["exercise"].pk: child.value["exercise"]
                for child in children
                if child.block_type == "exercise" and self._is_live(child.value["exercise"])
            }.values()
        )
        by_pk = {exercise.pk: exercise for exercise in live_exercises}
        for child in children:
            if child.block_type == "exercise":
                self._add_exercise(child, by_pk)
            elif child.block_type == "heading":
                self._add_section(child, child.value["text"], child.value["level"] == "h2")
            elif child.block_type == "question":
                self._add_section(child, child.value["question"], True)
            else:
                self.items.append(BodyItem(block=child))

    @staticmethod
    def _is_live(exercise):
        return exercise is not None and exercise.live

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
            # Unpublished or deleted since the routine was published: leave it out
            # rather than show a broken or draft exercise to readers.
            return
        override = child.value["dose"].dose if child.value.get("dose") else Dose()
        entry = RoutineExercise(
            number=len(self.exercises) + 1,
            exercise=exercise,
            dose=exercise.dose.overridden_by(override),
            dose_is_overridden=bool(override),
            note=child.value.get("note") or None,
            anchor=self._anchor(f"exercise-{len(self.exercises) + 1}-{exercise.slug}"),
        )
        self.exercises.append(entry)
        self.items.append(BodyItem(block=child, anchor=entry.anchor, exercise=entry))
        if not self.contents:
            self.contents.append(ContentsSection(label="Exercises", anchor=entry.anchor))
        self.contents[-1].exercises.append(entry)
