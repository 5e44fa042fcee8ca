"""Finding 9 (last item) and 3: `check --deploy` passed with APPLICATION_ENCRYPTION_KEY=a.

A weak key is refused when the production settings load, and the deploy check reports it
under any settings.
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

from intake.checks import check_application_encryption_key
from intake.key_strength import key_entropy_bits

ROOT = Path(__file__).resolve().parents[2]


def production(*args, **env):
    inherited = {
        k: v for k, v in os.environ.items() if not k.startswith(("APPLICATION_", "DJANGO_"))
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={
            **inherited,
            "DJANGO_SETTINGS_MODULE": "clinic_site.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "clinic.example",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("weak", ["a", "k" * 43, "clinic-application-key-2026"])
def test_check_deploy_fails_with_a_weak_application_key(weak):
    result = production("check", "--deploy", APPLICATION_ENCRYPTION_KEY=weak)
    assert result.returncode != 0
    assert "APPLICATION_ENCRYPTION_KEY must hold at least 32 random bytes" in result.stderr


def test_a_weak_fallback_key_is_refused_too():
    result = production(
        "check",
        "--deploy",
        APPLICATION_ENCRYPTION_KEY=secrets.token_urlsafe(32),
        APPLICATION_ENCRYPTION_KEY_FALLBACKS="old",
    )
    assert "APPLICATION_ENCRYPTION_KEY_FALLBACKS[0] must hold" in result.stderr


def test_the_deploy_check_reports_a_weak_key_under_any_settings():
    with override_settings(APPLICATION_ENCRYPTION_KEY="a", APPLICATION_ENCRYPTION_KEY_FALLBACKS=[]):
        assert [error.id for error in check_application_encryption_key(None)] == ["intake.E001"]
    strong = secrets.token_urlsafe(32)
    with override_settings(
        APPLICATION_ENCRYPTION_KEY=strong, APPLICATION_ENCRYPTION_KEY_FALLBACKS=[]
    ):
        assert check_application_encryption_key(None) == []


def test_keys_made_as_the_readme_says_are_always_strong_enough():
    assert min(key_entropy_bits(secrets.token_urlsafe(32)) for _ in range(500)) >= 256
    assert min(key_entropy_bits(secrets.token_hex(32)) for _ in range(500)) >= 256
