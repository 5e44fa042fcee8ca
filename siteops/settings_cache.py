"""
Site settings read from the cache: a setting every page shows (the clinic's name,
address and hours) costs no query until it changes. Saving any setting changes the
site's content version (invalidation.py), under which the copy is kept.
"""

from django.core.cache import caches

from . import content_versions


class CachedSiteSetting:
    """Put before `BaseSiteSetting` in a setting's bases to keep `for_site` cached."""

    @classmethod
    def for_site(cls, site):
        if site is None:
            return super().for_site(site)
        version = content_versions.current([content_versions.SITE])[content_versions.SITE]
        key = f"site-setting:{cls._meta.label_lower}:{site.pk}:{version}"
        return caches["default"].get_or_set(
            key, lambda: super(CachedSiteSetting, cls).for_site(site), None
        )
