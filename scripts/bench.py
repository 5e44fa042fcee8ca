#!/usr/bin/env python3
"""
Benchmark the production-like server on loopback and print the figures in one run.

    make bench        (or: .venv/bin/python scripts/bench.py [--seconds 10] [--workers N]
                       [--connections N]; by default 2 workers and 8 connections, as the
                       figures the targets were set from were measured)

It builds a throwaway site (temporary SQLite database and media folder, the demo
content, collected static files, renditions made in advance), starts gunicorn with the
`make serve` settings on 127.0.0.1, warms it, then measures with wrk (Debian's package,
installed when missing), each run bounded in time:

- requests/second and p50/p99 latency of the routine, an exercise, the home page and a
  static CSS file through the same gunicorn (the ceiling), each as a ratio to the CSS;
- the same for the routine with the page cache off (a second gunicorn: editors and
  visitors with a session are served this way, reusing the routine's cached fragments,
  its route and page, and the header and footer), with the fragment caches off as well
  (a third), and "cold": the third server while the site's content version changes
  every 2 ms, so routes, settings, menus and fragments are never current (a first view
  after a publish, as bakerydemo without a cache), and a standard page the same way: what
  any page costs cold before its body, the floor under the routine's figure;
- database queries per view of a routine with 5 and with 50 exercises, with its
  fragments cached and without;
- with 5, 50 and 500 routines, how many pages one exercise edit makes stale;
- bytes a phone 375 px wide downloads on a first view of the routine.

Only loopback is ever contacted. Machines are shared and noisy: compare the ratios.
"""

import argparse
import gzip
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from contextlib import nullcontext
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
ROUTINE = "/articles/5-exercises-for-sciatica-from-lumbar-spinal-stenosis/"
EXERCISE = "/exercises/modified-lunge-with-chair-support/"
# A standard page (a heading, a few paragraphs): what every page costs before its body.
STANDARD = "/about/"

TARGETS = {
    "cached routine / static": 0.5,
    "uncached routine / static": 0.12,
    "no caches / static": 0.03,
    "max queries": 10,
    "first view bytes": 150 * 1024,
}


class Publisher:
    """While running, changes the SITE content version every few milliseconds, as if
    something shown on every page were published before each request: nothing kept
    under a version (routes, settings, menus, fragments) is ever current, as in a site
    with no cache at all (bakerydemo's recipe page)."""

    def __init__(self, versions_dir):
        self.path = Path(versions_dir) / "site"
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.touch()
        while not self.stopped.wait(0.002):
            now = time.time_ns()
            os.utime(self.path, ns=(now, now))

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stopped.set()
        self.thread.join()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def ensure_wrk():
    if shutil.which("wrk"):
        return shutil.which("wrk")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    print("Installing wrk from Debian's packages...", flush=True)
    subprocess.run([*sudo, "apt-get", "update", "-qq"], check=True)
    subprocess.run(
        [*sudo, "apt-get", "install", "-y", "-qq", "wrk"],
        check=True,
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
    )
    return shutil.which("wrk")


def site_env(workdir):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "DEBUG")}
    env.update(
        DJANGO_SETTINGS_MODULE="clinic_site.settings.production",
        SECRET_KEY="bench-" + "x" * 50,
        APPLICATION_ENCRYPTION_KEY="yBDeHnAs-PV86MjdfQ1UHKLz9aHqJgg81yOL23pn6ZM",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        SECURE_COOKIES="0",
        SECURE_HSTS_SECONDS="0",
        SERVE_MEDIA="1",
        DATABASE_URL=f"sqlite:///{workdir}/bench.sqlite3",
        MEDIA_ROOT=str(workdir / "media"),
        PAGE_CACHE_VERSIONS_DIR=str(workdir / "content-versions"),
        LOG_LEVEL="WARNING",
    )
    return env


def run_site_script(env, script, doing):
    """Run `script` in the throwaway site with the page cache off; its last line of
    output, as JSON."""
    done = subprocess.run(
        [PYTHON, "-c", script],
        cwd=ROOT,
        env={**env, "PAGE_CACHE_ENABLED": "0"},
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise SystemExit(f"{doing} failed:\n" + done.stderr[-3000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def manage(env, *args):
    subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


class Server:
    def __init__(self, env, workers, page_cache=True, fragment_cache=True):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {
            **env,
            "PAGE_CACHE_ENABLED": "1" if page_cache else "0",
            "FRAGMENT_CACHE": "1" if fragment_cache else "0",
        }
        self.process = subprocess.Popen(
            [
                GUNICORN,
                "clinic_site.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/", timeout=5):
                    return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise SystemExit("gunicorn did not start")

    def get(self, path, headers=None):
        request = urllib.request.Request(self.url + path, headers=headers or {})
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.read(), response.headers

    def stop(self):
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=15)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(self.process.pid, signal.SIGKILL)


def wrk(binary, url, seconds, connections):
    result = subprocess.run(
        [
            binary,
            "-t",
            "2",
            "-c",
            str(connections),
            "-d",
            f"{seconds}s",
            "--latency",
            "--timeout",
            "10s",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=seconds + 30,
        check=True,
    )
    out = result.stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def percentile(name):
        match = re.search(rf"^\s+{name}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        value, unit = float(match.group(1)), match.group(2)
        return value * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": rps,
        "p50": percentile("50"),
        "p99": percentile("99"),
        "non2xx": int(errors.group(1)) if errors else 0,
    }


QUERY_COUNT_SCRIPT = r"""
import datetime, json
import django
django.setup()
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from exercises.models import ExercisePage, RoutineIndexPage, RoutinePage

library_exercises = list(ExercisePage.objects.live().order_by("path"))
library = library_exercises[0].get_parent()
articles = RoutineIndexPage.objects.first()
while ExercisePage.objects.count() < 50:
    source = library_exercises[ExercisePage.objects.count() % len(library_exercises)]
    n = ExercisePage.objects.count() + 1
    names = {"title": f"{source.title} ({n})", "slug": f"{source.slug}-{n}"}
    source.copy(to=library, update_attrs=names, keep_live=True)
exercises = list(ExercisePage.objects.live().order_by("path"))
counts = {}
client = Client(HTTP_HOST="localhost")
for size in (5, 50):
    slug = f"bench-routine-{size}"
    routine = RoutinePage.objects.filter(slug=slug).first()
    if routine is None:
        body = [("exercise", {"exercise": e, "dose": {}, "note": ""}) for e in exercises[:size]]
        routine = RoutinePage(title=f"Bench routine {size}", slug=slug, body=body,
                              last_reviewed=datetime.date(2025, 5, 27))
        articles.add_child(instance=routine)
        routine.save_revision().publish()
    url = routine.url
    client.get(url)  # renditions
    for fragments in ("warm", "off"):
        settings.EXERCISES_CONTENT_VERSION = (
            "siteops.content_versions.of_page" if fragments == "warm" else None
        )
        for alias in ("default", "pages"):
            caches[alias].clear()
        client.get(url)  # per-process caches (site root paths, renditions), fragments, menus
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, HTTP_COOKIE="")
        assert response.status_code == 200, response.status_code
        counts[f"{fragments} {size}"] = len(queries)
print(json.dumps(counts))
"""


# With 5, 50 and 500 routines: how many pages one exercise edit makes stale. The edited
# exercise is used by one routine; the others show the demo's exercises. The reference
# index, which the worker keeps up to date in a running site, is brought up to date here
# as each page is made: without it no routine would be found showing the exercise.
GROWTH_SCRIPT = r"""
import json
import django
django.setup()
from wagtail.models import Page, ReferenceIndex
from exercises.models import ExercisePage, RoutinePage
from siteops import invalidation

def indexed(page):
    ReferenceIndex.create_or_update_for_object(page.specific)
    return page

for page in Page.objects.live().specific():
    indexed(page)

demo = RoutinePage.objects.live().first()
library = ExercisePage.objects.live().first().get_parent()
source = ExercisePage.objects.live().first()
edited = indexed(source.copy(
    to=library, update_attrs={"title": "Growth exercise", "slug": "growth-exercise"},
    keep_live=True,
))
own = demo.copy(
    to=demo.get_parent(), update_attrs={"title": "Growth routine", "slug": "growth-routine"},
    keep_live=True,
)
own = own.specific
own.body = [("exercise", {"exercise": edited, "dose": {}, "note": ""})]
own.save_revision().publish()
indexed(own)
figures = {}
for size in (5, 50, 500):
    while RoutinePage.objects.live().count() < size:
        n = RoutinePage.objects.count() + 1
        indexed(demo.copy(
            to=demo.get_parent(),
            update_attrs={"title": f"{demo.title} ({n})", "slug": f"{demo.slug}-{n}"},
            keep_live=True,
        ))
    forgotten = invalidation.page_changed(instance=ExercisePage.objects.get(pk=edited.pk))
    stale = [name.removeprefix("page-") for name in forgotten if name.startswith("page-")]
    figures[size] = {
        "live pages": Page.objects.live().count(),
        "forgotten": sorted(Page.objects.filter(pk__in=stale).values_list("title", flat=True)),
        "everything": "site" in forgotten,
    }
print(json.dumps(figures))
"""


class PictureParser(HTMLParser):
    """Collects <picture> sources and <img>s and linked stylesheets."""

    def __init__(self):
        super().__init__()
        self.pictures, self.stylesheets, self._current = [], [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "picture":
            self._current = {"sources": []}
        elif tag == "source" and self._current is not None:
            self._current["sources"].append(attrs)
        elif tag == "img":
            image = {"img": attrs, "sources": self._current["sources"] if self._current else []}
            self.pictures.append(image)
        elif tag == "link" and attrs.get("rel") == "stylesheet" and attrs.get("media") != "print":
            self.stylesheets.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "picture":
            self._current = None


def slot_width(sizes, viewport):
    """The CSS px width `sizes` gives at this viewport width (rem = 16 px, em = 16 px)."""
    for part in (sizes or "100vw").split(","):
        part = part.strip()
        match = re.match(r"\(min-width:\s*([\d.]+)(em|rem|px)\)\s*(.+)", part)
        if match:
            minimum = float(match.group(1)) * (1 if match.group(2) == "px" else 16)
            if viewport < minimum:
                continue
            part = match.group(3)
        value = re.match(r"([\d.]+)(vw|rem|em|px)", part)
        if value is None:
            # min(), calc(): the widest it can be, so the bytes are never under-counted.
            return viewport
        number, unit = float(value.group(1)), value.group(2)
        return {"vw": viewport * number / 100, "px": number}.get(unit, number * 16)
    return viewport


def pick(srcset, needed):
    candidates = []
    for item in srcset.split(","):
        url, _, width = item.strip().rpartition(" ")
        candidates.append((int(width.rstrip("w")), url))
    candidates.sort()
    for width, url in candidates:
        if width >= needed:
            return url
    return candidates[-1][1]


def first_view_bytes(server, viewport=375, dpr=2):
    html, headers = server.get(ROUTINE, {"Accept-Encoding": "identity"})
    parser = PictureParser()
    parser.feed(html.decode())
    css = 0
    for href in parser.stylesheets:
        body, _ = server.get(href, {"Accept-Encoding": "gzip"})
        css += len(body)
    eager, lazy = 0, 0
    for picture in parser.pictures:
        img = picture["img"]
        sources = [s for s in picture["sources"] if s.get("type") == "image/avif"]
        srcset = sources[0]["srcset"] if sources else img.get("srcset", img["src"] + " 1w")
        sizes = (sources[0].get("sizes") if sources else img.get("sizes")) or "100vw"
        url = pick(srcset, slot_width(sizes, viewport) * dpr)
        size = len(server.get(url)[0])
        if img.get("loading") == "lazy":
            lazy += size
        else:
            eager += size
    return {
        "html": len(html),
        "html_gzip": len(gzip.compress(html)),
        "css": css,
        "images_eager": eager,
        "images_lazy_all": lazy,
        "first_view": len(gzip.compress(html)) + css + eager,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10, help="per measured URL")
    # As the figures the targets were set from were measured: 2 workers, 8 connections.
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    wrk_binary = ensure_wrk()
    workdir = Path(tempfile.mkdtemp(prefix="clinic-bench-"))
    env = site_env(workdir)
    print(f"Preparing a throwaway site in {workdir} ...", flush=True)
    for command in (
        ["migrate", "--no-input", "-v0"],
        ["load_demo_content"],
        ["collectstatic", "--no-input", "-v0"],
        ["warm_site"],
    ):
        manage(env, *command)
    queries = run_site_script(env, QUERY_COUNT_SCRIPT, "Counting queries")
    growth = run_site_script(env, GROWTH_SCRIPT, "Growing the site")

    server = Server(env, args.workers, page_cache=True)
    try:
        html, _ = server.get("/")
        css_path = re.search(r'href="(/static/css/site\.[0-9a-f]+\.css)"', html.decode()).group(1)
        targets = {
            "static CSS": css_path,
            "routine (cached)": ROUTINE,
            "exercise (cached)": EXERCISE,
            "home (cached)": "/",
        }
        for path in targets.values():  # warm every worker
            for _ in range(args.workers * 4):
                server.get(path)
        results = {}
        for name, path in targets.items():
            results[name] = wrk(wrk_binary, server.url + path, args.seconds, args.connections)
        sizes = first_view_bytes(server)
    finally:
        server.stop()

    for fragment_cache, cold, paths in (
        (True, False, {"routine (no page cache)": ROUTINE}),
        (False, False, {"routine (no fragments)": ROUTINE}),
        (False, True, {"routine (cold: no caches)": ROUTINE, "standard page (cold)": STANDARD}),
    ):
        uncached = Server(env, args.workers, page_cache=False, fragment_cache=fragment_cache)
        try:
            for path in paths.values():
                for _ in range(args.workers * 2):
                    uncached.get(path)
            for label, path in paths.items():
                with Publisher(env["PAGE_CACHE_VERSIONS_DIR"]) if cold else nullcontext():
                    results[label] = wrk(
                        wrk_binary, uncached.url + path, args.seconds, args.connections
                    )
        finally:
            uncached.stop()
    shutil.rmtree(workdir, ignore_errors=True)

    ceiling = results["static CSS"]["rps"]
    print(
        f"\ngunicorn workers: {args.workers}, wrk: 2 threads, {args.connections} connections, "
        f"{args.seconds} s per URL, loopback\n"
    )
    print(f"{'URL':28} {'req/s':>9} {'x static':>9} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8}")
    for name, r in results.items():
        print(
            f"{name:28} {r['rps']:9.0f} {r['rps'] / ceiling:9.3f} {r['p50']:8.1f} "
            f"{r['p99']:8.1f} {r['non2xx']:8d}"
        )
    print(
        "\nDatabase queries per routine view, page cache off (routes, settings and menus "
        "kept; target <= 10 and equal for 5 and 50):"
    )
    print(f"  fragments warm: 5 exercises {queries['warm 5']}, 50 exercises {queries['warm 50']}")
    print(f"  fragments off:  5 exercises {queries['off 5']}, 50 exercises {queries['off 50']}")
    print("\nPages made stale by editing one exercise that one routine shows:")
    print(f"  {'routines':>8} {'live pages':>11} {'stale':>6}  which")
    for size, figure in growth.items():
        stale = len(figure["forgotten"])
        which = "every page" if figure["everything"] else ", ".join(figure["forgotten"])
        print(f"  {size:>8} {figure['live pages']:>11} {stale:>6}  {which}")
    print("\nFirst view of the routine on a 375 px phone (DPR 2, AVIF):")
    for key, label in [
        ("html", "HTML"),
        ("html_gzip", "HTML gzipped"),
        ("css", "CSS (as sent)"),
        ("images_eager", "images above the fold (eager)"),
        ("images_lazy_all", "lazy images, if all scrolled into view"),
        ("first_view", "first view total (gzip HTML + CSS + eager images)"),
    ]:
        print(f"  {label:52} {sizes[key] / 1024:8.1f} KB")

    cached_ratio = results["routine (cached)"]["rps"] / ceiling
    uncached_ratio = results["routine (no page cache)"]["rps"] / ceiling
    cold_ratio = results["routine (cold: no caches)"]["rps"] / ceiling
    checks = [
        (
            "cached routine >= 0.5 x static",
            cached_ratio >= TARGETS["cached routine / static"],
            f"{cached_ratio:.2f}",
        ),
        (
            "uncached routine >= 0.12 x static",
            uncached_ratio >= TARGETS["uncached routine / static"],
            f"{uncached_ratio:.2f}",
        ),
        (
            "cold routine (no caches) >= 0.03 x static",
            cold_ratio >= TARGETS["no caches / static"],
            f"{cold_ratio:.3f}",
        ),
        (
            "queries equal for 5 and 50 (fragments warm; off)",
            queries["warm 5"] == queries["warm 50"] and queries["off 5"] == queries["off 50"],
            f"{queries['warm 5']} / {queries['warm 50']}; {queries['off 5']} / {queries['off 50']}",
        ),
        (
            "queries <= 10 (fragments off: the first view after a publish)",
            max(queries["warm 50"], queries["off 50"]) <= TARGETS["max queries"],
            f"{queries['warm 50']}; {queries['off 50']}",
        ),
        (
            "one exercise edit in a site of 500 routines makes <= 5 pages stale",
            not growth["500"]["everything"] and len(growth["500"]["forgotten"]) <= 5,
            str(len(growth["500"]["forgotten"])),
        ),
        (
            "first view <= 150 KB",
            sizes["first_view"] <= TARGETS["first view bytes"],
            f"{sizes['first_view'] / 1024:.1f} KB",
        ),
    ]
    print("\nTargets:")
    for label, met, value in checks:
        print(f"  [{'met' if met else 'NOT met'}] {label}: {value}")


if __name__ == "__main__":
    sys.exit(main())
