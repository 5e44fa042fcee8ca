from django.apps import AppConfig


class SiteOpsConfig(AppConfig):
    """How the site runs, knowing no content: caching, CSP, health, media, backups."""

    name = "siteops"
    label = "siteops"
    verbose_name = "Site operations"

    def ready(self):
        # Wagtail's models and signals can be imported only once every app is loaded.
        from .cache_generation import connect_signals

        connect_signals()
