"""/healthz tells load balancers and monitors the truth: 200 while the database answers,
503 as soon as it does not, never a stored copy, and over plain http in production."""

import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.db import OperationalError, connections
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def database_down():
    """Every query fails the way an unreachable database server makes it fail."""
    refused = OperationalError("connection to server at 127.0.0.1 failed: Connection refused")
    with mock.patch.object(connections["default"], "cursor", side_effect=refused):
        yield


@pytest.mark.django_db
def test_answers_ok_in_plain_text_while_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    # The first line is the verdict; the second says when the worker last ran.
    assert response.content.splitlines()[0] == b"ok"
    assert response["Content-Type"].startswith("text/plain")
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_answers_503_when_the_database_is_unreachable(client, database_down):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content == b"database unavailable"
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
@override_settings(PAGE_CACHE_ENABLED=True)
def test_the_page_cache_never_answers_for_it(client):
    healthy = client.get("/healthz")
    assert healthy.status_code == 200
    assert healthy["X-Page-Cache"] == "bypass"

    # A stored copy of the healthy answer would hide the outage from the monitor.
    with mock.patch.object(
        connections["default"], "cursor", side_effect=OperationalError("server closed")
    ):
        during_outage = client.get("/healthz")
    assert during_outage.status_code == 503

    assert client.get("/healthz").status_code == 200


# Run under the real production settings, in their own process, as a server loads them.
PRODUCTION_REQUESTS = """
import django
django.setup()
from django.test import Client
client = Client(HTTP_HOST="clinic.example")
for path in ("/robots.txt", "/healthz"):
    response = client.get(path)
    print(path, response.status_code, response.get("Location", response.content.decode()))
"""


def test_production_answers_health_checks_over_plain_http(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SECURE_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="clinic_site.settings.production",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="clinic.example",
        APPLICATION_ENCRYPTION_KEY="yBDeHnAs-PV86MjdfQ1UHKLz9aHqJgg81yOL23pn6ZM",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        LOG_LEVEL="ERROR",
    )
    result = subprocess.run(
        [sys.executable, "-c", PRODUCTION_REQUESTS],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    # Pages are sent to https; the health check answers where it was asked.
    assert result.stdout.splitlines() == [
        "/robots.txt 301 https://clinic.example/robots.txt",
        "/healthz 200 ok",
        # A database nobody migrated: the worker's heartbeat cannot be read, not red.
        "worker: unknown",
    ]
