"""
How exercises and routines read in Wagtail's API v2 (`api_fields` on the models):
steps and tips as text, the dose as numbers, photos as rendition URLs. A host site
exposes them by adding `wagtail.api.v2` and a router; the plugin needs neither.
"""

from rest_framework import serializers
from wagtail.images.api.fields import ImageRenditionField

PHOTO_SPEC = "max-1200x1200"


def rendition_serializer(**kwargs):
    return ImageRenditionField(PHOTO_SPEC, **kwargs)


def range_data(value):
    if value is None:
        return None
    return {"min": value.low, "max": value.upper}


def dose_data(dose):
    """A Dose as numbers a patient app can use, with the sentence the site shows."""
    return {
        "repetitions": range_data(dose.reps),
        "sets": range_data(dose.sets),
        "hold_seconds": range_data(dose.hold),
        "rest_seconds": dose.rest.low if dose.rest is not None else None,
        "side": dose.side,
        "frequency": dose.frequency,
        "summary": dose.summary,
    }


class DoseField(serializers.Field):
    """The exercise's own dose (source="*": the whole page)."""

    def to_representation(self, page):
        return dose_data(page.dose)


class StepsField(serializers.Field):
    def to_representation(self, steps):
        rendition = ImageRenditionField(PHOTO_SPEC)
        result = []
        for number, step in enumerate(steps, start=1):
            photo = step.value.get("photo")
            result.append(
                {
                    "number": number,
                    "text": step.value["text"].source,
                    # A client showing a routine's own dose replaces this step's text.
                    "states_dose": step.value.states_dose,
                    "photo": (
                        {**rendition.to_representation(photo), "alt": photo.contextual_alt_text}
                        if photo
                        else None
                    ),
                }
            )
        return result


class TipsField(serializers.Field):
    def to_representation(self, modifications):
        return [
            {
                "kind": tip.value.get("kind"),
                "kind_label": tip.value.kind_label,
                "title": tip.value.get("title"),
                "text": tip.value["text"].source,
            }
            for tip in modifications
        ]


class PhotosField(serializers.Field):
    def to_representation(self, photos):
        rendition = ImageRenditionField(PHOTO_SPEC)
        return [
            {
                **rendition.to_representation(photo.image),
                "alt": photo.alt,
                "caption": photo.caption,
            }
            for photo in photos.all()
        ]


class EquipmentField(serializers.Field):
    def to_representation(self, equipment):
        return [{"name": item.name, "slug": item.slug} for item in equipment.all()]


class TagNamesField(serializers.Field):
    def to_representation(self, tags):
        return [tag.name for tag in tags.all()]


class RoutineExercisesField(serializers.Field):
    """The routine's exercises in order, each with the dose for this routine."""

    def to_representation(self, routine):
        return [
            {
                "number": entry.number,
                "id": entry.exercise.pk,
                "title": entry.exercise.title,
                "dose": dose_data(entry.dose),
                "dose_is_overridden": entry.dose_is_overridden,
            }
            for entry in routine.exercises()
        ]
