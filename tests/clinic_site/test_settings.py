"""Production settings refuse to start without their secrets."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def load_settings(module, **env):
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS"}}
    clean.update(env, DJANGO_SETTINGS_MODULE=module)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('started')"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_secret_key():
    result = load_settings("clinic_site.settings.production", ALLOWED_HOSTS="clinic.example")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = load_settings("clinic_site.settings.production", SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_production_starts_with_its_environment():
    result = load_settings(
        "clinic_site.settings.production",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="clinic.example",
        APPLICATION_ENCRYPTION_KEY="yBDeHnAs-PV86MjdfQ1UHKLz9aHqJgg81yOL23pn6ZM",
    )
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


def test_dev_settings_start_with_nothing_set_and_keep_their_key(tmp_path):
    result = load_settings("clinic_site.settings.dev", LOCAL_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr
    # Applications stored on a developer's machine stay readable after a restart.
    key = tmp_path / "application-encryption-key"
    made = key.read_text()
    assert oct(key.stat().st_mode & 0o777) == "0o600" and len(made.strip()) >= 32
    assert load_settings("clinic_site.settings.dev", LOCAL_DIR=str(tmp_path)).returncode == 0
    assert key.read_text() == made and list(tmp_path.iterdir()) == [key]
