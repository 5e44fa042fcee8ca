from django.core.management.base import BaseCommand
from django.db import transaction

from home.demo import calls_to_action, sciatica_article, site
from home.demo.application_form import ensure_application_form


class Command(BaseCommand):
    help = (
        "Create the demo site: home page, shared pages, clinic settings and the clinic's "
        "article. Safe to run again: it creates what is missing and changes nothing else."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        home, wagtail_site = site.ensure_home_page()
        standard_pages = site.ensure_standard_pages(home)
        application = ensure_application_form(home, privacy_page=standard_pages.get("privacy"))
        ctas = calls_to_action.ensure_calls_to_action(home, standard_pages.get("contact"))
        site.ensure_clinic_settings(
            wagtail_site,
            appointment_request_page=application,
            announcement_page=ctas["webinar_page"],
        )
        if home.hero_cta_page_id is None:
            home.hero_cta_page = application
            home.save_revision().publish()
        article = sciatica_article.ensure_sciatica_article(home, ctas["book"])
        calls_to_action.place_on_home_page(home, ctas["webinar"])
        sciatica_article.feature_on_home_page(
            home,
            [
                (article["routine"], "Five exercises for sciatica from lumbar spinal stenosis."),
                (article["library"], "Every exercise with photos, steps and a dose."),
            ],
        )
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
