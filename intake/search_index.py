"""The worklist's search by name, phone or email, over answers that are encrypted.

Each application's name words, phone numbers and emails are normalised and stored as
keyed hashes (encryption.search_digest) in SearchDigest; a search hashes
what was typed the same ways and looks the digests up, so no application is opened to
answer it. The index is written when an application is stored and rebuilt after a key
rotation (`manage.py rebuild_application_search_index`).
"""

import re
import unicodedata

from django.db import transaction
from django.db.models import Q

from . import encryption
from .worklist_models import SearchDigest

Kind = SearchDigest.Kind
NAME_AUTOCOMPLETE = {"given-name", "family-name", "name"}
# A phone number is its last ten digits: "+1 (904) 555-0142" finds "904-555-0142".
PHONE_DIGITS = 10
MIN_PHONE_DIGITS = 7


def name_words(value):
    text = unicodedata.normalize("NFKD", str(value))
    text = "".join(char for char in text if not unicodedata.combining(char)).casefold()
    return [word for word in re.split(r"[^\w]+", text) if word]


def phone_digits(value):
    digits = re.sub(r"\D", "", str(value))
    return digits[-PHONE_DIGITS:] if len(digits) >= MIN_PHONE_DIGITS else ""


def email_address(value):
    text = str(value).strip().casefold()
    return text if "@" in text else ""


def indexed_kinds(form_fields):
    """{answer name: kind} for the questions that hold a name, a phone or an email."""
    kinds = {}
    for field in form_fields:
        if field.autocomplete in NAME_AUTOCOMPLETE:
            kinds[field.clean_name] = Kind.NAME
        elif field.autocomplete == "tel" or (field.field_type == "tel" and not field.autocomplete):
            # The patient's own number; one marked not to autofill (an emergency
            # contact's) is not theirs to be found by.
            kinds[field.clean_name] = Kind.PHONE
        elif field.field_type == "email" or field.autocomplete == "email":
            kinds[field.clean_name] = Kind.EMAIL
    return kinds


def normalised_values(kind, answer):
    if kind == Kind.NAME:
        return name_words(answer)
    value = phone_digits(answer) if kind == Kind.PHONE else email_address(answer)
    return [value] if value else []


def digests_for(submission, kinds):
    answers = submission.form_data
    if not isinstance(answers, dict):
        return set()
    found = set()
    for name, kind in kinds.items():
        for value in normalised_values(kind, answers.get(name) or ""):
            found.add((kind, encryption.search_digest(kind, value)))
    return found


def index_application(submission, form_fields=None):
    """Replace the application's digests with those of its current answers."""
    if form_fields is None:
        form_fields = submission.page.specific.form_fields.all()
    rows = [
        SearchDigest(application=submission, kind=kind, digest=digest)
        for kind, digest in digests_for(submission, indexed_kinds(form_fields))
    ]
    with transaction.atomic():
        SearchDigest.objects.filter(application=submission).delete()
        SearchDigest.objects.bulk_create(rows)


def search_filter(query):
    """A Q on applications whose name, phone or email matches `query`.

    Every word of a name must match one of the applicant's name words; a phone matches
    on its last ten digits; an email matches whole.
    """
    digests = SearchDigest.objects
    found = Q(pk__in=[])
    words = name_words(query)
    if words:
        by_name = None
        for word in words:
            ids = digests.filter(
                kind=Kind.NAME, digest=encryption.search_digest(Kind.NAME, word)
            ).values("application_id")
            by_name = ids if by_name is None else by_name.filter(application_id__in=ids)
        found |= Q(pk__in=by_name)
    for kind, value in ((Kind.PHONE, phone_digits(query)), (Kind.EMAIL, email_address(query))):
        if value:
            digest = encryption.search_digest(kind, value)
            found |= Q(pk__in=digests.filter(kind=kind, digest=digest).values("application_id"))
    return found
