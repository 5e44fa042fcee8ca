"""The fuzz tests' settings profile, their one way to send a request, and its checks.

FUZZ_EXAMPLES   examples per test (default 60, quick enough for every test run;
                `make fuzz` runs 10,000)
FUZZ_RANDOM=1   a new random run instead of the same examples every time; a failure
                then prints the seed that reproduces it
"""

import functools
import os
from collections import Counter

from hypothesis import HealthCheck, event, given, settings

from .strategies import RAW_MARKER

settings.register_profile(
    "fuzz",
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "60")),
    # The machine is shared: a slow example is not a failure.
    deadline=None,
    derandomize=os.environ.get("FUZZ_RANDOM") != "1",
    database=None,  # no .hypothesis/ folder in the work tree
    print_blob=True,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,  # the client and the database are meant to be shared
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)

# (test name, "examples" or "requests") -> count, reported at the end of the run.
TALLY = Counter()


def current_test():
    return os.environ.get("PYTEST_CURRENT_TEST", "?").split(" ")[0].rpartition("::")[2]


def fuzz(**strategies):
    """@given with the fuzz profile, counting the examples each test runs."""

    def decorate(test):
        @functools.wraps(test)
        def counted(*args, **kwargs):
            TALLY[current_test(), "examples"] += 1
            return test(*args, **kwargs)

        return settings(settings.get_profile("fuzz"))(given(**strategies)(counted))

    return decorate


def fetch(client, method, url, data=None, **headers):
    """Send one request and check what any response must satisfy: no server error, and
    nothing the fuzzer sent echoed unescaped into HTML."""
    TALLY[current_test(), "requests"] += 1
    response = getattr(client, method)(url, data, **headers)
    event(f"{method.upper()} answered {response.status_code}")  # --hypothesis-show-statistics
    assert response.status_code < 500, f"{method.upper()} {url!r} answered {response.status_code}"
    assert_nothing_echoed_raw(response, f"{method.upper()} {url!r}")
    return response


def body_text(response):
    if response.streaming:
        try:
            return b"".join(response.streaming_content).decode("utf-8", "replace")
        finally:
            response.close()
    return response.content.decode("utf-8", "replace")


def assert_nothing_echoed_raw(response, what):
    if not response.get("Content-Type", "").startswith("text/html"):
        body_text(response)  # read and close a file response all the same
        return
    body = body_text(response)
    match = RAW_MARKER.search(body)
    if match:
        around = body[max(0, match.start() - 80) : match.end() + 80]
        raise AssertionError(f"{what} echoed fuzz text unescaped: ...{around}...")
