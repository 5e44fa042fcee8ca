"""Builds the patient's form from the questions staff set up in the admin.

Wagtail's form builder makes one Django field per question; this one adds the question
types a physical-therapy intake needs (phone number, date of birth, address with state,
insurance IDs, the injury, referral, language, warning signs, consents), messages that
say what to do, autocomplete hints, and the spam checks of `spam.py`.
"""

import logging
import secrets

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from localflavor.us.us_states import STATE_CHOICES
from wagtail.contrib.forms.forms import BaseForm, FormBuilder
from wagtail.contrib.forms.models import FORM_FIELD_CHOICES

from . import held_uploads, spam, uploads
from .fields import (
    DateOfBirthField,
    InjuryDateField,
    InsuranceIdField,
    PhoneNumberField,
    TelInput,
    ZipCodeField,
)

APPLICATION_FIELD_CHOICES = FORM_FIELD_CHOICES + (
    ("tel", "Phone number"),
    ("birthdate", "Date of birth"),
    ("zipcode", "US ZIP code"),
    ("warningsigns", "Warning signs (a ticked box means: seek urgent care)"),
    ("consent", "Consent (shows a link to the privacy notice)"),
    ("usstate", "US state"),
    ("sex", "Sex"),
    ("insuranceid", "Insurance member or group ID"),
    ("injurydate", "Date of injury"),
    ("injurycause", "Cause of injury"),
    ("referral", "Referral or prescription"),
    ("language", "Preferred language"),
    ("interpreter", "Interpreter needed"),
    ("smsconsent", "Consent to text messages (never required)"),
    ("upload", "Photo or PDF (insurance card, referral), stored encrypted"),
)

# The options a question of these types offers when staff leave its choices empty.
PRESET_CHOICES = {
    "sex": ("Female", "Male", "Intersex", "Prefer not to say"),
    "injurycause": ("Auto accident", "Work injury", "Sports", "None of these"),
    "referral": (
        "Yes, I have a referral or prescription",
        "No, I am coming directly",
        "I am not sure",
    ),
    # The languages most spoken at home in the US after English (Census ACS).
    "language": (
        "English",
        "Spanish",
        "Chinese",
        "Vietnamese",
        "Tagalog",
        "Arabic",
        "French",
        "Haitian Creole",
        "Korean",
        "Russian",
        "Portuguese",
        "Another language",
    ),
    "interpreter": ("No", "Yes, I need an interpreter"),
}

# The autofill tokens of https://html.spec.whatwg.org/#autofill that a patient's
# browser can fill in on this form.
AUTOCOMPLETE_CHOICES = (
    ("given-name", "First name"),
    ("family-name", "Last name"),
    ("name", "Full name"),
    ("bday", "Date of birth"),
    ("tel", "Phone number"),
    ("email", "Email address"),
    ("postal-code", "ZIP code"),
    ("street-address", "Street address"),
    ("address-line1", "Address line 1"),
    ("address-line2", "Address line 2 (apartment, suite)"),
    ("address-level2", "City"),
    ("address-level1", "State"),
    ("off", "Never fill in"),
)

logger = logging.getLogger("intake")

DEFAULT_AUTOCOMPLETE = {
    "tel": "tel",
    "email": "email",
    "birthdate": "bday",
    "zipcode": "postal-code",
    "usstate": "address-level1",
}

CHOICE_TYPES = {"dropdown", "multiselect", "radio", "checkboxes", "warningsigns", "usstate"}
CHOICE_TYPES |= set(PRESET_CHOICES)
TEXT_MAX_LENGTH = {"singleline": 255, "multiline": 2000}

TOKEN_FIELD = "application_token"
LOST_KEPT_FILE = "The file you chose before could not be kept. Please choose it again."
NOT_KEPT_FILE = "We could not keep the file you chose ({name}) this time. Please choose it again."
# Names the form keeps for itself; a question whose name is one of them is refused when
# staff save it (ApplicationFormField.clean), and left out of the form if one exists.
RESERVED_FIELD_NAMES = frozenset(
    {TOKEN_FIELD, spam.HONEYPOT_FIELD, spam.STARTED_FIELD, "csrfmiddlewaretoken"}
)


def field_subject(label):
    """The label as it reads inside a sentence: "First name" -> "first name"."""
    text = label.strip().rstrip(":").strip()
    if len(text) > 1 and text[1].isupper():  # an acronym such as "ZIP code"
        return text
    return text[:1].lower() + text[1:]


def required_message(label, field_type):
    text = label.strip().rstrip(":").strip()
    if field_type == "consent":
        return "Tick the box to agree that the clinic may keep your information and contact you"
    if text.endswith("?"):
        return f"Answer the question “{text}”"
    if field_type in CHOICE_TYPES:
        return f"Select your {field_subject(text)}"
    return f"Enter your {field_subject(text)}"


class ApplicationForm(spam.HoneypotFormMixin, BaseForm):
    """The patient's form: the staff's questions plus a token that makes sending idempotent.

    The token comes with the page and goes back with the answers; the same token sent
    twice (a double click, a resent POST) stores one application.
    """

    application_token = forms.CharField(required=False, widget=forms.HiddenInput)

    internal_fields = (TOKEN_FIELD, *spam.HoneypotFormMixin.honeypot_fields)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[TOKEN_FIELD].initial = new_token()
        self.fields[TOKEN_FIELD].validators.append(ProhibitNullCharactersValidator())
        self.sign_start()
        self.held = held_uploads.held_for(self.bound_token()) if self.is_bound else {}
        for name, held in self.held.items():
            if isinstance(self.fields.get(name), uploads.UploadField):
                self.keep_shown(name, held.file_name)
        self.describe_fields()

    def bound_token(self):
        """The token the browser sent, when it is one this form could have made."""
        token = self.data.get(self.add_prefix(TOKEN_FIELD), "") if self.is_bound else ""
        return token if spam.is_well_formed_token(token) else ""

    def keep_shown(self, name, file_name):
        """The question's file is held: say so, and let the patient send without it."""
        field = self.fields[name]
        field.required = False
        field.held_name = file_name or "Your file"

    def forget_kept(self, name):
        """The file held for this question can no longer be read (its file is gone, or
        no configured key opens it): drop it and ask for the file again, rather than
        send the application without it."""
        field = self.fields[name]
        field.required = self.base_fields[name].required
        field.held_name = ""
        self.held.pop(name).delete()
        self.add_error(name, LOST_KEPT_FILE)

    def clean(self):
        cleaned = super().clean()
        # A question left empty on a form sent again takes the file held for it.
        for name, held in list(self.held.items()):
            if name in self.fields and name not in self._errors and not cleaned.get(name):
                checked = held.checked_file()
                if checked is not None:
                    cleaned[name] = checked
                else:
                    self.forget_kept(name)
        self.check_injury_after_birth(cleaned)
        return cleaned

    def check_injury_after_birth(self, cleaned):
        def answers_of(field_type):
            return [
                (name, str(cleaned[name]))  # ISO dates: compared as text, in date order
                for name, field in self.fields.items()
                if getattr(field, "field_type", "") == field_type and cleaned.get(name)
            ]

        births = [day for _, day in answers_of("birthdate")]
        for name, day in answers_of("injurydate"):
            if any(day < born for born in births):
                subject = field_subject(self.fields[name].label)
                self.add_error(name, f"The {subject} must be after your date of birth")

    def hold_attachments(self, client_key=""):
        """Keep the files chosen on this form, which goes back to the patient unsent;
        `client_key`: whose form it is, as the rate limit counts clients."""
        token = self.bound_token()
        started = self.data.get(self.add_prefix(spam.STARTED_FIELD))
        if not token or spam.started_problem(started, token) not in (None, "expired"):
            # Not a form this site gave out, or one sent the instant it opened: robots
            # get no disk space for 24 hours.
            return
        files, names = {}, {}
        for name, field in self.fields.items():
            upload = self.files.get(self.add_prefix(name))
            if not isinstance(field, uploads.UploadField) or not upload:
                continue
            if hasattr(self, "cleaned_data"):
                checked = self.cleaned_data.get(name)  # None when refused: its error says why
            else:  # not validated (the security check failed first)
                upload.seek(0)
                try:
                    checked = field.clean(upload)
                except ValidationError:
                    checked = None
            if isinstance(checked, uploads.CheckedFile):
                files[name], names[name] = checked, upload.name[:200]
        if held_uploads.hold(token, files, names, client_key):
            for name, file_name in names.items():
                self.keep_shown(name, file_name)
        elif files:
            # The room for kept files is full: the browser shows the question empty
            # again, so the patient is told rather than left to send without her file.
            # (add_error validates a form the security check refused first.)
            for name, file_name in names.items():
                self.add_error(name, NOT_KEPT_FILE.format(name=file_name or "your file"))
        self.describe_fields()

    def started_binding(self):
        if not self.is_bound:
            return self.fields[TOKEN_FIELD].initial
        return getattr(self, "cleaned_data", {}).get(TOKEN_FIELD, "")

    def clean_application_token(self):
        token = self.cleaned_data.get(TOKEN_FIELD, "")
        if not spam.is_well_formed_token(token):
            # A missing or mangled token only costs the double-click protection.
            token = new_token()
            self.replace_value(TOKEN_FIELD, token)
        return token

    def replace_value(self, name, value):
        """Change a hidden value that goes back to the browser with the form."""
        if self.is_bound:
            self.data = self.data.copy()
            self.data[self.add_prefix(name)] = value

    @property
    def questions(self):
        """The bound fields staff set up, in order, without the hidden machinery."""
        return [field for field in self if field.name not in self.internal_fields]

    @property
    def hidden_machinery(self):
        return [self[name] for name in self.internal_fields]

    def answers(self):
        """The cleaned answers as JSON-friendly text, ready to be stored encrypted."""
        answers = {}
        for name, value in self.cleaned_data.items():
            if name in self.internal_fields:
                continue
            if isinstance(value, uploads.CheckedFile):
                value = value.description()
            elif isinstance(value, bool):
                value = "Yes" if value else "No"
            elif isinstance(value, list | tuple):
                value = [str(item) for item in value]
            elif value is None:
                value = ""
            elif hasattr(value, "isoformat"):
                value = value.isoformat()
            else:
                value = str(value)
            answers[name] = value
        return answers

    def attached_files(self):
        """{question name: CheckedFile} of the files sent, stored apart from the answers."""
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if isinstance(value, uploads.CheckedFile)
        }

    def error_summary(self):
        """(anchor, message) pairs for the list of problems at the top of the page."""
        items = [("application-form", str(error)) for error in self.non_field_errors()]
        for field in self.questions:
            for error in field.errors:
                items.append((anchor_for(field), str(error)))
        return items

    def full_clean(self):
        super().full_clean()
        self.describe_fields()

    def describe_fields(self):
        """Point each input at its hint and error text, for screen readers."""
        for field in self.questions:
            widget = field.field.widget
            if getattr(field.field, "layout", "") == "choices":
                continue  # the fieldset carries the description
            described_by = []
            if field.help_text:
                described_by.append(f"{field.auto_id}-hint")
            if getattr(field.field, "held_name", ""):
                described_by.append(f"{field.auto_id}-kept")
            if self.is_bound and field.name in self.errors:
                described_by.append(f"{field.auto_id}-error")
                widget.attrs["aria-invalid"] = "true"
            else:
                widget.attrs.pop("aria-invalid", None)
            if described_by:
                widget.attrs["aria-describedby"] = " ".join(described_by)
            else:
                widget.attrs.pop("aria-describedby", None)


def new_token():
    return secrets.token_urlsafe(24)


def anchor_for(bound_field):
    if getattr(bound_field.field, "layout", "") == "choices":
        return f"{bound_field.auto_id}_0"
    return bound_field.auto_id


class ApplicationFormBuilder(FormBuilder):
    """Wagtail's form builder with the clinic's question types and plain-language messages."""

    def get_form_class(self):
        return type("NewPatientApplicationForm", (ApplicationForm,), self.formfields)

    @property
    def formfields(self):
        formfields = {}
        for field in self.fields:
            # Unsaved fields (a preview) have no clean_name yet.
            name = field.clean_name or field.get_field_clean_name()
            if name in RESERVED_FIELD_NAMES:
                # Saved before the admin refused such names; it would replace the spam
                # checks or the double-send token, so it is left out, loudly.
                logger.error(
                    "The question %r (%s) is left out of the application form: the form "
                    "uses that name for a hidden field. Reword it in the admin.",
                    field.label,
                    name,
                )
                continue
            options = self.get_field_options(field)
            formfield = self.get_create_field_function(field.field_type)(field, options)
            self.finish_field(field, formfield)
            formfields[name] = formfield
        return formfields

    def get_field_options(self, field):
        options = super().get_field_options(field)
        subject = field_subject(field.label)
        options["error_messages"] = {
            "required": required_message(field.label, field.field_type),
            "max_length": f"Your {subject} must be %(limit_value)s characters or fewer",
            "invalid_choice": "Select one of the options shown",
            "invalid_list": "Select one of the options shown",
            "null_characters_not_allowed": (
                f"Remove the hidden control character from your {subject}"
            ),
        }
        if field.field_type == "email":
            options["error_messages"]["invalid"] = (
                "Enter an email address in the correct format, like name@example.com"
            )
        elif field.field_type == "number":
            options["error_messages"]["invalid"] = f"Enter your {subject} as a number"
        elif field.field_type in ("date", "datetime"):
            options["error_messages"]["invalid"] = f"Enter {subject} as a date, like 04/27/2025"
        elif field.field_type == "tel":
            # Named: the list of problems may hold two phone numbers (the patient's and
            # an emergency contact's).
            options["error_messages"]["invalid"] = (
                f"Enter the {subject} as a US number with its area code, like (904) 555-0142"
            )
        return options

    def finish_field(self, field, formfield):
        widget = formfield.widget
        formfield.field_type = field.field_type
        if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
            formfield.layout = "choices"
        elif isinstance(widget, forms.CheckboxInput):
            formfield.layout = "checkbox"
        elif isinstance(widget, forms.HiddenInput):
            formfield.layout = "hidden"
        else:
            formfield.layout = "input"
        autocomplete = getattr(field, "autocomplete", "") or DEFAULT_AUTOCOMPLETE.get(
            field.field_type
        )
        if autocomplete and formfield.layout == "input":
            widget.attrs["autocomplete"] = autocomplete

    def create_singleline_field(self, field, options):
        options["max_length"] = TEXT_MAX_LENGTH["singleline"]
        return forms.CharField(**options)

    def create_multiline_field(self, field, options):
        options["max_length"] = TEXT_MAX_LENGTH["multiline"]
        options["widget"] = forms.Textarea(attrs={"rows": 5})
        return forms.CharField(**options)

    def create_tel_field(self, field, options):
        options["widget"] = TelInput(attrs={"autocomplete": "tel"})
        return PhoneNumberField(**options)

    def create_birthdate_field(self, field, options):
        options.pop("initial", None)
        options["widget"] = forms.TextInput(attrs={"autocomplete": "bday", "size": 10})
        return DateOfBirthField(**options)

    def create_zipcode_field(self, field, options):
        options["widget"] = forms.TextInput(
            attrs={"autocomplete": "postal-code", "inputmode": "numeric", "size": 10}
        )
        return ZipCodeField(**options)

    def create_warningsigns_field(self, field, options):
        return self.create_checkboxes_field(field, options)

    def create_consent_field(self, field, options):
        options["initial"] = False
        return forms.BooleanField(**options)

    def create_smsconsent_field(self, field, options):
        # Texting consent is never a condition of care: optional even if marked required.
        options["initial"] = False
        options["required"] = False
        return forms.BooleanField(**options)

    def get_formatted_field_choices(self, field):
        if not field.choices.strip() and field.field_type in PRESET_CHOICES:
            return [(choice, choice) for choice in PRESET_CHOICES[field.field_type]]
        return super().get_formatted_field_choices(field)

    def create_usstate_field(self, field, options):
        options.pop("initial", None)
        options["choices"] = [("", "Select a state"), *STATE_CHOICES]
        return forms.ChoiceField(**options)

    def create_sex_field(self, field, options):
        return self.create_radio_field(field, options)

    def create_injurycause_field(self, field, options):
        return self.create_radio_field(field, options)

    def create_referral_field(self, field, options):
        return self.create_radio_field(field, options)

    def create_interpreter_field(self, field, options):
        return self.create_radio_field(field, options)

    def create_language_field(self, field, options):
        options["choices"] = [("", "Select a language"), *self.get_formatted_field_choices(field)]
        return forms.ChoiceField(**options)

    def create_insuranceid_field(self, field, options):
        options["widget"] = forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        )
        return InsuranceIdField(**options)

    def create_injurydate_field(self, field, options):
        options.pop("initial", None)
        options["widget"] = forms.TextInput(attrs={"size": 10})
        return InjuryDateField(**options)

    def create_upload_field(self, field, options):
        options.pop("initial", None)
        return uploads.UploadField(**options)
