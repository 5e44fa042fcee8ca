"""How many database queries a page costs: the tests that check it stays fixed use these."""

import os

from bs4 import BeautifulSoup
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext


def page_queries(client, url):
    """One view of `url`: its text and the number of queries it took."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    text = BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)
    if os.environ.get("SHOW_QUERIES"):
        print(f"\n--- {url}")
        for query in queries.captured_queries:
            print(query["sql"][:300])
    return text, len(queries)


def count_queries(client, url, warm=False):
    """
    The queries of a view of `url` from the same starting point every time: the caches
    empty (a page's first view after something was published), or with `warm` filled by
    one view before (every later view that bypasses the page cache).
    """
    for cache in caches.all():
        cache.clear()
    if warm:
        client.get(url)
    return page_queries(client, url)[1]
