"""Rendering live pages as a reader would, so the image renditions their browsers ask
for (AVIF, WebP and JPEG at each width) exist before the first reader arrives.

One rule for `manage.py warm_site` (every page) and the worker (a page when it is
published, siteops/tasks.py).
"""

from django.test import Client
from wagtail.models import Site


def reader_client(site):
    """A client that asks for pages the way a reader of `site` does."""
    return Client(HTTP_HOST=site.hostname if site.hostname != "*" else "localhost")


def render_page(client, page):
    """Render one live page; its URL and the response's status (None: it has no URL)."""
    url = page.get_url()
    if not url:
        return None, None
    # secure=True: in production a plain-http request is redirected, not rendered.
    response = client.get(url, SERVER_NAME="localhost", secure=True)
    return url, response.status_code


def default_site():
    return Site.objects.filter(is_default_site=True).first()
