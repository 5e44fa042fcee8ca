"""
The site's files and their URLs, made without parsing a URL each time.

Uploaded media on the server's own disk (MediaStorage), with each file's URL made by
joining the media URL and the file's name.

Django's FileSystemStorage passes every URL through `urllib.parse.urljoin`, which parses
both halves each time: a routine's photos ask for over a hundred rendition URLs a view,
and that parsing was a tenth of drawing them. A stored name is never absolute and has
no "..", so joining gives the same URL; a name `urljoin` would read as a scheme
("a:b.jpg") still goes through it.
"""

from urllib.parse import urljoin

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.encoding import filepath_to_uri
from whitenoise.storage import CompressedManifestStaticFilesStorage


class MediaStorage(FileSystemStorage):
    def url(self, name):
        base = self.base_url
        if base is None:
            raise ValueError("This file is not accessible via a URL.")
        url = filepath_to_uri(name).lstrip("/")
        if ":" in url.split("/", 1)[0]:
            return urljoin(base, url)
        return base + url


class StaticStorage(CompressedManifestStaticFilesStorage):
    """
    WhiteNoise's compressed static files with hashed names, each file's URL worked out
    once per process. The manifest is read when the process starts and does not change
    while it runs, yet every `{% static %}` looked the name up in it and built the URL
    again: an eighth of a page's time when its fragments come from the cache. With
    DEBUG on, or `force`, it asks every time, as Django does.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls = {}

    def url(self, name, force=False):
        if force or settings.DEBUG:
            return super().url(name, force)
        try:
            return self._urls[name]
        except KeyError:
            url = self._urls[name] = super().url(name)
            return url
