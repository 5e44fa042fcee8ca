import io

import pytest
from django.core.management import call_command
from wagtail.models import Site


@pytest.fixture
def demo_site(db):
    """The demo content as `make run` loads it; returns the default Site."""
    call_command("load_demo_content", stdout=io.StringIO())
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def clinic_settings(demo_site):
    from home.models import ClinicSettings

    return ClinicSettings.for_site(demo_site)
