"""The clinic's own models, one module per kind: its pages and its settings."""

from .pages import HomePage, HomePageFeaturedPage, StandardPage
from .site_settings import ClinicSettings

__all__ = ["ClinicSettings", "HomePage", "HomePageFeaturedPage", "StandardPage"]
