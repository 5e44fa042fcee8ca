"""
The content types of the application's models move from `home` to `intake`.

Each page, revision, log entry and permission points at its content type's row, so
renaming the rows moves them all: the application form page stays the same page, and
the "Patient intake" group keeps the permissions to read and delete applications (now
`intake.view_applicationsubmission` and `intake.delete_applicationsubmission`).
"""

from django.db import migrations

MODELS = ["applicationformpage", "applicationformfield", "applicationsubmission", "applicationratecounter"]


def move_content_types(apps, from_label, to_label):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        old = ContentType.objects.filter(app_label=from_label, model=model).first()
        if old is None:
            continue
        # A row under the new label can only be one Django made after an interrupted
        # migration, before anything pointed at it: the old row, which things do point
        # at, takes its place.
        ContentType.objects.filter(app_label=to_label, model=model).delete()
        old.app_label = to_label
        old.save(update_fields=["app_label"])
    ContentType.objects.clear_cache()


def forwards(apps, schema_editor):
    move_content_types(apps, "home", "intake")


def backwards(apps, schema_editor):
    move_content_types(apps, "intake", "home")


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0001_initial"),
        ("home", "0006_applications_moved_to_intake"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
