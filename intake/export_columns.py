"""What the desk's CSV/XLSX export adds to the answers: local times, status and notes.

Times are in the clinic's time zone (TIME_ZONE), as the worklist shows them, so an
application sent at 11:53 pm is exported on the day it was sent.
"""

import datetime

from django.conf import settings
from django.utils import timezone

# (column, heading) after the answers.
DESK_COLUMNS = (
    ("status", "Status"),
    ("status_changed", "Status set"),
    ("assignee", "Assigned to"),
    ("notes", "Notes"),
)
LOCAL_TIME_FORMAT = "%Y-%m-%d %H:%M"


def received_heading():
    return f"Received ({settings.TIME_ZONE})"


def local_text(value):
    return timezone.localtime(value).strftime(LOCAL_TIME_FORMAT)


def local_naive(value):
    # Spreadsheets hold no time zone: the clinic's local time, named in the heading.
    return timezone.make_naive(value) if timezone.is_aware(value) else value


def user_name(user):
    return (user.get_full_name() or user.get_username()) if user else ""


def note_line(note):
    return f"{local_text(note.created_at)} {user_name(note.author)}: {note.text}"


def desk_values(submission):
    """The desk's columns of one application (its notes prefetched)."""
    changed = submission.status_changed_at
    return {
        "status": submission.get_status_display(),
        "status_changed": (
            f"{local_text(changed)} by {user_name(submission.status_changed_by)}" if changed else ""
        ),
        "assignee": user_name(submission.assignee),
        "notes": "\n".join(note_line(note) for note in submission.notes.all()),
    }


def with_desk_data(submissions):
    return submissions.select_related("assignee", "status_changed_by").prefetch_related(
        "notes__author"
    )


DATETIME_PREPROCESS = {datetime.datetime: {"csv": local_text, "xlsx": local_naive}}
