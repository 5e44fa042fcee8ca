from django.core.management.base import BaseCommand
from django.test import Client
from wagtail.models import Page, Site


class Command(BaseCommand):
    help = (
        "Render every live page once, so that the image renditions readers' browsers ask "
        "for (AVIF, WebP and JPEG at each width) exist before the first reader arrives."
    )

    def handle(self, *args, **options):
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            self.stdout.write("No site yet: nothing to warm.")
            return
        client = Client(HTTP_HOST=site.hostname if site.hostname != "*" else "localhost")
        pages = Page.objects.live().public().descendant_of(site.root_page, inclusive=True)
        rendered = failed = 0
        for page in pages.specific().iterator():
            url = page.get_url()
            if not url:
                continue
            response = client.get(url, SERVER_NAME="localhost")
            if response.status_code == 200:
                rendered += 1
            else:
                failed += 1
                self.stderr.write(f"{url}: {response.status_code}")
        self.stdout.write(f"Rendered {rendered} pages ({failed} failed); renditions are in place.")
