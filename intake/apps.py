from django.apps import AppConfig


class IntakeConfig(AppConfig):
    """The New Patient Application, its privacy, and who may read it."""

    name = "intake"
    label = "intake"
    verbose_name = "New Patient Applications"
    default_auto_field = "django.db.models.BigAutoField"
