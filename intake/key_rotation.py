"""Sealing every stored application, the desk's notes on them, the attached files and
the files kept for forms not yet sent (held_uploads.py: their names and contents) again
under the first APPLICATION_ENCRYPTION_KEY.

In batches, each in its own transaction, in id order. An interrupted run loses nothing
(every row is readable under the old or the new key throughout) and running it again
resumes: applications already under the first key are only counted. Those that no
configured key opens are left as they are and reported by id.
"""

from dataclasses import dataclass, field

from cryptography.fernet import InvalidToken
from django.db import models, transaction
from django.db.models.functions import Cast

from . import encryption, uploads
from .held_uploads import HeldUpload
from .models import ApplicationSubmission
from .worklist_models import DeskNote

# What is sealed, by model and column: the answers, the desk's notes on them, and the
# names of the files kept for forms not yet sent.
SEALED_COLUMNS = (
    (ApplicationSubmission, "form_data"),
    (DeskNote, "sealed"),
    (HeldUpload, "sealed_name"),
)
# Where the report lists the rows no configured key opens, by model.
UNREADABLE = {
    ApplicationSubmission: "unreadable_ids",
    DeskNote: "unreadable_note_ids",
    HeldUpload: "unreadable_held_ids",
}

DEFAULT_BATCH_SIZE = 200


@dataclass
class RotationReport:
    resealed: int = 0
    current: int = 0
    unreadable_ids: list = field(default_factory=list)
    unreadable_note_ids: list = field(default_factory=list)
    files_resealed: int = 0
    unreadable_file_ids: list = field(default_factory=list)
    held_resealed: int = 0
    unreadable_held_ids: list = field(default_factory=list)

    @property
    def total(self):
        return self.resealed + self.current + len(self.unreadable_ids)


def stored_tokens(after_pk, batch_size, model=ApplicationSubmission, column="form_data"):
    """(id, sealed token as stored) for the next batch, without opening anything."""
    return list(
        model.objects.filter(pk__gt=after_pk)
        .order_by("pk")
        .annotate(token=Cast(column, output_field=models.TextField()))
        .values_list("pk", "token")[:batch_size]
    )


def rotate_batch(rows, report, model=ApplicationSubmission, column="form_data"):
    with transaction.atomic():
        for pk, token in rows:
            if encryption.is_sealed_under_first_key(token):
                if model is ApplicationSubmission:
                    report.current += 1
                continue
            try:
                resealed = encryption.reseal(token)
            except (InvalidToken, UnicodeError):
                getattr(report, UNREADABLE[model]).append(pk)
                continue
            model.objects.filter(pk=pk).update(
                **{column: models.Value(resealed, output_field=models.TextField())}
            )
            if model is ApplicationSubmission:
                report.resealed += 1


def rotate_applications(batch_size=DEFAULT_BATCH_SIZE, on_batch=None):
    """Seal every application, then every note on one, under the first key; `on_batch(report)`
    after each batch of applications."""
    report = RotationReport()
    for model, column in SEALED_COLUMNS:
        after_pk = 0
        while rows := stored_tokens(after_pk, batch_size, model, column):
            rotate_batch(rows, report, model, column)
            after_pk = rows[-1][0]
            if on_batch is not None and model is ApplicationSubmission:
                on_batch(report)
    report.files_resealed, report.unreadable_file_ids = uploads.reseal_uploads()
    report.held_resealed, unreadable_held_files = uploads.reseal_files(
        HeldUpload.objects.order_by("pk")
    )
    report.unreadable_held_ids = sorted({*report.unreadable_held_ids, *unreadable_held_files})
    return report
