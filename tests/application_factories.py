"""Helpers for the New Patient Application tests: answers a patient would give, users."""

import secrets
import time

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from home.demo import site
from home.demo.application_form import ensure_application_form
from intake import spam
from intake.models import ApplicationFormPage

VALID_ANSWERS = {
    "first_name": "Maria",
    "last_name": "Lopez",
    "date_of_birth": "04/27/1961",
    "phone_number": "(904) 555-0142",
    "email_address": "maria@example.com",
    "preferred_contact_method": "Phone call",
    "consent_to_text_messages": "on",
    "street_address": "1200 Riverside Ave",
    "apartment_suite_or_unit": "Apt 4",
    "city": "Jacksonville",
    "state": "FL",
    "zip_code": "32204",
    "sex": "Female",
    "preferred_language": "Spanish",
    "do_you_need_an_interpreter": "No",
    "emergency_contact_name": "Ana Lopez",
    "emergency_contact_relationship": "Daughter",
    "emergency_contact_phone": "(904) 555-0177",
    "insurance_provider_or_self_pay": "Florida Blue",
    "insurance_member_id": "XGH123456789",
    "insurance_group_number": "10045-A",
    "policyholder": "me",
    "was_your_pain_caused_by_one_of_these": "Work injury",
    "date_of_the_injury": "09/14/2026",
    "do_you_have_a_referral_or_prescription_for_physical_therapy": (
        "Yes, I have a referral or prescription"
    ),
    "referring_physician": "Dr. Chen",
    "where_is_your_pain": ["Lower back", "Leg / sciatica"],
    "how_long_has_the_pain_lasted": "2 to 6 weeks",
    "how_bad_is_your_pain_today": "6",
    "what_makes_it_worse": ["Sitting", "Bending forward"],
    "preferred_appointment_times": ["Weekday mornings"],
    "how_did_you_hear_about_us": "My doctor",
    "anything_else_we_should_know": "Worse in the mornings.",
}

WARNING_SIGNS = "do_you_have_any_of_these_warning_signs"


def build_application_site():
    """The home, privacy and application pages and the clinic's settings, as the demo has them.

    Lighter than the whole demo content, for tests that only need the form.
    """
    home, wagtail_site = site.ensure_home_page()
    pages = site.ensure_standard_pages(home)
    page = ensure_application_form(home, privacy_page=pages["privacy"])
    site.ensure_clinic_settings(wagtail_site, appointment_request_page=page)
    return page


def consent_field_name(page):
    return page.form_fields.get(field_type="consent").clean_name


def application_page():
    return ApplicationFormPage.objects.get()


def post_data(page, token=None, **overrides):
    """A complete POST as a browser sends it, the page loaded a minute ago."""
    data = {**VALID_ANSWERS, consent_field_name(page): "on"}
    token = token or secrets.token_urlsafe(24)
    data.update(
        application_token=token,
        form_started=spam.sign_started(time.time() - 60, token=token),
        website_url="",
    )
    for name, value in overrides.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def make_user(username, groups=(), **extra):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.com", password="x", **extra
    )
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user
