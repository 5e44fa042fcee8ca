"""Applications as FHIR R4 resources, which electronic medical record systems import.

One `Bundle` (type "collection") holds a `Questionnaire` per form as it was when patients
applied (the revision published before each application came) and a
`QuestionnaireResponse` per application, pointing at it. Every resource is validated by
the `fhir.resources` models of FHIR 4.3 (R4B), whose Questionnaire and
QuestionnaireResponse are those of R4. Attached files are described (type, size), not
embedded: the desk downloads them from the admin.
"""

import uuid
from collections import Counter

from django.conf import settings
from django.utils import timezone
from fhir.resources.R4B.bundle import Bundle
from wagtail.models import PageLogEntry

from . import audit
from .models import ApplicationFormPage

FHIR_VERSION = "4.0.1"
# The question types of form_builder.py as FHIR item types.
ITEM_TYPES = {
    "multiline": "text",
    "number": "decimal",
    "date": "date",
    "birthdate": "date",
    "injurydate": "date",
    "datetime": "dateTime",
    "checkbox": "boolean",
    "consent": "boolean",
    "smsconsent": "boolean",
    "upload": "attachment",
}
CHOICE_TYPES = {
    "dropdown",
    "radio",
    "sex",
    "injurycause",
    "referral",
    "language",
    "interpreter",
}
REPEATING_CHOICE_TYPES = {"checkboxes", "multiselect", "warningsigns"}
UUID_NAMESPACE = uuid.UUID("6f1d2c8e-4d5b-4a37-9a51-0c1e6b3f2a77")


def urn(*parts):
    """A stable urn:uuid for a resource, so two exports of the same rows agree."""
    return "urn:uuid:" + str(uuid.uuid5(UUID_NAMESPACE, "/".join(map(str, parts))))


def item_type(field_type):
    if field_type in CHOICE_TYPES or field_type in REPEATING_CHOICE_TYPES:
        return "choice"
    return ITEM_TYPES.get(field_type, "string")


def form_as_published(page_id, when):
    """The form page as its revision published last before `when` (the live page if none)."""
    entry = (
        PageLogEntry.objects.filter(
            page_id=page_id, action="wagtail.publish", timestamp__lte=when, revision__isnull=False
        )
        .select_related("revision")
        .order_by("-timestamp", "-pk")
        .first()
    )
    if entry is None:
        return ApplicationFormPage.objects.get(pk=page_id), "live"
    return entry.revision.as_object(), entry.revision_id


def questionnaire(page, version):
    items = []
    for field in page.form_fields.all():
        name = field.clean_name or field.get_field_clean_name()
        item = {
            "linkId": name,
            "text": field.label,
            "type": item_type(field.field_type),
            "required": bool(field.required),
        }
        if field.field_type in REPEATING_CHOICE_TYPES:
            item["repeats"] = True
        if item["type"] == "choice":
            builder = page.form_builder([field])
            choices = builder.get_formatted_field_choices(field)
            item["answerOption"] = [{"valueString": value} for value, _ in choices]
        items.append(item)
    return {
        "resourceType": "Questionnaire",
        "url": f"{settings.WAGTAILADMIN_BASE_URL}/fhir/Questionnaire/{page.pk}/{version}",
        "version": str(version),
        "title": page.title,
        "status": "active",
        "subjectType": ["Patient"],
        "item": items,
    }


def answer_values(field_type, value, upload):
    kind = item_type(field_type)
    values = value if isinstance(value, list) else [value]
    answers = []
    for one in values:
        if one in ("", None):
            continue
        if kind == "boolean":
            answers.append({"valueBoolean": one == "Yes"})
        elif kind == "decimal":
            answers.append({"valueDecimal": one})
        elif kind == "date":
            answers.append({"valueDate": one})
        elif kind == "dateTime":
            answers.append({"valueDateTime": one})
        elif kind == "attachment":
            if upload is not None:
                answers.append(
                    {
                        "valueAttachment": {
                            "contentType": upload.content_type,
                            "size": upload.size,
                            "title": upload.download_name(),
                        }
                    }
                )
        else:
            answers.append({"valueString": str(one)})
    return answers


def questionnaire_response(submission, questionnaire_resource, field_types):
    uploads = {upload.field_name: upload for upload in submission.uploads.all()}
    items = []
    for item in questionnaire_resource["item"]:
        name = item["linkId"]
        answers = answer_values(
            field_types[name], submission.form_data.get(name), uploads.get(name)
        )
        if answers:
            items.append({"linkId": name, "text": item["text"], "answer": answers})
    return {
        "resourceType": "QuestionnaireResponse",
        "identifier": {
            "system": f"{settings.WAGTAILADMIN_BASE_URL}/patient-applications",
            "value": str(submission.pk),
        },
        "questionnaire": questionnaire_resource["url"],
        "status": "completed",
        "authored": timezone.localtime(submission.submit_time).isoformat(),
        "item": items,
    }


def bundle(submissions):
    """(the Bundle as a validated fhir.resources model, ids of unreadable applications)."""
    entries, questionnaires, unreadable = [], {}, []
    for submission in submissions:
        if not submission.is_readable:
            unreadable.append(submission.pk)
            continue
        page, version = form_as_published(submission.page_id, submission.submit_time)
        key = (submission.page_id, version)
        if key not in questionnaires:
            resource = questionnaire(page, version)
            types = {
                (field.clean_name or field.get_field_clean_name()): field.field_type
                for field in page.form_fields.all()
            }
            questionnaires[key] = (resource, types)
            entries.append({"fullUrl": urn("Questionnaire", *key), "resource": resource})
        resource, types = questionnaires[key]
        entries.append(
            {
                "fullUrl": urn("QuestionnaireResponse", submission.pk),
                "resource": questionnaire_response(submission, resource, types),
            }
        )
    document = {
        "resourceType": "Bundle",
        "meta": {"profile": [f"http://hl7.org/fhir/{FHIR_VERSION}/StructureDefinition/Bundle"]},
        "type": "collection",
        "timestamp": timezone.localtime().isoformat(),
        "entry": entries,
    }
    return Bundle.model_validate(document), unreadable


def as_json(validated_bundle):
    return validated_bundle.model_dump_json(exclude_none=True, indent=2)


def export(submissions, user=None):
    """The Bundle of `submissions` as JSON, recorded in each form page's audit log.

    Returns (json text, ids of the applications left out as unreadable)."""
    submissions = list(submissions)
    validated, unreadable = bundle(submissions)
    counts = Counter(submission.page_id for submission in submissions if submission.is_readable)
    for page in ApplicationFormPage.objects.filter(pk__in=counts):
        audit.record(page, audit.EXPORTED, user=user, count=counts[page.pk], format="fhir")
    return as_json(validated), unreadable
