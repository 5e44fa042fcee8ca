"""
The demo's pictures (home/demo/illustrations.py, placed by home/demo/images.py): one
drawing per exercise pose, told apart by the figure itself rather than the background,
with nothing of the caption in the pixels, 3:2, and drawn once however often the demo
is loaded (an image the older demo drew is drawn again in place).
"""

import io
import itertools

import pytest
from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.core.management import call_command
from PIL import Image as PILImage
from PIL import ImageChops
from wagtail.images import get_image_model

from exercises.models import ExercisePhoto, RoutinePage
from home.demo import illustrations
from home.demo.images import placeholder_image
from home.demo.sciatica_article import ROUTINE_SLUG
from home.models import HomePage

EXERCISE_POSES = [
    "seated-lumbar-flexion",
    "hip-extension-start",
    "hip-extension-stretch",
    "incline-squat",
    "forward-bend-toes-raised",
    "lunge-start",
    "lunge-rise",
]
SMALL = 240  # wide; the drawing scales, so tests draw small


def silhouette(image):
    """The dark pixels (the person and the props) of an illustration, at SMALL wide:
    what is drawn, whatever the background tint."""
    small = image.convert("L").resize((SMALL, SMALL * 2 // 3))
    return small.point(lambda v: 255 if v < 130 else 0).convert("1")


def count(mask):
    return mask.convert("L").histogram()[255]


def share_that_differs(a, b):
    """How much of what is drawn in either picture is drawn in only one of them."""
    return count(ImageChops.logical_xor(a, b)) / count(ImageChops.logical_or(a, b))


def stored_pixels(image):
    with image.open_file() as f:
        return PILImage.open(io.BytesIO(f.read())).convert("RGB")


@pytest.fixture(scope="module")
def small_drawings():
    return {pose: illustrations.render(pose, SMALL) for pose in illustrations.POSES}


def test_every_pose_is_drawn_3_by_2_with_something_in_it(small_drawings):
    for pose, drawing in small_drawings.items():
        assert drawing.size == (SMALL, SMALL * 2 // 3), pose
        assert count(silhouette(drawing)) > 0.04 * SMALL * SMALL * 2 // 3, pose


def test_exercise_poses_differ_from_each_other_in_the_figure(small_drawings):
    shapes = {pose: silhouette(small_drawings[pose]) for pose in EXERCISE_POSES}
    for a, b in itertools.combinations(EXERCISE_POSES, 2):
        assert share_that_differs(shapes[a], shapes[b]) > 0.25, (a, b)


@pytest.mark.django_db
def test_each_demo_exercise_photo_is_a_distinct_drawing(demo_site):
    photos = list(
        ExercisePhoto.objects.select_related("image").order_by("page__path", "sort_order")
    )
    assert len(photos) >= len(EXERCISE_POSES)
    assert len({photo.image_id for photo in photos}) == len(photos)
    shapes = [silhouette(stored_pixels(photo.image)) for photo in photos]
    for (i, a), (j, b) in itertools.combinations(enumerate(shapes), 2):
        assert share_that_differs(a, b) > 0.25, (photos[i].caption, photos[j].caption)


@pytest.mark.django_db
def test_demo_images_are_3_by_2(demo_site):
    images = [photo.image for photo in ExercisePhoto.objects.select_related("image")]
    images.append(RoutinePage.objects.get(slug=ROUTINE_SLUG).hero_image)
    images.append(HomePage.objects.get().hero_image)
    images.append(get_image_model().objects.get(title="Revision Sciatica Book"))
    for image in images:
        assert (image.width, image.height) == (1600, 1067), image.title


@pytest.mark.django_db
def test_the_caption_is_not_in_the_pixels():
    first = placeholder_image("Seated Lumbar Flexion, as captioned", pose="lunge-start")
    second = placeholder_image("A quite different caption for the photo", pose="lunge-start")
    assert first.pk != second.pk
    difference = ImageChops.difference(stored_pixels(first), stored_pixels(second))
    assert difference.getbbox() is None


@pytest.mark.django_db
def test_loading_the_demo_again_adds_no_images(demo_site):
    Image = get_image_model()
    call_command("load_demo_content", verbosity=0, stdout=io.StringIO())
    before = sorted(Image.objects.values_list("pk", "title", "file"))
    call_command("load_demo_content", verbosity=0, stdout=io.StringIO())
    after = sorted(Image.objects.values_list("pk", "title", "file"))
    assert after == before
    titles = [title for _, title, _ in after]
    assert len(titles) == len(set(titles))


def old_demo_file():
    """An image as the older demo stored it: its title's slug as the file name."""
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 1067), "#dcebea").save(buffer, format="JPEG")
    return ImageFile(buffer, name="seated-lumbar-flexion.jpg")


@pytest.mark.django_db
def test_an_image_the_older_demo_drew_is_drawn_again_in_place(demo_site):
    Image = get_image_model()
    image = Image.objects.get(title="Seated Lumbar Flexion")
    image.file = old_demo_file()
    image.save()
    images = Image.objects.count()

    call_command("load_demo_content", verbosity=0, stdout=io.StringIO())

    image.refresh_from_db()
    assert Image.objects.count() == images
    assert illustrations.fingerprint("seated-lumbar-flexion") in image.file.name
    assert not image.renditions.exists()  # none of the old drawing survive
    drawn = illustrations.render("seated-lumbar-flexion", SMALL)
    assert share_that_differs(silhouette(stored_pixels(image)), silhouette(drawn)) < 0.05
    photo = ExercisePhoto.objects.get(caption="Seated Lumbar Flexion")
    assert photo.image_id == image.pk


@pytest.mark.django_db
def test_a_photo_an_editor_uploaded_under_a_demo_title_is_kept(demo_site):
    Image = get_image_model()
    image = Image.objects.get(title="Seated Lumbar Flexion")
    image.file = ImageFile(old_demo_file().file, name="clinic-photo-2025.jpg")
    image.uploaded_by_user = get_user_model().objects.create_user("editor", password="x" * 12)
    image.save()
    name = image.file.name

    call_command("load_demo_content", verbosity=0, stdout=io.StringIO())

    image.refresh_from_db()
    assert image.file.name == name
