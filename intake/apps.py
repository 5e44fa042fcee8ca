from django.apps import AppConfig
from django.db.models.signals import post_migrate

from . import checks


class IntakeConfig(AppConfig):
    """The New Patient Application, its privacy, and who may read it."""

    name = "intake"
    label = "intake"
    verbose_name = "New Patient Applications"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        checks.register()
        # The models can be imported only once every app is loaded.
        from .reindex import index_applications_stored_before_the_worklist

        post_migrate.connect(index_applications_stored_before_the_worklist, sender=self)
