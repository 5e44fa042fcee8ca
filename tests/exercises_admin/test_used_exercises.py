"""Exercises that live routines show, in the clinic's admin: who may delete or unpublish them.

Editors cannot delete or unpublish a live page at all (Wagtail refuses them before the
plugin is asked); Moderators are refused, told which routines show the exercise and sent
back to it; a superuser goes on after confirming. Each test logs in a member of one of
the site's groups (home/migrations/0005_staff_groups.py) and uses the admin as they would.
"""

from types import SimpleNamespace

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from exercises.models import ExercisePage, RoutinePage
from exercises.protection import CONFIRM_FIELD
from exercises.tests.factories import (
    exercise_block,
    make_articles,
    make_exercise,
    make_library,
    make_routine,
    site_root,
)
from tests.application_factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(db):
    home = site_root()
    library = make_library(home, slug="used-exercises-library")
    bridge = make_exercise(library, "Protected bridge")
    spare = make_exercise(library, "Spare stretch")
    articles = make_articles(home, slug="used-exercises-routines")
    routine = make_routine(articles, "Protected back routine", [exercise_block(bridge)])
    return SimpleNamespace(library=library, bridge=bridge, spare=spare, routine=routine)


def log_in(client, group=None):
    if group is None:
        user = make_user("admin-user", is_superuser=True, is_staff=True)
    else:
        user = make_user(group.lower(), groups=[group])
    client.force_login(user)
    return user


def url(name, page):
    return reverse(f"wagtailadmin_pages:{name}", args=(page.pk,))


def last_message(response):
    return [str(message) for message in get_messages(response.wsgi_request)][-1]


def test_an_editor_is_refused_by_wagtail_itself(client, tree):
    log_in(client, "Editors")
    for name in ("delete", "unpublish"):
        response = client.post(url(name, tree.bridge))
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")
    assert ExercisePage.objects.get(pk=tree.bridge.pk).live


@pytest.mark.parametrize("name,verb", [("delete", "deleted"), ("unpublish", "unpublished")])
def test_a_moderator_is_told_which_routines_show_it(client, tree, name, verb):
    log_in(client, "Moderators")

    response = client.post(url(name, tree.bridge))

    assert response.status_code == 302
    assert response["Location"] == url("edit", tree.bridge)
    message = last_message(response)
    assert f"Not {verb}" in message and "Protected bridge" in message
    assert "Protected back routine" in message
    assert f'href="{url("edit", tree.routine)}"' in message
    assert f'href="{tree.routine.url}"' in message
    assert ExercisePage.objects.get(pk=tree.bridge.pk).live
    # The message is shown on the page they are sent back to.
    followed = client.get(response["Location"]).content.decode()
    assert f'<a href="{url("edit", tree.routine)}">Protected back routine</a>' in followed


def test_a_moderator_may_still_unpublish_and_delete_what_no_routine_shows(client, tree):
    log_in(client, "Moderators")
    client.post(url("unpublish", tree.spare))
    assert not ExercisePage.objects.get(pk=tree.spare.pk).live
    client.post(url("delete", tree.spare))
    assert not ExercisePage.objects.filter(pk=tree.spare.pk).exists()


def test_a_superuser_deletes_after_confirming(client, tree):
    log_in(client)

    warning = client.get(url("delete", tree.bridge))
    assert warning.status_code == 200
    assert "Protected back routine" in warning.content.decode()
    confirm = client.post(url("delete", tree.bridge))
    assert confirm.status_code == 200
    assert f'name="{CONFIRM_FIELD}"' in confirm.content.decode()
    assert ExercisePage.objects.filter(pk=tree.bridge.pk).exists()

    client.post(url("delete", tree.bridge), {CONFIRM_FIELD: "1"})

    assert not ExercisePage.objects.filter(pk=tree.bridge.pk).exists()
    routine = RoutinePage.objects.get(pk=tree.routine.pk)
    assert routine.exercises() == []
    assert client.get(routine.url).status_code == 200


def test_deleting_the_library_that_holds_a_used_exercise_needs_confirming(client, tree):
    log_in(client)
    response = client.post(url("delete", tree.library))
    assert response.status_code == 200
    assert "Protected back routine" in response.content.decode()
    assert ExercisePage.objects.filter(pk=tree.bridge.pk).exists()
