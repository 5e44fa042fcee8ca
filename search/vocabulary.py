"""
Search that forgives, the same on SQLite and PostgreSQL: each word the reader typed is
widened to the words of the site's own pages that mean it — the same English
stem ("lunges" → "lunge"), a longer word it begins ("sciatic" → "sciatica"), or, when
nothing matches, the nearest spelling ("stenosys" → "stenosis").

The database backends match whole words only (SQLite's full-text index does not stem),
so the widening happens before the query reaches them.
"""

import re
from difflib import get_close_matches
from functools import cache

import snowballstemmer
from django.core.cache import cache as default_cache
from django.db.models import Manager
from django.utils.encoding import force_str
from wagtail.models import Page
from wagtail.search import index
from wagtail.search.query import And, Or, PlainText

from exercises.fragment_cache import content_version

WORD = re.compile(r"[^\W_]+", re.UNICODE)
# Shorter words widen to too much ("arm" would find "armchair").
PREFIX_MIN_LENGTH = 4
TYPO_MIN_LENGTH = 5
# difflib's ratio: "stenosys" and "stenosis" score 0.875; "knee" and "knees" 0.89.
TYPO_CUTOFF = 0.8
STEMMER = snowballstemmer.stemmer("english")
VOCABULARY_CACHE_SECONDS = 24 * 60 * 60


@cache
def stem(word):
    return STEMMER.stemWord(word)


def words(text):
    return [word.lower() for word in WORD.findall(text or "")]


def searchable_text(obj, fields):
    """The text of `obj`'s search fields, as the database backends index it."""
    for field in fields:
        if isinstance(field, (index.SearchField, index.AutocompleteField)):
            yield force_str(field.get_value(obj))
        elif isinstance(field, index.RelatedFields):
            related = field.get_value(obj)
            if isinstance(related, Manager):
                related = related.all()
            elif related is not None:
                related = [related() if callable(related) else related]
            for item in related or []:
                yield from searchable_text(item, field.fields)


def index_words():
    """
    Every word of the live, public pages' search fields (titles, text, tags), once per
    content version. Read from the pages, not the index: PostgreSQL's index keeps only
    stems, and only what readers can find should widen what they typed.
    """

    def build():
        found = set()
        for page in Page.objects.live().public().specific().iterator(chunk_size=200):
            for text in searchable_text(page, page.get_search_fields()):
                found.update(words(text))
        return sorted(found)

    version = content_version()
    if version is None:  # nothing tells when content changes: read it afresh
        return build()
    key = f"search-vocabulary:{version}"
    return default_cache.get_or_set(key, build, VOCABULARY_CACHE_SECONDS)


def widen(word, vocabulary):
    """The index's words that `word` stands for, `word` itself first when it is one."""
    word = word.lower()
    root = stem(word)
    found = [word] if word in vocabulary else []
    for known in vocabulary:
        if known == word:
            continue
        if stem(known) == root or (len(word) >= PREFIX_MIN_LENGTH and known.startswith(word)):
            found.append(known)
    if not found and len(word) >= TYPO_MIN_LENGTH:
        found = get_close_matches(word, vocabulary, n=3, cutoff=TYPO_CUTOFF)
    return found or [word]


def widened_terms(terms):
    """[(typed word, [the index words it stands for])...] for a query's words."""
    vocabulary = index_words()
    return [(word, widen(word, vocabulary)) for word in dict.fromkeys(words(terms))]


def search_query(widened):
    """Every typed word must match, through any of the words it stands for."""
    per_word = [Or([PlainText(known) for known in known_words]) for _, known_words in widened]
    return per_word[0] if len(per_word) == 1 else And(per_word)


def matched_words(widened):
    return {known for _, known_words in widened for known in known_words}
