from django.apps import AppConfig


class SiteOpsConfig(AppConfig):
    """How the site runs, knowing no content: caching, CSP, health, media, backups, the
    background worker."""

    name = "siteops"
    label = "siteops"
    verbose_name = "Site operations"

    def ready(self):
        # Wagtail's models and signals can be imported only once every app is loaded.
        from . import checks, database_files, invalidation, tasks  # noqa: F401 (checks registers)

        invalidation.connect_signals()
        database_files.connect_signals()
        tasks.connect_signals()
