"""
A page's route is kept between views (siteops/routing_cache.py) and is never used once
it could be wrong: after unpublishing, moving, renaming or deleting the page, or adding
a view restriction, the next view is right. Run with the local-memory cache (versions
in files) and, when CI gives a Redis server, with the cache and the versions in Redis.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests.site_factories import make_article, make_standard_page, set_clinic_settings

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(demo_site):
    return make_article("routed")


def view(client, url):
    """The response and the SQL of one view."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, [query["sql"] for query in queries.captured_queries]


def routed_by_wagtail(sql):
    # Wagtail's own routing starts with the site lookup for the request's host.
    return any('FROM "wagtailcore_site"' in statement for statement in sql)


def test_the_second_view_is_routed_from_the_cache(client, cache_kind, article):
    url = article.routine.url
    first, first_sql = view(client, url)
    second, second_sql = view(client, url)
    assert first.status_code == second.status_code == 200
    assert routed_by_wagtail(first_sql)
    assert not routed_by_wagtail(second_sql)
    assert len(second_sql) < len(first_sql)
    assert second.content.decode().count(article.routine.title) >= 1
    # The breadcrumb trail is the same as when Wagtail routed it.
    assert b'class="breadcrumbs"' in second.content
    assert f'href="{article.articles.url}"'.encode() in second.content


def test_new_content_is_shown_on_the_next_view(client, cache_kind, article):
    url = article.routine.url
    view(client, url)
    exercise = article.exercise
    exercise.title = "Chair squat, slower"
    exercise.save_revision().publish()
    response, sql = view(client, url)
    assert "Chair squat, slower" in response.content.decode()
    assert not routed_by_wagtail(sql)  # the route is still good: only the content changed


def page_queries(sql, page):
    """The statements loading the page itself."""
    table = page.specific_class._meta.db_table
    loads_it = f'WHERE ("wagtailcore_page"."live" AND "{table}"."page_ptr_id" = {page.pk})'
    return [statement for statement in sql if loads_it in statement]


def test_the_page_itself_is_kept_until_it_or_what_it_shows_changes(client, cache_kind, article):
    routine = article.routine
    url = routine.url
    view(client, url)
    view(client, url)
    response, sql = view(client, url)
    assert response.status_code == 200
    assert not page_queries(sql, routine)

    routine.intro = "Read this first."
    routine.save_revision().publish()
    response, sql = view(client, url)
    assert "Read this first." in response.content.decode()
    assert not routed_by_wagtail(sql)
    assert len(page_queries(sql, routine)) == 1, "\n".join(page_queries(sql, routine))
    _, sql = view(client, url)
    assert not page_queries(sql, routine)


def test_a_parent_s_new_title_is_in_the_breadcrumb_trail_on_the_next_view(
    client, cache_kind, article
):
    url = article.routine.url
    view(client, url)
    view(client, url)
    articles = article.articles
    articles.title = "Guides for home"
    articles.save_revision().publish()
    trail = client.get(url).content.decode().split('class="breadcrumbs"')[1].split("</nav>")[0]
    assert "Guides for home" in trail


def test_an_unpublished_page_is_gone_on_the_next_view(client, cache_kind, article):
    url = article.routine.url
    view(client, url)
    view(client, url)
    article.routine.unpublish()
    assert client.get(url).status_code == 404


def test_a_renamed_page_moves_to_its_new_address(client, cache_kind, article):
    routine = article.routine
    old_url = routine.url
    view(client, old_url)
    routine.slug = "renamed-routine"
    routine.save_revision().publish()
    routine.refresh_from_db()
    assert client.get(old_url).status_code == 404
    assert client.get(routine.url).status_code == 200


def test_renaming_a_parent_moves_the_pages_below_it(client, cache_kind, article):
    old_url = article.routine.url
    view(client, old_url)
    articles = article.articles
    articles.slug = "renamed-articles"
    articles.save_revision().publish()
    assert client.get(old_url).status_code == 404
    article.routine.refresh_from_db()
    assert client.get(article.routine.url).status_code == 200


def test_a_moved_page_is_served_at_its_new_address_only(client, cache_kind, article):
    routine = article.routine
    old_url = routine.url
    view(client, old_url)
    elsewhere = make_standard_page("Moved here", "moved-here")
    routine.move(elsewhere, pos="last-child")
    routine.refresh_from_db()
    # Not the page from its old route: Wagtail's redirect to where it is now.
    moved = client.get(old_url)
    assert moved.status_code == 301
    assert moved["Location"] == routine.url
    response = client.get(routine.url)
    assert response.status_code == 200
    assert "Moved here" in response.content.decode()  # its new breadcrumb trail


def test_a_deleted_page_is_gone_on_the_next_view(client, cache_kind, article):
    url = article.routine.url
    view(client, url)
    article.routine.delete()
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("restricted", ["page", "parent"])
def test_a_view_restriction_applies_on_the_next_view(client, cache_kind, article, restricted):
    url = article.routine.url
    view(client, url)
    view(client, url)
    page = article.routine if restricted == "page" else article.articles
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(url)
    assert response.status_code == 302
    assert "login" in response["Location"]
    # And stays private: a restricted page's route is never kept.
    assert client.get(url).status_code == 302


def test_a_private_page_is_checked_on_every_view(client, cache_kind, article):
    url = article.routine.url
    PageViewRestriction.objects.create(
        page=article.routine, restriction_type=PageViewRestriction.LOGIN
    )
    for _ in range(2):
        response, sql = view(client, url)
        assert response.status_code == 302
        assert routed_by_wagtail(sql)


def test_changed_clinic_settings_are_shown_on_the_next_view(
    client, cache_kind, article, clinic_settings
):
    url = article.routine.url
    view(client, url)
    clinic_settings.clinic_name = "Riverside Physio"
    clinic_settings.save()
    response, _ = view(client, url)
    assert "Riverside Physio" in response.content.decode()
    # Kept for the views after it: no query for the settings.
    _, sql = view(client, url)
    assert not any('FROM "home_clinicsettings"' in statement for statement in sql)


def test_the_settings_follow_a_page_they_point_at(client, cache_kind, article):
    booking = make_standard_page("Request a visit", "request-a-visit")
    set_clinic_settings(booking_url="", appointment_request_page=booking)
    url = article.routine.url
    assert 'href="/request-a-visit/"' in client.get(url).content.decode()
    booking.slug = "ask-for-a-visit"
    booking.save_revision().publish()
    page = client.get(url).content.decode()
    assert 'href="/ask-for-a-visit/"' in page
    assert 'href="/request-a-visit/"' not in page
