"""
Password guessing against the admin: after LOGIN_FAILURE_LIMIT wrong passwords, that
account is paused from that address for the cool-off, and nobody else is affected.
"""

import datetime

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from tests.application_factories import make_user

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
OFFICE = "203.0.113.10"
ELSEWHERE = "198.51.100.7"


@pytest.fixture
def limit(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
    return 3


@pytest.fixture
def accounts(db):
    users = []
    for username in ("frontdesk", "therapist"):
        user = make_user(username, groups=["Editors"])
        user.set_password(PASSWORD)
        user.save()
        users.append(user)
    return users


def sign_in(client, username, password, address=OFFICE, **headers):
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        **headers,
    )


def signed_in(client):
    return "_auth_user_id" in client.session


def lock(client, username, limit, address=OFFICE, **headers):
    responses = [sign_in(client, username, "wrong guess", address, **headers) for _ in range(limit)]
    return responses


def test_wrong_passwords_below_the_limit_just_say_so(client, accounts, limit):
    for _ in range(limit - 1):
        response = sign_in(client, "frontdesk", "wrong guess")
        assert response.status_code == 200
        assert b"match. Please try again." in response.content
    assert sign_in(client, "frontdesk", PASSWORD).status_code == 302
    assert signed_in(client)


def test_the_nth_wrong_password_pauses_that_account_from_that_address(client, accounts, limit):
    responses = lock(client, "frontdesk", limit)
    assert [r.status_code for r in responses[:-1]] == [200] * (limit - 1)
    assert responses[-1].status_code == 429
    assert b"Sign-in paused for this account" in responses[-1].content
    assert b"15 minutes" in responses[-1].content

    # Even the right password is refused until the cool-off is over.
    refused = sign_in(client, "frontdesk", PASSWORD)
    assert refused.status_code == 429
    assert not signed_in(client)


def test_the_pause_ends_after_the_cool_off(client, accounts, limit):
    lock(client, "frontdesk", limit)
    AccessAttempt.objects.update(
        attempt_time=datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=16)
    )
    assert sign_in(client, "frontdesk", PASSWORD).status_code == 302
    assert signed_in(client)


def test_another_address_and_another_account_are_unaffected(client, accounts, limit):
    lock(client, "frontdesk", limit)
    assert sign_in(client, "therapist", PASSWORD).status_code == 302
    client.logout()
    assert sign_in(client, "frontdesk", PASSWORD, address=ELSEWHERE).status_code == 302


def test_behind_one_proxy_each_client_is_counted_by_its_own_address(
    client, accounts, limit, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"
    # A guesser behind the proxy, pretending to be the office with a header of its own.
    lock(
        client,
        "frontdesk",
        limit,
        address=proxy,
        HTTP_X_FORWARDED_FOR=f"{OFFICE}, {ELSEWHERE}",
    )
    assert (
        sign_in(
            client, "frontdesk", PASSWORD, address=proxy, HTTP_X_FORWARDED_FOR=ELSEWHERE
        ).status_code
        == 429
    )
    # The real office, through the same proxy, still signs in.
    response = sign_in(client, "frontdesk", PASSWORD, address=proxy, HTTP_X_FORWARDED_FOR=OFFICE)
    assert response.status_code == 302
    assert signed_in(client)
