from django.apps import AppConfig

from . import checks


class IntakeConfig(AppConfig):
    """The New Patient Application, its privacy, and who may read it."""

    name = "intake"
    label = "intake"
    verbose_name = "New Patient Applications"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        checks.register()
