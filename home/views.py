"""The site's views outside the page tree."""

from django.contrib.staticfiles import finders
from django.http import Http404, HttpResponse, JsonResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET, require_safe

from exercises.structured_data import absolute
from home.models import ClinicSettings

# The clinic's teal (--brand in static/css/site.css); templates/includes/head_assets.html
# gives browsers the same colour in its theme-color meta tag.
THEME_COLOR = "#0b5563"
BACKGROUND_COLOR = "#ffffff"
# Home-screen labels show about 12 characters before they are cut.
SHORT_NAME_LENGTH = 12
# The manifest names the clinic as its settings do now: a renamed clinic shows within
# the hour. The favicon changes only with a deployment.
MANIFEST_MAX_AGE = 60 * 60
FAVICON_MAX_AGE = 24 * 60 * 60


@require_GET
def robots_txt(request):
    """Crawlers keep out of the admin and the search results, and find the sitemap."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        "",
        # On the Site record's address, as the sitemap's own URLs are.
        f"Sitemap: {absolute(request, reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def web_manifest(request):
    """
    What a phone needs to put the site on its home screen: the clinic's name, its icons
    and colours. The site opens in the browser as usual ("display": "browser"), with the
    address bar and back button patients know: it is a website to read and share links
    from, with no offline mode that a window of its own would promise.
    """
    name = ClinicSettings.for_request(request).clinic_name
    manifest = {
        "id": "/",
        "name": name,
        "short_name": short_name(name),
        "start_url": "/",
        "scope": "/",
        "display": "browser",
        "lang": "en",
        "theme_color": THEME_COLOR,
        "background_color": BACKGROUND_COLOR,
        "icons": [
            {"src": static("icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static("icons/icon-maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
            {"src": static("icons/favicon.svg"), "sizes": "any", "type": "image/svg+xml"},
        ],
    }
    response = JsonResponse(manifest, content_type="application/manifest+json")
    patch_cache_control(response, public=True, max_age=MANIFEST_MAX_AGE)
    return response


def short_name(name):
    """The clinic's name, or as many of its first words as fit under an icon."""
    words = name.split()
    fitting = ""
    for word in words:
        longer = f"{fitting} {word}".strip()
        if len(longer) > SHORT_NAME_LENGTH:
            break
        fitting = longer
    return fitting or name[:SHORT_NAME_LENGTH].strip()


@require_safe
def favicon_ico(request):
    """
    /favicon.ico, which browsers and crawlers ask for whatever a page's head says. Served
    here rather than redirected: a permanent redirect to the hashed static name would
    outlive the file once a new icon is deployed.
    """
    path = finders.find("icons/favicon.ico")
    if path is None:
        raise Http404("No favicon.ico among the static files.")
    with open(path, "rb") as file:
        response = HttpResponse(file.read(), content_type="image/x-icon")
    patch_cache_control(response, public=True, max_age=FAVICON_MAX_AGE)
    return response
