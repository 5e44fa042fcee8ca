"""Fixtures the New Patient Application's tests share."""

import pytest
from django.test import override_settings

from tests.application_factories import build_application_site


@pytest.fixture
def page(db):
    """The application form page, with its questions, on the demo site."""
    return build_application_site()


@pytest.fixture
def uploads_dir(tmp_path):
    """A folder of this test's own for the sealed uploads; its path."""
    with override_settings(APPLICATION_UPLOADS_DIR=tmp_path / "uploads"):
        yield tmp_path / "uploads"
