"""
A CDN in front of the site (Wagtail's frontend cache, configured by
WAGTAILFRONTENDCACHE in production settings) forgets the same pages as the site's own
cache (invalidation.py): the pages that show a change, with every address each answers
at (the plugin's `get_cached_paths`: a routine's handout and guide screens, an index's
feeds and topics), or every live page when the change is on all of them. Wagtail's own
handlers purge only the published page itself.

Sent once the change is committed, so the CDN cannot fetch the page from before it. The
addresses of the pages a change shows are worked out at once, while a page being
deleted still has one; "every live page" when the purge is sent.
"""

from django.conf import settings
from django.db import transaction
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page


def configured():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def purge_urls(page_ids=(), everything=False):
    """The URLs to purge for these pages (or for every live page)."""
    pages = Page.objects.live()
    if not everything:
        pages = pages.filter(pk__in=set(page_ids))
    batch = PurgeBatch()
    batch.add_pages(pages.specific())
    return batch


def purge(page_ids=(), everything=False):
    if not configured():
        return
    if everything:
        transaction.on_commit(lambda: purge_urls(everything=True).purge())
    elif page_ids:
        batch = purge_urls(page_ids)
        transaction.on_commit(batch.purge)
