"""Re-encrypt every stored application under the first APPLICATION_ENCRYPTION_KEY."""

from django.core.management.base import BaseCommand, CommandError

from intake import key_rotation


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
        if report.unreadable_ids:
            ids = ", ".join(map(str, report.unreadable_ids))
            self.stderr.write(
                f"{len(report.unreadable_ids)} application(s) cannot be read with any "
                f"configured key and were left as they are: {ids}. Keep the key they were "
                "sealed with in APPLICATION_ENCRYPTION_KEY_FALLBACKS until they are dealt with."
            )
