#!/usr/bin/env python3
"""
How long the first reader of a freshly published routine waits, with and without the
worker making the page's renditions when it is published.

    make bench-first-view   (or: .venv/bin/python scripts/bench_first_view.py [--size 4000x3000])

It builds a throwaway site (temporary SQLite database and media folder, the demo
content), then twice: gives the demo routine and each of its exercises a new photo (a
camera-sized JPEG nobody has viewed), publishes them, empties every cache, and times the
first view of the routine. "before": nothing runs on publish, so the first view makes
the renditions (what every site did before the worker). "after": the publish queues the
worker's rendering, run here in this process (the immediate task backend) and timed on
its own, as the worker's share; the reader's first view then finds the renditions made.

Only this machine is used. Machines are shared and noisy: compare the two lines.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

MEASURE = r"""
import io, json, random, time
from django.conf import settings
from django.core.cache import caches
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from exercises.models import ExercisePage, RoutinePage
from siteops.warming import default_site, reader_client

WIDTH, HEIGHT = {width}, {height}


def camera_photo(label):
    # Smooth gradients with noise: about the bytes of a phone camera's JPEG.
    base = PILImage.linear_gradient("L").resize((WIDTH, HEIGHT)).convert("RGB")
    noise = PILImage.effect_noise((WIDTH, HEIGHT), 40).convert("RGB")
    image = PILImage.blend(base, noise, 0.35)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=92)
    size = buffer.tell()
    return get_image_model().objects.create(
        title=label, file=ImageFile(buffer, name=f"{{label}}.jpg")
    ), size


def new_photos_published(mode, render_on_publish):
    settings.WORKER_RENDER_ON_PUBLISH = render_on_publish
    routine = RoutinePage.objects.live().first().specific
    exercises = [ExercisePage.objects.get(pk=entry.exercise.pk) for entry in routine.exercises()]
    photo_bytes = 0
    started = time.perf_counter()
    for number, exercise in enumerate(exercises, start=1):
        photos = list(exercise.photos.all())
        photos[0].image, size = camera_photo(f"{{mode}}-exercise-{{number}}")
        photo_bytes += size
        exercise.photos = photos
        exercise.save_revision().publish()
    routine.hero_image, size = camera_photo(f"{{mode}}-routine-hero")
    photo_bytes += size
    routine.save_revision().publish()
    publishing = time.perf_counter() - started
    for alias in settings.CACHES:
        caches[alias].clear()
    client = reader_client(default_site())
    started = time.perf_counter()
    response = client.get(routine.get_url(), SERVER_NAME="localhost", secure=True)
    first_view = time.perf_counter() - started
    assert response.status_code == 200, response.status_code
    return {{
        "mode": mode,
        "photos": len(exercises) + 1,
        "photo_megabytes": round(photo_bytes / 1e6, 1),
        "publish_seconds": round(publishing, 2),
        "first_view_seconds": round(first_view, 2),
    }}


print(json.dumps([
    new_photos_published("before", render_on_publish=False),
    new_photos_published("after", render_on_publish=True),
]))
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="4000x3000", help="photo size, WIDTHxHEIGHT")
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.split("x"))
    with tempfile.TemporaryDirectory(prefix="clinic-first-view-") as workdir:
        env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
        env.update(
            DJANGO_SETTINGS_MODULE="clinic_site.settings.dev",
            DATABASE_URL=f"sqlite:///{workdir}/db.sqlite3",
            MEDIA_ROOT=f"{workdir}/media",
            LOCAL_DIR=f"{workdir}/local",
            PAGE_CACHE_VERSIONS_DIR=f"{workdir}/content-versions",
            SECRET_KEY="first-view-benchmark-only",
            APPLICATION_ENCRYPTION_KEY="first-view-benchmark-only-key",
            TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
            REDIS_URL="",
            LOG_LEVEL="WARNING",
        )

        def manage(*command):
            return subprocess.run(
                [sys.executable, "manage.py", *command],
                cwd=ROOT,
                env=env,
                check=True,
                capture_output=True,
                text=True,
            ).stdout

        print("Building a throwaway site with the demo content...", flush=True)
        manage("migrate", "--no-input", "-v0")
        manage("load_demo_content")
        code = MEASURE.format(width=width, height=height)
        rows = json.loads(manage("shell", "-v0", "-c", code).strip().splitlines()[-1])
    print()
    print(f"First view of the demo routine after new {width}x{height} photos were published")
    print(f"{'':8} {'photos':>6} {'MB':>6} {'publish s':>10} {'first view s':>13}")
    for row in rows:
        print(
            f"{row['mode']:8} {row['photos']:>6} {row['photo_megabytes']:>6}"
            f" {row['publish_seconds']:>10} {row['first_view_seconds']:>13}"
        )
    before, after = rows
    print()
    print(
        f"The reader's first view: {before['first_view_seconds']} s before, "
        f"{after['first_view_seconds']} s after "
        f"(the worker spent {after['publish_seconds'] - before['publish_seconds']:.2f} s more "
        "than a plain publish, off the reader's time)."
    )


if __name__ == "__main__":
    main()
