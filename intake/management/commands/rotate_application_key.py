"""Re-encrypt every stored application under the first APPLICATION_ENCRYPTION_KEY."""

from django.core.management.base import BaseCommand, CommandError

from intake import key_rotation
from intake.reindex import reindex_applications


class Command(BaseCommand):
    help = (
        "Seal every New Patient Application again under the first APPLICATION_ENCRYPTION_KEY, "
        "opening each with it or one of APPLICATION_ENCRYPTION_KEY_FALLBACKS. Works in "
        "batches, each committed on its own; if it is stopped, run it again to resume. When "
        "it reports no application left under an old key, remove that key from the fallbacks."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size",
            type=int,
            default=key_rotation.DEFAULT_BATCH_SIZE,
            help="Applications per transaction (default %(default)s).",
        )

    def handle(self, *args, batch_size, **options):
        if batch_size < 1:
            raise CommandError("The batch size must be at least 1.")

        def progress(report):
            if options["verbosity"] > 1:
                self.stdout.write(f"... {report.total} application(s) looked at")

        report = key_rotation.rotate_applications(batch_size=batch_size, on_batch=progress)
        self.stdout.write(
            f"Re-encrypted {report.resealed} application(s) under the first key; "
            f"{report.current} already were."
        )
        # The search index is keyed under the first key too: rebuilt under the new one.
        indexed = reindex_applications()
        if options["verbosity"] > 1:
            self.stdout.write(f"Indexed {indexed} application(s) for the worklist's search.")
        if report.unreadable_note_ids:
            ids = ", ".join(map(str, report.unreadable_note_ids))
            self.stderr.write(f"Notes that cannot be read with any configured key: {ids}.")
        if report.files_resealed:
            self.stdout.write(f"Re-encrypted {report.files_resealed} uploaded file(s).")
        if report.held_resealed:
            self.stdout.write(
                f"Re-encrypted {report.held_resealed} file(s) kept for forms not yet sent."
            )
        if report.unreadable_held_ids:
            self.stderr.write(
                f"{len(report.unreadable_held_ids)} file(s) kept for forms not yet sent cannot "
                "be read with any configured key; the patient is asked to choose them again, "
                "and purge_applications removes them within a day."
            )
        if report.unreadable_file_ids:
            ids = ", ".join(map(str, report.unreadable_file_ids))
            self.stderr.write(
                f"{len(report.unreadable_file_ids)} uploaded file(s) cannot be read with any "
                f"configured key, or are missing, and were left as they are: uploads {ids}."
            )
        if report.unreadable_ids:
            ids = ", ".join(map(str, report.unreadable_ids))
            self.stderr.write(
                f"{len(report.unreadable_ids)} application(s) cannot be read with any "
                f"configured key and were left as they are: {ids}. Keep the key they were "
                "sealed with in APPLICATION_ENCRYPTION_KEY_FALLBACKS until they are dealt with."
            )
