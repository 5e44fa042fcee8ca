"""Finding 9: the admin password was printed on every `make run` / `make serve` (also
under production settings), and `make serve` on a fresh database wrote a new password
over `.local/admin-password`."""

import io
import stat

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import override_settings

pytestmark = pytest.mark.django_db


def ensure_admin(password_file):
    out = io.StringIO()
    call_command("ensure_admin", password_file=str(password_file), stdout=out)
    return out.getvalue()


@pytest.fixture(autouse=True)
def no_chosen_password(monkeypatch):
    monkeypatch.delenv("ADMIN_PASSWORD", raising=False)


def test_the_password_is_shown_once_when_made_and_never_again(tmp_path):
    password_file = tmp_path / "admin-password"
    with override_settings(DEBUG=True):
        first = ensure_admin(password_file)
        again = ensure_admin(password_file)
    password = password_file.read_text().strip()
    assert f"Password: {password}" in first
    assert password not in again
    assert f"Password: in {password_file} (readable only by you)." in again
    assert stat.S_IMODE(password_file.stat().st_mode) == 0o600


def test_production_settings_never_print_the_password(tmp_path):
    password_file = tmp_path / "admin-password"
    with override_settings(DEBUG=False):
        out = ensure_admin(password_file)
    assert password_file.read_text().strip() not in out
    assert "readable only by you" in out


def test_a_fresh_database_keeps_the_password_already_kept(tmp_path):
    password_file = tmp_path / "admin-password"
    password_file.write_text("the-password-from-make-run\n")
    password_file.chmod(0o600)
    ensure_admin(password_file)
    assert password_file.read_text() == "the-password-from-make-run\n"
    admin = get_user_model().objects.get(username="admin")
    assert admin.check_password("the-password-from-make-run")
