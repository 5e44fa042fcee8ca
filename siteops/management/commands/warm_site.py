from django.core.management.base import BaseCommand
from wagtail.models import Page

from siteops.warming import default_site, reader_client, render_page


class Command(BaseCommand):
    help = (
        "Render every live page once, so that the image renditions readers' browsers ask "
        "for (AVIF, WebP and JPEG at each width) exist before the first reader arrives."
    )

    def handle(self, *args, **options):
        site = default_site()
        if site is None:
            self.stdout.write("No site yet: nothing to warm.")
            return
        client = reader_client(site)
        pages = Page.objects.live().public().descendant_of(site.root_page, inclusive=True)
        rendered = failed = 0
        for page in pages.specific().iterator():
            url, status = render_page(client, page)
            if status is None:
                continue
            if status == 200:
                rendered += 1
            else:
                failed += 1
                self.stderr.write(f"{url}: {status}")
        self.stdout.write(f"Rendered {rendered} pages ({failed} failed); renditions are in place.")
