"""The site around the articles: home page, shared pages and the clinic's settings."""

from wagtail.models import Page, Site

from home.models import ClinicSettings, HomePage, StandardPage

from .images import placeholder_image

CLINIC = {
    "clinic_name": "Physical Therapy Jacksonville",
    "tagline": "Physical Therapy Jacksonville Florida",
    "phone": "(904) 555-0142",
    "email": "frontdesk@example.com",
    "street_address": "1000 Riverside Avenue, Suite 200\nJacksonville, FL 32204",
    "opening_hours": (
        "Monday–Friday: 7:00 am – 6:00 pm\nSaturday: 8:00 am – 12:00 pm\nSunday: closed"
    ),
    "booking_text": (
        "Send a New Patient Application and the front desk will call you to book your "
        "first visit, usually the same working day."
    ),
    "announcement_text": (
        "Click here for a free recording of my webinar on hip vs. lower back pain! "
        "How to tell the difference and what to do about it!"
    ),
}

# The home page's hero doubles as the picture shown when any page without a photo of its
# own is shared.
SHARE_IMAGE_ALT = (
    "A physical therapist supporting an older patient's leg as she straightens it, "
    "seated on a chair"
)


def home_hero_image():
    return placeholder_image(
        "Physical therapist guiding a patient through a chair exercise",
        SHARE_IMAGE_ALT,
        pose="therapist-guiding",
    )


STANDARD_PAGES = [
    {
        "slug": "about",
        "title": "About the clinic",
        "show_in_menus": True,
        "intro": "One-to-one physical therapy for back, hip, knee and shoulder pain.",
        "body": [
            (
                "paragraph",
                "<p>Every visit is one-to-one with a licensed physical therapist. "
                "We explain what is causing your pain, show you exercises you can do at home, "
                "and adjust them as you improve.</p>",
            ),
            ("heading", {"text": "What to expect at your first visit", "level": "h2"}),
            (
                "paragraph",
                "<ul><li>A conversation about your symptoms and goals.</li>"
                "<li>A movement assessment.</li><li>A home-exercise plan you can print.</li></ul>",
            ),
        ],
    },
    {
        "slug": "contact",
        "title": "Contact",
        "show_in_menus": True,
        "intro": "Call, email or send a New Patient Application and we will get back to you.",
        "body": [
            (
                "paragraph",
                "<p>Our front desk answers the phone during opening hours. "
                "Messages left after hours are returned the next working day.</p>",
            ),
        ],
    },
    {
        "slug": "privacy",
        "title": "Privacy notice",
        "show_in_menus": False,
        "intro": "How we handle the information you send us.",
        "body": [
            (
                "paragraph",
                "<p>When you send a New Patient Application we store it securely and use "
                "it only to contact you about your care. Only the clinic's intake staff can "
                "read applications. We do not sell or share your information, and we delete "
                "applications we no longer need.</p>",
            ),
            ("heading", {"text": "Your choices", "level": "h2"}),
            (
                "paragraph",
                "<p>You can ask us at any time to see or delete the information you "
                "sent. Call or email the front desk.</p>",
            ),
        ],
    },
]


def ensure_home_page():
    """The site's root page is a HomePage; Wagtail's welcome page is replaced once."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        # Wagtail's initial migration creates a page at slug "home"; free the slug.
        for welcome in (
            Page.objects.child_of(root).filter(slug="home").exclude(content_type__model="homepage")
        ):
            welcome.delete()
        home = root.add_child(
            instance=HomePage(
                title="Home",
                slug="home",
                hero_heading="Move with less pain, one step at a time",
                hero_text=(
                    "Physical therapy for back pain, sciatica and stiff joints, with exercises "
                    "you can follow at home."
                ),
                intro=(
                    "<p>We help you understand your pain and give you a clear plan: hands-on "
                    "care in the clinic and simple exercises, with photos and step-by-step "
                    "instructions, for the days in between.</p>"
                ),
                hero_image=home_hero_image(),
                seo_title="Physical therapy for back pain and sciatica",
                search_description=(
                    "One-to-one physical therapy and home exercises for back pain, sciatica "
                    "and spinal stenosis."
                ),
            )
        )
        home.save_revision().publish()
    else:
        home_hero_image()  # redraws an older drawing of it in place
    if site is None:
        site = Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    if site.site_name != CLINIC["clinic_name"]:
        site.site_name = CLINIC["clinic_name"]
        site.save()
    return home, site


def ensure_standard_pages(home):
    pages = {}
    for spec in STANDARD_PAGES:
        page = StandardPage.objects.child_of(home).filter(slug=spec["slug"]).first()
        if page is None:
            page = home.add_child(
                instance=StandardPage(
                    title=spec["title"],
                    slug=spec["slug"],
                    intro=spec["intro"],
                    body=spec["body"],
                    show_in_menus=spec["show_in_menus"],
                )
            )
            page.save_revision().publish()
        pages[spec["slug"]] = page
    return pages


def ensure_clinic_settings(site, appointment_request_page=None, announcement_page=None):
    settings = ClinicSettings.for_site(site)
    changed = False
    # Seed only settings nobody has filled in yet; an editor's changes are kept.
    if not (settings.phone or settings.email or settings.street_address):
        for field, value in CLINIC.items():
            setattr(settings, field, value)
        changed = True
    if (
        appointment_request_page is not None
        and settings.appointment_request_page_id is None
        and not settings.booking_url
    ):
        settings.appointment_request_page = appointment_request_page
        changed = True
    if (
        announcement_page is not None
        and settings.announcement_page_id is None
        and not settings.announcement_url
    ):
        settings.announcement_page = announcement_page
        changed = True
    if settings.share_image_id is None:
        home = site.root_page.specific
        if getattr(home, "hero_image_id", None):
            settings.share_image_id = home.hero_image_id
            settings.share_image_alt_text = SHARE_IMAGE_ALT
            changed = True
    if changed:
        settings.save()
    return settings
