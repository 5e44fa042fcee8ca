"""
Builders for the site's tests: the clinic's own pages, calls to action and settings, and
a small article (a library, an articles index, exercises and the routine that shows
them), through the models as an editor would make them.

A test builds with these (and exercises/tests/factories.py) what it asserts, on top of
the demo content, so that new wording, photos or layout in the demo never break it;
tests/home/test_demo_content.py checks the demo itself. Give what you build slugs of
the test's own: the demo has /exercises/, /articles/, /about/, /contact/, /privacy/,
/webinar/ and /new-patient-application/.
"""

from types import SimpleNamespace

from wagtail.models import Site

from exercises.models import CallToAction
from exercises.tests.factories import (
    exercise_block,
    make_articles,
    make_exercise,
    make_library,
    make_routine,
    republish,
    site_root,
)
from home.models import ClinicSettings, HomePage, StandardPage

# Clinic settings that are nobody's but the tests': a name, a phone number and an
# address the demo does not have, with opening hours in two of the usual ways.
TEST_CLINIC = {
    "clinic_name": "Harbour Street Physical Therapy",
    "tagline": "Physical therapy by the harbour",
    "phone": "+1 (305) 555-0188",
    "email": "desk@harbour-street.example",
    "street_address": "12 Quay Street\nSuite 3\nMiami, FL 33101",
    "opening_hours": "Tue–Thu: 8:30 am – 5 pm\nSaturday: 9:00 am – 1:00 pm\nSunday: closed",
}


def default_site():
    return Site.objects.get(is_default_site=True)


def set_clinic_settings(**fields):
    """The default site's Clinic settings with `fields` saved over them."""
    settings = ClinicSettings.for_site(default_site())
    for name, value in fields.items():
        setattr(settings, name, value)
    settings.save()
    return settings


def make_standard_page(title, slug, parent=None, intro="", body=(), show_in_menus=False):
    parent = parent or site_root()
    page = StandardPage(
        title=title, slug=slug, intro=intro, body=list(body), show_in_menus=show_in_menus
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def make_call_to_action(heading, button_label="Find out more", **fields):
    """A call-to-action snippet; its button leads to example.com unless told where."""
    if not (fields.get("link_page") or fields.get("link_url")):
        fields["link_url"] = "https://example.com/offer"
    call_to_action = CallToAction(heading=heading, button_label=button_label, **fields)
    call_to_action.full_clean()
    call_to_action.save()
    return call_to_action


def home_page():
    return HomePage.objects.get(pk=site_root().pk)


def update_home_page(**fields):
    """The home page with `fields` changed and published, as an editor would."""
    home = home_page()
    for name, value in fields.items():
        setattr(home, name, value)
    return republish(home)


def make_article(prefix, exercises=({"title": "Chair squat"},), extra_body=(), **routine_fields):
    """
    A library `/<prefix>-library/` with an exercise for each of `exercises` (keyword
    arguments for make_exercise), and an articles index `/<prefix>-articles/` with one
    routine showing them in order, followed by `extra_body`. `routine_fields` go to
    make_routine (title, tags, hero_image, last_reviewed...).
    """
    library = make_library(slug=f"{prefix}-library")
    articles = make_articles(slug=f"{prefix}-articles")
    made = [make_exercise(library, **spec) for spec in exercises]
    title = routine_fields.pop("title", f"{prefix.replace('-', ' ').capitalize()} routine")
    routine = make_routine(
        articles, title, [exercise_block(e) for e in made] + list(extra_body), **routine_fields
    )
    return SimpleNamespace(
        library=library, articles=articles, exercises=made, exercise=made[0], routine=routine
    )
