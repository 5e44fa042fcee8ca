"""
Gzip for readers' pages, in the app: a routine's HTML shrinks to a quarter.

Never for a response that may hold a secret: compressing a page that reflects what an
attacker sent beside a CSRF token or a signed-in person's data lets them guess the
secret from the compressed sizes (BREACH). So a page is compressed only when it set no
cookie, used no CSRF token, and the request came without a session cookie. Static files
are WhiteNoise's, already compressed.
"""

from django.conf import settings
from django.middleware.gzip import GZipMiddleware

COMPRESSED_TYPES = (
    "text/html",
    "application/xml",
    "text/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/json",
)


def carries_no_secret(request, response):
    return (
        settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not response.cookies
    )


class ReaderPageGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        content_type = response.get("Content-Type", "").split(";")[0].strip()
        if content_type not in COMPRESSED_TYPES or not carries_no_secret(request, response):
            return response
        return super().process_response(request, response)
