"""Uploaded media served by the site itself, for a single server without a CDN (SERVE_MEDIA=1)."""

from django.conf import settings
from django.http import Http404
from django.utils.cache import patch_cache_control
from django.views.static import serve


def serve_media(request, path):
    """
    Uploaded images and their renditions on a single server without a CDN. Rendition
    file names change whenever the image or the filter does, so browsers may keep them.
    """
    if path.startswith("documents/"):
        # Documents go through Wagtail's serve view (/documents/<id>/<name>), which
        # applies collection privacy and safe download headers; never straight from disk.
        raise Http404("Documents are served at their /documents/ address.")
    try:
        response = serve(request, path, document_root=settings.MEDIA_ROOT)
    except OSError as error:
        # A name the file system cannot hold (over 255 bytes: ENAMETOOLONG) is no file.
        raise Http404("No such media file.") from error
    patch_cache_control(response, public=True, max_age=60 * 60 * 24 * 365, immutable=True)
    return response
