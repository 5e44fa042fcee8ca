"""
Seals and opens a patient's answers: the one module that encrypts and decrypts them.

The whole answers document is one Fernet token (AES-128-CBC with HMAC-SHA256): the
JSON of every answer, padded with spaces to a multiple of ANSWERS_BUCKET_BYTES first,
so the stored bytes show neither which questions were answered, nor how many boxes
were ticked, nor how long any answer is; only the bucket of the whole.

The Fernet keys come from APPLICATION_ENCRYPTION_KEY alone (never SECRET_KEY, so the
site's secret can be rotated on its own): it seals, and it and every key in
APPLICATION_ENCRYPTION_KEY_FALLBACKS open. `manage.py rotate_application_key` seals
every stored application again under the first key, after which old keys can go.

Opening never raises: answers sealed under a key no longer configured (or damaged)
come back as `Unreadable`, which the listing, exports and the worklist show as such.
The worklist's search index (search_index.py) holds keyed hashes of normalised names,
phones and emails: `search_digest` keys them with a second key derived from the same
APPLICATION_ENCRYPTION_KEY under another context, and they never go into this document.
Uploaded files (uploads.py) are sealed by the same keys, each file one token.
"""

import base64
import functools
import hashlib
import hmac
import json
import math
from dataclasses import dataclass

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

# 16 KiB: the whole New Patient Application (about 40 questions, their wording as the
# patient saw it, and a long note) fits one bucket, so applications look alike.
ANSWERS_BUCKET_BYTES = 16384
# The derivation's context: a key given for applications keys nothing else by accident.
KEY_INFO = b"clinic-site intake application answers v1"
SEARCH_KEY_INFO = b"clinic-site intake search index v1"
UNREADABLE_TEXT = "cannot be read with the current keys"


@dataclass(frozen=True)
class Unreadable:
    """Answers that no configured key opens; the stored token is kept as it was."""

    token: str

    def __str__(self):
        return f"Answers that {UNREADABLE_TEXT}"


def configured_keys():
    """The keys from the settings, the sealing key first."""
    primary = settings.APPLICATION_ENCRYPTION_KEY
    if not primary:
        raise ValueError("APPLICATION_ENCRYPTION_KEY is not set")
    fallbacks = getattr(settings, "APPLICATION_ENCRYPTION_KEY_FALLBACKS", [])
    return (primary, *(key for key in fallbacks if key and key != primary))


@functools.lru_cache(maxsize=8)
def _fernets(keys):
    derived = [Fernet(derive_fernet_key(key)) for key in keys]
    return derived[0], MultiFernet(derived)


def derive_fernet_key(key):
    """A Fernet key from a configured key: HKDF-SHA256, as the key itself is random."""
    material = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=KEY_INFO).derive(
        key.encode()
    )
    return base64.urlsafe_b64encode(material)


@functools.lru_cache(maxsize=8)
def _search_key(key):
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=SEARCH_KEY_INFO).derive(
        key.encode()
    )


def search_digest(kind, normalised_value):
    """The keyed hash (HMAC-SHA256, hex) of one normalised value under the first key: equal
    values give equal digests, and without the key a digest tells nothing of the value."""
    message = f"{kind}:{normalised_value}".encode()
    return hmac.new(_search_key(configured_keys()[0]), message, hashlib.sha256).hexdigest()


def sealing_fernet():
    return _fernets(configured_keys())[0]


def opening_fernet():
    return _fernets(configured_keys())[1]


def padded(document):
    size = math.ceil((len(document) + 1) / ANSWERS_BUCKET_BYTES) * ANSWERS_BUCKET_BYTES
    return document + b" " * (size - len(document))


def seal(answers):
    """The answers (a dict of JSON-friendly values) as one padded, encrypted token."""
    document = json.dumps(answers, cls=DjangoJSONEncoder, separators=(",", ":")).encode()
    return sealing_fernet().encrypt(padded(document)).decode("ascii")


def open_sealed(token):
    """The answers sealed in `token`, or Unreadable(token) when no configured key opens it."""
    try:
        document = opening_fernet().decrypt(token.encode("ascii"))
        answers = json.loads(document)
    except (InvalidToken, UnicodeError, ValueError):
        return Unreadable(token)
    if not isinstance(answers, dict):
        return Unreadable(token)
    return answers


def is_sealed_under_first_key(token):
    try:
        sealing_fernet().decrypt(token.encode("ascii"))
    except (InvalidToken, UnicodeError):
        return False
    return True


def reseal(token):
    """`token` sealed again under the first key; raises InvalidToken if no key opens it."""
    return opening_fernet().rotate(token.encode("ascii")).decode("ascii")


def seal_file(content):
    """An uploaded file's bytes as one Fernet token (files are not padded: their size is
    what the listing shows anyway)."""
    return sealing_fernet().encrypt(content)


def open_sealed_file(token):
    """The bytes sealed in `token`, or None when no configured key opens it."""
    try:
        return opening_fernet().decrypt(token)
    except InvalidToken:
        return None


def reseal_file(token):
    """`token` sealed again under the first key, or None when no configured key opens it.

    Returns `token` itself when it is under the first key already."""
    try:
        sealing_fernet().decrypt(token)
        return token
    except InvalidToken:
        pass
    try:
        return opening_fernet().rotate(token)
    except InvalidToken:
        return None


class SealedAnswersField(models.TextField):
    """A patient's answers in the database as one sealed token; in Python a dict of
    answers, or Unreadable when no configured key opens them (saved back unchanged)."""

    def from_db_value(self, value, expression, connection):
        return None if value is None else open_sealed(value)

    def to_python(self, value):
        if value is None or isinstance(value, dict | Unreadable):
            return value
        return open_sealed(value)

    def get_prep_value(self, value):
        if value is None:
            return None
        if isinstance(value, Unreadable):
            return value.token
        return seal(value)

    def value_to_string(self, obj):
        # Serialised (dumpdata) sealed, as stored.
        return self.get_prep_value(self.value_from_object(obj))
