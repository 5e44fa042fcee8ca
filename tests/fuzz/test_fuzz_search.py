"""Site search (/search/) answers any query and page number without a server error."""

import pytest
from django.utils.html import escape
from hypothesis import example
from hypothesis import strategies as st

from .strategies import page_numbers, query_params, query_values
from .support import fetch, fuzz

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

# Words the demo content has, so some queries find results and a second page.
FOUND_WORDS = st.sampled_from(["back", "sciatica", "stretch", "chair", "the", "a", "exhale"])


@example(params={"q": "stretch <x-fuzz-a>", "page": "2"})
@example(params={"q": "the", "page": "²"})
# All were server errors: SQLite's full-text search took the NUL and the quote as syntax.
@example(params={"q": "back\x00pain"})
@example(params={"q": 'back" pain'})
@example(params={"q": '"'})
@fuzz(params=query_params({"q": st.one_of(FOUND_WORDS, query_values), "page": page_numbers}))
def test_search_answers_any_query_and_shows_it_escaped(client, demo_content, params):
    response = fetch(client, "get", "/search/", params)
    assert response.status_code == 200
    query = params.get("q")
    if isinstance(query, str):
        # As typed, less any NUL, its spaces tidied and cut to 200 characters.
        shown = " ".join(query.replace("\x00", "").split())[:200]
        assert escape(shown) in response.content.decode()


@fuzz(params=query_params({"q": query_values}))
def test_search_refuses_other_methods_plainly(client, demo_content, params):
    assert fetch(client, "post", "/search/", params).status_code == 405
