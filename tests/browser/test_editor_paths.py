"""An editor in the Wagtail admin, through a real browser."""

import re

from playwright.sync_api import expect


def test_admin_asks_for_a_login(page):
    page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/admin/login/"))
    expect(page.get_by_label("Username")).to_be_visible()


def test_superuser_logs_in_and_sees_the_dashboard(page, admin_login):
    admin_login(page)
    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.goto("/admin/settings/home/clinicsettings/")
    expect(page.get_by_label("Clinic name")).to_have_value(re.compile(r"\w"))


def test_a_wrong_password_is_refused(page, live_site):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(live_site.admin_username)
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/login/"))
    expect(page.get_by_text(re.compile("username and password didn.t match", re.I))).to_be_visible()


def test_an_editor_made_by_create_user_reaches_the_pages(page, admin_login, create_user):
    username, password = create_user("browser-editor", groups=["Editors"])
    admin_login(page, username, password)
    page.goto("/admin/pages/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    # Editors may not change the clinic's settings.
    response = page.goto("/admin/settings/home/clinicsettings/")
    assert response.url.endswith("/admin/") or response.status in (302, 403)
