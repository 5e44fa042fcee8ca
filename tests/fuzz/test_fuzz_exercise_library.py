"""The exercise library's filters (tag, equipment, position) and pages take any value."""

import pytest
from django.test import override_settings
from django.utils.text import slugify
from hypothesis import example
from hypothesis import strategies as st

from exercises.models import POSITION_CHOICES
from home.demo.sciatica_article import EQUIPMENT, EXERCISES

from .strategies import page_numbers, query_params, query_values
from .support import fetch, fuzz

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

TAGS = sorted({slugify(tag) for exercise in EXERCISES for tag in exercise["tags"]})
EQUIPMENT_SLUGS = [slug for _, slug, _ in EQUIPMENT]
POSITIONS = [value for value, _ in POSITION_CHOICES]


def known_or_fuzzed(values):
    return st.one_of(st.sampled_from(values), query_values)


FILTERS = {
    "tag": known_or_fuzzed(TAGS),
    "equipment": known_or_fuzzed(EQUIPMENT_SLUGS),
    "position": known_or_fuzzed(POSITIONS),
    "page": page_numbers,
}


# Two exercises a page, so the five demo exercises need pagination links, which carry
# every parameter of the query string.
@override_settings(EXERCISES_LIBRARY_PAGE_SIZE=2)
@example(params={"tag": "sciatica", "page": "3", "<x-fuzz-a>": '"x-fuzz-b'})
@example(params={"page": "²"})  # was a server error: the canonical link's page number
@fuzz(params=query_params(FILTERS))
def test_library_filters_and_pages_take_any_value(client, demo_content, params):
    assert fetch(client, "get", "/exercises/", params).status_code == 200
