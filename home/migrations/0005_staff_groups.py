"""The clinic's three staff groups, each with what its work needs and nothing that contradicts it.

- Editors write: add and edit pages (exercises and routines included) without publishing
  them, add and choose images and documents (editing only their own uploads), add and
  edit equipment and calls to action.
- Moderators publish: everything editors do, plus publish, unpublish and lock pages, edit
  or delete any image or document, delete snippets and change the clinic's settings.
- Patient intake reads applications (intake/permissions.py) and nothing else; deleting
  them is the "Intake lead" group's (intake/migrations/0003_intake_lead_group.py).

Wagtail's own migrations create Editors and Moderators with page, image and document
permissions on the root page and root collection; 0003 creates Patient intake. This
migration adds what they lack and removes what a group must not hold: publishing for
editors, editing other people's images for editors (a changed or deleted image shows on
live pages at once, with no moderation), applications and staff accounts for both, and
the document chooser Wagtail grants every admin group, which Patient intake holds or not
depending on the order the migrations happened to run in.

Running it again changes nothing. The reverse is a no-op: what it granted cannot be told
apart from what a superuser granted by hand, so nothing is taken back.
"""

from django.db import migrations

ADMIN = ["wagtailadmin.access_admin"]
WRITE_PAGES = ["wagtailcore.add_page", "wagtailcore.change_page"]
PUBLISH_PAGES = ["wagtailcore.publish_page", "wagtailcore.lock_page", "wagtailcore.unlock_page"]
# Deleting a page together with everything below it; no group has it, superusers do.
BULK_DELETE_PAGES = ["wagtailcore.bulk_delete_page"]
ADD_MEDIA = [
    "wagtailimages.add_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.choose_document",
]
# Wagtail lets "change" on a collection edit and delete anyone's image or document there;
# with "add" alone a user edits and deletes only their own uploads.
CHANGE_MEDIA = ["wagtailimages.change_image", "wagtaildocs.change_document"]
DELETE_MEDIA = ["wagtailimages.delete_image", "wagtaildocs.delete_document"]
WRITE_SNIPPETS = [
    "exercises.add_equipment",
    "exercises.change_equipment",
    "exercises.add_calltoaction",
    "exercises.change_calltoaction",
]
DELETE_SNIPPETS = ["exercises.delete_equipment", "exercises.delete_calltoaction"]
CLINIC_SETTINGS = ["home.change_clinicsettings"]
# "applications." is the app that holds ApplicationSubmission: `home` when this first ran,
# `intake` since intake 0001, so the roles can be applied again on either side of the move.
VIEW_APPLICATIONS = ["applications.view_applicationsubmission"]
DELETE_APPLICATIONS = ["applications.delete_applicationsubmission"]
APPLICATIONS = VIEW_APPLICATIONS + DELETE_APPLICATIONS
STAFF_ACCOUNTS = [
    f"auth.{action}_{model}"
    for action in ("add", "change", "delete", "view")
    for model in ("user", "group")
]

# "global" is held on the group itself; "root_page" and "root_collection" reach every
# page and every image/document below them. "withheld" is removed from all three.
ROLES = {
    "Editors": {
        "global": ADMIN + WRITE_SNIPPETS,
        "root_page": WRITE_PAGES,
        "root_collection": ADD_MEDIA,
        "withheld": PUBLISH_PAGES
        + BULK_DELETE_PAGES
        + CHANGE_MEDIA
        + DELETE_MEDIA
        + DELETE_SNIPPETS
        + CLINIC_SETTINGS
        + APPLICATIONS
        + STAFF_ACCOUNTS,
    },
    "Moderators": {
        "global": ADMIN + WRITE_SNIPPETS + DELETE_SNIPPETS + CLINIC_SETTINGS,
        "root_page": WRITE_PAGES + PUBLISH_PAGES,
        "root_collection": ADD_MEDIA + CHANGE_MEDIA,
        "withheld": APPLICATIONS + STAFF_ACCOUNTS,
    },
    "Patient intake": {
        "global": ADMIN + VIEW_APPLICATIONS,
        "root_page": [],
        "root_collection": [],
        "withheld": DELETE_APPLICATIONS
        + WRITE_PAGES
        + PUBLISH_PAGES
        + BULK_DELETE_PAGES
        + ADD_MEDIA
        + CHANGE_MEDIA
        + DELETE_MEDIA
        + WRITE_SNIPPETS
        + DELETE_SNIPPETS
        + CLINIC_SETTINGS
        + STAFF_ACCOUNTS,
    },
}


def split_key(apps, key):
    app_label, codename = key.split(".")
    if app_label == "applications":
        try:
            apps.get_model("intake", "ApplicationSubmission")
            app_label = "intake"
        except LookupError:
            app_label = "home"
    return app_label, codename


def get_or_create_permission(apps, key):
    """The permission "app_label.action_model", made as Django would if it is not there yet.

    Django creates permissions after all migrations have run, so on a fresh database
    those of this project's models do not exist yet.
    """
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    app_label, codename = split_key(apps, key)
    action, model_name = codename.split("_", 1)
    model = apps.get_model(app_label, model_name)
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model_name)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": f"Can {action} {model._meta.verbose_name_raw}"},
    )
    return permission


def existing_permissions(apps, keys):
    Permission = apps.get_model("auth", "Permission")
    by_app = {}
    for key in keys:
        app_label, codename = split_key(apps, key)
        by_app.setdefault(app_label, []).append(codename)
    found = Permission.objects.none()
    for app_label, codenames in by_app.items():
        found |= Permission.objects.filter(
            content_type__app_label=app_label, codename__in=codenames
        )
    return list(found)


def apply_staff_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root_page = Page.objects.filter(depth=1).order_by("path").first()
    root_collection = Collection.objects.filter(depth=1).order_by("path").first()

    for name, role in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)

        withheld = existing_permissions(apps, role["withheld"])
        group.permissions.remove(*withheld)
        GroupPagePermission.objects.filter(group=group, permission__in=withheld).delete()
        GroupCollectionPermission.objects.filter(group=group, permission__in=withheld).delete()

        group.permissions.add(*(get_or_create_permission(apps, key) for key in role["global"]))
        for key in role["root_page"]:
            GroupPagePermission.objects.get_or_create(
                group=group, page=root_page, permission=get_or_create_permission(apps, key)
            )
        for key in role["root_collection"]:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=root_collection,
                permission=get_or_create_permission(apps, key),
            )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0004_home_call_to_action"),
        ("exercises", "0002_calls_to_action"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0003_admin_managed"),
        # Page permissions as auth permissions, and the default groups and workflow.
        ("wagtailcore", "0090_remove_grouppagepermission_permission_type"),
        # These grant choosing to every admin group; running after them keeps it withheld.
        ("wagtailimages", "0023_add_choose_permissions"),
        ("wagtaildocs", "0011_add_choose_permissions"),
    ]

    operations = [migrations.RunPython(apply_staff_roles, migrations.RunPython.noop)]
