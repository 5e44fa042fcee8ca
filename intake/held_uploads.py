"""Files a patient chose on an application that came back to them, kept until they send it.

A browser cannot fill a file input again, so when the form is shown again (another
answer has an error, or the security check expired) the photos already chosen are kept
here, sealed like every upload and under a random name in APPLICATION_UPLOADS_DIR,
keyed by a hash of the form's own random token: the same form sent again picks them up,
and "insurance-card.jpg — kept" tells the patient they need not choose them again. The
file's name is sealed too (it may hold the patient's name). Held files nobody sends go
with the retention purge after HELD_HOURS.
"""

import datetime
import hashlib
import secrets

from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone

from . import encryption, uploads

HELD_HOURS = 24


def token_digest(token):
    return hashlib.sha256(f"held-uploads:{token}".encode()).hexdigest()


class HeldUpload(models.Model):
    """One file chosen on a form not yet sent, for HELD_HOURS at most."""

    token_digest = models.CharField(max_length=64, editable=False)
    field_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=40)
    stored_name = models.CharField(max_length=64, unique=True, editable=False)
    # {"name": the file's name on the patient's device}, sealed like the answers.
    sealed_name = encryption.SealedAnswersField()
    held_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["token_digest", "field_name"], name="one_held_upload_per_question"
            )
        ]

    def __str__(self):
        return f"Held upload {self.pk}"

    @property
    def path(self):
        return uploads.uploads_dir() / self.stored_name

    @property
    def file_name(self):
        if isinstance(self.sealed_name, dict):
            return self.sealed_name.get("name", "")
        return ""

    def checked_file(self):
        """The file as a CheckedFile, or None when it cannot be read any more."""
        try:
            token = self.path.read_bytes()
        except FileNotFoundError:
            return None
        content = encryption.open_sealed_file(token)
        return None if content is None else uploads.CheckedFile(content, self.content_type)


def held_for(token):
    """{question name: HeldUpload} kept for the form with this token."""
    if not token:
        return {}
    since = timezone.now() - datetime.timedelta(hours=HELD_HOURS)
    held = HeldUpload.objects.filter(token_digest=token_digest(token), held_at__gte=since)
    return {upload.field_name: upload for upload in held}


def hold(token, files, names):
    """Keep `files` ({question name: CheckedFile}) for the form with this token, each
    replacing what was held for its question; `names` are the files' own names."""
    if not files:
        return
    uploads.uploads_dir().mkdir(mode=0o700, parents=True, exist_ok=True)
    digest = token_digest(token)
    for field_name, checked in files.items():
        held = HeldUpload(
            token_digest=digest,
            field_name=field_name,
            content_type=checked.content_type,
            stored_name=secrets.token_hex(32),
            sealed_name={"name": names.get(field_name, "")},
        )
        uploads.write_sealed(held.path, encryption.seal_file(checked.content))
        with transaction.atomic():
            HeldUpload.objects.filter(token_digest=digest, field_name=field_name).delete()
            held.save()


def release(token):
    """Forget what was held for the form with this token (it was sent)."""
    HeldUpload.objects.filter(token_digest=token_digest(token)).delete()


def purge_expired():
    """Delete the files held longer than HELD_HOURS; returns how many."""
    cutoff = timezone.now() - datetime.timedelta(hours=HELD_HOURS)
    _, deleted = HeldUpload.objects.filter(held_at__lt=cutoff).delete()
    return deleted.get(HeldUpload._meta.label, 0)


@receiver(post_delete, sender=HeldUpload)
def remove_file_after_delete(sender, instance, **kwargs):
    path = instance.path
    transaction.on_commit(lambda: path.unlink(missing_ok=True))
