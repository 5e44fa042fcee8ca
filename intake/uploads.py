"""Photos of an insurance card or a referral that patients attach to their application.

Checked by content, not by name: a PDF starts with %PDF-, a photo is one Pillow opens
(an iPhone's HEIC photo is turned into a JPEG the desk can open). Each file is sealed
by encryption.py's keys and written under APPLICATION_UPLOADS_DIR, a folder no URL
serves, under a random name: only intake staff read it back, through the admin's
download view (uploads_admin.py). Deleting an application, by hand or by the retention
purge, deletes its files once the deletion is committed.
"""

import io
import logging
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.html import format_html
from PIL import Image, UnidentifiedImageError
from pillow_heif import register_heif_opener

from . import encryption

register_heif_opener()

logger = logging.getLogger("intake")

PHOTO_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
PDF = "application/pdf"
EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", PDF: "pdf"}
KINDS = {"image/jpeg": "JPEG photo", "image/png": "PNG image", "image/webp": "WebP image"}
KINDS[PDF] = "PDF"
# Pillow refuses larger images as possible decompression bombs; a phone photo is ~12 MP.
MAX_PIXELS = 60_000_000


@dataclass(frozen=True)
class CheckedFile:
    """An upload that passed the checks, as it will be stored."""

    content: bytes
    content_type: str

    def description(self):
        return f"Attached: {KINDS[self.content_type]}, {filesizeformat(len(self.content))}"


def max_bytes():
    return settings.APPLICATION_UPLOAD_MAX_BYTES


def checked_file(upload):
    """The upload as a CheckedFile, or ValidationError saying plainly what is wrong."""
    limit = filesizeformat(max_bytes())
    if upload.size > max_bytes():
        raise ValidationError(
            f"This file is {filesizeformat(upload.size)}: choose one of {limit} or less. "
            "A photo taken with your phone's camera is usually small enough.",
            code="too_big",
        )
    content = upload.read()
    if not content:
        raise ValidationError("This file is empty: choose the photo or PDF again", code="empty")
    if content.startswith(b"%PDF-"):
        return CheckedFile(content, PDF)
    return checked_photo(content)


def checked_photo(content):
    wrong_type = ValidationError(
        "This file is not a photo or a PDF: choose a photo (JPEG, PNG or HEIC) or a PDF",
        code="wrong_type",
    )
    try:
        with Image.open(io.BytesIO(content)) as image:
            if image.width * image.height > MAX_PIXELS:
                raise wrong_type
            image_format = image.format
            image.verify()
        if image_format in PHOTO_FORMATS:
            return CheckedFile(content, PHOTO_FORMATS[image_format])
        if image_format == "HEIF":
            return CheckedFile(as_jpeg(content), "image/jpeg")
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise wrong_type from None
    raise wrong_type


def as_jpeg(content):
    with Image.open(io.BytesIO(content)) as image:
        output = io.BytesIO()
        image.convert("RGB").save(output, "JPEG", quality=90)
    return output.getvalue()


class UploadField(forms.FileField):
    """A photo or PDF of at most APPLICATION_UPLOAD_MAX_BYTES, cleaned into a CheckedFile."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget", forms.FileInput(attrs={"accept": "image/*,.heic,application/pdf"})
        )
        super().__init__(**kwargs)
        self.error_messages["invalid"] = "This file could not be read: choose it again"
        self.error_messages["empty"] = "This file is empty: choose the photo or PDF again"

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        return checked_file(upload) if upload else None


def uploads_dir():
    return Path(settings.APPLICATION_UPLOADS_DIR)


class ApplicationUpload(models.Model):
    """One file a patient attached to their application, sealed on disk (never in MEDIA)."""

    submission = models.ForeignKey(
        "intake.ApplicationSubmission", on_delete=models.CASCADE, related_name="uploads"
    )
    field_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    stored_name = models.CharField(max_length=64, unique=True, editable=False)

    class Meta:
        verbose_name = "application upload"

    def __str__(self):
        return f"Upload {self.pk} of patient application {self.submission_id}"

    @property
    def path(self):
        return uploads_dir() / self.stored_name

    def download_name(self):
        extension = EXTENSIONS.get(self.content_type, "bin")
        return f"application-{self.submission_id}-{self.field_name}.{extension}"

    def read(self):
        """The file's bytes, or None when no configured key opens it (or it is gone)."""
        try:
            token = self.path.read_bytes()
        except FileNotFoundError:
            logger.error("The file of %s is missing from %s", self, uploads_dir())
            return None
        return encryption.open_sealed_file(token)


def write_sealed(path, token):
    """Write through a temporary name, so a reader never meets half a file."""
    temporary = path.with_name(path.name + ".tmp")
    # Private to the site's user from its creation, not chmod-ed afterwards.
    with open(temporary, "wb", opener=lambda name, flags: os.open(name, flags, 0o600)) as file:
        file.write(token)
    temporary.replace(path)


def store_uploads(submission, files):
    """Seal and write each CheckedFile of `files` ({question name: file}) for `submission`."""
    if not files:
        return
    uploads_dir().mkdir(mode=0o700, parents=True, exist_ok=True)
    for field_name, checked in files.items():
        upload = ApplicationUpload(
            submission=submission,
            field_name=field_name,
            content_type=checked.content_type,
            size=len(checked.content),
            stored_name=secrets.token_hex(32),
        )
        write_sealed(upload.path, encryption.seal_file(checked.content))
        upload.save()


@receiver(post_delete, sender=ApplicationUpload)
def remove_file_after_delete(sender, instance, **kwargs):
    path = instance.path
    transaction.on_commit(lambda: path.unlink(missing_ok=True))


def reseal_uploads():
    """Seal every stored file under the first key. Returns (resealed, unreadable ids)."""
    return reseal_files(ApplicationUpload.objects.order_by("pk"))


def reseal_files(stored):
    """Seal the files of `stored` (rows with a `path`) under the first key. Returns
    (resealed, ids of those no configured key opens, or whose file is missing)."""
    resealed, unreadable = 0, []
    for upload in stored.iterator():
        try:
            token = upload.path.read_bytes()
        except FileNotFoundError:
            unreadable.append(upload.pk)
            continue
        new_token = encryption.reseal_file(token)
        if new_token is None:
            unreadable.append(upload.pk)
        elif new_token != token:
            write_sealed(upload.path, new_token)
            resealed += 1
    return resealed, unreadable


def download_urls(submission):
    """{question name: the admin's download address} of the files attached to it."""
    return {
        upload.field_name: reverse("intake_application_upload", args=(upload.pk,))
        for upload in ApplicationUpload.objects.filter(submission=submission)
    }


def link_downloads(rows, field_names):
    """Turn the "Attached: …" cells of the admin listing's rows into download links.

    `rows` are the listing's {"model_id", "fields"} dicts, `field_names` its columns; one
    query for the whole page of rows.
    """
    by_id = {row["model_id"]: row for row in rows}
    columns = {name: index for index, name in enumerate(field_names)}
    for upload in ApplicationUpload.objects.filter(submission_id__in=by_id):
        column = columns.get(upload.field_name)
        if column is None:
            continue
        cells = by_id[upload.submission_id]["fields"]
        url = reverse("intake_application_upload", args=(upload.pk,))
        cells[column] = format_html('<a href="{}">{}</a>', url, cells[column] or "Download")
