from django.core.management.base import BaseCommand
from django.db import transaction

from home.demo import sciatica_article, site


class Command(BaseCommand):
    help = (
        "Create the demo site: home page, shared pages, clinic settings and the clinic's "
        "article. Safe to run again: it creates what is missing and changes nothing else."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        home, wagtail_site = site.ensure_home_page()
        site.ensure_standard_pages(home)
        site.ensure_clinic_settings(wagtail_site)
        article = sciatica_article.ensure_sciatica_article(home)
        sciatica_article.feature_on_home_page(
            home,
            [
                (article["routine"], "Five exercises for sciatica from lumbar spinal stenosis."),
                (article["library"], "Every exercise with photos, steps and a dose."),
            ],
        )
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
