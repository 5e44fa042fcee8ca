"""
Bulk loading for pages that show many exercises. Everything an exercise shows is
fetched for all of them at once, so a routine of 50 exercises costs the same number
of queries as a routine of 5.
"""

import copy

from django.db.models import Prefetch, prefetch_related_objects
from wagtail.blocks import StreamValue
from wagtail.images import get_image_model


def prefetch_exercises(exercises):
    """Photos (with their renditions), equipment and step photos, in bulk."""
    from .models import ExercisePhoto

    exercises = list(exercises)
    if not exercises:
        return exercises
    prefetch_related_objects(
        exercises,
        Prefetch(
            "photos",
            queryset=ExercisePhoto.objects.select_related("image").prefetch_related(
                "image__renditions"
            ),
        ),
        "equipment",
    )
    attach_step_photos(exercises)
    return exercises


def _step_photo(raw_step):
    photo = (raw_step.get("value") or {}).get("photo")
    return photo if isinstance(photo, dict) and photo.get("image") else None


def attach_step_photos(exercises):
    """
    Step photos live in each exercise's StreamField, which would load its images one
    exercise at a time. Load them all in one go and hand each step its image.
    """
    raw_steps = {exercise.pk: list(exercise.steps.raw_data) for exercise in exercises}
    image_ids = {
        photo["image"]
        for steps in raw_steps.values()
        for step in steps
        if (photo := _step_photo(step))
    }
    if not image_ids:
        return
    images = get_image_model().objects.filter(pk__in=image_ids).prefetch_renditions().in_bulk()
    for exercise in exercises:
        stream_block = exercise.steps.stream_block
        children = []
        for raw in raw_steps[exercise.pk]:
            block = stream_block.child_blocks[raw["type"]]
            photo = _step_photo(raw)
            value = block.to_python({**raw["value"], "photo": None})
            if photo and photo["image"] in images:
                image = copy.copy(images[photo["image"]])
                image.decorative = bool(photo.get("decorative"))
                image.contextual_alt_text = "" if image.decorative else photo.get("alt_text")
                value["photo"] = image
            children.append((raw["type"], value, raw.get("id")))
        exercise.steps = StreamValue(stream_block, children)
