from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The clinic's own pages: home and standard pages, clinic settings, navigation."""

    name = "home"
    label = "home"
    verbose_name = "Clinic website"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The lists query pages, so they are registered once the models are loaded.
        from . import shared_lists

        shared_lists.register()
