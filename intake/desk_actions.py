"""What the desk does to an application: set its status and assignee, add a note, open it.

Every change is audited in the form page's log (audit.py) with who made it.
"""

import datetime

from django import forms
from django.db import transaction
from django.utils import timezone

from . import audit
from .worklist import intake_staff
from .worklist_models import VIEWING_SECONDS, ApplicationStatus, DeskNote, OpenApplication

NOTE_MAX_LENGTH = 5000


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=ApplicationStatus.choices)
    assignee = forms.ModelChoiceField(
        queryset=intake_staff(), required=False, empty_label="Nobody yet"
    )


class NoteForm(forms.Form):
    text = forms.CharField(
        label="Add a note for the team",
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Seen only by intake staff. Stored encrypted like the application.",
        error_messages={"required": "Write the note before adding it."},
    )


def display_name(user):
    return (user.get_full_name() or user.get_username()) if user else ""


@transaction.atomic
def change_status(submission, user, status, assignee):
    """Apply the desk's choice; returns True when anything changed."""
    changed = False
    if status != submission.status:
        audit.record(
            submission.page,
            audit.STATUS_CHANGED,
            user=user,
            application=submission.pk,
            old=ApplicationStatus(submission.status).label,
            new=ApplicationStatus(status).label,
        )
        submission.status = status
        submission.status_changed_at = timezone.now()
        submission.status_changed_by = user
        changed = True
    if assignee != submission.assignee:
        audit.record(
            submission.page,
            audit.ASSIGNED,
            user=user,
            application=submission.pk,
            assignee=display_name(assignee),
        )
        submission.assignee = assignee
        changed = True
    if changed:
        submission.save(
            update_fields=["status", "status_changed_at", "status_changed_by", "assignee"]
        )
    return changed


@transaction.atomic
def add_note(submission, user, text):
    note = DeskNote.objects.create(application=submission, author=user, sealed={"text": text})
    audit.record(submission.page, audit.NOTE_ADDED, user=user, application=submission.pk)
    return note


def mark_viewing(submission, user):
    """Note that `user` has the application open; returns the others who have it open."""
    now = timezone.now()
    OpenApplication.objects.update_or_create(
        application=submission, user=user, defaults={"seen_at": now}
    )
    since = now - datetime.timedelta(seconds=VIEWING_SECONDS)
    return [
        viewing.user
        for viewing in OpenApplication.objects.filter(application=submission, seen_at__gte=since)
        .exclude(user=user)
        .select_related("user")
    ]
