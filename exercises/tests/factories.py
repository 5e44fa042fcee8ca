"""Builders for exercise and routine pages, through the models as an editor would.

The plugin's own tests use them, and so do a host site's (the clinic's tests/).
"""

import datetime
import io

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from exercises.models import (
    Equipment,
    ExerciseIndexPage,
    ExercisePage,
    ExercisePhoto,
    RoutineIndexPage,
    RoutinePage,
)


def make_image(title="Photo", colour="#0b5563", size=(640, 480)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, format="JPEG")
    image = get_image_model()(title=title, description=f"{title} (alt)")
    image.file = ImageFile(buffer, name=f"{title.lower().replace(' ', '-')}.jpg")
    image.save()
    return image


def site_root():
    return Site.objects.get(is_default_site=True).root_page.specific


def make_library(parent=None, slug="library"):
    parent = parent or site_root()
    library = ExerciseIndexPage(title="Exercise library", slug=slug)
    parent.add_child(instance=library)
    library.save_revision().publish()
    return library


def make_articles(parent=None, slug="routines"):
    parent = parent or site_root()
    index = RoutineIndexPage(title="Routines", slug=slug)
    parent.add_child(instance=index)
    index.save_revision().publish()
    return index


def make_exercise(
    library,
    title,
    steps=("Sit down.", "Bend forward.", "Come back up."),
    tips=(("easier", "", "Go less far."),),
    photos=(),
    step_photo=None,
    equipment=(),
    tags=(),
    publish=True,
    **fields,
):
    step_blocks = []
    for index, text in enumerate(steps):
        value = {"text": f"<p>{text}</p>"}
        if step_photo and index == 0:
            value["photo"] = {
                "image": step_photo,
                "decorative": False,
                "alt_text": f"{title}, first step",
            }
        step_blocks.append(("step", value))
    page = ExercisePage(
        title=title,
        live=publish,
        steps=step_blocks,
        modifications=[
            ("tip", {"kind": kind, "title": tip_title, "text": f"<p>{text}</p>"})
            for kind, tip_title, text in tips
        ],
        **fields,
    )
    for n, image in enumerate(photos):
        page.photos.add(
            ExercisePhoto(
                image=image,
                caption=f"{title} caption {n + 1}",
                alt_text=f"{title} alt {n + 1}",
            )
        )
    if tags:
        page.tags.add(*tags)
    if equipment:
        page.equipment.set([Equipment.objects.get_or_create(name=name)[0] for name in equipment])
    library.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page


def exercise_block(exercise, dose=None, note=""):
    return ("exercise", {"exercise": exercise, "dose": dose or {}, "note": note})


def make_routine(index, title, body, tags=(), **fields):
    fields.setdefault("last_reviewed", datetime.date(2025, 5, 27))
    routine = RoutinePage(title=title, body=body, **fields)
    if tags:
        routine.tags.add(*tags)
    index.add_child(instance=routine)
    routine.save_revision().publish()
    return routine


def republish(page):
    page.save_revision().publish()
    return Page.objects.get(pk=page.pk).specific
