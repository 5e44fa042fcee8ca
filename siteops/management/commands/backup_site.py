from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat

from siteops.backup import ENGINE_NAMES, BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Save the database, the media folder and BACKUP_FOLDERS in a timestamped archive in "
        "BACKUP_DIR (default: backups/). Safe while the site is serving: readers and "
        "writers carry on."
    )

    def handle(self, *args, **options):
        try:
            backup = create_backup()
        except BackupError as error:
            raise CommandError(str(error)) from error
        media = (
            f"{backup.media_files} media file(s)"
            if backup.media_files is not None
            else "no media (they are in remote storage: back that up on its own)"
        )
        folders = "".join(
            f", {count} file(s) of {name}" for name, count in backup.folder_files.items()
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up the {ENGINE_NAMES[backup.engine]} database, {media}{folders} to "
                f"{backup.path} ({filesizeformat(backup.path.stat().st_size)})."
            )
        )
