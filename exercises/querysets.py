"""
The lists every page of the plugin needs, as queryset methods: what readers may see,
newest first, and everything an exercise shows fetched in bulk, so that a page lists
50 exercises or routines in the same number of queries as 5.
"""

import copy

from django.db.models import Prefetch, Q, prefetch_related_objects
from wagtail.blocks import StreamValue
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction
from wagtail.query import PageQuerySet


def restricted_q():
    """
    Pages a view restriction applies to (the restricted pages and everything below
    them), as a filter, from the restricted pages' paths read in one small query; an
    empty filter when there are none, as on most sites.

    The same pages PageViewRestriction and `PageQuerySet.public()` exclude: Wagtail reads
    every restriction with its whole page for that, and the alternative of a subquery
    in each list (NOT EXISTS on path prefixes) cost more to build than this query, on
    every page that shows a list.
    """
    q = Q()
    for path in set(PageViewRestriction.objects.values_list("page__path", flat=True)):
        q |= Q(path__startswith=path)
    return q


class VisiblePageQuerySet(PageQuerySet):
    def visible(self):
        """What any reader may see: live pages outside every private section."""
        restricted = restricted_q()
        live = self.live()
        return live.exclude(restricted) if restricted else live


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


def display_lookups(exercise_model, renditions=True):
    photo_model = exercise_model._meta.get_field("photos").related_model
    photos = photo_model.objects.select_related("image")
    return [
        Prefetch(
            "photos",
            queryset=photos.prefetch_related("image__renditions") if renditions else photos,
        ),
        "equipment",
        "video",
    ]


def prefetch_for_display(exercises, other_image_ids=()):
    """
    Everything the given exercise pages show, fetched for all of them at once: photos,
    equipment, the photos inside their steps, and the renditions of all those images in
    one query, with the page's other images (`other_image_ids`: a routine's hero photo)
    fetched alongside. Returns the exercises as a list and {pk: image} of the others.
    """
    exercises = list(exercises)
    other_image_ids = {pk for pk in other_image_ids if pk is not None}
    if exercises:
        prefetch_related_objects(exercises, *display_lookups(type(exercises[0]), renditions=False))
    raw_steps = {exercise.pk: list(exercise.steps.raw_data) for exercise in exercises}
    wanted = other_image_ids | {
        photo["image"]
        for steps in raw_steps.values()
        for step in steps
        if (photo := _step_photo(step))
    }
    images = get_image_model().objects.in_bulk(wanted) if wanted else {}
    photo_images = [photo.image for exercise in exercises for photo in exercise.photos.all()]
    prefetch_related_objects([*photo_images, *images.values()], "renditions")
    attach_step_photos(exercises, raw_steps, images)
    return exercises, {pk: images[pk] for pk in other_image_ids if pk in images}


def _step_photo(raw_step):
    photo = (raw_step.get("value") or {}).get("photo")
    return photo if isinstance(photo, dict) and photo.get("image") else None


def attach_step_photos(exercises, raw_steps, images):
    """
    Step photos live in each exercise's StreamField, which would load its images one
    exercise at a time: hand each step its image from `images` ({pk: image}, fetched
    for all of them at once). The steps are built from their raw data even with no
    photos: a lazy stream would convert each exercise's steps on its own when the
    template reads them.
    """
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
