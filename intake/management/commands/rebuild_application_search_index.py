"""Rebuild the worklist's search index and urgent flags from the stored applications."""

from django.core.management.base import BaseCommand

from intake.reindex import reindex_applications


class Command(BaseCommand):
    help = (
        "Index the names, phone numbers and emails of every New Patient Application again "
        "for the worklist's search, under the first APPLICATION_ENCRYPTION_KEY, and set "
        "each one's urgent flag from its warning signs. rotate_application_key runs it."
    )

    def handle(self, *args, **options):
        count = reindex_applications()
        self.stdout.write(f"Indexed {count} application(s) for the worklist's search.")
