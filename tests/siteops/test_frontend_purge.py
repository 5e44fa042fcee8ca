"""
With a CDN configured, a change purges from it the same pages the site's own cache
forgets (siteops/frontend_purge.py), at every address each answers at, once the change
is committed: an exercise edit its page and the routine showing it, not the others;
settings every live page; a deleted page its old address.
"""

from urllib.parse import urlsplit

import pytest

from tests.site_factories import make_article, make_standard_page

from .frontend_recorder import RecordingBackend

pytestmark = pytest.mark.django_db


@pytest.fixture
def cdn(settings):
    settings.WAGTAILFRONTENDCACHE = {
        "cdn": {"BACKEND": "tests.siteops.frontend_recorder.RecordingBackend"}
    }
    RecordingBackend.purged = []
    return RecordingBackend


@pytest.fixture
def two_articles(demo_site):
    return make_article("shown"), make_article("other")


def paths(urls):
    return {urlsplit(url).path for url in urls}


def test_an_exercise_edit_purges_the_pages_showing_it_at_every_address(
    cdn, two_articles, django_capture_on_commit_callbacks
):
    shown, other = two_articles
    with django_capture_on_commit_callbacks(execute=True):
        shown.exercise.title = "Chair squat, slower"
        shown.exercise.save_revision().publish()
    purged = paths(cdn.purged)
    routine, exercise = shown.routine.url, shown.exercise.url
    for page in (routine, exercise):
        assert {
            page,
            f"{page}handout/",
            f"{page}guide/",
            f"{page}guide/1/",
            f"{page}guide/done/",
        } <= purged
    assert shown.library.url in purged
    # The home page shows the latest articles' cards, nothing of their exercises.
    assert "/" not in purged
    assert not any(url.startswith((other.routine.url, other.exercise.url)) for url in purged)


def test_a_new_article_purges_its_index_with_its_feeds_and_topics(
    cdn, demo_site, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article("fresh", tags=("knee pain",))
    index = article.articles.url
    assert {index, f"{index}feed/", f"{index}feed/atom/", f"{index}tag/knee-pain/"} <= paths(
        cdn.purged
    )


def test_clinic_settings_purge_every_live_page(
    cdn, two_articles, clinic_settings, django_capture_on_commit_callbacks
):
    plain = make_standard_page("Parking", "parking")
    cdn.purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        clinic_settings.phone = "(904) 555-0199"
        clinic_settings.save()
    purged = paths(cdn.purged)
    shown, other = two_articles
    assert {"/", plain.url, shown.routine.url, other.routine.url, other.exercise.url} <= purged


def test_a_deleted_page_is_purged_at_its_old_address(
    cdn, demo_site, django_capture_on_commit_callbacks
):
    plain = make_standard_page("Parking", "parking")
    url = plain.url
    cdn.purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        plain.delete()
    assert url in paths(cdn.purged)


def test_nothing_is_sent_without_a_cdn(settings, two_articles, django_capture_on_commit_callbacks):
    settings.WAGTAILFRONTENDCACHE = None
    RecordingBackend.purged = []
    shown, _ = two_articles
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        shown.exercise.save_revision().publish()
    assert RecordingBackend.purged == []
    assert callbacks  # the site's own cache still forgets the pages on commit
