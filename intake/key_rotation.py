"""Sealing every stored application again under the first APPLICATION_ENCRYPTION_KEY.

In batches, each in its own transaction, in id order. An interrupted run loses nothing
(every row is readable under the old or the new key throughout) and running it again
resumes: applications already under the first key are only counted. Those that no
configured key opens are left as they are and reported by id.
"""

from dataclasses import dataclass, field

from cryptography.fernet import InvalidToken
from django.db import models, transaction
from django.db.models.functions import Cast

from . import encryption
from .models import ApplicationSubmission

DEFAULT_BATCH_SIZE = 200


@dataclass
class RotationReport:
    resealed: int = 0
    current: int = 0
    unreadable_ids: list = field(default_factory=list)

    @property
    def total(self):
        return self.resealed + self.current + len(self.unreadable_ids)


def stored_tokens(after_pk, batch_size):
    """(id, sealed token as stored) for the next batch, without opening anything."""
    return list(
        ApplicationSubmission.objects.filter(pk__gt=after_pk)
        .order_by("pk")
        .annotate(token=Cast("form_data", output_field=models.TextField()))
        .values_list("pk", "token")[:batch_size]
    )


def rotate_batch(rows, report):
    with transaction.atomic():
        for pk, token in rows:
            if encryption.is_sealed_under_first_key(token):
                report.current += 1
                continue
            try:
                resealed = encryption.reseal(token)
            except (InvalidToken, UnicodeError):
                report.unreadable_ids.append(pk)
                continue
            ApplicationSubmission.objects.filter(pk=pk).update(
                form_data=models.Value(resealed, output_field=models.TextField())
            )
            report.resealed += 1


def rotate_applications(batch_size=DEFAULT_BATCH_SIZE, on_batch=None):
    """Seal every application under the first key; `on_batch(report)` after each batch."""
    report = RotationReport()
    after_pk = 0
    while rows := stored_tokens(after_pk, batch_size):
        rotate_batch(rows, report)
        after_pk = rows[-1][0]
        if on_batch is not None:
            on_batch(report)
    return report
