"""The email staff get when an application arrives: a link to the application in the
admin, whether a warning sign was ticked, and no patient data."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from wagtail.admin.mail import send_mail

# With APPLICATION_EMAIL_SUMMARY on, these answers (never health ones) join the email.
SUMMARY_FIELDS = ("first_name", "preferred_contact_method", "preferred_appointment_times")
URGENT_SUBJECT = "URGENT — warning sign ticked"


def admin_application_url(submission):
    path = reverse("intake_application", args=(submission.pk,))
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{path}"


def subject_for(page, submission):
    subject = page.subject or "New patient application"
    # The flag alone, never which sign: the subject shows in every inbox listing.
    return f"{URGENT_SUBJECT}: {subject}" if submission.urgent else subject


def summary_for(page, submission):
    if not settings.APPLICATION_EMAIL_SUMMARY:
        return []
    labels = dict(page.get_data_fields())
    answers = submission.form_data
    summary = []
    for name in SUMMARY_FIELDS:
        value = answers.get(name)
        if value:
            if isinstance(value, list):
                value = ", ".join(value)
            summary.append((labels.get(name, name), value))
    return summary


def notify_staff(page, submission):
    """Email the page's addresses; False when it has none. A mail server's error is raised:
    intake/tasks.py tries again later."""
    addresses = [address.strip() for address in page.to_address.split(",") if address.strip()]
    if not addresses:
        return False
    context = {
        "page": page,
        "submission": submission,
        "admin_url": admin_application_url(submission),
        "summary": summary_for(page, submission),
    }
    send_mail(
        subject_for(page, submission),
        render_to_string("intake/application_notification_email.txt", context),
        addresses,
        page.from_address or None,
    )
    return True
