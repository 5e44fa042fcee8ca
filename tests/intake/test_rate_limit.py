"""The application rate limit over time: no burst fits across a window boundary, and a
refused patient is told when she may send again."""

import datetime

import pytest
from django.test import RequestFactory, override_settings

from intake.models import ApplicationRateCounter

pytestmark = pytest.mark.django_db

HOUR = datetime.datetime(2026, 12, 3, 20, tzinfo=datetime.UTC)


def send(at, address="10.0.0.1"):
    request = RequestFactory().post("/apply/", REMOTE_ADDR=address)
    return ApplicationRateCounter.objects.take_slot(request, now=at)


def seconds(n):
    return datetime.timedelta(seconds=n)


@override_settings(APPLICATION_RATE_LIMIT="5/h")
def test_no_burst_fits_across_a_window_boundary():
    before = [send(HOUR - seconds(3 - n)) for n in range(3)]
    after = [send(HOUR + seconds(n)) for n in range(6)]
    assert [d.allowed for d in before + after] == [True] * 5 + [False] * 4


@override_settings(APPLICATION_RATE_LIMIT="5/h")
def test_the_previous_hour_weighs_less_as_it_slides_away():
    for n in range(5):
        assert send(HOUR - seconds(60) + seconds(n)).allowed
    # Half an hour on, the last hour still holds about half of those five.
    half_past = [send(HOUR + seconds(29 * 60 + n)).allowed for n in range(4)]
    assert half_past == [True, True, False, False]
    # An hour on, the five no longer count; the two sent at half past still do.
    next_hour = [send(HOUR + seconds(61 * 60 + n)).allowed for n in range(4)]
    assert next_hour == [True, True, True, False]


@override_settings(APPLICATION_RATE_LIMIT="2/h")
def test_a_refused_patient_is_told_when_a_slot_frees():
    assert send(HOUR + seconds(10)).allowed and send(HOUR + seconds(20)).allowed
    refused = send(HOUR + seconds(30))
    assert not refused.allowed
    wait = datetime.timedelta(seconds=refused.retry_after)
    assert send(HOUR + seconds(30) + wait - seconds(2)).allowed is False
    assert send(HOUR + seconds(30) + wait + seconds(1)).allowed is True


@override_settings(APPLICATION_RATE_LIMIT="1/h")
def test_each_client_has_its_own_count():
    assert send(HOUR, "10.0.0.1").allowed
    assert not send(HOUR + seconds(1), "10.0.0.1").allowed
    assert send(HOUR + seconds(1), "10.0.0.2").allowed
