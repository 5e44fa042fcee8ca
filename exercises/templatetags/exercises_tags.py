import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from exercises import structured_data
from exercises.feeds import feed_title
from exercises.fragment_cache import do_contentcache
from exercises.models import RoutineIndexPage, RoutinePage
from exercises.querysets import restricted_q
from exercises.text import CITATION

register = template.Library()
register.tag("contentcache", do_contentcache)


@register.filter(needs_autoescape=False)
def link_citations(html, reference_count):
    """
    Turn the markers editors type in text ([1], [2]...) into superscript links to the
    numbered references, each with an id the reference can link back to.
    Markers beyond the number of references are left as typed.
    """
    seen = {}

    def replace(match):
        number = int(match.group(1))
        if not 1 <= number <= int(reference_count or 0):
            return match.group(0)
        seen[number] = seen.get(number, 0) + 1
        suffix = "" if seen[number] == 1 else f"-{seen[number]}"
        return (
            f'<sup class="citation"><a href="#reference-{number}" id="cite-{number}{suffix}">'
            f'<span class="visually-hidden">Reference </span>{number}</a></sup>'
        )

    return mark_safe(CITATION.sub(replace, str(html)))


JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data):
    """
    A schema.org JSON-LD block. The JSON is escaped like Django's json_script, so no
    text from the page can close the <script> element; browsers treat it as data.
    """
    if not data:
        return ""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(
        JSON_SCRIPT_ESCAPES
    )
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))


@register.simple_tag(takes_context=True)
def breadcrumb_json_ld(context, trail, current_title):
    """The breadcrumbs shown, as a schema.org BreadcrumbList ending at this address."""
    request = context.get("request")
    if request is None:
        return ""
    return json_ld(structured_data.breadcrumb_list(trail, current_title, request.path, request))


@register.inclusion_tag("exercises/includes/feed_links.html", takes_context=True)
def routine_feed_links(context):
    """
    Autodiscovery links to the newest articles' RSS and Atom feeds, for a host's base
    template to put in every page's <head>: a routine's index's, else the first index's.
    """
    request = context.get("request")
    page = context.get("page")
    if isinstance(page, RoutineIndexPage):
        index = page
    elif isinstance(page, RoutinePage):
        index = context.get("index_page") or page.index_page
    else:
        index = RoutineIndexPage.objects.live().exclude(restricted_q()).first()
    if index is None or request is None:
        return {}
    url = index.get_url(request)
    rss, atom = RoutineIndexPage.feed_paths()
    return {"title": feed_title(index, request), "rss": url + rss, "atom": url + atom}
