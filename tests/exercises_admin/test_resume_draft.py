"""Starting a new exercise again: the admin says once that the slug is taken and offers
the draft the first attempt left (exercises/drafts.py), to Editors and Moderators alike."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from exercises.drafts import resumable_drafts
from exercises.models import ExercisePage
from exercises.tests.factories import make_exercise, make_library, site_root
from home.models import StandardPage
from tests.application_factories import make_user
from tests.site_factories import make_standard_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(db):
    return make_library(site_root(), slug="resume-library")


def abandoned_draft(library, owner, title="Resumed bridge"):
    draft = make_exercise(library, title, publish=False)
    draft.owner = owner
    draft.save()
    return draft


def new_exercise(title, slug, **fields):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "summary": "",
            "photos": inline_formset([]),
            "steps": streamfield([("step", {"text": rich_text("Lie down."), "photo": {}})]),
            "modifications": streamfield([]),
            "comments": inline_formset([]),
            **fields,
        }
    )


def add_url(library):
    return reverse("wagtailadmin_pages:add", args=("exercises", "exercisepage", library.pk))


def offers(response):
    return [str(m) for m in response.context["messages"] if "unpublished draft" in str(m)]


@pytest.mark.parametrize(
    "group,action", [("Editors", "action-save"), ("Moderators", "action-publish")]
)
def test_a_clashing_slug_is_reported_once_with_the_draft_to_resume(client, library, group, action):
    user = make_user(group.lower(), groups=[group])
    client.force_login(user)
    draft = abandoned_draft(library, user)

    response = client.post(
        add_url(library), new_exercise("Resumed bridge", draft.slug, **{action: "1"})
    )

    assert response.status_code == 200
    assert response.content.decode().count("is already in use") == 1
    [offer] = offers(response)
    assert reverse("wagtailadmin_pages:edit", args=(draft.pk,)) in offer
    assert ExercisePage.objects.filter(title="Resumed bridge").count() == 1


def test_only_the_users_own_unpublished_drafts_under_that_parent(library):
    editor = make_user("editor", groups=["Editors"])
    colleague = make_user("colleague", groups=["Editors"])
    mine = abandoned_draft(library, editor)
    abandoned_draft(library, colleague, title="Colleague's squat")
    published = make_exercise(library, "Published stretch")
    published.owner = editor
    published.save()

    assert [page.pk for page in resumable_drafts(editor, library, "resumed BRIDGE", "")] == [
        mine.pk
    ]
    assert [page.pk for page in resumable_drafts(editor, library, "", mine.slug)] == [mine.pk]
    assert not resumable_drafts(editor, library, "Colleague's squat", "").exists()
    assert not resumable_drafts(editor, library, "Published stretch", "").exists()
    assert not resumable_drafts(editor, site_root(), "Resumed bridge", "").exists()
    assert not resumable_drafts(editor, library, " ", "").exists()


def test_no_offer_without_a_matching_draft_nor_on_autosave(client, library):
    user = make_user("moderator", groups=["Moderators"])
    client.force_login(user)
    draft = abandoned_draft(library, user)

    response = client.post(
        add_url(library), new_exercise("Other squat", "other-squat"), follow=True
    )
    assert offers(response) == []

    autosave = client.post(
        add_url(library),
        new_exercise("Resumed bridge", draft.slug),
        HTTP_ACCEPT="application/json",
    )
    assert autosave["Content-Type"] == "application/json"
    assert offers(client.get(add_url(library))) == []


def test_a_new_standard_page_clashing_with_the_editors_draft_offers_it_too(client):
    editor = make_user("pages-editor", groups=["Editors"])
    client.force_login(editor)
    draft = make_standard_page("Knee pain at night", "knee-pain-at-night")
    draft.owner, draft.live = editor, False
    draft.save()
    url = reverse("wagtailadmin_pages:add", args=("home", "standardpage", draft.get_parent().pk))
    form = nested_form_data(
        {
            "title": "Knee pain at night",
            "slug": "knee-pain-at-night",
            "intro": "",
            "body": streamfield([]),
            "comments": inline_formset([]),
            "action-save": "1",
        }
    )

    response = client.post(url, form)

    assert response.status_code == 200
    assert response.content.decode().count("is already in use") == 1
    [offer] = offers(response)
    assert reverse("wagtailadmin_pages:edit", args=(draft.pk,)) in offer
    assert StandardPage.objects.filter(title="Knee pain at night").count() == 1
