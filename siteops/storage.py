"""
Uploaded media on the server's own disk, with each file's URL made by joining the
media URL and the file's name.

Django's FileSystemStorage passes every URL through `urllib.parse.urljoin`, which parses
both halves each time: a routine's photos ask for over a hundred rendition URLs a view,
and that parsing was a tenth of drawing them. A stored name is never absolute and has
no "..", so joining gives the same URL; a name `urljoin` would read as a scheme
("a:b.jpg") still goes through it.
"""

from urllib.parse import urljoin

from django.core.files.storage import FileSystemStorage
from django.utils.encoding import filepath_to_uri


class MediaStorage(FileSystemStorage):
    def url(self, name):
        base = self.base_url
        if base is None:
            raise ValueError("This file is not accessible via a URL.")
        url = filepath_to_uri(name).lstrip("/")
        if ":" in url.split("/", 1)[0]:
            return urljoin(base, url)
        return base + url
