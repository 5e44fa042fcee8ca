"""The application's background work: the email that tells the desk one has arrived.

The application is stored before this runs, so a mail server that is down loses
nothing: the email is tried again later, with longer waits each time, and the desk
sees the application in the admin meanwhile.
"""

import datetime
import logging

from django.apps import apps
from django.utils import timezone
from django_tasks import task

from . import notifications

logger = logging.getLogger("intake")

# Waits before the 2nd, 3rd, ... attempt: about a day in all, then the email is given up
# (the application stays in the admin's listing).
RETRY_DELAYS = tuple(datetime.timedelta(minutes=minutes) for minutes in (1, 5, 15, 60, 180, 720))


@task()
def notify_staff_of_application(submission_id, attempt=1):
    """Send the desk's email for one stored application; retry if the mail server fails."""
    # By name: the models module enqueues this task, so it cannot be imported here.
    submissions = apps.get_model("intake", "ApplicationSubmission").objects
    submission = submissions.filter(pk=submission_id).select_related("page").first()
    if submission is None:
        return "gone"  # deleted or purged before the email went out: nothing to announce
    page = submission.page.specific
    try:
        sent = notifications.notify_staff(page, submission)
    except Exception:
        # The error names the application's id only: the email holds no applicant data.
        logger.exception(
            "Could not send the notification email for application %s on page %s (attempt %s)",
            submission.pk,
            page.pk,
            attempt,
        )
        return retry_later(submission_id, attempt)
    return "sent" if sent else "no address"


def retry_later(submission_id, attempt):
    backend = notify_staff_of_application.get_backend()
    if attempt > len(RETRY_DELAYS) or not backend.supports_defer:
        logger.error(
            "Gave up the notification email for application %s after %s attempt(s); "
            "it is waiting in the admin",
            submission_id,
            attempt,
        )
        return "given up"
    run_after = timezone.now() + RETRY_DELAYS[attempt - 1]
    notify_staff_of_application.using(run_after=run_after).enqueue(submission_id, attempt + 1)
    return "retrying"
