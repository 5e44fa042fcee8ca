"""
The clinic as schema.org structured data (a MedicalClinic), built from Clinic settings:
the address lines as a PostalAddress, the opening-hours lines as
OpeningHoursSpecifications. Lines that cannot be read as days and times are left out
rather than guessed.
"""

import re

from django.templatetags.static import static

from exercises.structured_data import absolute, organisation_id, site_root, website_id

LOGO = "icons/icon-512.png"
# schema.org's MedicalSpecialty for physical therapy (not "PhysicalTherapy").
SPECIALTY = "https://schema.org/Physiotherapy"

DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
DAY_PREFIXES = {day[:3].lower(): day for day in DAYS}
# "Jacksonville, FL 32204"
LOCALITY_LINE = re.compile(
    r"^(?P<locality>[^,]+),\s*(?P<region>[A-Za-z]{2})\s+(?P<postal>\d{5}(-\d{4})?)$"
)
DAY_WORD = r"[A-Za-z]{3,9}\.?"
HOURS_LINE = re.compile(
    rf"^(?P<first>{DAY_WORD})(\s*[-–—]\s*(?P<last>{DAY_WORD}))?\s*:?\s*"
    r"(?P<opens>\d{1,2}(:\d{2})?\s*[ap]\.?m\.?)\s*[-–—]\s*"
    r"(?P<closes>\d{1,2}(:\d{2})?\s*[ap]\.?m\.?)$",
    re.IGNORECASE,
)
TIME = re.compile(r"^(?P<hour>\d{1,2})(:(?P<minute>\d{2}))?\s*(?P<half>[ap])", re.IGNORECASE)


def day_name(word):
    return DAY_PREFIXES.get(word.strip(".").lower()[:3])


def clock(value):
    """'7:00 am' -> '07:00', '6 pm' -> '18:00'."""
    match = TIME.match(value.strip())
    hour, minute = int(match["hour"]) % 12, int(match["minute"] or 0)
    if match["half"].lower() == "p":
        hour += 12
    return f"{hour:02d}:{minute:02d}"


def opening_hours(lines):
    """OpeningHoursSpecifications for lines like 'Monday–Friday: 7:00 am – 6:00 pm'."""
    specifications = []
    for line in lines:
        match = HOURS_LINE.match(line.strip())
        if not match:
            continue
        first = day_name(match["first"])
        last = day_name(match["last"]) if match["last"] else first
        if first is None or last is None:
            continue
        start, end = DAYS.index(first), DAYS.index(last)
        days = DAYS[start : end + 1] if start <= end else DAYS[start:] + DAYS[: end + 1]
        specifications.append(
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": [f"https://schema.org/{day}" for day in days],
                "opens": clock(match["opens"]),
                "closes": clock(match["closes"]),
            }
        )
    return specifications


def postal_address(lines):
    if not lines:
        return None
    address = {"@type": "PostalAddress", "addressCountry": "US"}
    match = LOCALITY_LINE.match(lines[-1]) if len(lines) > 1 else None
    if match:
        address["streetAddress"] = ", ".join(lines[:-1])
        address["addressLocality"] = match["locality"].strip()
        address["addressRegion"] = match["region"].upper()
        address["postalCode"] = match["postal"]
    else:
        address["streetAddress"] = ", ".join(lines)
    return address


def organisation(settings, request):
    """The clinic as the site's organisation: the @id routines name as publisher."""
    return {
        "@type": "MedicalClinic",
        "@id": organisation_id(request),
        "name": settings.clinic_name,
        "url": site_root(request) + "/",
        "logo": absolute(request, static(LOGO)),
        "medicalSpecialty": SPECIALTY,
    }


def site_graph(settings, request):
    """On every page: the WebSite and the clinic that publishes it."""
    return {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "WebSite",
                "@id": website_id(request),
                "name": settings.clinic_name,
                "url": site_root(request) + "/",
                "publisher": {"@id": organisation_id(request)},
                "inLanguage": "en",
            },
            organisation(settings, request),
        ],
    }


def clinic(settings, request):
    """The clinic from its settings as a MedicalClinic: address, hours, contact."""
    data = {"@context": "https://schema.org", **organisation(settings, request)}
    if settings.tagline:
        data["description"] = settings.tagline
    if settings.phone:
        data["telephone"] = settings.phone
    if settings.email:
        data["email"] = settings.email
    if address := postal_address(settings.address_lines):
        data["address"] = address
    if hours := opening_hours(settings.opening_hours_lines):
        data["openingHoursSpecification"] = hours
    return data
