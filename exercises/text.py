"""
Text rules shared by the plugin's pages and by a host site: how a page describes itself
in one or two sentences, HTML as plain text, reference markers, and text from a URL
made safe for a query.
"""

import re

from django.utils.text import Truncator
from wagtail.rich_text import get_text_for_indexing

# A reference marker in a routine's text: "[1]" links to the first reference.
CITATION = re.compile(r"\[(\d{1,3})\]")

DESCRIPTION_LENGTH = 200
# The fields a page's description falls back on, in order, when it has no search
# description; a page type may name its own (`description_fields = (...)`).
DESCRIPTION_FIELDS = ("intro", "summary")


def plain_text(html):
    """Rich text or HTML as one line of plain text: paragraphs apart, "&amp;" as "&"."""
    return " ".join(get_text_for_indexing(str(html)).split())


def describe(page):
    """
    What the page is about, for search engines, feeds, link previews and search results:
    its search description, else the first of its description fields that is filled in,
    as plain text of at most DESCRIPTION_LENGTH characters ("" when there is none).
    """
    text = getattr(page, "search_description", "") or ""
    if not text:
        for name in getattr(page, "description_fields", DESCRIPTION_FIELDS):
            if value := getattr(page, name, None):
                text = str(value)
                break
    return Truncator(plain_text(text)).chars(DESCRIPTION_LENGTH)


def without_nul(text):
    """
    Text from a URL with any NUL character taken out: PostgreSQL refuses NUL in text and
    SQLite's full-text search reads it as syntax, and no word a reader types holds one.
    """
    return str(text).replace("\x00", "")
