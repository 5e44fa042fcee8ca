"""The SQLite options must really take effect: Django does not check pragmas."""

import os

import pytest
from django.db.backends.sqlite3.base import DatabaseWrapper

from clinic_site.settings.base import SQLITE_OPTIONS, database_from_env


def open_sqlite(path, options):
    wrapper = DatabaseWrapper(
        {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(path),
            "OPTIONS": dict(options),
            "TIME_ZONE": None,
            "CONN_MAX_AGE": 0,
            "CONN_HEALTH_CHECKS": False,
            "AUTOCOMMIT": True,
            "ATOMIC_REQUESTS": False,
            "USER": "",
            "PASSWORD": "",
            "HOST": "",
            "PORT": "",
            "TEST": {},
        }
    )
    wrapper.ensure_connection()
    return wrapper


def test_default_database_is_sqlite_with_the_concurrency_options(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    config = database_from_env()
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert 15 <= config["OPTIONS"]["timeout"] <= 30


@pytest.fixture
def pragmas(tmp_path, django_db_blocker):
    """Open a fresh file database with the given options and read back its pragmas."""

    def read(name, options):
        with django_db_blocker.unblock():
            wrapper = open_sqlite(tmp_path / f"{name}.sqlite3", options)
            try:
                with wrapper.cursor() as cursor:
                    return {
                        pragma: cursor.execute(f"PRAGMA {pragma}").fetchone()[0]
                        for pragma in ("journal_mode", "busy_timeout", "synchronous")
                    }
            finally:
                wrapper.close()

    return read


def test_fresh_sqlite_connection_reports_wal_busy_timeout_and_full_sync(pragmas):
    assert pragmas("site", SQLITE_OPTIONS) == {
        "journal_mode": "wal",
        "busy_timeout": 20_000,
        "synchronous": 2,  # FULL
    }


def test_without_the_options_sqlite_would_not_be_in_wal_mode(pragmas):
    # Guards the test above: a plain connection really reports something else.
    assert pragmas("plain", {})["journal_mode"] != "wal"


def test_database_url_switches_to_postgresql(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://clinic:secret@127.0.0.1:5433/clinic")
    config = database_from_env()
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["NAME"] == "clinic" and config["PORT"] == 5433


@pytest.mark.django_db
def test_models_have_migrations():
    from django.core.management import call_command

    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.django_db
def test_suite_runs_on_the_database_that_database_url_names():
    from django.db import connection

    expected = (
        "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    )
    assert connection.vendor == expected
