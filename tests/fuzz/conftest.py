"""The count of examples the fuzz tests ran; they share the demo content (tests/conftest.py)."""

import pytest

from .support import TALLY


@pytest.fixture
def demo_content(demo_site):
    """The demo content, rendered once per run. Each test runs in its own transaction
    (pytest-django's `db`), so what one test stores (applications, rate counters) never
    reaches the next."""
    return demo_site


def pytest_terminal_summary(terminalreporter):
    tests = sorted({test for test, _ in TALLY})
    if not tests:
        return
    terminalreporter.section("fuzz examples")
    for test in tests:
        terminalreporter.write_line(
            f"{test}: {TALLY[test, 'examples']} examples, {TALLY[test, 'requests']} requests"
        )
    examples = sum(count for (_, kind), count in TALLY.items() if kind == "examples")
    requests = sum(count for (_, kind), count in TALLY.items() if kind == "requests")
    terminalreporter.write_line(f"total: {examples} examples, {requests} requests")
