"""
Production: every secret and host name comes from the environment, and the site
refuses to start without them rather than quietly inventing one.
"""

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from intake import key_strength

from .base import *  # noqa: F403
from .base import SELF, env_bool, env_list, env_required

DEBUG = False

SECRET_KEY = env_required("SECRET_KEY")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "The environment variable ALLOWED_HOSTS must list the site's host names."
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Links in staff emails (new applications, moderation) point at the real site.
WAGTAILADMIN_BASE_URL = (
    os.environ.get("WAGTAILADMIN_BASE_URL")
    or os.environ.get("SITE_URL")
    or f"https://{ALLOWED_HOSTS[0]}"
)
SITE_URL = os.environ.get("SITE_URL") or WAGTAILADMIN_BASE_URL

# Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# Load balancers and uptime monitors check /healthz over plain http on the private side;
# a redirect to https would read as "down" to them.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
# The header asks browsers to be put on their built-in HTTPS list; it takes effect only
# once the domain is submitted at hstspreload.org, and all subdomains must serve HTTPS.
# (SECURE_HSTS_PRELOAD=0 and silence security.W021 if a subdomain cannot.)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Off only to try the production settings over plain http on loopback (`make serve`).
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# Wagtail's preview panel frames the preview itself and allows that view alone.
X_FRAME_OPTIONS = "DENY"

# Anyone who can read patient applications signs in with a second factor, always.
ADMIN_TWO_FACTOR_REQUIRED = True

# New Patient Application: applications are encrypted at rest with this key, which
# must be random and long (the same rule as `check --deploy`, intake/checks.py).
if not APPLICATION_ENCRYPTION_KEY:  # noqa: F405
    raise ImproperlyConfigured(
        "The environment variable APPLICATION_ENCRYPTION_KEY must be set: it encrypts "
        "New Patient Applications at rest (a long random string, e.g. from "
        "`python -c 'import secrets; print(secrets.token_urlsafe(32))'`)."
    )
if weak := key_strength.weak_keys(APPLICATION_ENCRYPTION_KEY, APPLICATION_ENCRYPTION_KEY_FALLBACKS):  # noqa: F405
    raise ImproperlyConfigured(
        f"{', '.join(weak)} must hold at least {key_strength.MIN_KEY_ENTROPY_BITS // 8} "
        "random bytes, e.g. from "
        "`python -c 'import secrets; print(secrets.token_urlsafe(32))'`."
    )

# Uploaded media: served by the app itself on a single server (SERVE_MEDIA=1, with
# far-future headers: rendition names change when the image does), or from
# S3-compatible storage when AWS_STORAGE_BUCKET_NAME is set (needs django-storages[s3]).
SERVE_MEDIA = env_bool("SERVE_MEDIA", False)
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES = {
        **STORAGES,  # noqa: F405
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
                "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
                "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
                "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
                "file_overwrite": False,
                "object_parameters": {"CacheControl": "public, max-age=31536000"},
            },
        },
    }


def media_storage_origins():
    """Where the bucket's files are served from: its custom domain, else the bucket's host."""
    if domain := os.environ.get("AWS_S3_CUSTOM_DOMAIN"):
        return [f"https://{domain}"]
    bucket = os.environ["AWS_STORAGE_BUCKET_NAME"]
    if endpoint := os.environ.get("AWS_S3_ENDPOINT_URL"):
        parts = urlsplit(endpoint)
        return [f"{parts.scheme}://{parts.netloc}", f"{parts.scheme}://{bucket}.{parts.netloc}"]
    hosts = [f"{bucket}.s3.amazonaws.com"]
    if region := os.environ.get("AWS_S3_REGION_NAME"):
        hosts.append(f"{bucket}.s3.{region}.amazonaws.com")
    return [f"https://{host}" for host in hosts]


def production_policy(policy):
    """A Content Security Policy (base.py) that allows the media storage's images and,
    when the site is https only, fetches any http:// address a page holds over https."""
    directives = policy["DIRECTIVES"]
    media = media_storage_origins() if os.environ.get("AWS_STORAGE_BUCKET_NAME") else []
    return {
        **policy,
        "DIRECTIVES": {
            **directives,
            "img-src": [*directives["img-src"], *media],
            "media-src": [SELF, *media],
            "upgrade-insecure-requests": SECURE_SSL_REDIRECT,
        },
    }


CONTENT_SECURITY_POLICY = production_policy(CONTENT_SECURITY_POLICY)  # noqa: F405
ADMIN_CONTENT_SECURITY_POLICY = production_policy(ADMIN_CONTENT_SECURITY_POLICY)  # noqa: F405

# A CDN in front: Wagtail purges a page's URLs from it when the page is published.
if os.environ.get("FRONTEND_CACHE_CLOUDFLARE_ZONEID"):
    INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.contrib.frontend_cache"]  # noqa: F405
    WAGTAILFRONTENDCACHE = {
        "cloudflare": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": os.environ.get("FRONTEND_CACHE_CLOUDFLARE_TOKEN", ""),
            "ZONEID": os.environ["FRONTEND_CACHE_CLOUDFLARE_ZONEID"],
        }
    }
