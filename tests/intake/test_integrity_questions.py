"""Finding 9: a question labelled like one of the form's hidden fields ("Website URL",
"Application token") silently replaced that field: the honeypot, or the token that stores
a form sent twice once."""

import logging

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from intake.models import ApplicationFormField, ApplicationSubmission
from tests.application_factories import make_user, post_data

pytestmark = pytest.mark.django_db


def edit_data(page, new_label):
    fields = [
        {
            "id": field.pk,
            "label": field.label,
            "field_type": field.field_type,
            "required": "on" if field.required else "",
            "choices": field.choices,
            "default_value": field.default_value,
            "help_text": field.help_text,
            "autocomplete": field.autocomplete,
        }
        for field in page.form_fields.all()
    ]
    fields.append({"label": new_label, "field_type": "singleline", "required": ""})
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "intro": rich_text(page.intro),
            "thank_you_text": rich_text(page.thank_you_text),
            "urgent_care_text": rich_text(page.urgent_care_text),
            "form_fields": inline_formset(fields, initial=len(fields) - 1),
        }
    )


@pytest.mark.parametrize("label", ["Website URL", "Application token", "Form started"])
def test_staff_cannot_save_a_question_named_like_a_hidden_field(client, page, label):
    client.force_login(make_user("boss", is_superuser=True, is_staff=True))
    count = page.form_fields.count()
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=(page.pk,)), edit_data(page, label)
    )
    assert response.status_code == 200  # the editor again, with the message
    assert "uses “" in response.content.decode() and "for a hidden field of its own" in (
        response.content.decode()
    )
    assert ApplicationFormField.objects.filter(page=page).count() == count


def test_a_colliding_question_saved_earlier_leaves_the_hidden_fields_working(client, page, caplog):
    ApplicationFormField.objects.create(
        page=page, label="Website URL", field_type="singleline", required=False, sort_order=99
    )
    with caplog.at_level(logging.ERROR, logger="intake"):
        form_page = BeautifulSoup(client.get(page.url).content, "html.parser")
    trap = form_page.find(attrs={"name": "website_url"})
    assert trap["tabindex"] == "-1"  # still the honeypot, not a question
    assert "left out of the application form" in caplog.text
    data = post_data(page)
    assert client.post(page.url, data).status_code == 302
    assert client.post(page.url, data).status_code == 302  # sent twice, stored once
    assert ApplicationSubmission.objects.count() == 1
