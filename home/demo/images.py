"""
Placeholder photos for the demo content. The clinic's photos are not part of the
copy we have, so each demo image is a flat illustration of its exercise, drawn with
Pillow (home/demo/illustrations.py) from a pose name, with no words in the pixels:
the caption and alt text stay in the HTML. It goes through Wagtail's image pipeline
like a real upload (renditions, responsive sizes, alt text).

Each image's file name carries the drawing's fingerprint, so when a pose or the
drawing code changes, the next `load_demo_content` draws the demo's image again in
place (same image, same pages) instead of adding a new one.
"""

import io
import os

from django.core.files.images import ImageFile
from django.db import transaction
from wagtail.images import get_image_model

from . import illustrations

# The drawing for callers that name no pose (calls_to_action.py's book), by title.
POSES_BY_TITLE = {"Revision Sciatica Book": "book"}
DEFAULT_POSE = "seated-rest"
WIDTH = 1600  # 3:2, so 1600 × 1067
QUALITY = 82


def _slug(title):
    return "".join(ch if ch.isalnum() else "-" for ch in title.lower()).strip("-")


def demo_file_name(title, pose):
    """The file name the demo gives `title` drawn as `pose` (short enough that Wagtail
    never trims it, so the fingerprint survives)."""
    return f"{_slug(title)[:48].strip('-')}-{illustrations.fingerprint(pose)}.jpg"


def _made_by_the_demo(image, title):
    """Whether `image` is a demo placeholder (this drawing or an older one), not a
    photo an editor uploaded under the same title."""
    name = os.path.basename(image.file.name)
    return image.uploaded_by_user_id is None and name.startswith(_slug(title)[:40])


def placeholder_image(title, alt_text=None, pose=None):
    """The demo image called `title`, drawn as `pose`: created if missing, drawn again if
    the demo made it with another drawing, left alone if an editor replaced it."""
    pose = pose or POSES_BY_TITLE.get(title, DEFAULT_POSE)
    name = demo_file_name(title, pose)
    Image = get_image_model()
    image = Image.objects.filter(title=title).order_by("pk").first()
    if image is not None and (
        os.path.basename(image.file.name).startswith(name[:-4])
        or not _made_by_the_demo(image, title)
    ):
        return image
    data = illustrations.render_jpeg(pose, WIDTH, quality=QUALITY)
    if image is None:
        image = Image(title=title, description=alt_text or title)
        image.file = ImageFile(io.BytesIO(data), name=name)
        image._set_image_file_metadata()
        image.save()
        return image
    _replace_file(image, data, name)
    return image


def _replace_file(image, data, name):
    """Give `image` a new file, as Wagtail's edit form does: new size and hash (so
    cached renditions are not reused), no renditions of the old file, old file gone."""
    old_name, storage = image.file.name, image.file.storage
    image.file = ImageFile(io.BytesIO(data), name=name)
    image._set_image_file_metadata()
    image.set_focal_point(None)
    image.save()
    image.renditions.all().delete()
    transaction.on_commit(lambda: storage.delete(old_name))
