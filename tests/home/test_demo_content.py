import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "pages": sorted(Page.objects.values_list("url_path", "live", "content_type__model")),
        "revisions": Revision.objects.count(),
        "images": get_image_model().objects.count(),
        "sites": list(Site.objects.values_list("hostname", "root_page__url_path")),
    }


def test_demo_content_is_idempotent():
    call_command("load_demo_content", verbosity=0, stdout=io.StringIO())
    first = snapshot()
    call_command("load_demo_content", verbosity=0, stdout=io.StringIO())
    assert snapshot() == first
    assert ("/home/", True, "homepage") in first["pages"]


def test_demo_content_replaces_the_wagtail_welcome_page():
    call_command("load_demo_content", stdout=io.StringIO())
    assert not Page.objects.filter(title__icontains="Welcome to your new Wagtail site").exists()
    assert Site.objects.get(is_default_site=True).root_page.specific_class.__name__ == "HomePage"


def test_ensure_admin_generates_a_password_and_never_a_fixed_one(tmp_path, monkeypatch):
    monkeypatch.delenv("ADMIN_PASSWORD", raising=False)
    passwords = []
    for name in ("first", "second"):
        password_file = tmp_path / f"{name}-password"
        call_command(
            "ensure_admin",
            username=name,
            password_file=str(password_file),
            stdout=io.StringIO(),
        )
        password = password_file.read_text().strip()
        assert get_user_model().objects.get(username=name).check_password(password)
        assert oct(password_file.stat().st_mode & 0o777) == "0o600"
        passwords.append(password)
    assert passwords[0] != passwords[1] and len(passwords[0]) >= 12


def test_ensure_admin_uses_admin_password_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("ADMIN_PASSWORD", "a-long-chosen-passphrase")
    call_command("ensure_admin", password_file=str(tmp_path / "unused"), stdout=io.StringIO())
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser and user.check_password("a-long-chosen-passphrase")
    assert not (tmp_path / "unused").exists()
    # Running again changes nothing and creates no second account.
    call_command("ensure_admin", password_file=str(tmp_path / "unused"), stdout=io.StringIO())
    assert get_user_model().objects.filter(is_superuser=True).count() == 1
