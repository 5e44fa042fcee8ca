"""Media URLs (siteops/storage.py) are joined without `urljoin`, and come out the same."""

import pytest
from django.core.files.storage import FileSystemStorage, default_storage

from siteops.storage import MediaStorage

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
