"""Run in a subprocess by test_plugin_standalone.py with the plugin-only settings."""

import datetime
import sys

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from wagtail.models import Page, Site  # noqa: E402

from exercises.models import (  # noqa: E402
    ExerciseIndexPage,
    ExercisePage,
    RoutineIndexPage,
    RoutinePage,
)

call_command("migrate", verbosity=0)
call_command("makemigrations", "exercises", "--check", "--dry-run", verbosity=0)

root = Page.get_first_root_node()
Site.objects.update_or_create(
    is_default_site=True, defaults={"hostname": "testserver", "root_page": root}
)
library = root.add_child(instance=ExerciseIndexPage(title="Library", slug="library"))
articles = root.add_child(instance=RoutineIndexPage(title="Articles", slug="articles"))
bridge = library.add_child(
    instance=ExercisePage(
        title="Bridge",
        slug="bridge",
        reps_min=10,
        sets_min=2,
        steps=[("step", {"text": "<p>Lift your hips.</p>"})],
    )
)
library.add_child(
    instance=ExercisePage(title="Clam", slug="clam", steps=[("step", {"text": "<p>Open.</p>"})])
)
routine = articles.add_child(
    instance=RoutinePage(
        title="Hip routine",
        slug="hip-routine",
        last_reviewed=datetime.date(2025, 1, 2),
        body=[("exercise", {"exercise": bridge, "dose": {}, "note": ""})],
    )
)

client = Client()
checks = {
    "/articles/hip-routine/": ["1.</span> Bridge", "2 sets × 10 repetitions", "Lift your hips."],
    "/library/bridge/": ["Hip routine"],
    "/library/": ["Bridge", "Page 1 of 2"],
}
for url, expected in checks.items():
    response = client.get(url)
    html = response.content.decode()
    if response.status_code != 200 or not all(text in html for text in expected):
        print(f"FAIL {url} {response.status_code}: {html[:2000]}")
        sys.exit(1)
print("plugin-only site OK")
