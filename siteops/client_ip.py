"""The visitor's address, for throttling sign-ins and applications."""

from django.conf import settings


def client_ip(request):
    """
    REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies that each append the address
    they saw to X-Forwarded-For, the entry the outermost proxy wrote. Entries further
    left came from the client and may be made up, so they are never used.
    """
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= count:
            return hops[-count]
    return request.META.get("REMOTE_ADDR", "")
