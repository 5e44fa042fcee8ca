"""Finding 3: keys that rotate.

APPLICATION_ENCRYPTION_KEY alone keys the applications (SECRET_KEY can change on its
own), old keys in APPLICATION_ENCRYPTION_KEY_FALLBACKS still open them, and
`manage.py rotate_application_key` seals every row again under the first key, in
batches, resumable after an interruption.
"""

import io
import secrets

import pytest
from django.core.management import call_command
from django.test import override_settings

from intake import key_rotation
from intake.encryption import Unreadable
from intake.models import ApplicationSubmission
from tests.application_factories import VALID_ANSWERS, build_application_site

pytestmark = pytest.mark.django_db

KEY_A = secrets.token_urlsafe(32)
KEY_B = secrets.token_urlsafe(32)
KEY_C = secrets.token_urlsafe(32)
APPLICATIONS = 1000


def keys(primary, *fallbacks):
    return override_settings(
        APPLICATION_ENCRYPTION_KEY=primary, APPLICATION_ENCRYPTION_KEY_FALLBACKS=list(fallbacks)
    )


@pytest.fixture(scope="module")
def applications(module_data, django_db_blocker):
    """1,000 applications sealed under key A, built once for the module."""
    with django_db_blocker.unblock(), keys(KEY_A):
        page = build_application_site()
        ApplicationSubmission.objects.bulk_create(
            ApplicationSubmission(
                page=page, form_data={**VALID_ANSWERS, "first_name": f"Patient {number}"}
            )
            for number in range(APPLICATIONS)
        )
    return page


def first_names():
    return {
        submission.form_data["first_name"]
        for submission in ApplicationSubmission.objects.all()
        if not isinstance(submission.form_data, Unreadable)
    }


class Interrupted(Exception):
    pass


def test_a_rotation_interrupted_halfway_and_resumed_leaves_all_readable_under_b_alone(
    applications,
):
    expected = {f"Patient {number}" for number in range(APPLICATIONS)}

    def stop_halfway(report):
        if report.total >= APPLICATIONS // 2:
            raise Interrupted

    with keys(KEY_B, KEY_A):
        with pytest.raises(Interrupted):
            key_rotation.rotate_applications(batch_size=100, on_batch=stop_halfway)
        assert first_names() == expected  # half under B, half under A: all readable
        out = io.StringIO()
        call_command("rotate_application_key", "--batch-size", "100", stdout=out)
    assert out.getvalue().strip() == (
        "Re-encrypted 500 application(s) under the first key; 500 already were."
    )
    with keys(KEY_B):
        assert first_names() == expected
    with keys(KEY_A):
        assert first_names() == set()


def test_an_application_no_key_opens_is_reported_and_left_as_it_was(applications):
    with keys(KEY_C):
        stray = ApplicationSubmission.objects.create(page=applications, form_data=VALID_ANSWERS)
    with keys(KEY_B, KEY_A):
        out, err = io.StringIO(), io.StringIO()
        call_command("rotate_application_key", stdout=out, stderr=err)
        assert "Re-encrypted 1000 application(s) under the first key; 0 already" in out.getvalue()
        assert "1 application(s) cannot be read with any configured key" in err.getvalue()
        assert f": {stray.pk}." in err.getvalue()
    with keys(KEY_C):
        assert ApplicationSubmission.objects.get(pk=stray.pk).form_data == VALID_ANSWERS


def test_old_keys_in_the_fallbacks_still_open_applications(applications):
    submission = ApplicationSubmission.objects.order_by("pk").first()
    with keys(KEY_B, KEY_A):
        assert ApplicationSubmission.objects.get(pk=submission.pk).form_data["first_name"]
    with keys(KEY_B):
        assert isinstance(ApplicationSubmission.objects.get(pk=submission.pk).form_data, Unreadable)


def test_changing_the_secret_key_leaves_applications_readable(applications):
    with keys(KEY_A), override_settings(SECRET_KEY="a-new-secret-key", SECRET_KEY_FALLBACKS=[]):
        assert len(first_names()) == APPLICATIONS
