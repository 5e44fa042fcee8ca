"""Who may read patient applications: the "Patient intake" group and superusers.

Access rests on the model's view/delete permissions, which the group holds (see the
migration that creates it), so a superuser can also grant it to another group.
"""

INTAKE_GROUP = "Patient intake"
VIEW_PERMISSION = "home.view_applicationsubmission"
DELETE_PERMISSION = "home.delete_applicationsubmission"


def can_view_applications(user):
    return bool(user and user.is_active and user.has_perm(VIEW_PERMISSION))


def can_delete_applications(user):
    return bool(user and user.is_active and user.has_perm(DELETE_PERMISSION))
