"""
Backups of the whole site - the database, the uploaded media and the private folders of
BACKUP_FOLDERS (the patients' sealed attachments) - in one archive.

An archive is a .tar.gz holding `manifest.json` first (what it is, which database engine
made it, which folders it holds), then the database (a SQLite copy or a `pg_dump -Fc`
file), then the media folder, then each of BACKUP_FOLDERS under `folders/<name>`.
Backups are taken while the site is serving: SQLite's online backup API copies one
consistent snapshot while WAL lets readers and writers carry on, and pg_dump reads one
snapshot. A file copy of a live WAL database could miss or tear recent commits, and
`dumpdata` output does not load back into Wagtail's tables.

The database is copied before the folders: a file uploaded in between leaves an unused
file in the archive, never a database row whose file is missing.

A restore reads and checks the whole archive before it changes anything, keeps the site
as it was in a "before-restore" archive beside the others, then swaps in the folders and
the database (putting the folders back if the database cannot be restored). A folder the
archive does not hold (an older backup) is left as it is.
"""

import contextlib
import gzip
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection, connections
from django.db.backends.postgresql.client import DatabaseClient
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from wagtail.models import Site

from . import content_versions

ARCHIVE_FORMAT = 1
MANIFEST = "manifest.json"
DATABASE_MEMBERS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
ENGINE_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
MEDIA_MEMBER = "media"
FOLDERS_MEMBER = "folders"
# As long as the site's own connections wait for a lock (SQLITE_OPTIONS' timeout).
SQLITE_TIMEOUT = 20


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why to whoever ran it."""


@dataclass
class Backup:
    path: Path
    engine: str
    media_files: int | None  # None: media are in remote storage, not in the archive
    created: str
    folder_files: dict = field(default_factory=dict)  # {name: files} of BACKUP_FOLDERS


def backup_dir():
    return Path(os.environ.get("BACKUP_DIR") or Path(settings.BASE_DIR) / "backups")


def database_engine():
    if connection.vendor not in DATABASE_MEMBERS:
        raise BackupError(
            f"Backups cover SQLite and PostgreSQL; this site's database is {connection.vendor}."
        )
    return connection.vendor


def media_root():
    """The local media folder, or None when uploads live in remote storage (S3)."""
    if isinstance(default_storage, FileSystemStorage):
        return Path(settings.MEDIA_ROOT)
    return None


def backup_folders():
    """{name: folder} of BACKUP_FOLDERS, each read from the setting it names."""
    return {
        name: Path(getattr(settings, setting))
        for name, setting in getattr(settings, "BACKUP_FOLDERS", {}).items()
    }


# Taking a backup ----------------------------------------------------------------------


def create_backup(directory=None, label=""):
    """Write a new archive of the database and the media folder; returns what it wrote."""
    engine = database_engine()
    directory = Path(directory or backup_dir()).absolute()
    media = media_root()
    if media and directory.is_relative_to(media.absolute()):
        # Media may be served to anyone, and each backup would hold all the earlier ones.
        raise BackupError(f"Backups must not go inside the media folder ({media}).")
    folders = backup_folders()
    for name, folder in folders.items():
        if directory.is_relative_to(folder.absolute()):
            raise BackupError(f"Backups must not go inside the {name} folder ({folder}).")
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    created = timezone.localtime()
    manifest = {
        "format": ARCHIVE_FORMAT,
        "engine": engine,
        "created": created.isoformat(timespec="seconds"),
        "database": DATABASE_MEMBERS[engine],
        "media": media is not None,
        "folders": sorted(folders),
        "site": settings.WAGTAIL_SITE_NAME,
    }
    with tempfile.TemporaryDirectory(prefix=".clinic-backup-", dir=directory) as work:
        database_copy = Path(work) / DATABASE_MEMBERS[engine]
        if engine == "sqlite":
            _copy_sqlite(_sqlite_path(), database_copy)
        else:
            _postgres("pg_dump", "--format=custom", f"--file={database_copy}")
        partial = Path(work) / "archive.tar.gz"
        # Only the site's own user may read it: the applications are in there (encrypted).
        with os.fdopen(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as raw:
            with tarfile.open(fileobj=raw, mode="w:gz", compresslevel=6) as archive:
                _add_bytes(archive, MANIFEST, json.dumps(manifest, indent=2).encode())
                archive.add(database_copy, arcname=DATABASE_MEMBERS[engine])
                media_files = _add_folder(archive, media, MEDIA_MEMBER) if media else None
                folder_files = {
                    name: _add_folder(archive, folder, f"{FOLDERS_MEMBER}/{name}")
                    for name, folder in sorted(folders.items())
                }
            os.fsync(raw.fileno())
        # Appears under its final name only when complete.
        path = _unused_name(directory, created, label)
        os.replace(partial, path)
    return Backup(
        path=path,
        engine=engine,
        media_files=media_files,
        created=manifest["created"],
        folder_files=folder_files,
    )


def _unused_name(directory, created, label):
    stem = "clinic-" + created.strftime("%Y%m%d-%H%M%S") + (f"-{label}" if label else "")
    path, number = directory / f"{stem}.tar.gz", 1
    while path.exists():  # two backups within a second never overwrite each other
        number += 1
        path = directory / f"{stem}-{number}.tar.gz"
    return path


def _sqlite_path():
    name = str(connection.settings_dict["NAME"])
    if name == ":memory:" or name.startswith("file:"):
        raise BackupError(f"The SQLite database {name} is not a file that can be backed up.")
    return Path(name)


def _copy_sqlite(source_path, target_path):
    if not source_path.exists():
        raise BackupError(f"There is no SQLite database at {source_path}.")
    # mode=rw: never create an empty database where the real one was expected.
    source = sqlite3.connect(f"file:{source_path}?mode=rw", uri=True, timeout=SQLITE_TIMEOUT)
    target = sqlite3.connect(target_path)
    with contextlib.closing(source), contextlib.closing(target):
        # All pages in one step: one read snapshot, during which WAL lets the site's
        # writers commit. Copying in several steps would start over after every write.
        source.backup(target, pages=-1)
        # One self-contained file in the archive, with no -wal or -shm beside it.
        target.execute("PRAGMA journal_mode=DELETE")
        _check_sqlite(target, f"The copy of {source_path}")


def _check_sqlite(db, what):
    try:
        result = db.execute("PRAGMA integrity_check").fetchall()
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{what} is not a usable SQLite database: {error}.") from error
    if result != [("ok",)]:
        raise BackupError(f"{what} failed SQLite's integrity check: {result[:3]}.")


def _postgres(program, *arguments):
    """Run pg_dump or pg_restore on the site's database; the password goes by environment."""
    settings_dict = connection.settings_dict
    _, client_env = DatabaseClient.settings_to_cmd_args_env(settings_dict, [])
    env = {**os.environ, **(client_env or {})}
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("NAME", "PGDATABASE"),
    ):
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    try:
        result = subprocess.run(
            [program, *arguments], env=env, capture_output=True, text=True, check=False
        )
    except FileNotFoundError as error:
        raise BackupError(
            f"{program} was not found: install PostgreSQL's client tools "
            "(Debian: postgresql-client), at least the server's version."
        ) from error
    if result.returncode:
        raise BackupError(f"{program} failed: {result.stderr.strip() or result.returncode}")
    return result.stdout


def _add_bytes(archive, name, content):
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mtime = int(timezone.now().timestamp())
    info.mode = 0o600
    archive.addfile(info, fileobj=io.BytesIO(content))


def _add_folder(archive, root, member):
    """Every regular file under `root`, as `member/...`; returns how many went in."""
    if root.is_dir():
        archive.add(root, arcname=member, recursive=False)
    else:  # nothing uploaded yet: restoring still gives an (empty) folder
        folder = tarfile.TarInfo(member)
        folder.type, folder.mode = tarfile.DIRTYPE, 0o755
        archive.addfile(folder)
    count = 0
    for folder, subfolders, files in os.walk(root):
        subfolders.sort()
        for name in sorted(files):
            path = Path(folder) / name
            if path.is_symlink() or not path.is_file():
                continue
            try:
                archive.add(path, arcname=f"{member}/{path.relative_to(root)}")
            except FileNotFoundError:
                continue  # deleted since the database was copied, so no longer needed
            count += 1
    return count


# Restoring ----------------------------------------------------------------------------


@dataclass
class Restore:
    archive: Path
    engine: str
    created: str
    media_files: int | None  # None: the media folder was left as it was
    kept_aside: Backup | None  # the site as it was before, or None if there was nothing
    unapplied_migrations: int
    folder_files: dict  # {name: files} of the BACKUP_FOLDERS the archive held


def restore_backup(archive_path, directory=None):
    """Replace the database and the media folder with an archive's; returns what it did."""
    archive_path = Path(archive_path)
    engine = database_engine()
    if not archive_path.is_file():
        raise BackupError(f"There is no backup at {archive_path}.")
    media = media_root()
    # Unpacked beside the media folder, so that swapping it in is a rename.
    staging_parent = media.parent if media else None
    if staging_parent:
        staging_parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".clinic-restore-", dir=staging_parent) as work:
        work = Path(work)
        manifest = _unpack(archive_path, work, engine)
        database_file = work / manifest["database"]
        _check_database_file(engine, database_file, archive_path)
        staged_media = work / MEDIA_MEMBER if media and manifest.get("media") else None
        if staged_media and not staged_media.is_dir():
            raise BackupError(f"{archive_path} has no media folder, though its manifest says so.")
        configured = backup_folders()
        restored_folders = {
            name: configured[name] for name in manifest.get("folders", []) if name in configured
        }
        for name in restored_folders:
            if not (work / FOLDERS_MEMBER / name).is_dir():
                raise BackupError(
                    f"{archive_path} has no {name} folder, though its manifest says so."
                )

        kept_aside = _keep_current_site(engine, directory)
        connections.close_all()
        swaps = []
        try:
            if staged_media:
                swaps.append(_Swap(staged_media, media, work))
            for name, folder in restored_folders.items():
                swaps.append(_Swap(work / FOLDERS_MEMBER / name, folder))
            _restore_database(engine, database_file)
        except Exception as error:
            for swap in reversed(swaps):
                swap.undo()
            if not isinstance(error, BackupError):
                raise
            where = f" It is also kept in {kept_aside.path}." if kept_aside else ""
            raise BackupError(f"{error}\nThe site was left as it was.{where}") from error
        finally:
            for swap in swaps:
                swap.clean_up()
        media_files = _count_files(media) if staged_media else None
    _forget_cached_pages()
    return Restore(
        archive=archive_path,
        engine=engine,
        created=manifest.get("created", "an unknown date"),
        media_files=media_files,
        kept_aside=kept_aside,
        unapplied_migrations=_unapplied_migrations(),
        folder_files={name: _count_files(folder) for name, folder in restored_folders.items()},
    )


def _unpack(archive_path, target, engine):
    """Unpack the whole archive and return its manifest; refuse anything doubtful."""
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            first = archive.next()
            if first is None or first.name != MANIFEST:
                raise BackupError(f"{archive_path} is not a backup of this site (no manifest).")
            manifest = json.load(archive.extractfile(first))
            _check_manifest(manifest, archive_path, engine)
            # "data": no absolute paths, links out of the folder, devices or set-uid bits.
            archive.extractall(target, filter="data")
            # Read to the very end, so that gzip checks its CRC: a damaged archive is
            # refused here, before anything has changed.
            while archive.fileobj.read(1 << 20):
                pass
    except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile, ValueError) as error:
        raise BackupError(
            f"{archive_path} cannot be read as a backup (damaged or incomplete): {error}"
        ) from error
    return manifest


def _check_manifest(manifest, archive_path, engine):
    if not isinstance(manifest, dict) or manifest.get("format") != ARCHIVE_FORMAT:
        raise BackupError(f"{archive_path} is not a backup this version of the site can read.")
    archived = manifest.get("engine")
    if archived != engine:
        raise BackupError(
            f"{archive_path} holds a {ENGINE_NAMES.get(archived, archived)} database; this "
            f"site runs on {ENGINE_NAMES[engine]}. Restore it on a site with the same engine."
        )
    if manifest.get("database") != DATABASE_MEMBERS[engine]:
        raise BackupError(f"{archive_path} does not say where its database is.")


def _check_database_file(engine, path, archive_path):
    if not path.is_file():
        raise BackupError(f"{archive_path} has no database in it.")
    if engine == "postgresql":
        try:
            _postgres("pg_restore", "--list", str(path))
        except BackupError as error:
            raise BackupError(f"The database in {archive_path} cannot be read: {error}") from error
        return
    snapshot = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    with contextlib.closing(snapshot):
        _check_sqlite(snapshot, f"The database in {archive_path}")
        is_site = snapshot.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'django_migrations'"
        ).fetchone()
    if not is_site:
        raise BackupError(f"The database in {archive_path} is not this site's.")


def _keep_current_site(engine, directory):
    if engine == "sqlite" and not _sqlite_path().exists():
        return None  # a new machine: nothing to keep
    return create_backup(directory, label="before-restore")


class _Swap:
    """The archive's copy of a folder put in its place, the folder as it was set aside
    (in `scratch`) until the restore is done or undone.

    Without a scratch folder on its disk (one of BACKUP_FOLDERS, unpacked beside the
    media), the copy first moves to one beside the folder, so each swap is a rename.
    """

    def __init__(self, new_folder, folder, scratch=None):
        self.folder = folder
        self.own_scratch = scratch is None
        if self.own_scratch:
            folder.parent.mkdir(parents=True, exist_ok=True)
            scratch = Path(tempfile.mkdtemp(prefix=".clinic-restore-", dir=folder.parent))
            new_folder = Path(shutil.move(new_folder, scratch / "restored"))
        self.scratch = scratch
        self.aside = scratch / f"{folder.name}-before-restore"
        had_folder = folder.exists()
        if had_folder:
            os.rename(folder, self.aside)
        try:
            os.rename(new_folder, folder)
        except OSError:
            if had_folder:
                os.rename(self.aside, folder)
            self.clean_up()
            raise
        if not had_folder:
            self.aside = None

    def undo(self):
        os.rename(self.folder, self.scratch / f"{self.folder.name}-not-restored")
        if self.aside:
            os.rename(self.aside, self.folder)

    def clean_up(self):
        if self.own_scratch:
            shutil.rmtree(self.scratch, ignore_errors=True)


def _restore_database(engine, database_file):
    if engine == "postgresql":
        _postgres(
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            # All or nothing: a failed restore leaves the database as it was.
            "--single-transaction",
            f"--dbname={connection.settings_dict['NAME']}",
            str(database_file),
        )
        return
    live_path = _sqlite_path()
    live_path.parent.mkdir(parents=True, exist_ok=True)
    try:
        _match_page_size(database_file, live_path)
        source = sqlite3.connect(f"file:{database_file}?mode=ro", uri=True)
        target = sqlite3.connect(live_path, timeout=SQLITE_TIMEOUT)
        with contextlib.closing(source), contextlib.closing(target):
            # Into the live file through SQLite itself, as one transaction: the site's
            # open connections wait for it, then read the restored data. Replacing the
            # file instead would leave them reading and writing the old one, unlinked.
            source.backup(target, pages=-1)
    except sqlite3.Error as error:
        raise BackupError(f"SQLite could not restore into {live_path}: {error}.") from error


def _match_page_size(snapshot_path, live_path):
    """SQLite cannot back up into a WAL database of another page size: convert the copy."""
    if not live_path.exists():
        return
    live = sqlite3.connect(f"file:{live_path}?mode=ro", uri=True, timeout=SQLITE_TIMEOUT)
    with contextlib.closing(live):
        page_size = live.execute("PRAGMA page_size").fetchone()[0]
    snapshot = sqlite3.connect(snapshot_path)
    with contextlib.closing(snapshot):
        if snapshot.execute("PRAGMA page_size").fetchone()[0] != page_size:
            snapshot.execute(f"PRAGMA page_size={int(page_size)}")
            snapshot.execute("VACUUM")


def _count_files(folder):
    return sum(len(files) for _, _, files in os.walk(folder))


def _forget_cached_pages():
    content_versions.bump({content_versions.SITE, content_versions.LISTINGS})
    Site.clear_site_root_paths_cache()


def _unapplied_migrations():
    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))
