from django.apps import AppConfig


class SiteOpsConfig(AppConfig):
    """How the site runs, knowing no content: caching, CSP, health, media, backups, the
    background worker."""

    name = "siteops"
    label = "siteops"
    verbose_name = "Site operations"

    def ready(self):
        # Wagtail's models and signals can be imported only once every app is loaded.
        from . import invalidation, tasks

        invalidation.connect_signals()
        tasks.connect_signals()
