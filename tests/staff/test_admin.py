import pytest

pytestmark = pytest.mark.django_db


def test_admin_login_page_loads(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert b'name="username"' in response.content and b'name="password"' in response.content


def test_admin_requires_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_admin_dashboard_for_a_superuser(admin_client, demo_site):
    assert admin_client.get("/admin/").status_code == 200
    assert admin_client.get("/admin/settings/home/clinicsettings/").status_code in (200, 302)
