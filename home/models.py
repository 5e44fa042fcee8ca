from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from .blocks import StandardBodyBlock

INTRO_FEATURES = ["bold", "italic", "link"]


@register_setting(icon="site")
class ClinicSettings(BaseSiteSetting):
    """The clinic's details, shown in the footer and wherever the site names the clinic."""

    clinic_name = models.CharField(max_length=120, default="Physical Therapy Clinic")
    tagline = models.CharField(
        max_length=160,
        blank=True,
        help_text="A short line under the clinic's name, e.g. the city it serves.",
    )
    phone = models.CharField(max_length=40, blank=True, help_text="As patients should dial it.")
    email = models.EmailField(blank=True)
    street_address = models.TextField(
        blank=True, help_text="One line per address line, as it should appear on an envelope."
    )
    opening_hours = models.TextField(
        blank=True, help_text='One line per day or range, e.g. "Mon–Fri 7:00 am – 6:00 pm".'
    )
    schedule_label = models.CharField(max_length=40, default="Schedule now")
    schedule_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text='The page behind every "Schedule now" button, usually the application form.',
    )
    schedule_url = models.URLField(
        blank=True, help_text="Used instead of the page above, e.g. an online booking system."
    )
    schedule_text = models.CharField(
        max_length=250,
        blank=True,
        help_text="A sentence beside the footer's button.",
    )
    announcement_text = models.CharField(
        max_length=250,
        blank=True,
        help_text="Shown at the top of every page while set. Leave empty to hide it.",
    )
    announcement_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    announcement_url = models.URLField(blank=True)

    select_related = ["schedule_page", "announcement_page"]

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("clinic_name"),
                FieldPanel("tagline"),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
                FieldPanel("street_address"),
                FieldPanel("opening_hours"),
            ],
            heading="Clinic details",
        ),
        MultiFieldPanel(
            [
                FieldPanel("schedule_label"),
                PageChooserPanel("schedule_page"),
                FieldPanel("schedule_url"),
                FieldPanel("schedule_text"),
            ],
            heading="Schedule now",
        ),
        MultiFieldPanel(
            [
                FieldPanel("announcement_text"),
                PageChooserPanel("announcement_page"),
                FieldPanel("announcement_url"),
            ],
            heading="Site-wide announcement",
        ),
    ]

    class Meta:
        verbose_name = "Clinic settings"

    @property
    def schedule_href(self):
        if self.schedule_page_id and self.schedule_page.live:
            return self.schedule_page.url
        return self.schedule_url

    @property
    def announcement_href(self):
        if self.announcement_page_id and self.announcement_page.live:
            return self.announcement_page.url
        return self.announcement_url

    @property
    def address_lines(self):
        return [line.strip() for line in self.street_address.splitlines() if line.strip()]

    @property
    def opening_hours_lines(self):
        return [line.strip() for line in self.opening_hours.splitlines() if line.strip()]

    @property
    def phone_href(self):
        digits = "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")
        return f"tel:{digits}" if digits else ""


class HomePage(Page):
    """The site's front page: a hero, an introduction and featured pages."""

    hero_heading = models.CharField(max_length=120)
    hero_text = models.CharField(max_length=300, blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A wide photo; its alt text is read to people who cannot see it.",
    )
    hero_cta_label = models.CharField(max_length=60, blank=True, default="New Patient Application")
    hero_cta_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Where the hero's button leads, usually the New Patient Application.",
    )
    intro = RichTextField(features=INTRO_FEATURES + ["ul"], blank=True)
    featured_heading = models.CharField(max_length=120, blank=True, default="Start here")

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("hero_heading"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                FieldRowPanel([FieldPanel("hero_cta_label"), PageChooserPanel("hero_cta_page")]),
            ],
            heading="Hero",
        ),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("featured_heading"),
                InlinePanel("featured_pages", label="Featured page", max_num=6),
            ],
            heading="Featured",
        ),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("hero_heading"),
        index.SearchField("intro"),
    ]

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    def featured(self):
        """The featured pages that are live, in the editor's order, fetched in one query."""
        links = list(self.featured_pages.all())
        pages = (
            Page.objects.live()
            .public()
            .filter(pk__in=[link.page_id for link in links])
            .specific()
            .in_bulk()
        )
        return [
            {"page": pages[link.page_id], "blurb": link.blurb}
            for link in links
            if link.page_id in pages
        ]


class HomePageFeaturedPage(Orderable):
    home_page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_pages")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    blurb = models.CharField(
        max_length=250, blank=True, help_text="One sentence saying why a reader should go there."
    )

    panels = [PageChooserPanel("page"), FieldPanel("blurb")]


class StandardPage(Page):
    """A plain page for About, Privacy, Contact and the like."""

    intro = models.TextField(blank=True, help_text="A short opening paragraph.")
    body = StreamField(StandardBodyBlock(), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    template = "home/standard_page.html"
