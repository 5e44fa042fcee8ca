"""Who may read patient applications: the "Patient intake" group and superusers.

Access rests on the model's view/delete permissions, which the group holds (the staff
roles migration, home/migrations/0005_staff_groups.py, gives them), so a superuser can
also grant it to another group. Anyone who holds VIEW_PERMISSION signs in with a second
factor (ADMIN_TWO_FACTOR_PERMISSIONS in the settings names it).
"""

INTAKE_GROUP = "Patient intake"
VIEW_PERMISSION = "intake.view_applicationsubmission"
DELETE_PERMISSION = "intake.delete_applicationsubmission"


def can_view_applications(user):
    return bool(user and user.is_active and user.has_perm(VIEW_PERMISSION))


def can_delete_applications(user):
    return bool(user and user.is_active and user.has_perm(DELETE_PERMISSION))
