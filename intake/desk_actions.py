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


class StaffChoiceField(forms.ModelChoiceField):
    """Staff by their names, as the worklist shows them."""

    def label_from_instance(self, obj):
        return display_name(obj)


class StatusForm(forms.Form):
    """The status and assignee of `submission`. The page also sends what it showed: a
    colleague's change made while it was open is never overwritten unseen."""

    status = forms.ChoiceField(choices=ApplicationStatus.choices)
    assignee = StaffChoiceField(queryset=intake_staff(), required=False, empty_label="Nobody yet")
    shown_status = forms.CharField(widget=forms.HiddenInput, required=False)
    shown_assignee = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, submission, **kwargs):
        super().__init__(*args, **kwargs)
        self.submission = submission
        self.initial.update(
            stored(submission), status=submission.status, assignee=submission.assignee
        )

    def clean(self):
        cleaned = super().clean()
        now = stored(self.submission)
        was_shown = {name: self.data.get(name) for name in now}
        if "shown_status" in self.data and was_shown != now:
            # Saving again saves against what is stored now, once the desk has seen it.
            self.data = self.data.copy()
            self.data.update(now)
            status_changed = was_shown["shown_status"] != now["shown_status"]
            raise forms.ValidationError(changed_meanwhile(self.submission, status_changed))
        return cleaned


def stored(submission):
    return {
        "shown_status": submission.status,
        "shown_assignee": str(submission.assignee_id or ""),
    }


def changed_meanwhile(submission, status_changed):
    who = status_changed and display_name(submission.status_changed_by) or "A colleague"
    assignee = display_name(submission.assignee) or "nobody"
    return (
        f"{who} changed this application while you had it open: it is now "
        f"“{submission.get_status_display()}”, assigned to {assignee}. Your choice was not "
        "saved. Check what changed, then save again if yours should stand."
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
