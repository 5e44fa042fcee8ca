"""
The search results as readers see them: exercises and articles before general pages,
pages with the words in their title first within each, then the backend's own rank;
each with its kind, a thumbnail and a snippet with the matched words marked.
"""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe
from wagtail.images import get_image_model
from wagtail.models import Page

from exercises.models import ExercisePage, ExercisePhoto, RoutinePage
from exercises.text import describe, plain_text

from .vocabulary import words

# More than anyone reads; ranking happens over these, paging after it.
MAX_RESULTS = 200
KINDS = {ExercisePage: "Exercise", RoutinePage: "Article"}
SNIPPET_WORDS = 30
SENTENCE = re.compile(r"(?<=[.!?])\s+")


def ranked_pages(found, matched):
    """The specific pages of `found` (backend order), in the order readers get them."""
    ids = [page.pk for page in found[:MAX_RESULTS]]
    specific = {page.pk: page for page in Page.objects.filter(pk__in=ids).specific()}
    backend_rank = {pk: rank for rank, pk in enumerate(ids)}
    pages = [specific[pk] for pk in ids if pk in specific]

    def order(page):
        is_content = type(page) in KINDS
        in_title = bool(matched & set(words(page.title)))
        return (not is_content, not in_title, backend_rank[page.pk])

    return sorted(pages, key=order)


def thumbnails(pages):
    """{page id: image} for the pages shown: an exercise's first photo, a hero image."""
    exercise_ids = [page.pk for page in pages if isinstance(page, ExercisePage)]
    image_of = {}
    for photo in ExercisePhoto.objects.filter(page_id__in=exercise_ids).order_by(
        "page_id", "-sort_order"
    ):
        image_of[photo.page_id] = photo.image_id  # the lowest sort order is written last
    for page in pages:
        hero = getattr(page, "hero_image_id", None)
        if hero and page.pk not in image_of:
            image_of[page.pk] = hero
    images = get_image_model().objects.filter(pk__in=set(image_of.values())).prefetch_renditions()
    by_id = {image.pk: image for image in images}
    return {page_id: by_id.get(image_id) for page_id, image_id in image_of.items()}


def searchable_text(page):
    """What a snippet is cut from: the page's description, then its steps or intro."""
    parts = [describe(page)]
    if isinstance(page, ExercisePage):
        parts += [plain_text(step.value["text"]) for step in page.steps]
    elif isinstance(page, RoutinePage):
        parts.append(page.intro)
    return " ".join(part for part in parts if part)


def snippet(text, matched):
    """The first sentence holding a matched word, cut to 30 words, the words in <mark>."""
    sentences = SENTENCE.split(text)
    chosen = next(
        (sentence for sentence in sentences if matched & set(words(sentence))), sentences[0]
    )
    cut = chosen.split()
    shown = " ".join(cut[:SNIPPET_WORDS]) + (" …" if len(cut) > SNIPPET_WORDS else "")
    if not matched:
        return escape(shown)
    pattern = re.compile(
        r"\b("
        + "|".join(re.escape(word) for word in sorted(matched, key=len, reverse=True))
        + r")\b",
        re.IGNORECASE,
    )
    marked = pattern.sub(lambda match: f"\0{match.group(0)}\1", shown)
    return mark_safe(escape(marked).replace("\0", "<mark>").replace("\1", "</mark>"))


def decorate(pages, matched):
    """Kind, thumbnail and snippet for the pages on the results page shown."""
    images = thumbnails(pages)
    for page in pages:
        page.search_kind = KINDS.get(type(page), "Page")
        page.search_thumbnail = images.get(page.pk)
        page.search_snippet = snippet(searchable_text(page), matched)
    return pages
