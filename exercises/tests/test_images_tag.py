"""The plugin's `{% picture %}` (exercises_images) is Wagtail's: the same markup for the
same photo, its filters built once rather than on every render."""

import pytest
from django.template import Context, Template

from .factories import make_image

pytestmark = pytest.mark.django_db

TAG = (
    '{% picture photo format-{avif,webp,jpeg} width-{400,800} sizes="100vw" alt="A chair"'
    ' loading="lazy" %}'
)


def render(library, photo):
    return Template("{% load " + library + " %}" + TAG).render(Context({"photo": photo}))


def test_the_markup_is_wagtails_own():
    photo = make_image("Chair", size=(64, 48))
    ours = render("exercises_images", photo)
    assert ours == render("wagtailimages_tags", photo)
    assert ours.startswith("<picture>") and 'type="image/avif"' in ours


def test_the_filters_are_built_once_per_template():
    photos = [make_image("Chair", size=(64, 48)), make_image("Mat", size=(64, 48))]
    template = Template("{% load exercises_images %}" + TAG)
    node = next(n for n in template.nodelist if hasattr(n, "get_filters"))
    first = node.get_filters()
    pages = [template.render(Context({"photo": photo})) for photo in photos]
    assert node.get_filters() is first
    assert pages[0] != pages[1]  # each photo its own renditions
