"""
The clinic's two calls to action as snippets: the book "Revision Sciatica" (placed in
the routine's body) and the free webinar recording (on the home page, and the page the
site-wide announcement links to).
"""

from exercises.models import CallToAction
from home.models import HomePage, StandardPage

from .images import placeholder_image

BOOK_IMAGE = "Revision Sciatica Book"
WEBINAR_PAGE = {
    "slug": "webinar",
    "title": "Free webinar: hip vs. lower back pain",
    "intro": (
        "A free recording of our webinar on hip vs. lower back pain: how to tell the "
        "difference and what to do about it."
    ),
    "body": [
        (
            "paragraph",
            "<p>Hip pain and lower back pain often feel alike. In this recording our "
            "physical therapist explains the signs that point to one or the other, and "
            "simple first steps for each.</p>",
        ),
        (
            "paragraph",
            "<p>Call or email the front desk and we will send you the link to the recording.</p>",
        ),
    ],
}


def ensure_webinar_page(home):
    page = StandardPage.objects.child_of(home).filter(slug=WEBINAR_PAGE["slug"]).first()
    if page is None:
        page = home.add_child(instance=StandardPage(show_in_menus=False, **WEBINAR_PAGE))
        page.save_revision().publish()
    return page


def ensure_call_to_action(heading, **fields):
    call_to_action = CallToAction.objects.filter(heading=heading).first()
    if call_to_action is None:
        call_to_action = CallToAction.objects.create(heading=heading, **fields)
    return call_to_action


def ensure_calls_to_action(home, contact_page=None):
    """The webinar page and both calls to action; returns them by name."""
    webinar_page = ensure_webinar_page(home)
    book = ensure_call_to_action(
        "Revision Sciatica",
        text=(
            "<p>The book: the latest treatments, over 50 exercises, free workouts and "
            "8 week progressions for stenosis.</p>"
        ),
        image=placeholder_image(BOOK_IMAGE, BOOK_IMAGE, pose="book"),
        image_alt_text=BOOK_IMAGE,
        button_label="Ask us about the book",
        link_page=contact_page,
    )
    webinar = ensure_call_to_action(
        "Free webinar: hip vs. lower back pain",
        text="<p>How to tell the difference, and what to do about it.</p>",
        button_label="Get the free recording",
        link_page=webinar_page,
    )
    return {"book": book, "webinar": webinar, "webinar_page": webinar_page}


def place_on_home_page(home, call_to_action):
    """Show the call to action on the home page, unless an editor chose one already."""
    home = HomePage.objects.get(pk=home.pk)
    if home.call_to_action_id is None:
        home.call_to_action = call_to_action
        home.save_revision().publish()
