"""The demo "New Patient Application" page with the questions a physical-therapy clinic asks."""

from intake.models import ApplicationFormField, ApplicationFormPage

PAIN_SCALE = "\n".join(
    ["0 – no pain"] + [str(n) for n in range(1, 10)] + ["10 – worst pain imaginable"]
)

QUESTIONS = [
    {"label": "First name", "field_type": "singleline", "autocomplete": "given-name"},
    {"label": "Last name", "field_type": "singleline", "autocomplete": "family-name"},
    {"label": "Date of birth", "field_type": "birthdate", "help_text": "For example, 04/27/1961"},
    {
        "label": "Phone number",
        "field_type": "tel",
        "help_text": "We call or text this number to book your first visit.",
    },
    {"label": "Email address", "field_type": "email"},
    {
        "label": "Preferred contact method",
        "field_type": "radio",
        "choices": "Phone call\nText message\nEmail",
    },
    {"label": "ZIP code", "field_type": "zipcode"},
    {
        "label": "Insurance provider (or self-pay)",
        "field_type": "singleline",
        "help_text": "The company named on your insurance card, or write “self-pay”.",
    },
    {
        "label": "Referring physician",
        "field_type": "singleline",
        "required": False,
        "help_text": "If a doctor sent you to us, their name.",
    },
    {
        "label": "Where is your pain?",
        "field_type": "checkboxes",
        "help_text": "Tick all that apply.",
        "choices": "Lower back\nHip\nLeg / sciatica\nNeck\nShoulder\nKnee\nOther",
    },
    {
        "label": "How long has the pain lasted?",
        "field_type": "radio",
        "choices": "Less than 2 weeks\n2 to 6 weeks\n6 weeks to 3 months\nMore than 3 months",
    },
    {
        "label": "How bad is your pain today?",
        "field_type": "radio",
        "help_text": "0 means no pain at all, 10 the worst pain you can imagine.",
        "choices": PAIN_SCALE,
    },
    {
        "label": "What makes it worse?",
        "field_type": "checkboxes",
        "required": False,
        "help_text": "Tick all that apply.",
        "choices": "Standing\nWalking\nSitting\nBending forward\nLifting\nLying down\nOther",
    },
    {
        "label": "Preferred appointment times",
        "field_type": "checkboxes",
        "help_text": "Tick all that suit you.",
        "choices": ("Weekday mornings\nWeekday afternoons\nWeekday evenings\nSaturday mornings"),
    },
    {
        "label": "How did you hear about us?",
        "field_type": "radio",
        "required": False,
        "choices": (
            "My doctor\nFriend or family\nSearch engine\nSocial media\nInsurance directory\nOther"
        ),
    },
    {
        "label": "Anything else we should know?",
        "field_type": "multiline",
        "required": False,
        "help_text": (
            "Keep it short, and please do not type more medical detail than we need to "
            "book your first visit: we will ask about your health in person."
        ),
    },
    {
        "label": "Do you have any of these warning signs?",
        "field_type": "warningsigns",
        "required": False,
        "help_text": (
            "Tick any you have now. If you tick one, get urgent medical care today: "
            "do not wait for our call."
        ),
        "choices": (
            "New problems controlling your bladder or bowels\n"
            "Numbness in the groin, buttocks or inner thighs\n"
            "Fever\n"
            "Weight loss you cannot explain"
        ),
    },
    {
        "label": (
            "I agree that the clinic may keep the information on this form and use it to "
            "contact me about physical therapy"
        ),
        "field_type": "consent",
    },
]

PAGE = {
    "title": "New Patient Application",
    "slug": "new-patient-application",
    "intro": (
        "<p>Tell us a little about yourself and your pain, and our front desk will contact "
        "you to book your first visit. It takes about five minutes. Questions marked "
        "(optional) can be left blank.</p>"
    ),
    "thank_you_text": (
        "<ol><li>Our front desk reads your application, usually within one working "
        "day.</li><li>We contact you the way you asked, to book your first visit.</li>"
        "<li>Bring a photo ID and your insurance card to that visit.</li></ol>"
    ),
    "to_address": "frontdesk@example.com",
    "from_address": "website@example.com",
    "subject": "New patient application",
    "search_description": "Apply to become a patient: we contact you to book your first visit.",
}


def ensure_application_form(home, privacy_page=None):
    """The New Patient Application under the home page; an existing one is left as it is."""
    page = ApplicationFormPage.objects.descendant_of(home).first()
    if page is not None:
        return page
    page = ApplicationFormPage(**PAGE, privacy_page=privacy_page)
    page.form_fields = [
        ApplicationFormField(
            sort_order=index,
            label=question["label"],
            field_type=question["field_type"],
            required=question.get("required", True),
            choices=question.get("choices", ""),
            help_text=question.get("help_text", ""),
            autocomplete=question.get("autocomplete", ""),
        )
        for index, question in enumerate(QUESTIONS)
    ]
    home.add_child(instance=page)
    page.save_revision().publish()
    return page
