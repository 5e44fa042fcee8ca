"""The "Patient intake" group: the staff who may read, export and delete applications.

Permissions are normally created after migrations run, so the two this group needs are
made here (with the same codenames Django would give them) and kept if they exist.
"""

from django.db import migrations

GROUP = "Patient intake"
MODEL_PERMISSIONS = {
    "view_applicationsubmission": "Can view patient application",
    "delete_applicationsubmission": "Can delete patient application",
}


def create_intake_group(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")

    submission_type, _ = ContentType.objects.get_or_create(
        app_label="home", model="applicationsubmission"
    )
    permissions = [
        Permission.objects.get_or_create(
            content_type=submission_type, codename=codename, defaults={"name": name}
        )[0]
        for codename, name in MODEL_PERMISSIONS.items()
    ]
    admin_access = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    if admin_access is not None:
        permissions.append(admin_access)

    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(*permissions)


def remove_intake_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_application_form"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_intake_group, remove_intake_group)]
