"""
The lists every page of the plugin needs, as queryset methods: what readers may see,
newest first, and everything an exercise shows fetched in bulk, so that a page lists
50 exercises or routines in the same number of queries as 5.
"""

import copy

from django.db.models import Exists, F, OuterRef, Prefetch, prefetch_related_objects
from django.db.models.functions import Length, Substr
from wagtail.blocks import StreamValue
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction
from wagtail.query import PageQuerySet


def public_q():
    """
    Pages no view restriction applies to (on the page or an ancestor), as a subquery:
    the same as PageQuerySet.public() without its separate query for the restrictions,
    for lists shown on every page.
    """
    restricted_ancestor = PageViewRestriction.objects.annotate(
        prefix=Substr(OuterRef("path"), 1, Length("page__path"))
    ).filter(page__path=F("prefix"))
    return ~Exists(restricted_ancestor)


class VisiblePageQuerySet(PageQuerySet):
    def visible(self):
        """What any reader may see: live pages outside every private section."""
        return self.live().filter(public_q())


class ExercisePageQuerySet(VisiblePageQuerySet):
    def with_photos_and_equipment(self):
        """Each exercise's photos (with their image and renditions) and equipment, in bulk."""
        return self.prefetch_related(*display_lookups(self.model))


class RoutinePageQuerySet(VisiblePageQuerySet):
    def newest(self):
        """Most recently reviewed first; the date the reader sees as "Updated"."""
        return self.order_by("-last_reviewed", "-first_published_at")

    def with_hero_renditions(self):
        return self.select_related("hero_image").prefetch_related("hero_image__renditions")


def display_lookups(exercise_model):
    photo_model = exercise_model._meta.get_field("photos").related_model
    return [
        Prefetch(
            "photos",
            queryset=photo_model.objects.select_related("image").prefetch_related(
                "image__renditions"
            ),
        ),
        "equipment",
        "video",
    ]


def prefetch_for_display(exercises):
    """
    Everything the given exercise pages show, fetched for all of them at once: photos
    with renditions, equipment and the photos inside their steps. Returns them as a list.
    """
    exercises = list(exercises)
    if exercises:
        prefetch_related_objects(exercises, *display_lookups(type(exercises[0])))
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


def image_with_renditions(image_id):
    """The image with all its renditions (two queries), so every size is then free."""
    if image_id is None:
        return None
    return get_image_model().objects.filter(pk=image_id).prefetch_renditions().first()
