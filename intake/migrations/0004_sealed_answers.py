"""
Applications move to the sealed format of intake/encryption.py: the whole answers
document as one padded value keyed by APPLICATION_ENCRYPTION_KEY alone.

Before, each answer was its own Fernet token inside a JSON document whose question
names and list shapes were in clear, under a key derived from SECRET_KEY and
APPLICATION_ENCRYPTION_KEY (django-fernet-encrypted-fields). Each row is opened with
every pair of SECRET_KEY (and SECRET_KEY_FALLBACKS) and application key (and its
fallbacks) and sealed again. A row none of them opens stays as it was: the admin shows
it as one that cannot be read with the current keys, and nothing is lost.

The reverse turns sealed rows back into the old format, and refuses (changing nothing)
if one of them cannot be opened.
"""

import base64
import json

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
from django.conf import settings
from django.db import migrations

import intake.encryption
from intake import encryption

TABLE = "home_applicationsubmission"


def legacy_fernet():
    """Every key the old field derived: PBKDF2 of each secret key salted by each app key."""
    secret_keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    application_keys = [
        settings.APPLICATION_ENCRYPTION_KEY,
        *settings.APPLICATION_ENCRYPTION_KEY_FALLBACKS,
    ]
    fernets = []
    for secret_key in secret_keys:
        for application_key in application_keys:
            kdf = PBKDF2HMAC(
                algorithm=hashes.SHA256(),
                length=32,
                salt=application_key.encode(),
                iterations=100_000,
            )
            fernets.append(Fernet(base64.urlsafe_b64encode(kdf.derive(secret_key.encode()))))
    return MultiFernet(fernets)


def open_legacy(value, fernet):
    if isinstance(value, dict):
        return {key: open_legacy(item, fernet) for key, item in value.items()}
    if isinstance(value, list):
        return [open_legacy(item, fernet) for item in value]
    return fernet.decrypt(str(value).encode()).decode()


def seal_legacy(value, fernet):
    if isinstance(value, dict):
        return {key: seal_legacy(item, fernet) for key, item in value.items()}
    if isinstance(value, list):
        return [seal_legacy(item, fernet) for item in value]
    return fernet.encrypt(str(value).encode()).decode()


def rows(cursor):
    cursor.execute(f"SELECT id, form_data FROM {TABLE} ORDER BY id")
    return cursor.fetchall()


def seal_rows(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        stored = rows(cursor)
        if not stored:
            return
        fernet = legacy_fernet()
        for pk, raw in stored:
            if raw is None or not isinstance(encryption.open_sealed(raw), encryption.Unreadable):
                continue  # sealed already
            try:
                answers = open_legacy(json.loads(raw), fernet)
            except (InvalidToken, ValueError, TypeError):
                continue  # unreadable before, unreadable now: kept as it was
            cursor.execute(
                f"UPDATE {TABLE} SET form_data = %s WHERE id = %s",
                [encryption.seal(answers), pk],
            )


def unseal_rows(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        stored = rows(cursor)
        if not stored:
            return
        opened = [(pk, encryption.open_sealed(raw)) for pk, raw in stored]
        unreadable = [pk for pk, answers in opened if isinstance(answers, encryption.Unreadable)]
        if unreadable:
            raise RuntimeError(
                f"Applications {unreadable} cannot be read with the current keys; "
                "nothing was changed."
            )
        fernet = legacy_fernet()
        for pk, answers in opened:
            cursor.execute(
                f"UPDATE {TABLE} SET form_data = %s WHERE id = %s",
                [json.dumps(seal_legacy(answers, fernet)), pk],
            )


class Migration(migrations.Migration):
    dependencies = [("intake", "0003_intake_lead_group")]

    operations = [
        migrations.AlterField(
            model_name="applicationsubmission",
            name="form_data",
            field=intake.encryption.SealedAnswersField(),
        ),
        migrations.RunPython(seal_rows, unseal_rows),
    ]
