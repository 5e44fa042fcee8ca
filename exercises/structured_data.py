"""
Schema.org structured data (JSON-LD) for routines and exercises, built from the
models' fields: a routine is a MedicalWebPage whose exercises are ExercisePlans; an
exercise page is a HowTo with its steps and its ExercisePlan; the breadcrumbs a page
shows are a BreadcrumbList. Rendered by the `json_ld` template tag, which escapes the
JSON for a <script> element.

Absolute addresses start with the Wagtail Site record's root URL, as the sitemap, the
feeds and the API's do, so all of them agree. The site's organisation has one @id
(`organisation_id`), which the host site's own Organization block uses too.
"""

from wagtail.models import Site

from .text import describe, plain_text

CONTEXT = "https://schema.org"
SOCIAL_IMAGE_SPEC = "fill-1200x630"


def social_rendition(image):
    """The sharing-card rendition of an image, made once per image object."""
    if image is None:
        return None
    if not hasattr(image, "_social_rendition"):
        image._social_rendition = image.get_rendition(SOCIAL_IMAGE_SPEC)
    return image._social_rendition


def site_for(request):
    if request is None:
        return Site.objects.filter(is_default_site=True).first()
    if not hasattr(request, "_structured_data_site"):
        request._structured_data_site = Site.find_for_request(request)
    return request._structured_data_site


def site_root(request):
    """The site's root URL without a trailing slash, e.g. https://clinic.example."""
    site = site_for(request)
    if site is not None:
        return site.root_url
    return request.build_absolute_uri("/").rstrip("/") if request is not None else ""


def absolute(request, url):
    if url.startswith(("http://", "https://")):
        return url
    return site_root(request) + url


def organisation_id(request):
    """The @id of the organisation that runs the site, the same on every page."""
    return f"{site_root(request)}/#organization"


def website_id(request):
    return f"{site_root(request)}/#website"


def organisation(request):
    """The site's organisation, by its @id and name: the publisher of every page."""
    site = site_for(request)
    data = {"@type": "Organization", "@id": organisation_id(request)}
    if site is not None and site.site_name:
        data["name"] = site.site_name
    return data


def image_object(image, request):
    rendition = social_rendition(image)
    if rendition is None:
        return None
    return {
        "@type": "ImageObject",
        "url": absolute(request, rendition.url),
        "width": rendition.width,
        "height": rendition.height,
    }


def quantity(value, unit_text=None):
    """A Range as a QuantitativeValue: a value, or a minValue/maxValue pair."""
    data = {"@type": "QuantitativeValue"}
    if value.high is None:
        data["value"] = value.low
    else:
        data["minValue"], data["maxValue"] = value.low, value.high
    if unit_text:
        data["unitText"] = unit_text
    return data


def exercise_plan(exercise, dose, request=None):
    """
    An ExercisePlan: the exercise, what kind it is, and how much of it to do.
    Repetitions have a property of their own; sets, holds and sides have none that
    means them (`workload` is energy spent), so they are said in the dose's words.
    """
    plan = {
        "@type": "ExercisePlan",
        "name": exercise.title,
        "url": absolute(request, exercise.get_url(request)),
    }
    if exercise.exercise_type:
        plan["exerciseType"] = exercise.get_exercise_type_display()
    if exercise.summary:
        plan["description"] = exercise.summary
    if dose.reps:
        plan["repetitions"] = quantity(dose.reps, unit_text="repetitions")
    if dose.frequency:
        plan["activityFrequency"] = dose.frequency
    if dose.summary:
        plan["additionalVariable"] = dose.summary
    return plan


def author(page, request):
    """The routine's author: the person named on it, else the organisation."""
    name = page.author_name or page.byline
    if not name:
        return organisation(request)
    person = {"@type": "Person", "name": name}
    if page.author_name and page.author_credentials:
        person["honorificSuffix"] = page.author_credentials
    person["worksFor"] = {"@id": organisation_id(request)}
    return person


def citation(reference):
    work = {"@type": "CreativeWork", "name": reference["citation"]}
    if reference.href:
        work["url"] = reference.href
    if reference.get("doi"):
        work["identifier"] = {
            "@type": "PropertyValue",
            "propertyID": "DOI",
            "value": reference["doi"],
        }
    return work


def routine(page, request, conditions=()):
    """
    A routine as a MedicalWebPage. `about` names only the tags that are conditions
    (`conditions`, their names); every tag is a keyword.
    """
    url = absolute(request, page.get_url(request))
    data = {
        "@context": CONTEXT,
        "@type": "MedicalWebPage",
        "@id": url,
        "url": url,
        "name": page.title,
        "headline": page.title[:110],
        "description": describe(page),
        "dateModified": page.updated_date.isoformat(),
        "lastReviewed": page.last_reviewed.isoformat(),
        "inLanguage": "en",
        "medicalAudience": {"@type": "MedicalAudience", "audienceType": "Patient"},
        "author": author(page, request),
        "publisher": organisation(request),
        "isPartOf": {"@id": website_id(request)},
    }
    if published := page.publication_date:
        data["datePublished"] = published.isoformat()
    if image := image_object(page.hero_picture, request):
        data["image"] = image
    citations = [citation(reference.value) for reference in page.references]
    if citations:
        data["citation"] = citations
    if conditions:
        data["about"] = [{"@type": "MedicalCondition", "name": name} for name in conditions]
    if tags := page.topic_tags:
        data["keywords"] = ", ".join(tag.name for tag in tags)
    plans = [exercise_plan(entry.exercise, entry.dose, request) for entry in page.exercises()]
    if plans:
        data["hasPart"] = plans
    return data


def exercise(page, request):
    """An exercise page as a HowTo with numbered HowToSteps and its ExercisePlan."""
    url = absolute(request, page.get_url(request))
    steps = []
    for number, step in enumerate(page.steps, start=1):
        how_to_step = {
            "@type": "HowToStep",
            "position": number,
            "text": plain_text(step.value["text"]),
        }
        if photo := step.value.get("photo"):
            how_to_step["image"] = image_object(photo, request)
        steps.append(how_to_step)
    data = {
        "@context": CONTEXT,
        "@type": "HowTo",
        "@id": url,
        "url": url,
        "name": page.title,
        # A HowTo always has a description: its title when nothing else says more.
        "description": describe(page) or page.title,
        "step": steps,
        "hasPart": [exercise_plan(page, page.dose, request)],
        "publisher": organisation(request),
    }
    if image := image_object(page.social_image, request):
        data["image"] = image
    tools = [{"@type": "HowToTool", "name": item.name} for item in page.equipment.all()]
    if tools:
        data["tool"] = tools
    return data


def breadcrumb_list(trail, current_title, current_url, request):
    """The breadcrumbs a page shows (models.breadcrumbs, then the page itself)."""
    crumbs = [*trail, {"title": current_title, "url": current_url}]
    return {
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": number,
                "name": crumb["title"],
                "item": absolute(request, crumb["url"]),
            }
            for number, crumb in enumerate(crumbs, start=1)
        ],
    }
