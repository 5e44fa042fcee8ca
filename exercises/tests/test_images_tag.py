"""The plugin's `{% picture %}` (exercises_images) is Wagtail's: the same markup for the
same photo (its own faster writing of it is held to Wagtail's here), its filters built
once rather than on every render."""

import pytest
from django.template import Context, Template

from .factories import make_image

pytestmark = pytest.mark.django_db

TAG = (
    '{% picture photo format-{avif,webp,jpeg} width-{400,800} sizes="100vw" alt="A chair"'
    ' loading="lazy" %}'
)


def render(library, photo, tag=TAG, **context):
    return Template("{% load " + library + " %}" + tag).render(Context({"photo": photo, **context}))


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


@pytest.mark.parametrize(
    "tag",
    [
        # One format: a plain <img> with its srcset inside <picture>.
        '{% picture photo width-{400,800} sizes="50vw" %}',
        # One rendition: no srcset at all.
        "{% picture photo format-webp width-400 %}",
        # Two formats, one width each; attributes that need escaping; a flag.
        '{% picture photo format-{webp,jpeg} width-400 alt=alt class="a b" hidden=True %}',
        # Every source format Wagtail orders, fallback last.
        "{% picture photo format-{jpeg,avif,webp,png} fill-{200x100,400x200} %}",
    ],
)
def test_every_shape_of_the_tag_matches_wagtails(tag):
    photo = make_image("Chair", size=(64, 48))
    context = {"alt": 'A "chair" & <mat>'}
    assert render("exercises_images", photo, tag, **context) == render(
        "wagtailimages_tags", photo, tag, **context
    )


def test_a_picture_kept_in_a_variable_is_wagtails_object():
    photo = make_image("Chair", size=(64, 48))
    tag = "{% picture photo format-{avif,jpeg} width-{400,800} as pic %}{{ pic.formats|length }}"
    assert render("exercises_images", photo, tag) == render("wagtailimages_tags", photo, tag) == "2"
