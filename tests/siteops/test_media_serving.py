"""SERVE_MEDIA=1 (one server, no CDN): photos are served with long cache headers,
documents never straight from disk."""

import pytest
from django.core.exceptions import SuspiciousFileOperation
from django.http import Http404
from django.test import RequestFactory

from siteops.media import serve_media


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "knee.width-480.webp").write_bytes(b"RIFF....WEBP")
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "private-handout.pdf").write_bytes(b"%PDF-1.4")
    return tmp_path


def test_a_rendition_is_served_with_a_long_cache_lifetime(media):
    response = serve_media(RequestFactory().get("/"), "images/knee.width-480.webp")
    assert response.status_code == 200
    assert "immutable" in response["Cache-Control"]
    assert "max-age=31536000" in response["Cache-Control"]


def test_a_document_is_not_served_from_disk(media):
    # Wagtail's /documents/<id>/<name> view checks collection privacy; this must not
    # be a way around it.
    with pytest.raises(Http404):
        serve_media(RequestFactory().get("/"), "documents/private-handout.pdf")


def test_nothing_outside_the_media_folder_is_served(media):
    # Django answers this exception with 400 Bad Request.
    with pytest.raises(SuspiciousFileOperation):
        serve_media(RequestFactory().get("/"), "../etc/passwd")
