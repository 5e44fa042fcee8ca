"""
Deleting applications becomes its own role: "Patient intake" reads them only, as the
staff guide says, and a new "Intake lead" group reads and deletes them. A superuser
puts the one or two people who clear out applications in it.

Running it again changes nothing; the reverse gives the delete permission back to
Patient intake and removes Intake lead.
"""

from django.db import migrations

INTAKE_GROUP = "Patient intake"
LEAD_GROUP = "Intake lead"
PERMISSIONS = {
    "view_applicationsubmission": "Can view patient application",
    "delete_applicationsubmission": "Can delete patient application",
}


def permission(apps, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="intake", model="applicationsubmission"
    )
    # By id: going backwards, the state's Permission may not know this ContentType class.
    return Permission.objects.get_or_create(
        content_type_id=content_type.pk,
        codename=codename,
        defaults={"name": PERMISSIONS[codename]},
    )[0]


def admin_access(apps):
    return apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )


def split_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    view = permission(apps, "view_applicationsubmission")
    delete = permission(apps, "delete_applicationsubmission")
    intake, _ = Group.objects.get_or_create(name=INTAKE_GROUP)
    intake.permissions.remove(delete)
    lead, _ = Group.objects.get_or_create(name=LEAD_GROUP)
    lead.permissions.add(view, delete, *admin_access(apps))


def join_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name=LEAD_GROUP).delete()
    intake = Group.objects.filter(name=INTAKE_GROUP).first()
    if intake is not None:
        intake.permissions.add(permission(apps, "delete_applicationsubmission"))


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0002_move_content_types"),
        ("wagtailadmin", "0003_admin_managed"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(split_roles, join_roles)]
