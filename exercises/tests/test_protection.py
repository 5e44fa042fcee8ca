"""Exercises that live routines show cannot be deleted or unpublished without a warning.

A moderator (Wagtail's own Moderators group: publish, unpublish and delete) is refused
and told which routines show the exercise; a superuser may go on after confirming.
"""

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import Page

from exercises.models import ExercisePage, RoutinePage
from exercises.protection import CONFIRM_FIELD, routines_losing_exercises

from .factories import exercise_block, make_articles, make_exercise, make_library, make_routine

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(site):
    library = make_library()
    bridge = make_exercise(library, "Bridge")
    squat = make_exercise(library, "Squat")
    unused = make_exercise(library, "Wall slide")
    articles = make_articles()
    routine = make_routine(articles, "Back routine", [exercise_block(bridge)])
    draft = make_routine(articles, "Draft routine", [exercise_block(squat)])
    draft.unpublish()
    return library, bridge, squat, unused, routine


@pytest.fixture
def moderator(client, django_user_model):
    user = django_user_model.objects.create_user("moderator", password="pw")
    user.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(user)
    return user


@pytest.fixture
def superuser(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "a@example.com", "pw")
    client.force_login(user)
    return user


def delete_url(page):
    return reverse("wagtailadmin_pages:delete", args=(page.pk,))


def unpublish_url(page):
    return reverse("wagtailadmin_pages:unpublish", args=(page.pk,))


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def message_texts(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_only_live_routines_that_show_the_exercise_count(tree):
    library, bridge, squat, unused, routine = tree
    assert [use.routine.pk for use in routines_losing_exercises([bridge])] == [routine.pk]
    assert routines_losing_exercises([squat]) == []  # its routine is a draft
    assert routines_losing_exercises([unused]) == []
    # The library takes its exercises along, but not when only the page itself goes.
    assert [use.routine.pk for use in routines_losing_exercises([library])] == [routine.pk]
    assert routines_losing_exercises([library], with_descendants=False) == []
    # A routine that goes with the exercise loses nothing.
    assert routines_losing_exercises([bridge, routine]) == []


def test_a_moderator_may_not_delete_a_used_exercise(client, moderator, tree):
    _, bridge, *_, routine = tree

    for response in (client.get(delete_url(bridge)), client.post(delete_url(bridge))):
        assert response.status_code == 302
        assert response["Location"] == edit_url(bridge)
        text = message_texts(response)[-1]
        assert "Not deleted" in text and "“Bridge”" in text
        assert f'href="{edit_url(routine)}"' in text
        assert f'href="{routine.url}"' in text and "Back routine" in text

    assert ExercisePage.objects.filter(pk=bridge.pk).exists()


def test_a_moderator_may_not_unpublish_a_used_exercise(client, moderator, tree):
    _, bridge, *_ = tree

    response = client.post(unpublish_url(bridge))

    assert response.status_code == 302
    assert response["Location"] == edit_url(bridge)
    assert "Not unpublished" in message_texts(response)[0]
    assert ExercisePage.objects.get(pk=bridge.pk).live


def test_a_moderator_deletes_and_unpublishes_unused_exercises(client, moderator, tree):
    _, _, squat, unused, _ = tree

    assert client.post(unpublish_url(squat)).status_code == 302
    assert not ExercisePage.objects.get(pk=squat.pk).live
    assert client.post(delete_url(unused)).status_code == 302
    assert not ExercisePage.objects.filter(pk=unused.pk).exists()


def test_a_superuser_is_warned_and_confirms_before_deleting(client, superuser, tree):
    _, bridge, *_, routine = tree

    response = client.get(delete_url(bridge))
    assert response.status_code == 200
    assert any("Back routine" in text for text in message_texts(response))

    response = client.post(delete_url(bridge))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Back routine" in html and edit_url(routine) in html
    assert f'name="{CONFIRM_FIELD}"' in html
    assert ExercisePage.objects.filter(pk=bridge.pk).exists()

    response = client.post(delete_url(bridge), {CONFIRM_FIELD: "1"})
    assert response.status_code == 302
    assert not ExercisePage.objects.filter(pk=bridge.pk).exists()
    assert RoutinePage.objects.get(pk=routine.pk).exercises() == []


def test_a_superuser_confirms_before_unpublishing(client, superuser, tree):
    _, bridge, *_ = tree

    response = client.post(unpublish_url(bridge))
    assert response.status_code == 200
    assert ExercisePage.objects.get(pk=bridge.pk).live

    client.post(unpublish_url(bridge), {CONFIRM_FIELD: "1"})
    assert not ExercisePage.objects.get(pk=bridge.pk).live


def test_deleting_the_library_is_guarded_too(client, superuser, tree):
    library, bridge, *_ = tree

    response = client.post(delete_url(library))

    assert response.status_code == 200
    assert "Back routine" in response.content.decode()
    assert Page.objects.filter(pk=library.pk).exists()


def test_unpublishing_the_library_with_its_exercises_is_guarded(client, superuser, tree):
    library, bridge, *_ = tree

    assert client.post(unpublish_url(library)).status_code == 302  # the exercises stay live
    library.save_revision().publish()
    response = client.post(unpublish_url(library), {"include_descendants": "on"})
    assert response.status_code == 200
    assert ExercisePage.objects.get(pk=bridge.pk).live


def bulk_url(action, pages, parent):
    ids = "&".join(f"id={page.pk}" for page in pages)
    base = reverse("wagtail_bulk_action", args=("wagtailcore", "page", action))
    return f"{base}?{ids}&childOf={parent.pk}&next={edit_url(parent)}"


@pytest.mark.parametrize("action", ["delete", "unpublish"])
def test_bulk_actions_are_guarded(client, moderator, tree, action):
    library, bridge, squat, *_ = tree

    response = client.post(bulk_url(action, [bridge, squat], library))

    assert response.status_code == 302
    assert response["Location"] == edit_url(library)
    assert "Back routine" in message_texts(response)[0]
    assert ExercisePage.objects.get(pk=bridge.pk).live
    assert ExercisePage.objects.get(pk=squat.pk).live


def test_moving_is_not_guarded(client, superuser, tree):
    library, bridge, *_ = tree
    other = make_library(slug="other-library")

    url = reverse("wagtailadmin_pages:move_confirm", args=(bridge.pk, other.pk))
    response = client.post(url)

    assert response.status_code == 302
    assert ExercisePage.objects.get(pk=bridge.pk).get_parent().pk == other.pk


def test_a_superuser_confirms_a_bulk_delete(client, superuser, tree):
    library, bridge, squat, *_ = tree
    url = bulk_url("delete", [bridge, squat], library)

    response = client.post(url)
    assert response.status_code == 200
    assert "Back routine" in response.content.decode()
    assert ExercisePage.objects.filter(pk=bridge.pk).exists()

    response = client.post(url, {CONFIRM_FIELD: "1"})
    assert response.status_code == 302
    assert not ExercisePage.objects.filter(pk__in=[bridge.pk, squat.pk]).exists()
