"""Delete patient applications older than the retention period; safe to run from cron."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from intake import audit, held_uploads
from intake.models import ApplicationFormPage, ApplicationSubmission


class Command(BaseCommand):
    help = (
        "Delete New Patient Applications older than APPLICATION_RETENTION_DAYS (or --days). "
        "Reports how many it removed and records it in each form page's audit log. "
        "Running it again deletes nothing more, so it is safe to run daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, help="Keep applications this many days.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would go; delete nothing."
        )

    def handle(self, *args, days=None, dry_run=False, **options):
        days = settings.APPLICATION_RETENTION_DAYS if days is None else days
        if days < 1:
            raise CommandError("The retention must be at least one day.")
        cutoff = timezone.now() - datetime.timedelta(days=days)
        total = 0
        for page in ApplicationFormPage.objects.all():
            old = ApplicationSubmission.objects.filter(page=page, submit_time__lt=cutoff)
            if dry_run:
                total += old.count()
                continue
            with transaction.atomic():
                # Their notes and search index go with them; only applications are counted.
                _, deleted = old.delete()
                count = deleted.get(ApplicationSubmission._meta.label, 0)
                if count:
                    audit.record(page, audit.PURGED, count=count, retention_days=days)
            total += count
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(f"{verb} {total} patient application(s) older than {days} days.")
        if not dry_run:
            held = held_uploads.purge_expired()
            self.stdout.write(f"Deleted {held} file(s) kept for forms never sent.")
