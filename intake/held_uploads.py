"""Files a patient chose on an application that came back to them, kept until they send it.

A browser cannot fill a file input again, so when the form is shown again (another
answer has an error, or the security check expired) the photos already chosen are kept
here, sealed like every upload and under a random name in APPLICATION_UPLOADS_DIR,
keyed by a hash of the form's own random token: the same form sent again picks them up,
and "insurance-card.jpg — kept" tells the patient they need not choose them again. The
file's name is sealed too (it may hold the patient's name). Held files nobody sends go
with the retention purge after HELD_HOURS.

A form sent back takes no slot of the rate limit (a patient's typing mistakes never
count), so what is kept has limits of its own: HELD_PER_CLIENT files for one client (the
rate limit's keyed hash of its address) and HELD_AT_MOST for everyone, within HELD_HOURS.
A patient never needs more (a form keeps one file per question, replaced when chosen
again); past them the form comes back as a browser shows it, the files to choose again.
"""

import datetime
import hashlib
import logging
import secrets

from django.db import models, transaction
from django.db.models import Count, Q
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone

from . import encryption, uploads

logger = logging.getLogger("intake")

HELD_HOURS = 24
HELD_PER_CLIENT = 12
HELD_AT_MOST = 500


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
    # Whose form it was, as the rate limit counts clients: never the address itself.
    client_key = models.CharField(max_length=40, blank=True, default="", db_index=True)

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


def room_for(client_key, digest, questions):
    """Whether the files for these questions of the form with this token digest may be
    kept now: a file replacing one kept for the same question takes no more room."""
    counts = HeldUpload.objects.filter(
        held_at__gte=timezone.now() - datetime.timedelta(hours=HELD_HOURS)
    ).aggregate(
        everyone=Count("pk"),
        client=Count("pk", filter=Q(client_key=client_key)),
        replaced=Count("pk", filter=Q(token_digest=digest, field_name__in=questions)),
    )
    more = len(questions) - counts["replaced"]
    return counts["client"] + more <= HELD_PER_CLIENT and counts["everyone"] + more <= HELD_AT_MOST


def hold(token, files, names, client_key=""):
    """Keep `files` ({question name: CheckedFile}) for the form with this token, each
    replacing what was held for its question; `names` are the files' own names. False
    when the limits leave no room for them (nothing is kept then)."""
    if not files:
        return False
    digest = token_digest(token)
    if not room_for(client_key, digest, list(files)):
        logger.warning(
            "Kept no files for a New Patient Application sent back: the limit of files "
            "kept for forms not yet sent is reached (client %s)",
            client_key[:12],
        )
        return False
    uploads.uploads_dir().mkdir(mode=0o700, parents=True, exist_ok=True)
    for field_name, checked in files.items():
        held = HeldUpload(
            token_digest=digest,
            field_name=field_name,
            content_type=checked.content_type,
            stored_name=secrets.token_hex(32),
            sealed_name={"name": names.get(field_name, "")},
            client_key=client_key,
        )
        uploads.write_sealed(held.path, encryption.seal_file(checked.content))
        with transaction.atomic():
            HeldUpload.objects.filter(token_digest=digest, field_name=field_name).delete()
            held.save()
    return True


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
