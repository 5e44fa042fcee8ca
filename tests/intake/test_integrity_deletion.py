"""Findings 1 and 8: no role wipes applications by accident.

Deleting the application page (or a page above it) took every application with it, for
any Moderator, with a plain page deletion in the audit log; the "Patient intake" group,
documented as reading applications only, could delete them.
"""

import pytest
from django.urls import reverse
from wagtail.models import Page, PageLogEntry

from intake import audit
from intake.models import ApplicationFormPage, ApplicationSubmission
from intake.permissions import INTAKE_GROUP, INTAKE_LEAD_GROUP
from tests.application_factories import build_application_site, make_user, post_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(db, client):
    page = build_application_site()
    for _ in range(3):
        assert client.post(page.url, post_data(page)).status_code == 302
    return page


def delete_url(page):
    return reverse("wagtailadmin_pages:delete", args=(page.pk,))


def bulk_delete_url(*pages):
    ids = "&".join(f"id={page.pk}" for page in pages)
    return f"{reverse('wagtail_bulk_action', args=('wagtailcore', 'page', 'delete'))}?{ids}"


def test_a_moderator_cannot_delete_the_application_page(client, page):
    client.force_login(make_user("moderator", groups=["Moderators"]))
    response = client.post(delete_url(page), follow=True)
    assert "would also delete 3 patient applications" in response.content.decode()
    assert ApplicationFormPage.objects.filter(pk=page.pk).exists()
    assert ApplicationSubmission.objects.count() == 3


def test_a_moderator_cannot_delete_a_page_above_the_application_page(client, page):
    home = page.get_parent()
    client.force_login(make_user("moderator", groups=["Moderators"]))
    client.post(delete_url(home))
    client.post(bulk_delete_url(home))
    assert Page.objects.filter(pk=home.pk).exists()
    assert ApplicationSubmission.objects.count() == 3


def test_a_superuser_types_the_count_and_the_log_says_how_many_applications_went(client, page):
    client.force_login(make_user("boss", is_superuser=True, is_staff=True))
    confirm = client.get(delete_url(page)).content.decode()
    assert "also deletes <strong>3 patient applications</strong>" in confirm

    mistyped = client.post(delete_url(page), {"confirm_application_count": "30"})
    assert "The number you typed is not 3" in mistyped.content.decode()
    assert ApplicationSubmission.objects.count() == 3

    client.post(delete_url(page), {"confirm_application_count": "3"})
    assert not ApplicationFormPage.objects.filter(pk=page.pk).exists()
    assert ApplicationSubmission.objects.count() == 0
    entry = PageLogEntry.objects.get(page_id=page.pk, action=audit.DELETED_WITH_PAGE)
    assert entry.data["count"] == 3
    assert entry.message == "Deleted 3 patient application(s) by deleting their page"


def test_a_superuser_bulk_deleting_types_the_count_too(client, page):
    client.force_login(make_user("boss", is_superuser=True, is_staff=True))
    response = client.post(bulk_delete_url(page))
    assert "also deletes <strong>3 patient applications</strong>" in response.content.decode()
    assert ApplicationSubmission.objects.count() == 3
    client.post(bulk_delete_url(page), {"confirm_application_count": "3"})
    assert ApplicationSubmission.objects.count() == 0
    assert PageLogEntry.objects.filter(page_id=page.pk, action=audit.DELETED_WITH_PAGE).exists()


def test_a_page_without_applications_is_deleted_as_before(client, page):
    ApplicationSubmission.objects.all().delete()
    client.force_login(make_user("moderator", groups=["Moderators"]))
    client.post(delete_url(page))
    assert not ApplicationFormPage.objects.filter(pk=page.pk).exists()


def submissions_delete(client, page):
    submission = ApplicationSubmission.objects.first()
    url = reverse("wagtailforms:delete_submissions", args=(page.pk,))
    return client.post(f"{url}?selected-submissions={submission.pk}")


def test_patient_intake_reads_applications_but_cannot_delete_them(client, page):
    client.force_login(make_user("intake", groups=[INTAKE_GROUP]))
    listing = client.get(reverse("wagtailforms:list_submissions", args=(page.pk,)))
    assert listing.status_code == 200
    assert submissions_delete(client, page).status_code == 403
    assert ApplicationSubmission.objects.count() == 3


def test_an_intake_lead_deletes_an_application(client, page):
    client.force_login(make_user("lead", groups=[INTAKE_LEAD_GROUP]))
    assert submissions_delete(client, page).status_code == 302
    assert ApplicationSubmission.objects.count() == 2
