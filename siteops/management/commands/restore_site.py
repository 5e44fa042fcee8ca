from django.core.management.base import BaseCommand, CommandError

from siteops.backup import ENGINE_NAMES, BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Replace the database, the media folder and BACKUP_FOLDERS with those in an archive "
        "written by backup_site. The archive is checked first; the site as it was is kept "
        "in BACKUP_DIR as clinic-<time>-before-restore.tar.gz."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "archive", help="A backup archive, e.g. backups/clinic-YYYYmmdd-HHMMSS.tar.gz"
        )

    def handle(self, *args, archive, **options):
        try:
            restored = restore_backup(archive)
        except BackupError as error:
            raise CommandError(str(error)) from error
        if restored.kept_aside:
            self.stdout.write(f"The site as it was before is kept in {restored.kept_aside.path}.")
        media = (
            f"{restored.media_files} media file(s)"
            if restored.media_files is not None
            else "no media (the media folder was left as it was)"
        )
        folders = "".join(
            f", {count} file(s) of {name}" for name, count in restored.folder_files.items()
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored the {ENGINE_NAMES[restored.engine]} database, {media}{folders} from "
                f"{restored.archive} (backed up {restored.created})."
            )
        )
        if restored.unapplied_migrations:
            self.stdout.write(
                self.style.WARNING(
                    f"The backup predates {restored.unapplied_migrations} migration(s) of this "
                    "code: run `manage.py migrate` before serving the site."
                )
            )
