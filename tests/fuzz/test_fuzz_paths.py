"""Any address under the site gets a page or a client error, never a crash or an echo."""

import pytest
from django.test import override_settings
from hypothesis import example
from hypothesis import strategies as st

from .strategies import path_segments, query_params
from .support import fetch, fuzz

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

# Where real addresses start, so the fuzzed rest reaches each part of the site.
PREFIXES = [
    "/",
    "/about/",
    "/exercises/",
    "/exercises/seated-lumbar-flexion/",
    "/articles/",
    "/articles/5-exercises-for-sciatica-from-lumbar-spinal-stenosis/",
    "/articles/tag/",
    "/new-patient-application/",
    "/search/",
    "/api/v2/",
    "/admin/",
    "/admin/login/",
    "/documents/",
    "/static/",
    "/media/",
    "/sitemap.xml/",
    "/robots.txt/",
]

paths = st.builds(
    lambda prefix, segments, slash: prefix + "/".join(segments) + ("/" if slash else ""),
    st.sampled_from(PREFIXES),
    st.lists(path_segments, max_size=4),
    st.booleans(),
)


# As in production: the whole-page cache on, so addresses are also cache keys.
@override_settings(PAGE_CACHE_ENABLED=True)
@example(path="/<x-fuzz-a>/", method="get", params={})
@example(path="/admin/login/", method="get", params={"next": '"><x-fuzz-b>'})
@fuzz(path=paths, method=st.sampled_from(["get", "head", "post"]), params=query_params({}))
def test_any_address_gets_a_page_or_a_client_error(client, demo_content, path, method, params):
    fetch(client, method, path, params)
