from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from exercises.links import link_href


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
        return link_href(self.schedule_page, self.schedule_url)

    @property
    def announcement_href(self):
        return link_href(self.announcement_page, self.announcement_url)

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
