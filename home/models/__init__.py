"""The site's models, one module per kind: settings, pages (and later forms)."""

from .application import (
    ApplicationFormField,
    ApplicationFormPage,
    ApplicationRateCounter,
    ApplicationSubmission,
)
from .pages import HomePage, HomePageFeaturedPage, StandardPage
from .site_settings import ClinicSettings

__all__ = [
    "ApplicationFormField",
    "ApplicationFormPage",
    "ApplicationRateCounter",
    "ApplicationSubmission",
    "ClinicSettings",
    "HomePage",
    "HomePageFeaturedPage",
    "StandardPage",
]
