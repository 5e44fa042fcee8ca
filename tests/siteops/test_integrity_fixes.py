"""Finding 9, the site-operations items: a media name over 255 bytes answered 500; the
page cache key ignored the scheme; db.sqlite3 was created readable by everyone (0644)."""

import os
import stat

import pytest
from django.core.cache import caches
from django.db import connections
from django.db.backends.sqlite3.base import DatabaseWrapper
from django.http import Http404
from django.test import RequestFactory

from siteops.media import serve_media
from tests.application_factories import build_application_site

pytestmark = pytest.mark.django_db


def test_a_media_name_too_long_for_the_file_system_is_not_found(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "images").mkdir()
    with pytest.raises(Http404):
        serve_media(RequestFactory().get("/"), "images/" + "a" * 300 + ".jpg")
    with pytest.raises(Http404):
        serve_media(RequestFactory().get("/"), "images/" + "é" * 130 + ".jpg")  # 260 bytes


def test_the_page_cache_keeps_http_and_https_copies_apart(client, settings, tmp_path):
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_VERSIONS_DIR = str(tmp_path / "versions")
    caches["pages"].clear()
    privacy = build_application_site().get_parent().get_children().live().first().specific
    url = privacy.url
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"
    over_https = client.get(url, secure=True)
    assert over_https["X-Page-Cache"] == "miss"
    assert client.get(url, secure=True)["X-Page-Cache"] == "hit"


def test_a_new_sqlite_database_file_is_readable_by_its_owner_only(tmp_path):
    path = tmp_path / "db.sqlite3"
    previous_umask = os.umask(0o022)  # as on most systems: new files 0644
    settings_dict = {
        **connections["default"].settings_dict,
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "OPTIONS": {"init_command": "PRAGMA journal_mode=WAL;"},
    }
    connection = DatabaseWrapper(settings_dict, alias="file-permissions")
    try:
        with connection.cursor() as cursor:
            cursor.execute("CREATE TABLE t (x)")
            cursor.execute("INSERT INTO t VALUES (1)")
        files = [path, *[path.with_name(path.name + s) for s in ("-wal", "-shm")]]
        modes = {f.name: oct(stat.S_IMODE(f.stat().st_mode)) for f in files if f.exists()}
        assert modes["db.sqlite3"] == "0o600"
        assert set(modes.values()) == {"0o600"}, modes
    finally:
        connection.close()
        os.umask(previous_umask)
