"""
A change re-renders only the pages that show it (siteops/invalidation.py): every page
showing the changed thing is fresh on its next view, every other page is still served
from the cache. Run with the local-memory cache (versions in files) and, when CI gives
a Redis server, with the cache and the versions in Redis.
"""

import pytest

from exercises.models import Equipment, RoutinePage
from exercises.tests.factories import make_image
from siteops import content_versions, invalidation
from tests.site_factories import make_article, make_call_to_action, make_standard_page

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True


@pytest.fixture
def two_articles(demo_site):
    """Two routines, each with an exercise of its own, and a page that shows neither."""
    shown = make_article(
        "shown",
        exercises=[
            {"title": "Step-up", "steps": ("Step up onto the box.",), "equipment": ("Plyo box",)}
        ],
    )
    other = make_article("other", exercises=[{"title": "Wall push", "steps": ("Push.",)}])
    plain = make_standard_page("Parking", "parking", intro="Park behind the clinic.")
    return shown, other, plain


def views(client, *urls):
    return {url: client.get(url) for url in urls}


def cache_states(client, urls):
    return {url: response["X-Page-Cache"] for url, response in views(client, *urls).items()}


def test_editing_an_exercise_refreshes_the_pages_showing_it_and_no_other(
    client, cache_kind, two_articles
):
    shown, other, plain = two_articles
    fresh = [shown.exercise.url, shown.routine.url, shown.library.url]
    # The articles index and the home page show the routine's card, but nothing of its
    # exercises.
    cards = [shown.articles.url, "/"]
    untouched = [other.routine.url, other.exercise.url, other.library.url, *cards, plain.url]
    views(client, *fresh, *untouched)
    assert set(cache_states(client, fresh + untouched).values()) == {"hit"}

    exercise = shown.exercise
    exercise.steps = [("step", {"text": "<p>Sit tall and breathe out slowly.</p>"})]
    exercise.save_revision().publish()

    after = views(client, *fresh)
    assert {url: r["X-Page-Cache"] for url, r in after.items()} == dict.fromkeys(fresh, "miss")
    assert "Sit tall and breathe out slowly." in after[shown.routine.url].content.decode()
    assert "Step up onto the box." not in after[shown.routine.url].content.decode()
    assert cache_states(client, untouched) == dict.fromkeys(untouched, "hit")


def test_one_exercise_edit_forgets_just_the_three_pages_showing_it(cache_kind, two_articles):
    shown, _, _ = two_articles
    forgotten = invalidation.page_changed(instance=shown.exercise)
    pages = {name for name in forgotten if name.startswith("page-")}
    showing = (shown.exercise, shown.routine, shown.library)
    assert pages == {content_versions.page_version(page.pk) for page in showing}
    assert content_versions.SITE not in forgotten


def test_a_photo_or_equipment_edit_refreshes_the_exercise_and_its_routine_only(
    client, cache_kind, two_articles
):
    shown, other, plain = two_articles
    photo = make_image("Box photo")
    exercise = shown.exercise
    exercise.steps = [
        ("step", {"text": "<p>Step up.</p>", "photo": {"image": photo, "decorative": True}})
    ]
    exercise.save_revision().publish()
    fresh = [shown.exercise.url, shown.routine.url]
    untouched = [other.routine.url, plain.url]
    views(client, *fresh, *untouched)

    box = Equipment.objects.get(name="Plyo box")
    box.name = "Sturdy box"
    box.save()
    after = views(client, *fresh)
    assert all(r["X-Page-Cache"] == "miss" for r in after.values())
    assert "Sturdy box" in after[shown.routine.url].content.decode()
    assert cache_states(client, untouched) == dict.fromkeys(untouched, "hit")

    # A step's photo is in the exercise's body, which the library's card does not show.
    views(client, *fresh, shown.library.url)
    photo.title = "Box photo, retaken"
    photo.save()
    assert cache_states(client, fresh) == dict.fromkeys(fresh, "miss")
    assert cache_states(client, [*untouched, shown.library.url]) == dict.fromkeys(
        [*untouched, shown.library.url], "hit"
    )


def test_an_article_edit_refreshes_the_pages_showing_its_card(client, cache_kind, two_articles):
    shown, other, plain = two_articles
    routine = RoutinePage.objects.get(pk=shown.routine.pk)
    photo = make_image("Step-up photo")
    routine.hero_image = photo
    routine.hero_alt_text = "Stepping up onto a sturdy box."
    routine.save_revision().publish()
    # Its card: on the home page (a latest article), in the articles index and among
    # the other routine's related articles.
    cards = ["/", shown.articles.url, other.routine.url]
    untouched = [shown.exercise.url, other.exercise.url, plain.url]
    views(client, *cards, *untouched)

    routine.intro = "Five moves for a steadier step."
    routine.save_revision().publish()
    after = views(client, *cards)
    assert {url: r["X-Page-Cache"] for url, r in after.items()} == dict.fromkeys(cards, "miss")
    assert all("Five moves for a steadier step." in r.content.decode() for r in after.values())
    assert cache_states(client, untouched) == dict.fromkeys(untouched, "hit")

    # Its photo, shown on its card where the card has one.
    pictured = [shown.routine.url, "/", shown.articles.url]
    views(client, *pictured)
    photo.title = "Step-up photo, retaken"
    photo.save()
    assert cache_states(client, pictured) == dict.fromkeys(pictured, "miss")
    assert cache_states(client, untouched) == dict.fromkeys(untouched, "hit")


def test_a_call_to_action_refreshes_the_pages_placing_it(client, cache_kind, two_articles):
    shown, other, plain = two_articles
    offer = make_call_to_action("Free posture check")
    routine = shown.routine
    routine.body = list(routine.body.raw_data) + [{"type": "call_to_action", "value": offer.pk}]
    routine.save_revision().publish()
    # The articles index and the home page show the routine's card, not its body.
    untouched = [other.routine.url, plain.url, shown.articles.url, "/"]
    views(client, shown.routine.url, *untouched)

    offer.heading = "Free posture check this month"
    offer.save()
    response = client.get(shown.routine.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Free posture check this month" in response.content.decode()
    assert cache_states(client, untouched) == dict.fromkeys(untouched, "hit")


def test_a_new_title_refreshes_the_breadcrumb_trails_below_the_page(
    client, cache_kind, two_articles
):
    shown, other, plain = two_articles
    below = [shown.exercise.url]
    others = [other.exercise.url, other.routine.url, plain.url]
    views(client, *below, *others)
    assert set(cache_states(client, below + others).values()) == {"hit"}

    library = shown.library
    library.title = "Exercises to try at home"
    library.save_revision().publish()
    after = views(client, *below)
    assert {url: r["X-Page-Cache"] for url, r in after.items()} == dict.fromkeys(below, "miss")
    trail = after[shown.exercise.url].content.decode().split('class="breadcrumbs"')[1]
    assert "Exercises to try at home" in trail.split("</nav>")[0]
    assert cache_states(client, others) == dict.fromkeys(others, "hit")

    # Publishing it again with the same title leaves the pages below it cached.
    library.intro = "Gentle exercises to do at home."
    library.save_revision().publish()
    assert cache_states(client, below) == dict.fromkeys(below, "hit")


def test_settings_and_a_new_article_in_the_footer_refresh_every_page(
    client, cache_kind, two_articles, clinic_settings
):
    shown, other, plain = two_articles
    urls = [plain.url, other.routine.url, "/"]
    views(client, *urls)
    clinic_settings.phone = "(904) 555-0199"
    clinic_settings.save()
    after = views(client, *urls)
    assert all(r["X-Page-Cache"] == "miss" for r in after.values())
    assert "(904) 555-0199" in after[plain.url].content.decode()

    # A routine edit that leaves the footer's list as it was keeps the plain page cached;
    # a new title in that list refreshes it.
    routine = RoutinePage.objects.get(pk=shown.routine.pk)  # as the editor opens it
    routine.intro = "A new opening line."
    routine.save_revision().publish()
    assert client.get(plain.url)["X-Page-Cache"] == "hit"
    newest = make_article("newest", title="Morning stretches for stiff backs").routine
    response = client.get(plain.url)
    assert response["X-Page-Cache"] == "miss"
    assert newest.title in response.content.decode()


def test_versions_are_seen_by_every_worker_process(settings, tmp_path):
    settings.PAGE_CACHE_SHARED = False
    settings.PAGE_CACHE_VERSIONS_DIR = str(tmp_path / "versions")
    name = content_versions.page_version(7)
    before = content_versions.current([name])
    content_versions.bump({name})
    middle = content_versions.current([name])
    content_versions.bump({name})
    assert before != middle != content_versions.current([name])
    # What another process reads: only the file's change time.
    assert (tmp_path / "versions" / name).stat().st_mtime_ns == content_versions.current([name])[
        name
    ]
