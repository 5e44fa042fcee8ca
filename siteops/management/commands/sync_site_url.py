from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from siteops.site_record import sync_default_site


class Command(BaseCommand):
    help = (
        "Point the default Wagtail Site at SITE_URL (or the given base URL), so the "
        "sitemap, feeds and API links use the site's real address. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("base_url", nargs="?", help="e.g. https://clinic.example")

    def handle(self, *args, base_url=None, **options):
        try:
            changed = sync_default_site(base_url)
        except ImproperlyConfigured as problem:
            raise CommandError(str(problem)) from problem
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            self.stdout.write("No default site yet: nothing to change.")
        elif changed:
            self.stdout.write(f"Default site now {site.root_url}")
        elif options["verbosity"] > 1:
            self.stdout.write(f"Default site already {site.root_url}")
