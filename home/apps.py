from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    label = "home"
    verbose_name = "Clinic website"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .page_cache import connect_signals

        connect_signals()
