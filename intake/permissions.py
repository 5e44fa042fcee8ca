"""Who may read patient applications ("Patient intake", "Intake lead", superusers) and
who may delete them ("Intake lead", superusers).

Access rests on the model's view/delete permissions, which the groups hold (the staff
roles migrations, home/migrations/0005_staff_groups.py and
intake/migrations/0003_intake_lead_group.py, give them), so a superuser can also grant
them to another group. Anyone who holds VIEW_PERMISSION signs in with a second
factor (ADMIN_TWO_FACTOR_PERMISSIONS in the settings names it).
"""

INTAKE_GROUP = "Patient intake"
INTAKE_LEAD_GROUP = "Intake lead"
VIEW_PERMISSION = "intake.view_applicationsubmission"
DELETE_PERMISSION = "intake.delete_applicationsubmission"


def can_view_applications(user):
    return bool(user and user.is_active and user.has_perm(VIEW_PERMISSION))


def can_delete_applications(user):
    return bool(user and user.is_active and user.has_perm(DELETE_PERMISSION))
