from django.apps import AppConfig


class StaffConfig(AppConfig):
    """Staff sign-in: throttled passwords, two-factor codes, the admin account."""

    name = "staff"
    label = "staff"
    verbose_name = "Staff sign-in"
