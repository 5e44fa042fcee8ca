"""The read-only API (/api/v2/) answers any query with data or a client error, never a crash."""

import json

import pytest
from hypothesis import example
from hypothesis import strategies as st

from .strategies import hostile_text, page_numbers, query_params, query_values, quoted
from .support import fetch, fuzz

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

FIELD_NAMES = [
    "title", "slug", "id", "type", "html_url", "detail_url", "parent", "seo_title",
    "search_description", "show_in_menus", "first_published_at", "last_published_at",
    "summary", "photos", "steps", "dose", "modifications", "precautions", "position",
    "equipment", "video_url", "tags", "byline", "last_reviewed", "intro", "hero_image",
    "hero_alt_text", "exercises", "body", "references", "width", "height", "file", "*", "_",
]  # fmt: skip
field_lists = st.lists(
    st.one_of(
        st.sampled_from(FIELD_NAMES),
        st.sampled_from(FIELD_NAMES).map("-{}".format),
        st.builds("{}({})".format, st.sampled_from(FIELD_NAMES), st.sampled_from(FIELD_NAMES)),
        query_values,
    ),
    max_size=4,
).map(",".join)
page_types = st.one_of(
    st.sampled_from(
        [
            "exercises.ExercisePage",
            "exercises.RoutinePage",
            "exercises.ExercisePage,exercises.RoutinePage",
            "home.HomePage",
            "intake.ApplicationFormPage",
            "wagtailcore.Page",
            "auth.User",
            "exercises",
        ]
    ),
    query_values,
)
ids = st.one_of(st.integers(-2, 60).map(str), page_numbers)

PARAMETERS = {
    "type": page_types,
    "fields": field_lists,
    "order": st.one_of(st.sampled_from(FIELD_NAMES + ["random", "-id"]), query_values),
    "limit": page_numbers,
    "offset": page_numbers,
    "search": query_values,
    "search_operator": st.one_of(st.sampled_from(["and", "or"]), query_values),
    "child_of": ids,
    "descendant_of": ids,
    "ancestor_of": ids,
    "translation_of": ids,
    "locale": st.one_of(st.just("en"), query_values),
    "site": st.one_of(st.just("localhost"), query_values),
    "slug": query_values,
    "title": query_values,
    "show_in_menus": st.one_of(st.sampled_from(["true", "false"]), query_values),
    "position": st.one_of(st.just("seated"), query_values),
    "tags": st.one_of(st.just("sciatica"), query_values),
    "last_reviewed": st.one_of(st.just("2025-05-27"), query_values),
    "html_path": st.one_of(st.just("/exercises/seated-lumbar-flexion/"), query_values),
    "id": ids,
    "format": st.one_of(st.just("json"), st.just("api"), hostile_text),
}

# The listings most often: they read most of the parameters.
endpoints = st.one_of(
    st.just("pages/"),
    st.just("images/"),
    st.sampled_from(["pages/", "images/", "pages/find/", "images/find/", ""]),
    st.builds("pages/{}/".format, ids.map(quoted)),
    st.builds("images/{}/".format, ids.map(quoted)),
)


@example(endpoint="pages/", params={"type": "exercises.ExercisePage", "fields": "*", "limit": "2"})
@example(endpoint="pages/", params={"last_reviewed": "<x-fuzz-a>", "offset": "²"})
# All were server errors: an offset past SQLite's integers, a NUL or a quote its full-text
# search cannot parse, an unknown search operator, an id that is no number, no word at all.
@example(endpoint="pages/", params={"offset": str(2**63)})
@example(endpoint="images/", params={"search": "\x00"})
@example(endpoint="pages/", params={"search": 'back"'})
@example(endpoint="images/1/", params={"search": "a", "search_operator": "0"})
@example(endpoint="pages/find/", params={"id": "last"})
@example(endpoint="pages/", params={"search": " "})
@example(endpoint="images/", params={"search": ""})
@fuzz(endpoint=endpoints, params=query_params(PARAMETERS))
def test_api_answers_any_query_with_json_or_a_client_error(client, demo_content, endpoint, params):
    response = fetch(client, "get", "/api/v2/" + endpoint, params)
    assert response.status_code in (200, 301, 302, 400, 404)
    if response["Content-Type"].startswith("application/json"):
        json.loads(response.content)


@fuzz(endpoint=endpoints, method=st.sampled_from(["post", "put", "patch", "delete"]))
def test_api_never_writes(client, demo_content, endpoint, method):
    assert fetch(client, method, "/api/v2/" + endpoint).status_code in (404, 405)
