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
    {
        "label": "Consent to text messages",
        "field_type": "smsconsent",
        "required": False,
        "help_text": (
            "Tick if we may text this number about appointments. Message and data rates "
            "may apply; reply STOP to end them. You can be our patient without it."
        ),
    },
    {"label": "Street address", "field_type": "singleline", "autocomplete": "address-line1"},
    {
        "label": "Apartment, suite or unit",
        "field_type": "singleline",
        "required": False,
        "autocomplete": "address-line2",
    },
    {"label": "City", "field_type": "singleline", "autocomplete": "address-level2"},
    {"label": "State", "field_type": "usstate"},
    {"label": "ZIP code", "field_type": "zipcode"},
    {
        "label": "Sex",
        "field_type": "sex",
        "help_text": "As your insurance knows it: we need it to bill them.",
    },
    {
        "label": "Preferred language",
        "field_type": "language",
        "help_text": "The language you would like us to speak with you.",
    },
    {
        "label": "Do you need an interpreter?",
        "field_type": "interpreter",
        "help_text": "We arrange one at no cost to you.",
    },
    {
        "label": "Emergency contact name",
        "field_type": "singleline",
        "autocomplete": "off",
        "help_text": "Someone we may call if you are unwell during a visit.",
    },
    {
        "label": "Emergency contact relationship",
        "field_type": "singleline",
        "autocomplete": "off",
        "help_text": "For example: wife, son, friend.",
    },
    {"label": "Emergency contact phone", "field_type": "tel", "autocomplete": "off"},
    {
        "label": "Insurance provider (or self-pay)",
        "field_type": "singleline",
        "help_text": "The company named on your insurance card, or write “self-pay”.",
    },
    {
        "label": "Insurance member ID",
        "field_type": "insuranceid",
        "required": False,
        "help_text": (
            "On the front of your card, often after “ID” or “Member”. Leave empty if you "
            "pay for yourself."
        ),
    },
    {
        "label": "Insurance group number",
        "field_type": "insuranceid",
        "required": False,
        "help_text": "On the card after “Group” or “GRP”, if it shows one.",
    },
    {
        "label": "Policyholder",
        "field_type": "singleline",
        "required": False,
        "autocomplete": "off",
        "help_text": "The name on the card. Write “me” if that is you.",
    },
    {
        "label": "Photo of your insurance card",
        "field_type": "upload",
        "required": False,
        "help_text": (
            "Optional: a photo of the front of the card saves typing it at your first "
            "visit. A photo or PDF of up to 10 MB; only our front desk can open it."
        ),
    },
    {
        "label": "Was your pain caused by one of these?",
        "field_type": "injurycause",
        "help_text": "An auto accident or work injury may be billed to another insurer.",
    },
    {
        "label": "Date of the injury",
        "field_type": "injurydate",
        "required": False,
        "help_text": "If there was one. For example, 04/27/2025",
    },
    {
        "label": "Do you have a referral or prescription for physical therapy?",
        "field_type": "referral",
        "help_text": "Some insurance plans pay only with one from your doctor.",
    },
    {
        "label": "Photo of your referral or prescription",
        "field_type": "upload",
        "required": False,
        "help_text": "Optional: a photo or PDF of up to 10 MB; only our front desk can open it.",
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
