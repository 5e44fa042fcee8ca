"""Media URLs (siteops/storage.py) are joined without `urljoin`, static URLs worked out once
per process, and both come out as Django's and WhiteNoise's own."""

import pytest
from django.core.files.storage import FileSystemStorage, default_storage
from whitenoise.storage import CompressedManifestStaticFilesStorage

from siteops.storage import MediaStorage, StaticStorage

NAMES = [
    "original_images/chair.jpg",
    "images/chair.2e16d0ba.fill-400x300.format-avif.avif",
    "images/a photo with spaces & symbols (1).webp",
    "images/café-ñandú.jpg",
    "/images/leading-slash.jpg",
    "a:b.jpg",  # urljoin reads "a:" as a scheme; kept as it does
]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("base_url", ["/media/", "https://cdn.example.org/clinic/media/"])
def test_the_url_is_the_one_django_gives(name, base_url):
    assert MediaStorage(base_url=base_url).url(name) == FileSystemStorage(base_url=base_url).url(
        name
    )


def test_the_site_uses_it():
    assert isinstance(default_storage, MediaStorage)
    assert default_storage.url("images/x.avif") == "/media/images/x.avif"


def test_static_urls_are_the_manifest_s_and_worked_out_once(tmp_path, settings, monkeypatch):
    settings.DEBUG = False
    (tmp_path / "staticfiles.json").write_text(
        '{"paths": {"css/site.css": "css/site.0123abcd.css"}, "version": "1.1"}'
    )
    ours = StaticStorage(location=tmp_path, base_url="/static/")
    whitenoise_own = CompressedManifestStaticFilesStorage(location=tmp_path, base_url="/static/")
    assert ours.url("css/site.css") == whitenoise_own.url("css/site.css")
    assert ours.url("css/site.css") == "/static/css/site.0123abcd.css"

    def no_second_lookup(*args, **kwargs):
        raise AssertionError("the manifest was asked again")

    monkeypatch.setattr(ours, "stored_name", no_second_lookup)
    assert ours.url("css/site.css") == "/static/css/site.0123abcd.css"


def test_with_debug_on_static_urls_are_asked_for_every_time(tmp_path, settings):
    settings.DEBUG = True
    manifest = tmp_path / "staticfiles.json"
    manifest.write_text('{"paths": {"a.css": "a.1111.css"}, "version": "1.1"}')
    storage = StaticStorage(location=tmp_path, base_url="/static/")
    assert storage.url("a.css").startswith("/static/a")
    assert storage._urls == {}
