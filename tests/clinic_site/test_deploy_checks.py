"""The production settings pass Django's deployment checklist, warnings included."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "clinic_site.settings.production",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "clinic.example",
    "APPLICATION_ENCRYPTION_KEY": secrets.token_urlsafe(32),
}


def run(*args, **env):
    inherited = {k: v for k, v in os.environ.items() if not k.startswith(("SECURE_", "DJANGO_"))}
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**inherited, **PRODUCTION_ENV, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_at_warning_level():
    result = run("manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_check_deploy_catches_a_weakened_setting():
    # The same command fails as soon as a protection is turned off: it is really checking.
    result = run("manage.py", "check", "--deploy", "--fail-level", "WARNING", SECURE_COOKIES="0")
    assert result.returncode != 0
    assert "security.W012" in result.stderr  # SESSION_COOKIE_SECURE


def test_production_security_settings_hold_their_values():
    code = """
import django; django.setup()
from django.conf import settings
print(settings.SECURE_HSTS_SECONDS, settings.SECURE_HSTS_INCLUDE_SUBDOMAINS,
      settings.SECURE_SSL_REDIRECT, settings.SECURE_PROXY_SSL_HEADER,
      settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE,
      settings.SECURE_CONTENT_TYPE_NOSNIFF, settings.X_FRAME_OPTIONS,
      settings.SECURE_REFERRER_POLICY, settings.DEBUG, settings.WAGTAILADMIN_BASE_URL)
"""
    result = run("-c", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "31536000",
        "True",
        "True",
        "('HTTP_X_FORWARDED_PROTO',",
        "'https')",
        "True",
        "True",
        "True",
        "DENY",
        "same-origin",
        "False",
        "https://clinic.example",
    ]
