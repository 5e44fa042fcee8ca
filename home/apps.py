from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The clinic's own pages: home and standard pages, clinic settings, navigation."""

    name = "home"
    label = "home"
    verbose_name = "Clinic website"
    default_auto_field = "django.db.models.BigAutoField"
