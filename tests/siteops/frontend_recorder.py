"""A frontend-cache backend that records what it was asked to purge, as a CDN would
receive it."""

from wagtail.contrib.frontend_cache.backends.base import BaseBackend


class RecordingBackend(BaseBackend):
    purged = []

    def purge(self, url):
        self.purged.append(url)
