"""The SQLite database file is readable by the site's own user only.

It holds password hashes, two-factor seeds and sessions (and the applications, sealed),
yet SQLite creates it, and its -wal and -shm files, with the process's umask (0644 on
most systems). Each new connection puts them back to 0600.
"""

import os
import stat
from pathlib import Path

from django.db.backends.signals import connection_created

SIDE_FILES = ("", "-wal", "-shm")


def database_path(connection):
    name = str(connection.settings_dict["NAME"])
    if connection.vendor != "sqlite" or name == ":memory:" or name.startswith("file:"):
        return None
    return Path(name)


def restrict_sqlite_files(sender, connection, **kwargs):
    path = database_path(connection)
    if path is None:
        return
    for suffix in SIDE_FILES:
        file = path.with_name(path.name + suffix)
        try:
            mode = stat.S_IMODE(file.stat().st_mode)
            if mode & 0o077:
                os.chmod(file, mode & 0o700)
        except FileNotFoundError:
            continue
        except PermissionError:
            continue  # another user's file: the operator's to fix, not ours to fail on


def connect_signals():
    connection_created.connect(restrict_sqlite_files, dispatch_uid="siteops.restrict_sqlite")
