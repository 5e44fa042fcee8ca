"""What search engines and link previews read in every page's <head>."""

from django import template

from exercises.structured_data import absolute, site_root, social_rendition
from exercises.text import describe
from home.structured_data import clinic, site_graph

register = template.Library()


def canonical_url(request):
    """
    This page's own address: no query string except a page number past the first. On the
    Site record's root URL, as the sitemap and the feeds have it, whatever host asked.
    """
    url = site_root(request) + request.path
    try:
        # As the paginator reads it; str.isdigit() also passes "²", which int() refuses.
        number = int(request.GET.get("page", ""))
    except ValueError:  # not a number, or more digits than int() converts
        return url
    if number > 1:
        url += f"?page={number}"
    return url


@register.inclusion_tag("includes/meta.html", takes_context=True)
def page_meta(context, title=""):
    """Meta description, canonical URL, Open Graph and Twitter card for the current page.

    A view outside the page tree (search) names its `title`; it shares the clinic's image.
    """
    request = context.get("request")
    page = context.get("page")
    clinic_settings = context.get("settings")
    clinic = clinic_settings["home"]["ClinicSettings"] if clinic_settings is not None else None
    site_name = clinic.clinic_name if clinic is not None else ""
    meta = {
        "title": title,
        "description": "",
        "canonical": canonical_url(request) if request is not None else "",
        "og_type": "website",
        "site_name": site_name,
        "image": None,
    }
    if page is not None and hasattr(page, "title"):
        meta["title"] = getattr(page, "seo_title", "") or page.title
        meta["description"] = describe(page)
        meta["og_type"] = getattr(page, "og_type", "website")
    image, alt = share_image(page, clinic)
    rendition = social_rendition(image) if image is not None else None
    if rendition is not None:
        meta["image"] = {
            "url": absolute(request, rendition.url) if request else rendition.url,
            "width": rendition.width,
            "height": rendition.height,
            "alt": alt,
        }
    return meta


def share_image(page, clinic):
    """The page's own photo and its alt text, else the clinic's default share image."""
    image = getattr(page, "social_image", None)
    if image is not None:
        return image, getattr(page, "social_image_alt", "")
    if clinic is not None and clinic.share_image is not None:
        return clinic.share_image, clinic.share_image_alt_text
    return None, ""


def _from_clinic_settings(build, context):
    """`build(clinic settings, request)`, or None outside a request (a rendered email)."""
    request = context.get("request")
    clinic_settings = context.get("settings")
    if request is None or clinic_settings is None:
        return None
    return build(clinic_settings["home"]["ClinicSettings"], request)


@register.simple_tag(takes_context=True)
def clinic_structured_data(context):
    """The clinic as a schema.org MedicalClinic, from Clinic settings."""
    return _from_clinic_settings(clinic, context)


@register.simple_tag(takes_context=True)
def site_structured_data(context):
    """The WebSite and the clinic (name, logo) as schema.org JSON-LD, for every page."""
    return _from_clinic_settings(site_graph, context)
