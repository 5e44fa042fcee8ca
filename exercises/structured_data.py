"""
Schema.org structured data (JSON-LD) for routines and exercises, built from the
models' fields: a routine is a MedicalWebPage whose exercises are ExercisePlans; an
exercise page is a HowTo with its steps and its ExercisePlan. Rendered by the
`json_ld` template tag, which escapes the JSON for a <script> element.
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


def absolute(request, url):
    return request.build_absolute_uri(url) if request is not None else url


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


def quantity(value, unit_code=None, unit_text=None):
    """A Range as a QuantitativeValue: a value, or a minValue/maxValue pair."""
    data = {"@type": "QuantitativeValue"}
    if value.high is None:
        data["value"] = value.low
    else:
        data["minValue"], data["maxValue"] = value.low, value.high
    if unit_code:
        data["unitCode"] = unit_code
    if unit_text:
        data["unitText"] = unit_text
    return data


def exercise_plan(exercise, dose, request=None):
    """An ExercisePlan: the exercise and how much of it to do (repetitions, sets, hold)."""
    plan = {
        "@type": "ExercisePlan",
        "name": exercise.title,
        "url": absolute(request, exercise.get_url(request)),
        "exerciseType": exercise.get_position_display() or "Exercise",
    }
    if exercise.summary:
        plan["description"] = exercise.summary
    if dose.reps:
        plan["repetitions"] = quantity(dose.reps, unit_text="repetitions")
    if dose.sets:
        plan["workload"] = quantity(dose.sets, unit_text="sets")
    if dose.hold:
        plan["activityDuration"] = quantity(dose.hold, unit_code="SEC", unit_text="seconds")
    if dose.frequency:
        plan["activityFrequency"] = dose.frequency
    if dose.summary:
        plan["additionalVariable"] = dose.summary
    return plan


def publisher(request):
    site = Site.find_for_request(request) if request is not None else None
    name = (site.site_name if site else "") or ""
    return {"@type": "Organization", "name": name} if name else None


def routine(page, request):
    """A routine as a MedicalWebPage (an Article about the conditions it treats)."""
    url = absolute(request, page.get_url(request))
    data = {
        "@context": CONTEXT,
        "@type": "MedicalWebPage",
        "@id": url,
        "url": url,
        "name": page.title,
        "headline": page.title[:110],
        "description": describe(page),
        "dateModified": page.last_reviewed.isoformat(),
        "lastReviewed": page.last_reviewed.isoformat(),
        "inLanguage": "en",
        "medicalAudience": {"@type": "MedicalAudience", "audienceType": "Patient"},
    }
    if page.first_published_at:
        data["datePublished"] = page.first_published_at.date().isoformat()
    organisation = publisher(request)
    if page.byline:
        data["author"] = {"@type": "Person", "name": page.byline}
    elif organisation:
        data["author"] = organisation
    if organisation:
        data["publisher"] = organisation
    if image := image_object(page.hero_picture, request):
        data["image"] = image
    citations = [
        {"@type": "CreativeWork", "name": ref.value["citation"], **_url(ref.value.get("url"))}
        for ref in page.references
    ]
    if citations:
        data["citation"] = citations
    tags = page.topic_tags
    if tags:
        data["about"] = [{"@type": "MedicalCondition", "name": tag.name} for tag in tags]
        data["keywords"] = ", ".join(tag.name for tag in tags)
    plans = [exercise_plan(entry.exercise, entry.dose, request) for entry in page.exercises()]
    if plans:
        data["hasPart"] = plans
    return data


def _url(url):
    return {"url": url} if url else {}


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
    }
    if image := image_object(page.social_image, request):
        data["image"] = image
    tools = [{"@type": "HowToTool", "name": item.name} for item in page.equipment.all()]
    if tools:
        data["tool"] = tools
    return data
