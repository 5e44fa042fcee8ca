"""The staff groups: Editors write, Moderators publish, Patient intake reads applications.

Each test logs in a member of one group (force_login, so a second sign-in step never
stands in the way) and uses the admin as that person would.
"""

import importlib
import re
from types import SimpleNamespace

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page, Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from exercises.models import CallToAction, Equipment
from exercises.tests.factories import (
    exercise_block,
    make_articles,
    make_exercise,
    make_image,
    make_library,
    make_routine,
)
from home.models import ClinicSettings, StandardPage
from intake.models import ApplicationSubmission
from intake.permissions import INTAKE_GROUP
from tests.application_factories import build_application_site, make_user, post_data

pytestmark = pytest.mark.django_db

EDITORS = "Editors"
MODERATORS = "Moderators"


@pytest.fixture(scope="module")
def site(module_data, django_db_blocker):
    """The application form with one application, an exercise, a routine, both snippets.

    Also a photo no staff member uploaded, so none of them owns it. Built once for the
    module's tests (each is rolled back on its own).
    """
    with django_db_blocker.unblock():
        return build_site()


def build_site():
    application = build_application_site()
    home = application.get_parent().specific
    team = StandardPage(title="Our team", slug="our-team", intro="Who we are.")
    home.add_child(instance=team)
    team.save_revision().publish()
    library = make_library(home)
    exercise = make_exercise(library, "Bridge")
    articles = make_articles(home)
    routine = make_routine(articles, "Back routine", [exercise_block(exercise)])
    Client().post(application.url, post_data(application))
    return SimpleNamespace(
        application=application,
        home=home,
        team=team,
        library=library,
        exercise=exercise,
        articles=articles,
        routine=routine,
        equipment=Equipment.objects.create(name="Foam roller"),
        call_to_action=CallToAction.objects.create(heading="Our book", button_label="Read"),
        photo=make_image("Clinic photo"),
        wagtail_site=Site.objects.get(is_default_site=True),
    )


def log_in(client, group):
    user = make_user(group.lower().replace(" ", "-"), groups=[group])
    client.force_login(user)
    return user


def assert_refused(response):
    """Wagtail's answer to a forbidden admin page: back to the dashboard, with a message."""
    assert response.status_code == 302, response.status_code
    assert response["Location"] == reverse("wagtailadmin_home")


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def page_form(page, **fields):
    """The edit form of a plain page, as the browser posts it."""
    data = {
        "title": page.title,
        "slug": page.slug,
        "intro": page.intro,
        "body": streamfield([("paragraph", rich_text("Physical therapists and assistants."))]),
        "comments": inline_formset([]),
    }
    data.update(fields)
    return nested_form_data(data)


def live_title(page):
    return Page.objects.get(pk=page.pk).title


# Editors ---------------------------------------------------------------------------------


def test_an_editor_opens_every_kind_of_page_and_the_forms_to_add_exercises_and_routines(
    client, site
):
    log_in(client, EDITORS)
    for page in (site.home, site.team, site.exercise, site.routine, site.application):
        assert client.get(edit_url(page)).status_code == 200, page.title
    add_exercise = reverse(
        "wagtailadmin_pages:add", args=("exercises", "exercisepage", site.library.pk)
    )
    add_routine = reverse(
        "wagtailadmin_pages:add", args=("exercises", "routinepage", site.articles.pk)
    )
    assert client.get(add_exercise).status_code == 200
    assert client.get(add_routine).status_code == 200


def test_an_editor_pressing_publish_only_saves_a_draft(client, site):
    editor = log_in(client, EDITORS)
    response = client.post(
        edit_url(site.team),
        page_form(site.team, title="Our therapists", **{"action-publish": "on"}),
    )
    assert response.status_code == 302
    team = Page.objects.get(pk=site.team.pk)
    assert team.title == "Our team"
    assert team.has_unpublished_changes
    draft = team.get_latest_revision()
    assert draft.user == editor and draft.as_object().title == "Our therapists"
    assert "Our team" in client.get(site.team.url).content.decode()


def test_an_editors_change_goes_live_when_a_moderator_publishes_it(client, site):
    log_in(client, EDITORS)
    client.post(
        edit_url(site.team), page_form(site.team, title="Our therapists", **{"action-submit": "on"})
    )
    assert Page.objects.get(pk=site.team.pk).workflow_in_progress
    assert live_title(site.team) == "Our team"

    log_in(client, MODERATORS)
    response = client.post(
        edit_url(site.team),
        page_form(site.team, title="Our therapists", **{"action-publish": "on"}),
    )
    assert response.status_code == 302
    assert live_title(site.team) == "Our therapists"
    assert "Our therapists" in client.get(site.team.url).content.decode()


def test_an_editor_cannot_unpublish_or_lock_a_page(client, site):
    log_in(client, EDITORS)
    assert_refused(client.post(reverse("wagtailadmin_pages:unpublish", args=(site.exercise.pk,))))
    assert_refused(client.post(reverse("wagtailadmin_pages:lock", args=(site.exercise.pk,))))
    exercise = Page.objects.get(pk=site.exercise.pk)
    assert exercise.live and not exercise.locked


def test_a_moderator_unpublishes_and_locks_a_page(client, site):
    log_in(client, MODERATORS)
    client.post(reverse("wagtailadmin_pages:lock", args=(site.routine.pk,)))
    client.post(reverse("wagtailadmin_pages:unpublish", args=(site.routine.pk,)))
    routine = Page.objects.get(pk=site.routine.pk)
    assert routine.locked and not routine.live
    assert client.get(site.routine.url).status_code == 404


# Snippets and settings -------------------------------------------------------------------


def snippet_url(action, instance):
    opts = instance._meta
    return reverse(
        f"wagtailsnippets_{opts.app_label}_{opts.model_name}:{action}", args=(instance.pk,)
    )


def test_an_editor_edits_equipment_and_calls_to_action_but_deletes_neither(client, site):
    log_in(client, EDITORS)
    response = client.post(
        snippet_url("edit", site.equipment),
        {"name": "Long foam roller", "slug": "foam-roller", "description": "About 90 cm long."},
    )
    assert response.status_code == 302
    assert Equipment.objects.get(pk=site.equipment.pk).name == "Long foam roller"
    assert client.get(snippet_url("edit", site.call_to_action)).status_code == 200

    for snippet in (site.equipment, site.call_to_action):
        assert_refused(client.post(snippet_url("delete", snippet)))
    assert Equipment.objects.filter(pk=site.equipment.pk).exists()
    assert CallToAction.objects.filter(pk=site.call_to_action.pk).exists()


def test_a_moderator_deletes_equipment_and_calls_to_action(client, site):
    log_in(client, MODERATORS)
    for snippet in (site.equipment, site.call_to_action):
        assert client.post(snippet_url("delete", snippet)).status_code == 302
    assert not Equipment.objects.filter(pk=site.equipment.pk).exists()
    assert not CallToAction.objects.filter(pk=site.call_to_action.pk).exists()


def settings_url(wagtail_site):
    return reverse("wagtailsettings:edit", args=("home", "clinicsettings", wagtail_site.pk))


def clinic_settings_form(wagtail_site, **changes):
    settings = ClinicSettings.for_site(wagtail_site)
    data = {
        field.attname.removesuffix("_id"): getattr(settings, field.attname) or ""
        for field in ClinicSettings._meta.concrete_fields
        if field.name not in ("id", "site")
    }
    data.update(changes)
    return data


def test_only_a_moderator_changes_the_clinic_settings(client, site):
    log_in(client, EDITORS)
    assert_refused(client.get(settings_url(site.wagtail_site)))
    assert_refused(
        client.post(
            settings_url(site.wagtail_site),
            clinic_settings_form(site.wagtail_site, clinic_name="Harbour Clinic"),
        )
    )
    assert ClinicSettings.for_site(site.wagtail_site).clinic_name != "Harbour Clinic"

    log_in(client, MODERATORS)
    response = client.post(
        settings_url(site.wagtail_site),
        clinic_settings_form(site.wagtail_site, clinic_name="Riverside Physical Therapy"),
    )
    assert response.status_code == 302
    assert "Riverside Physical Therapy" in client.get(site.home.url).content.decode()


# Images ----------------------------------------------------------------------------------


def upload_image(client, title):
    photo = make_image(title)  # a real JPEG, then taken back out of the library
    content = photo.file.read()
    photo.delete()
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": title,
            "description": f"{title} (alt)",
            "file": SimpleUploadedFile("upload.jpg", content, content_type="image/jpeg"),
        },
    )


def test_an_editor_adds_and_chooses_images_but_cannot_change_anyone_elses(client, site):
    log_in(client, EDITORS)
    assert upload_image(client, "Standing stretch").status_code == 302
    own = get_image_model().objects.get(title="Standing stretch")
    assert client.get(reverse("wagtailimages:edit", args=(own.pk,))).status_code == 200
    chooser = client.get(reverse("wagtailimages_chooser:choose"))
    assert chooser.status_code == 200 and "Clinic photo" in chooser.content.decode()

    assert_refused(client.get(reverse("wagtailimages:edit", args=(site.photo.pk,))))
    assert_refused(client.post(reverse("wagtailimages:delete", args=(site.photo.pk,))))
    assert get_image_model().objects.filter(pk=site.photo.pk).exists()


def test_a_moderator_deletes_an_image_someone_else_uploaded(client, site):
    log_in(client, MODERATORS)
    assert client.post(reverse("wagtailimages:delete", args=(site.photo.pk,))).status_code == 302
    assert not get_image_model().objects.filter(pk=site.photo.pk).exists()


# Applications, staff accounts ------------------------------------------------------------


def submissions_url(page):
    return reverse("wagtailforms:list_submissions", args=(page.pk,))


def test_intake_staff_reach_applications_from_the_list_of_forms(client, site):
    log_in(client, INTAKE_GROUP)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    assert site.application.title in client.get(reverse("wagtailforms:index")).content.decode()
    listing = client.get(submissions_url(site.application))
    assert listing.status_code == 200
    assert "Maria" in listing.content.decode()


@pytest.mark.parametrize("group", [EDITORS, MODERATORS])
def test_editors_and_moderators_never_see_applications(client, site, group):
    log_in(client, group)
    assert client.get(submissions_url(site.application)).status_code == 403
    assert client.get(submissions_url(site.application) + "?export=csv").status_code == 403
    submission = ApplicationSubmission.objects.get()
    delete_url = reverse("wagtailforms:delete_submissions", args=(site.application.pk,))
    assert client.post(f"{delete_url}?selected-submissions={submission.pk}").status_code == 403
    assert ApplicationSubmission.objects.filter(pk=submission.pk).exists()


@pytest.mark.parametrize("group", [EDITORS, MODERATORS, INTAKE_GROUP])
def test_no_staff_group_manages_users_or_groups(client, site, group):
    log_in(client, group)
    assert_refused(client.get(reverse("wagtailusers_users:index")))
    assert_refused(client.get(reverse("wagtailusers_groups:index")))
    assert_refused(client.get(reverse("wagtailusers_users:add")))


# Patient intake --------------------------------------------------------------------------


def test_intake_staff_cannot_edit_or_publish_pages(client, site):
    log_in(client, INTAKE_GROUP)
    for page in (site.team, site.exercise, site.application):
        assert_refused(client.get(edit_url(page)))
    assert_refused(
        client.post(
            edit_url(site.team), page_form(site.team, title="Intake", **{"action-publish": "on"})
        )
    )
    assert live_title(site.team) == "Our team"
    assert not Page.objects.get(pk=site.team.pk).has_unpublished_changes


def test_intake_staff_see_no_images_documents_snippets_or_settings(client, site):
    log_in(client, INTAKE_GROUP)
    for url in (
        reverse("wagtailimages:index"),
        reverse("wagtailimages:edit", args=(site.photo.pk,)),
        reverse("wagtaildocs:index"),
        snippet_url("edit", site.equipment),
        snippet_url("edit", site.call_to_action),
        settings_url(site.wagtail_site),
    ):
        assert_refused(client.get(url))


def admin_menu(client):
    """The labels of the admin's sidebar menu, with their submenus' items."""
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    props = re.search(r'id="wagtail-sidebar-props"[^>]*>(.*?)</script>', page, re.S).group(1)
    return set(re.findall(r'"label": "([^"]+)"', props))


@pytest.mark.parametrize(
    "group, shown, hidden",
    [
        (INTAKE_GROUP, {"Patient applications"}, {"Exercises", "Exercise pages", "Routines"}),
        (EDITORS, {"Exercises", "Exercise pages", "Routines"}, {"Patient applications"}),
    ],
)
def test_each_group_s_menu_offers_only_what_it_may_open(client, site, group, shown, hidden):
    log_in(client, group)
    menu = admin_menu(client)
    assert shown <= menu, menu
    assert not hidden & menu, menu


def test_editors_can_link_a_document_and_intake_staff_cannot_browse_them(client, site):
    get_document_model().objects.create(
        title="Home exercise handout", file=ContentFile(b"Exercises", name="handout.txt")
    )
    chooser_url = reverse("wagtaildocs_chooser:choose")
    log_in(client, EDITORS)
    assert "Home exercise handout" in client.get(chooser_url).content.decode()
    log_in(client, INTAKE_GROUP)
    assert "Home exercise handout" not in client.get(chooser_url).content.decode()


# The migration ---------------------------------------------------------------------------


def group_permissions():
    """Every permission each staff group holds, and where: everywhere, on a page, a collection."""

    def held(scope, permission):
        return (scope, permission.content_type.app_label, permission.codename)

    return {
        group.name: {held("everywhere", p) for p in group.permissions.all()}
        | {
            held(f"page {gpp.page_id}", gpp.permission)
            for gpp in GroupPagePermission.objects.filter(group=group)
        }
        | {
            held(f"collection {gcp.collection_id}", gcp.permission)
            for gcp in GroupCollectionPermission.objects.filter(group=group)
        }
        for group in Group.objects.all()
    }


def test_running_the_migration_again_takes_back_what_a_group_must_not_hold(client, site):
    staff_groups = importlib.import_module("home.migrations.0005_staff_groups")
    as_migrated = group_permissions()
    staff_groups.apply_staff_roles(django_apps, None)
    assert group_permissions() == as_migrated

    # A database set up by hand, or migrated in another order: editors may publish under
    # the home page, intake staff have the document chooser Wagtail gives admin groups.
    GroupPagePermission.objects.create(
        group=Group.objects.get(name=EDITORS),
        page=site.home,
        permission=Permission.objects.get(codename="publish_page"),
    )
    GroupCollectionPermission.objects.create(
        group=Group.objects.get(name=INTAKE_GROUP),
        collection=Collection.get_first_root_node(),
        permission=Permission.objects.get(codename="choose_document"),
    )
    staff_groups.apply_staff_roles(django_apps, None)
    assert group_permissions() == as_migrated

    log_in(client, EDITORS)
    client.post(
        edit_url(site.team),
        page_form(site.team, title="Our therapists", **{"action-publish": "on"}),
    )
    assert live_title(site.team) == "Our team"
