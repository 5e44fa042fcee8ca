"""The site's models, one module per kind: settings, pages (and later forms)."""

from .pages import HomePage, HomePageFeaturedPage, StandardPage
from .site_settings import ClinicSettings

__all__ = ["ClinicSettings", "HomePage", "HomePageFeaturedPage", "StandardPage"]
