"""
Two-factor sign-in: staff who can read patient applications must add an authenticator
app before the admin opens, and then give its code with their password every time.
"""

import io
import re
import subprocess
import sys
import time
from base64 import b32decode
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from intake.permissions import INTAKE_GROUP
from tests.application_factories import build_application_site, make_user

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def two_factor_required(settings):
    settings.ADMIN_TWO_FACTOR_REQUIRED = True


@pytest.fixture
def form_page(db):
    return build_application_site()


def staff(username, groups=()):
    user = make_user(username, groups=groups)
    user.set_password(PASSWORD)
    user.save()
    return user


def current_code(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def sign_in(client, username, code=None, follow=False):
    data = {"username": username, "password": PASSWORD}
    if code is not None:
        data["otp_token"] = code
    return client.post(reverse("wagtailadmin_login"), data, follow=follow)


def submissions_url(form_page):
    return reverse("wagtailforms:list_submissions", args=(form_page.pk,))


def set_up_app(client, user):
    """What a staff member does on the set-up page: read the key, type the app's code."""
    page = client.get(reverse("two_factor"))
    secret = re.search(r'id="two-factor-secret">([A-Z2-7 ]+)<', page.content.decode())
    assert secret, "the set-up page shows the key to type into the app"
    key = secret.group(1).replace(" ", "")
    key_bytes = b32decode(key + "=" * (-len(key) % 8))
    code = f"{totp(key_bytes, step=30, t0=0, digits=6):06d}"
    return client.post(reverse("two_factor"), {"otp_token": code, "next": ""})


def test_intake_staff_are_sent_to_set_up_the_app_before_reading_applications(client, form_page):
    user = staff("intake", groups=[INTAKE_GROUP])
    response = sign_in(client, "intake")
    assert response.status_code == 302
    blocked = client.get(submissions_url(form_page))
    assert blocked.status_code == 302
    assert blocked["Location"].startswith(reverse("two_factor"))
    setup = client.get(blocked["Location"])
    assert b"needs a second step at sign-in" in setup.content
    assert re.search(rb'class="two-factor-qr"><svg', setup.content)  # the QR code to scan

    wrong = client.post(reverse("two_factor"), {"otp_token": "000000"})
    assert b"That code is not right" in wrong.content
    # Finding 9: opening the page, or a wrong code, leaves no half-made device behind.
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert client.get(reverse("two_factor")).content.count(b"two-factor-secret") == 1

    done = set_up_app(client, user)
    assert done.status_code == 302
    assert TOTPDevice.objects.filter(user=user, confirmed=True).count() == 1
    assert client.get(submissions_url(form_page)).status_code == 200
    status = client.get(reverse("two_factor"))
    assert b"Two-factor sign-in is on for your account" in status.content


def test_once_set_up_the_code_is_needed_with_the_password(client, form_page):
    user = staff("intake", groups=[INTAKE_GROUP])
    device = TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)

    no_code = sign_in(client, "intake")
    assert no_code.status_code == 200
    assert b"Enter the authentication code from your app" in no_code.content
    assert "_auth_user_id" not in client.session

    wrong = sign_in(client, "intake", code=f"{(int(current_code(device)) + 1) % 10**6:06d}")
    assert b"That code is not right" in wrong.content
    assert "_auth_user_id" not in client.session

    # Straight after a wrong code, even the right one waits (against guessing).
    too_soon = sign_in(client, "intake", code=current_code(device))
    assert b"Too many wrong codes" in too_soon.content
    time.sleep(1.1)
    right = sign_in(client, "intake", code=current_code(device))
    assert right.status_code == 302
    assert client.get(submissions_url(form_page)).status_code == 200


def test_the_login_form_asks_for_the_code(client):
    page = client.get(reverse("wagtailadmin_login"))
    assert b'name="otp_token"' in page.content
    assert b'autocomplete="one-time-code"' in page.content


def test_editors_who_cannot_read_applications_are_not_forced(client, form_page):
    staff("editor", groups=["Editors"])
    sign_in(client, "editor")
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_an_editor_who_set_it_up_gives_the_code_too(client):
    user = staff("editor", groups=["Editors"])
    TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    response = sign_in(client, "editor")
    assert b"Enter the authentication code from your app" in response.content
    assert "_auth_user_id" not in client.session


def test_a_session_signed_in_before_the_app_was_added_must_confirm_a_code(client, form_page):
    user = staff("intake", groups=[INTAKE_GROUP])
    client.force_login(user)
    device = TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    blocked = client.get(submissions_url(form_page))
    assert blocked["Location"].startswith(reverse("two_factor"))
    confirm = client.get(blocked["Location"])
    assert b"Enter the 6-digit code" in confirm.content
    assert b"two-factor-secret" not in confirm.content  # no new key for an existing app
    done = client.post(
        reverse("two_factor"),
        {"otp_token": current_code(device), "next": submissions_url(form_page)},
    )
    assert done["Location"] == submissions_url(form_page)
    assert client.get(submissions_url(form_page)).status_code == 200


def test_reset_two_factor_removes_a_lost_app(client):
    user = staff("intake", groups=[INTAKE_GROUP])
    TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    call_command("reset_two_factor", "intake", stdout=io.StringIO())
    assert not TOTPDevice.objects.filter(user=user).exists()
    sign_in(client, "intake")
    response = client.get(reverse("wagtailadmin_home"))
    assert response["Location"].startswith(reverse("two_factor"))


def test_production_requires_it_whatever_the_environment_says():
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "clinic_site.settings.production",
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "clinic.example",
        "APPLICATION_ENCRYPTION_KEY": "yBDeHnAs-PV86MjdfQ1UHKLz9aHqJgg81yOL23pn6ZM",
        "ADMIN_TWO_FACTOR_REQUIRED": "0",
    }
    code = "import django; django.setup(); from django.conf import settings; "
    code += "print(settings.ADMIN_TWO_FACTOR_REQUIRED)"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "True"
