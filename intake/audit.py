"""Audit log entries for every look at, export of, change to and deletion of patient
applications.

Entries go into Wagtail's page log of the form page, so they show in the page's
History and in Reports -> Site history, with the user and how many applications.
"""

from wagtail.log_actions import LogFormatter, log
from wagtail.models import PageLogEntry

# Stored with each log entry: unchanged since the application lived in the `home` app,
# so entries written before the move still read as what they were.
LISTED = "home.application.list"
EXPORTED = "home.application.export"
DELETED = "home.application.delete"
PURGED = "home.application.purge"
DELETED_WITH_PAGE = "intake.application.delete_with_page"
OPENED = "intake.application.open"
STATUS_CHANGED = "intake.application.status"
ASSIGNED = "intake.application.assign"
NOTE_ADDED = "intake.application.note"
DOWNLOADED_UPLOAD = "intake.application.download_upload"


def record(page, action, user=None, count=0, **data):
    return log(instance=page, action=action, user=user, data={"count": count, **data})


def status_history(submission):
    """The status and assignee changes of one application, newest first, with who made
    them: read back from the entries change_status wrote, in one query."""
    return (
        PageLogEntry.objects.filter(
            page_id=submission.page_id,
            action__in=[STATUS_CHANGED, ASSIGNED],
            data__application=submission.pk,
        )
        .select_related("user")
        .order_by("-timestamp", "-pk")
    )


def unreadable_note(log_entry):
    unreadable = log_entry.data.get("unreadable", 0)
    return f" ({unreadable} not readable with the current keys)" if unreadable else ""


def register_log_actions(actions):
    @actions.register_action(LISTED)
    class Listed(LogFormatter):
        label = "View patient applications"

        def format_message(self, log_entry):
            count = log_entry.data.get("count", 0)
            return f"Viewed {count} patient application(s){unreadable_note(log_entry)}"

    @actions.register_action(EXPORTED)
    class Exported(LogFormatter):
        label = "Export patient applications"

        def format_message(self, log_entry):
            data = log_entry.data
            export_format = str(data.get("format", "")).upper()
            return (
                f"Exported {data.get('count', 0)} patient application(s) as {export_format}"
                f"{unreadable_note(log_entry)}"
            )

    @actions.register_action(DELETED)
    class Deleted(LogFormatter):
        label = "Delete patient applications"

        def format_message(self, log_entry):
            return f"Deleted {log_entry.data.get('count', 0)} patient application(s)"

    @actions.register_action(DELETED_WITH_PAGE)
    class DeletedWithPage(LogFormatter):
        label = "Delete patient applications with their page"

        def format_message(self, log_entry):
            count = log_entry.data.get("count", 0)
            return f"Deleted {count} patient application(s) by deleting their page"

    @actions.register_action(OPENED)
    class Opened(LogFormatter):
        label = "Open a patient application"

        def format_message(self, log_entry):
            return f"Opened patient application {log_entry.data.get('application', '?')}"

    @actions.register_action(STATUS_CHANGED)
    class StatusChanged(LogFormatter):
        label = "Change a patient application's status"

        def format_message(self, log_entry):
            data = log_entry.data
            return (
                f"Patient application {data.get('application', '?')}: status "
                f"{data.get('old', '?')} → {data.get('new', '?')}"
            )

    @actions.register_action(ASSIGNED)
    class Assigned(LogFormatter):
        label = "Assign a patient application"

        def format_message(self, log_entry):
            data = log_entry.data
            return (
                f"Patient application {data.get('application', '?')} assigned to "
                f"{data.get('assignee') or 'nobody'}"
            )

    @actions.register_action(NOTE_ADDED)
    class NoteAdded(LogFormatter):
        label = "Add a note to a patient application"

        def format_message(self, log_entry):
            return f"Added a note to patient application {log_entry.data.get('application', '?')}"

    @actions.register_action(DOWNLOADED_UPLOAD)
    class DownloadedUpload(LogFormatter):
        label = "Download a patient's uploaded file"

        def format_message(self, log_entry):
            application = log_entry.data.get("application", "?")
            return f"Downloaded a file attached to patient application {application}"

    @actions.register_action(PURGED)
    class Purged(LogFormatter):
        label = "Purge old patient applications"

        def format_message(self, log_entry):
            data = log_entry.data
            return (
                f"Deleted {data.get('count', 0)} patient application(s) older than "
                f"{data.get('retention_days', '?')} days"
            )
