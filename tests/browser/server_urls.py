"""The site's URLs plus uploaded media, which the test settings (DEBUG off) leave unserved.

In production a web server or a storage service serves media; the browser tests need
the demo images to render so that screenshots and the accessibility checks see them.
"""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from clinic_site.urls import urlpatterns as site_urlpatterns

media_prefix = settings.MEDIA_URL.lstrip("/")
urlpatterns = [
    re_path(rf"^{media_prefix}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    *site_urlpatterns,
]
