"""What the front desk keeps about each application: its status, assignee, notes, the
search index over its answers, and who has it open.

ApplicationSubmission takes WorklistState; the other models point at the application and
go with it when it is deleted or purged.
"""

from django.conf import settings
from django.db import models

from .encryption import SealedAnswersField, configured_keys, search_digest

# Inside the sealed answers: [[name, label, field type], ...], the questions as the patient
# saw them.
QUESTIONS_KEY = "_questions"
# How long a "viewing" record says someone has the application open.
VIEWING_SECONDS = 120


class ApplicationStatus(models.TextChoices):
    NEW = "new", "New"
    CONTACTED = "contacted", "Contacted"
    BOOKED = "booked", "Booked"
    NOT_A_FIT = "not_a_fit", "Not a fit"
    NO_ANSWER = "no_answer", "No answer"


class WorklistState(models.Model):
    """Where an application stands on the desk's worklist.

    `urgency_mark` is set when the application is stored: a keyed hash of its id and
    whether a warning sign was ticked, so the worklist can put urgent ones first without
    opening every application, while the stored bytes, without the key, do not tell
    which applications ticked one (every row's mark differs).
    """

    urgency_mark = models.CharField(max_length=64, blank=True, editable=False)
    status = models.CharField(
        max_length=16, choices=ApplicationStatus.choices, default=ApplicationStatus.NEW
    )
    status_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True

    @property
    def urgent(self):
        return bool(self.pk) and self.urgency_mark == urgency_mark(self.pk, True)


class DeskNote(models.Model):
    """An internal note of the desk on an application, sealed at rest like the answers."""

    application = models.ForeignKey(
        "intake.ApplicationSubmission", on_delete=models.CASCADE, related_name="notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # A sealed document {"text": ...}: encryption.py opens it as it opens the answers.
    sealed = SealedAnswersField()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Note {self.pk} on application {self.application_id}"

    @property
    def text(self):
        if isinstance(self.sealed, dict):
            return self.sealed.get("text", "")
        return str(self.sealed)


class SearchDigest(models.Model):
    """One keyed hash of a normalised name word, phone number or email of an application."""

    class Kind(models.TextChoices):
        NAME = "name", "Name"
        PHONE = "phone", "Phone"
        EMAIL = "email", "Email"

    application = models.ForeignKey(
        "intake.ApplicationSubmission", on_delete=models.CASCADE, related_name="search_digests"
    )
    kind = models.CharField(max_length=8, choices=Kind.choices)
    digest = models.CharField(max_length=64)

    class Meta:
        indexes = [models.Index(fields=["digest"], name="application_search_digest")]

    def __str__(self):
        return f"{self.kind} digest of application {self.application_id}"


class OpenApplication(models.Model):
    """Who has an application open on the desk: refreshed on each view, stale after
    VIEWING_SECONDS."""

    application = models.ForeignKey(
        "intake.ApplicationSubmission", on_delete=models.CASCADE, related_name="viewings"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    seen_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["application", "user"], name="one_viewing_per_user")
        ]

    def __str__(self):
        return f"Application {self.application_id} open by user {self.user_id}"


def urgency_mark(pk, urgent):
    return search_digest("urgency", f"{pk}:{'urgent' if urgent else 'routine'}")


# {(sealing key, application id, mark): urgent?}: a mark never changes under one key, so
# each is hashed once per process rather than on every worklist page.
_judged_marks = {}
JUDGED_MARKS_MAX = 200_000


def _is_urgent(key, pk, mark):
    judged = (key, pk, mark)
    if judged not in _judged_marks:
        if len(_judged_marks) >= JUDGED_MARKS_MAX:
            _judged_marks.clear()
        _judged_marks[judged] = mark == urgency_mark(pk, True)
    return _judged_marks[judged]


def urgent_ids(submissions):
    """The ids of the urgent applications among `submissions`: one query on the marks'
    index, no decryption."""
    key = configured_keys()[0]
    return {
        pk
        for pk, mark in submissions.order_by().values_list("pk", "urgency_mark")
        if _is_urgent(key, pk, mark)
    }
