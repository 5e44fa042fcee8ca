from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from exercises.links import link_href
from exercises.querysets import VisiblePageQuerySet

from ..blocks import StandardBodyBlock
from ..shared_lists import LATEST_ARTICLES, newest_articles

INTRO_FEATURES = ["bold", "italic", "link"]


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
    call_to_action = models.ForeignKey(
        "exercises.CallToAction",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional: a call to action (e.g. the webinar) shown after the articles.",
    )

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
        FieldPanel("call_to_action"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("hero_heading"),
        index.SearchField("intro"),
    ]

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    # Its meta description, when it has no search description (exercises.text.describe).
    description_fields = ("intro", "hero_text")

    @property
    def social_image(self):
        return self.hero_image

    @property
    def social_image_alt(self):
        # The hero is drawn with the image's own alt text (its description), so is its card.
        return self.hero_image.default_alt_text if self.hero_image else ""

    @property
    def hero_cta_href(self):
        return link_href(self.hero_cta_page)

    def latest_articles(self):
        """The footer's latest articles, as cards with their photos, in a fixed number of
        queries."""
        return list(newest_articles().with_hero_renditions()[:LATEST_ARTICLES])

    def featured(self):
        """The featured pages readers may see, in the editor's order. A card shows a page's
        title, description and address, all on the plain page: no specific page is read."""
        links = list(self.featured_pages.all())
        pages = (
            VisiblePageQuerySet(Page)
            .visible()
            .filter(pk__in=[link.page_id for link in links])
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
