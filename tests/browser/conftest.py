"""Fixtures for the browser tests: a live site, a headless Chromium, axe and screenshots.

Every test under tests/browser/ is marked `browser` (so `make test-fast` skips them) and
runs after the rest of the suite: Playwright's sync API keeps an asyncio loop in the
thread, and Django refuses database calls from the pytest process once it is there.

- `live_site`: the site served by a separate process (tests/browser/serve.py) on a free
  loopback port, with a fresh SQLite database migrated and the demo content loaded once
  per session. Tests reach its database only through that process: `create_user`, or
  `live_site.manage(...)` for any management command.
- `page`: a new browser tab at `viewport_width` (1280 unless a test parametrizes
  `viewport_width`), whose relative URLs go to the live site.
- `axe_check(page)`: the WCAG 2.0/2.1/2.2 A and AA violations axe-core finds.
- `screenshot(page, name)`: a full-page PNG in test-artifacts/screenshots/.
- `admin_login(page)`: log in to the Wagtail admin as a superuser made for the session.
"""

import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
BROWSER_DIR = Path(__file__).resolve().parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SCREENSHOT_DIR = Path(
    os.environ.get("BROWSER_SCREENSHOT_DIR", REPO_ROOT / "test-artifacts" / "screenshots")
)
# Headless, no sandbox (root in CI), and nothing that calls home: the network is closed.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--font-render-hinting=none",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
# Run in every frame before the page's own scripts: each Content Security Policy
# violation (a blocked script, style, image, frame or connection) goes to Python.
REPORT_POLICY_VIOLATIONS_JS = """
document.addEventListener('securitypolicyviolation', (event) => {
    window.reportPolicyViolation(
        `${event.effectiveDirective} blocked ${event.blockedURI}`  // 'inline' or an address
        + ` on ${event.documentURI} (${event.sourceFile || 'page'}:${event.lineNumber})`
    );
}, true);
"""
SERVER_START_TIMEOUT = 120


def is_browser_test(item):
    return BROWSER_DIR in Path(str(item.path)).resolve().parents


def pytest_itemcollected(item):
    """Every test in this folder is a browser test (so `-m "not browser"` skips it)."""
    if is_browser_test(item):
        item.add_marker(pytest.mark.browser)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Run the browser tests after all the others (see the module's docstring)."""
    items[:] = [item for item in items if not is_browser_test(item)] + [
        item for item in items if is_browser_test(item)
    ]


SCREENSHOTS_TAKEN = []


def pytest_terminal_summary(terminalreporter):
    if SCREENSHOTS_TAKEN:
        terminalreporter.write_line(
            f"Browser screenshots ({len(SCREENSHOTS_TAKEN)}): {SCREENSHOT_DIR}"
        )


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveSite:
    """The site server the browser tests talk to: a separate process on loopback.

    Started as soon as collection shows browser tests will run, so that its database is
    migrated and the demo content loaded while the rest of the suite runs.
    """

    def __init__(self):
        self.workdir = Path(tempfile.mkdtemp(prefix="clinic-browser-"))
        self.url = f"http://127.0.0.1:{free_port()}"
        self.log_path = self.workdir / "server.log"
        self.admin_username = "browser-admin"
        self.admin_password = secrets.token_urlsafe(16)
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.browser.server_settings",
            "BROWSER_TEST_DIR": str(self.workdir),
            "BROWSER_TEST_BASE_URL": self.url,
            "PYTHONUNBUFFERED": "1",
        }
        # The server always has its own SQLite file, whatever database the suite uses.
        self.env.pop("DATABASE_URL", None)
        self._ready = False
        with self.log_path.open("w") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "tests.browser.serve", "run", self.url.rsplit(":", 1)[1]],
                cwd=REPO_ROOT,
                env={
                    **self.env,
                    "BROWSER_ADMIN_USERNAME": self.admin_username,
                    "BROWSER_ADMIN_PASSWORD": self.admin_password,
                },
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def wait_until_serving(self):
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while not self._ready:
            if self.process.poll() is not None:
                raise RuntimeError(f"The site server exited:\n{self.log_tail()}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"The site server did not answer in time:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(self.url + "/", timeout=5) as response:
                    self._ready = response.status == 200
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.25)
        return self

    def manage(self, *args, check=True):
        """Run a manage.py command against the live site's database; returns stdout."""
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=REPO_ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        if check and result.returncode:
            raise AssertionError(f"manage.py {' '.join(args)} failed:\n{result.stderr}")
        return result.stdout

    def log_tail(self, lines=40):
        text = self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.workdir, ignore_errors=True)


LIVE_SITE = pytest.StashKey[LiveSite]()


def pytest_collection_finish(session):
    if any(item.get_closest_marker("browser") for item in session.items):
        session.config.stash[LIVE_SITE] = LiveSite()


def pytest_unconfigure(config):
    site = config.stash.get(LIVE_SITE, None)
    if site is not None:
        site.stop()


@pytest.fixture(scope="session")
def live_site(pytestconfig):
    """The running site (see LiveSite): `live_site.url`, `.manage(...)`, `.admin_username`."""
    site = pytestconfig.stash.get(LIVE_SITE, None)
    if site is None:
        site = pytestconfig.stash[LIVE_SITE] = LiveSite()
    return site.wait_until_serving()


def _run_serve_command(site, *args):
    result = subprocess.run(
        [sys.executable, "-m", "tests.browser.serve", *args],
        cwd=REPO_ROOT,
        env=site.env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if result.returncode:
        raise AssertionError(f"serve {args[0]} failed:\n{result.stderr}")


@pytest.fixture(scope="session")
def create_user(live_site):
    """create_user("intake-nurse", groups=["Intake"]) -> (username, password).

    Creates or updates an account in the live site's database. A group that does not
    exist is an error: create groups through the site's own code (migrations, demo
    content), not here.
    """

    def create(username, *, groups=(), superuser=False, password=None):
        password = password or secrets.token_urlsafe(16)
        options = ["--superuser"] if superuser else []
        for group in groups:
            options += ["--group", group]
        # After "--", a password that starts with "-" (as token_urlsafe's may) is no option.
        _run_serve_command(live_site, "user", *options, "--", username, password)
        return username, password

    return create


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"No Chromium at {CHROMIUM}: run scripts/install_browser.sh (make test does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # Playwright gives each launch a fresh, temporary profile (user-data dir).
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def viewport_width():
    """The tab's width in CSS pixels.

    Override per test: @pytest.mark.parametrize("viewport_width", [375, 1280]).
    """
    return 1280


@pytest.fixture(scope="session")
def new_page(browser, live_site):
    """new_page(width) -> a tab in a fresh browser context (own cookies) on the live site.

    Relative URLs go to the live site (`page.goto("/about/")`); `page.failed_responses`
    lists the responses of 400 and over, `page.csp_violations` what the site's Content
    Security Policy blocked in any frame. Close it with `page.context.close()`.
    """

    def open_tab(width=1280, height=900):
        context = browser.new_context(
            base_url=live_site.url,
            viewport={"width": width, "height": height},
            device_scale_factor=1,
            locale="en-US",
            timezone_id="America/New_York",
            reduced_motion="reduce",
        )
        context.set_default_timeout(10_000)
        csp_violations = []
        # Bindings and init scripts come from the browser, so no policy blocks them.
        context.expose_binding(
            "reportPolicyViolation", lambda source, text: csp_violations.append(text)
        )
        context.add_init_script(REPORT_POLICY_VIOLATIONS_JS)
        page = context.new_page()
        page.csp_violations = csp_violations
        page.failed_responses = []
        page.on(
            "response",
            lambda response: (
                page.failed_responses.append(f"{response.status} {response.url}")
                if response.status >= 400
                else None
            ),
        )
        return page

    return open_tab


@pytest.fixture
def page(new_page, viewport_width):
    """A fresh tab on the live site at `viewport_width`, closed after the test."""
    page = new_page(viewport_width)
    yield page
    page.context.close()


@pytest.fixture(scope="session")
def axe_check():
    """axe_check(page) -> the list of axe-core violations of WCAG 2.0/2.1/2.2 A and AA."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}

    def check(page, context=None):
        return axe.run(page, context=context, options=options).response["violations"]

    return check


def describe_violations(violations):
    """A readable report of axe violations for an assertion message."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"    {violation['helpUrl']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node['failureSummary']}")
    return "\n".join(lines)


@pytest.fixture(scope="session")
def screenshot():
    """screenshot(page, "home") -> test-artifacts/screenshots/home-<width>.png (full page).

    The folder holds this run's screenshots only: older ones are removed first.
    """
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOT_DIR.glob("*.png"):
        old.unlink()

    def take(page, name):
        path = SCREENSHOT_DIR / f"{name}-{page.viewport_size['width']}.png"
        wait_for_images_and_fonts(page)
        page.screenshot(path=str(path), full_page=True, animations="disabled")
        SCREENSHOTS_TAKEN.append(path)
        return path

    return take


def wait_for_images_and_fonts(page, timeout_ms=5000):
    """Load every image, lazy ones included, and the fonts; give up after `timeout_ms`."""
    page.wait_for_load_state("load")
    page.evaluate(
        """async (timeout) => {
            const images = [...document.images];
            for (const img of images) img.loading = 'eager';
            const loaded = (img) => img.complete ? null : new Promise((done) => {
                img.addEventListener('load', done, {once: true});
                img.addEventListener('error', done, {once: true});
            });
            await Promise.race([
                Promise.all([document.fonts.ready, ...images.map(loaded)]),
                new Promise((done) => setTimeout(done, timeout)),
            ]);
        }""",
        timeout_ms,
    )


@pytest.fixture
def admin_login(live_site):
    """admin_login(page) logs the tab in to the Wagtail admin (a superuser by default)."""

    def login(page, username=None, password=None):
        page.goto("/admin/login/")
        page.get_by_label("Username").fill(username or live_site.admin_username)
        page.get_by_label("Password").fill(password or live_site.admin_password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(lambda url: "/admin/login/" not in url)
        return page

    return login
