"""The desk's email goes out from the worker and is tried again while the mail server is down."""

import datetime

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone
from django_tasks import default_task_backend

from intake import tasks
from intake.models import ApplicationSubmission
from tests.application_factories import post_data

pytestmark = pytest.mark.django_db

QUEUED = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


class DownMailServer:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


def run(result):
    """Run a queued task as the worker would."""
    return result.task.call(*result.args, **result.kwargs)


@override_settings(TASKS=QUEUED)
def test_the_email_waits_in_the_queue_and_the_patient_is_not_kept_waiting(client, page):
    response = client.post(page.url, post_data(page))
    assert response.status_code == 302
    assert mail.outbox == []  # the request sent nothing itself
    (queued,) = default_task_backend.results
    assert queued.task.func is tasks.notify_staff_of_application.func
    assert run(queued) == "sent"
    (message,) = mail.outbox
    assert "/admin/" in message.body


@override_settings(TASKS=QUEUED)
def test_a_mail_server_that_is_down_is_tried_again_later_and_the_application_kept(client, page):
    client.post(page.url, post_data(page))
    (first,) = default_task_backend.results
    with override_settings(EMAIL_BACKEND="tests.intake.test_notification_retry.DownMailServer"):
        before = timezone.now()
        assert run(first) == "retrying"
        second = default_task_backend.results[-1]
        assert list(second.args) == [first.args[0], 2]  # the same application, attempt 2
        wait = second.task.run_after - before
        assert datetime.timedelta(seconds=55) < wait < datetime.timedelta(minutes=2)
        assert run(second) == "retrying"
        third = default_task_backend.results[-1]
        # Each wait is longer than the one before.
        assert third.task.run_after - timezone.now() > datetime.timedelta(minutes=4)
    assert ApplicationSubmission.objects.count() == 1
    assert mail.outbox == []
    assert run(third) == "sent"  # the server is back
    assert len(mail.outbox) == 1


@override_settings(
    TASKS=QUEUED, EMAIL_BACKEND="tests.intake.test_notification_retry.DownMailServer"
)
def test_the_email_is_given_up_after_a_day_and_the_application_stays(client, page, caplog):
    client.post(page.url, post_data(page))
    result = default_task_backend.results[-1]
    outcomes = []
    for _ in range(len(tasks.RETRY_DELAYS) + 1):
        outcomes.append(run(result))
        result = default_task_backend.results[-1]
    assert outcomes == ["retrying"] * len(tasks.RETRY_DELAYS) + ["given up"]
    assert sum(tasks.RETRY_DELAYS, datetime.timedelta()) > datetime.timedelta(hours=12)
    assert ApplicationSubmission.objects.count() == 1
    assert "it is waiting in the admin" in caplog.text


@override_settings(TASKS=QUEUED)
def test_an_application_deleted_before_its_email_is_not_announced(client, page):
    client.post(page.url, post_data(page))
    (queued,) = default_task_backend.results
    ApplicationSubmission.objects.all().delete()
    assert run(queued) == "gone"
    assert mail.outbox == []
