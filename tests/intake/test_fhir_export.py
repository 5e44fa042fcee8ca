"""The FHIR R4 export: a Bundle an EMR imports, validated with fhir.resources."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from fhir.resources.R4B.bundle import Bundle
from wagtail.models import PageLogEntry

from intake import audit
from intake.models import ApplicationSubmission
from intake.permissions import INTAKE_GROUP
from tests.application_factories import (
    WARNING_SIGNS,
    make_user,
    post_data,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("uploads_dir")]


def apply(client, page, **overrides):
    response = client.post(page.url, post_data(page, **overrides))
    assert response.status_code == 302
    return ApplicationSubmission.objects.latest("pk")


def export(*args):
    out = io.StringIO()
    call_command("export_applications_fhir", *args, stdout=out)
    return out.getvalue()


def resources(document, kind):
    return [e["resource"] for e in document["entry"] if e["resource"]["resourceType"] == kind]


def answers_of(response):
    return {item["linkId"]: item["answer"] for item in response["item"]}


def test_the_bundle_validates_and_holds_each_application_once(client, page):
    maria = apply(client, page)
    ann = apply(
        client,
        page,
        first_name="Ann",
        **{WARNING_SIGNS: ["Fever"]},
        photo_of_your_insurance_card=SimpleUploadedFile("card.pdf", b"%PDF-1.4\n%%EOF"),
    )
    text = export()
    validated = Bundle.model_validate_json(text)
    assert validated.type == "collection"
    document = json.loads(text)
    [questionnaire] = resources(document, "Questionnaire")
    responses = resources(document, "QuestionnaireResponse")
    assert [r["identifier"]["value"] for r in responses] == [str(maria.pk), str(ann.pk)]
    assert all(r["questionnaire"] == questionnaire["url"] for r in responses)
    items = {item["linkId"]: item for item in questionnaire["item"]}
    assert items["first_name"] == {
        "linkId": "first_name",
        "text": "First name",
        "type": "string",
        "required": True,
    }
    assert items["date_of_birth"]["type"] == "date"
    assert items["where_is_your_pain"]["repeats"] is True
    assert {"valueString": "Work injury"} in items["was_your_pain_caused_by_one_of_these"][
        "answerOption"
    ]
    assert items["photo_of_your_insurance_card"]["type"] == "attachment"

    answers = answers_of(responses[1])
    assert answers["first_name"] == [{"valueString": "Ann"}]
    assert answers["date_of_birth"] == [{"valueDate": "1961-04-27"}]
    assert answers["where_is_your_pain"] == [
        {"valueString": "Lower back"},
        {"valueString": "Leg / sciatica"},
    ]
    assert answers[WARNING_SIGNS] == [{"valueString": "Fever"}]
    assert answers["consent_to_text_messages"] == [{"valueBoolean": True}]
    [attachment] = answers["photo_of_your_insurance_card"]
    assert attachment["valueAttachment"]["contentType"] == "application/pdf"
    assert WARNING_SIGNS not in answers_of(responses[0])  # nothing ticked, no empty answer


def test_the_questionnaire_is_the_form_as_it_was_when_the_patient_applied(client, page):
    first = apply(client, page)
    field = page.form_fields.get(clean_name="first_name")
    field.label = "Given name"
    field.save()
    page.save_revision().publish()
    second = apply(client, page)
    document = json.loads(export())
    questionnaires = resources(document, "Questionnaire")
    assert len(questionnaires) == 2
    by_url = {q["url"]: q for q in questionnaires}
    labels = {
        r["identifier"]["value"]: next(
            i["text"] for i in by_url[r["questionnaire"]]["item"] if i["linkId"] == "first_name"
        )
        for r in resources(document, "QuestionnaireResponse")
    }
    assert labels == {str(first.pk): "First name", str(second.pk): "Given name"}


def test_ids_choose_the_applications_and_an_unknown_id_is_named(client, page):
    apply(client, page)
    chosen = apply(client, page, first_name="Ann")
    document = json.loads(export("--ids", str(chosen.pk)))
    [response] = resources(document, "QuestionnaireResponse")
    assert response["identifier"]["value"] == str(chosen.pk)
    with pytest.raises(CommandError, match="No application with id 999"):
        export("--ids", "999")


def test_intake_staff_download_it_from_the_listing_and_it_is_audited(client, page):
    apply(client, page)
    chosen = apply(client, page, first_name="Ann")
    user = make_user("desk", groups=[INTAKE_GROUP])
    client.force_login(user)
    listing = client.get(reverse("wagtailforms:list_submissions", args=(page.pk,)))
    url = reverse("intake_applications_fhir", args=(page.pk,))
    assert url in listing.content.decode()
    response = client.get(url, {"selected-submissions": str(chosen.pk)})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/fhir+json"
    bundle = Bundle.model_validate_json(response.content)
    assert [e.resource.get_resource_type() for e in bundle.entry] == [
        "Questionnaire",
        "QuestionnaireResponse",
    ]
    entry = PageLogEntry.objects.filter(action=audit.EXPORTED).latest("pk")
    assert entry.user == user and entry.data == {"count": 1, "format": "fhir"}


@pytest.mark.parametrize("group", ["Editors", "Moderators"])
def test_editors_and_moderators_get_no_bundle(client, page, group):
    apply(client, page)
    client.force_login(make_user("someone", groups=[group]))
    response = client.get(reverse("intake_applications_fhir", args=(page.pk,)))
    assert response.status_code == 403
    assert b"Maria" not in response.content
