"""Form fields for the questions a patient answers, with messages a patient can act on."""

import datetime
import re

import phonenumbers
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

OLDEST_PLAUSIBLE_AGE = 120

DATE_OF_BIRTH_FORMATS = ("%m/%d/%Y", "%m-%d-%Y", "%m.%d.%Y", "%Y-%m-%d")


class TelInput(forms.TextInput):
    """A phone number input: the phone keypad on mobiles, and the browser can fill it in."""

    input_type = "tel"


class PhoneNumberField(forms.CharField):
    """A US phone number in any of the usual ways of writing it; stored as (904) 555-0142."""

    widget = TelInput

    default_error_messages = {
        "invalid": (
            "Enter a US phone number with its area code, like (904) 555-0142 or 904-555-0142"
        ),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 40)
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return ""
        try:
            number = phonenumbers.parse(value, "US")
        except phonenumbers.NumberParseException as error:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from error
        if number.country_code != 1 or not phonenumbers.is_valid_number(number):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


class PastDateField(forms.CharField):
    """A date typed as MM/DD/YYYY, not in the future and no more than 120 years ago.

    A text box rather than a date picker: people know the date and type it faster than
    they scroll a calendar back years, and it works the same in every browser.
    """

    allows_today = True
    default_error_messages = {
        "invalid": "Enter the date as month, day and year, like 04/27/2025",
        "two_digit_year": "Enter the year with 4 digits, like 04/27/2025",
        "future": "The date cannot be in the future",
        "too_old": "Check the year: it must be after {year}",
    }

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        if len(value) > 10:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        if re.fullmatch(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2}", value):
            raise ValidationError(self.error_messages["two_digit_year"], code="two_digit_year")
        for date_format in DATE_OF_BIRTH_FORMATS:
            try:
                return datetime.datetime.strptime(value, date_format).date()
            except ValueError:
                continue
        raise ValidationError(self.error_messages["invalid"], code="invalid")

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        today = timezone.localdate()
        if value > today or (value == today and not self.allows_today):
            raise ValidationError(self.error_messages["future"], code="future")
        oldest = today.year - OLDEST_PLAUSIBLE_AGE
        if value.year < oldest:
            raise ValidationError(
                self.error_messages["too_old"].format(year=oldest), code="too_old"
            )


class DateOfBirthField(PastDateField):
    """A date of birth: in the past and no more than 120 years ago."""

    allows_today = False
    default_error_messages = {
        "invalid": "Enter your date of birth as month, day and year, like 04/27/1961",
        "two_digit_year": "Enter the year with 4 digits, like 04/27/1961",
        "future": "Date of birth must be in the past",
        "too_old": "Check the year of your date of birth: it must be after {year}",
    }


class InjuryDateField(PastDateField):
    """The day an injury happened: today at the latest."""

    default_error_messages = {
        "invalid": "Enter the date of the injury as month, day and year, like 04/27/2025",
        "two_digit_year": "Enter the year with 4 digits, like 04/27/2025",
        "future": "The date of the injury cannot be in the future",
        "too_old": "Check the year of the injury: it must be after {year}",
    }


class InsuranceIdField(forms.RegexField):
    """A member or group ID as printed on an insurance card: letters, digits, dashes.

    Kept as printed (capitals, no spaces around), so the desk can read it back over the
    phone; insurers' formats differ too much to check more than the characters.
    """

    default_error_messages = {
        "invalid": (
            "Enter the ID as printed on your insurance card: letters, numbers and "
            "dashes only, like XGH-123456789"
        )
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 30)
        super().__init__(r"^[A-Z0-9][A-Z0-9 -]{1,29}$", **kwargs)

    def to_python(self, value):
        return super().to_python(value).strip().upper()


class ZipCodeField(forms.RegexField):
    """A US ZIP code: five digits, or ZIP+4."""

    default_error_messages = {"invalid": "Enter a 5-digit ZIP code, like 32204"}

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 10)
        super().__init__(r"^\d{5}(-\d{4})?$", **kwargs)
        self.error_messages["max_length"] = self.error_messages["invalid"]

    def to_python(self, value):
        return super().to_python(value).strip()
