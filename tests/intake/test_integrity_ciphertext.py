"""Finding 5: what the ciphertext leaked.

Answers were encrypted one by one inside a JSON document whose question names and list
shapes were in clear: without any key one could tell who ticked a warning sign (`[]`
against one entry), how many boxes each applicant ticked, and each answer's length.
Now the stored value is one token whose length depends only on the bucket of the whole.
"""

import re

import pytest
from django.db import connection

from intake import encryption
from intake.models import ApplicationSubmission
from tests.application_factories import WARNING_SIGNS, post_data

pytestmark = pytest.mark.django_db


def stored_values():
    with connection.cursor() as cursor:
        cursor.execute("SELECT form_data FROM home_applicationsubmission ORDER BY id")
        return [raw for (raw,) in cursor.fetchall()]


def test_the_stored_value_shows_no_question_no_shape_and_no_length(client, page):
    short = post_data(page, first_name="Al", anything_else_we_should_know="")
    short["where_is_your_pain"] = ["Hip"]
    short["what_makes_it_worse"] = []
    long = post_data(
        page,
        first_name="Maximiliana-Josefina",
        anything_else_we_should_know="It hurts most when I climb stairs. " * 20,
        **{WARNING_SIGNS: ["Fever", "Numbness in the groin, buttocks or inner thighs"]},
    )
    for data in (short, long):
        assert client.post(page.url, data).status_code == 302

    plain, ticked = stored_values()
    assert len(plain) == len(ticked)  # same bucket: nothing about who ticked what
    names = page.form_fields.values_list("clean_name", flat=True)
    for raw in (plain, ticked):
        assert raw.startswith("gAAAAA")  # one Fernet token, not a JSON document
        assert "[" not in raw and "{" not in raw
        assert re.fullmatch(r"[A-Za-z0-9_=-]+", raw), "only the token's base64 alphabet"
        # A short name ("sex", "city") turns up by chance in 20 KB of random base64.
        assert not [name for name in names if len(name) >= 8 and name in raw]
    answers = [submission.form_data for submission in ApplicationSubmission.objects.order_by("pk")]
    assert answers[1][WARNING_SIGNS] == ["Fever", "Numbness in the groin, buttocks or inner thighs"]
    assert answers[0]["first_name"] == "Al"


def test_a_longer_document_moves_up_one_whole_bucket_only():
    small = encryption.seal({"note": "x"})
    full = encryption.seal({"note": "x" * (encryption.ANSWERS_BUCKET_BYTES - 100)})
    bigger = encryption.seal({"note": "x" * encryption.ANSWERS_BUCKET_BYTES})
    assert len(small) == len(full) < len(bigger)
    assert encryption.open_sealed(bigger) == {"note": "x" * encryption.ANSWERS_BUCKET_BYTES}


def test_a_damaged_value_opens_as_unreadable_and_saves_back_unchanged(page):
    submission = ApplicationSubmission.objects.create(page=page, form_data={"first_name": "A"})
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE home_applicationsubmission SET form_data = %s WHERE id = %s",
            ["gAAAAAdamaged", submission.pk],
        )
    damaged = ApplicationSubmission.objects.get(pk=submission.pk)
    assert damaged.form_data == encryption.Unreadable("gAAAAAdamaged")
    assert not damaged.is_readable
    damaged.save()
    assert stored_values() == ["gAAAAAdamaged"]
