from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from exercises.links import link_href
from siteops.settings_cache import CachedSiteSetting

# The button's words when it opens the application: the desk calls back to book.
REQUEST_LABEL = "Request an appointment"


@dataclass(frozen=True)
class BookingLink:
    label: str
    href: str
    page_id: int | None = None


@register_setting(icon="site")
class ClinicSettings(CachedSiteSetting, BaseSiteSetting):
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
    booking_url = models.URLField(
        "online booking link",
        blank=True,
        help_text="The clinic's online booking system, when it has one. Leave empty and the "
        "button says “Request an appointment” and opens the page below.",
    )
    booking_label = models.CharField(
        max_length=40,
        default="Book an appointment",
        help_text="The button's words when it opens the online booking link.",
    )
    appointment_request_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Where “Request an appointment” leads without a booking link: usually "
        "the New Patient Application.",
    )
    booking_text = models.CharField(
        max_length=250,
        blank=True,
        help_text="A sentence beside the booking button at the foot of every page.",
    )
    announcement_text = models.CharField(
        max_length=250,
        blank=True,
        help_text="A line at the top of every page while set; leave empty to hide it. "
        "Keep it short: a phone shows about 40 characters a line, and every line pushes "
        "the page down.",
    )
    announcement_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    announcement_url = models.URLField(blank=True)
    share_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown when a page without a photo of its own is shared or linked to.",
    )
    share_image_alt_text = models.CharField(
        "share image alt text",
        max_length=250,
        blank=True,
        help_text="What the share image shows, for people who cannot see it.",
    )

    select_related = ["appointment_request_page", "announcement_page", "share_image"]

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
                FieldPanel("booking_url"),
                FieldPanel("booking_label"),
                PageChooserPanel("appointment_request_page"),
                FieldPanel("booking_text"),
            ],
            heading="Appointments",
        ),
        MultiFieldPanel(
            [
                FieldPanel("announcement_text"),
                PageChooserPanel("announcement_page"),
                FieldPanel("announcement_url"),
            ],
            heading="Site-wide announcement",
        ),
        MultiFieldPanel(
            [FieldPanel("share_image"), FieldPanel("share_image_alt_text")],
            heading="Sharing",
        ),
    ]

    class Meta:
        verbose_name = "Clinic settings"

    def clean(self):
        super().clean()
        if self.share_image_id and not self.share_image_alt_text.strip():
            raise ValidationError(
                {"share_image_alt_text": "Describe the share image for people who cannot see it."}
            )

    @cached_property
    def booking(self):
        """The booking button, labelled for what it does; None when it leads nowhere."""
        if self.booking_url:
            return BookingLink(self.booking_label or "Book an appointment", self.booking_url)
        page = self.appointment_request_page
        href = link_href(page)
        if href:
            return BookingLink(REQUEST_LABEL, href, page.pk)
        return None

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
