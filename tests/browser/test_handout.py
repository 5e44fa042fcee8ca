"""The demo routine printed by Chromium: its handout and the article itself.

The handout (`handout/` below the routine) must fit on three Letter or A4 pages, keep
every step list, tip box and dose box on one page, and leave no page but the last less
than a third full. The article printed as it is (Ctrl+P) follows the same rules for its
boxes. Measured in the PDFs themselves: each page's text and where it sits.

The PDFs are saved in test-artifacts/print/, with a PNG of each page when poppler's
pdftoppm is installed (it is not needed for the checks).
"""

import re
import shutil
import subprocess
import unicodedata

import pytest
from pypdf import PdfReader

from .conftest import REPO_ROOT, wait_for_images_and_fonts

ROUTINE_PATH = "/articles/5-exercises-for-sciatica-from-lumbar-spinal-stenosis/"
HANDOUT_PATH = ROUTINE_PATH + "handout/"
ARTIFACTS = REPO_ROOT / "test-artifacts" / "print"
FORMATS = ["Letter", "A4"]
# The handout's @page margins (exercises/static/exercises/css/handout.css), in points.
HANDOUT_MARGIN_PT = 11 / 25.4 * 72
BOXES = ".steps, .tip, .dose-box"


def normalise(text):
    """
    Text as compared across the PDF and the page: its words only, lower case, ligatures
    undone (the PDF has the colons and numbers CSS adds, the page's text has not).
    """
    return " ".join(re.findall(r"\w+", unicodedata.normalize("NFKC", text).lower()))


class PrintedPage:
    def __init__(self, pdf_page):
        self.height = float(pdf_page.mediabox.height)
        self.baselines = []

        def visit(text, cm, tm, font, size):
            if text.strip():
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                self.baselines.append(self.height - y)  # from the top of the page

        self.text = normalise(pdf_page.extract_text(visitor_text=visit))

    def fullness(self, margin_pt):
        """How far down the printable area the page's text reaches, 0 to 1."""
        if not self.baselines:
            return 0.0
        return (max(self.baselines) - margin_pt) / (self.height - 2 * margin_pt)


def print_to_pdf(page, path, paper):
    wait_for_images_and_fonts(page)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pdf = ARTIFACTS / f"{path}-{paper.lower()}.pdf"
    page.pdf(path=str(pdf), format=paper)
    if shutil.which("pdftoppm"):
        for old in ARTIFACTS.glob(f"{pdf.stem}-*.png"):
            old.unlink()
        subprocess.run(
            ["pdftoppm", "-r", "70", "-png", str(pdf), str(ARTIFACTS / pdf.stem)], check=True
        )
    return [PrintedPage(p) for p in PdfReader(pdf).pages]


def box_texts(page):
    """The text of every step list, tip box and dose box, as laid out for print."""
    page.emulate_media(media="print")
    texts = page.locator(BOXES).evaluate_all("els => els.map(el => el.innerText)")
    page.emulate_media(media="null")  # page.pdf() prints with print media only without it
    return [normalise(text) for text in texts if text.strip()]


def split_boxes(printed, boxes):
    """Boxes whose first and last words are not on one page."""
    split = []
    for box in boxes:
        words = box.split(" ")
        first, last = " ".join(words[:4]), " ".join(words[-4:])
        if not any(first in p.text and last in p.text for p in printed):
            split.append(box[:70])
    return split


@pytest.fixture
def handout(page):
    response = page.goto(HANDOUT_PATH)
    assert response is not None and response.ok
    return page


@pytest.mark.parametrize("paper", FORMATS)
def test_the_handout_prints_on_three_pages_with_every_box_whole(handout, paper):
    boxes = box_texts(handout)
    assert len(boxes) >= 15, "5 exercises, each with a dose, steps and a tip"
    printed = print_to_pdf(handout, "handout", paper)
    assert len(printed) <= 3, f"{len(printed)} {paper} pages"
    assert split_boxes(printed, boxes) == [], "split across pages"
    for number, printed_page in enumerate(printed[:-1], start=1):
        fullness = printed_page.fullness(HANDOUT_MARGIN_PT)
        assert fullness >= 1 / 3, f"page {number} of {len(printed)} is {fullness:.0%} full"
    # The clinic and the way back online are on the first page, the log on the last.
    first, last = printed[0].text, printed[-1].text
    assert normalise("Physical Therapy Jacksonville") in first
    assert normalise("(904) 555-0142") in first
    assert normalise(ROUTINE_PATH) in first, "the page's address beside the QR code"
    assert normalise("Your 7-day log") in last and normalise("Day 7") in last
    for title in (
        "Seated Lumbar Flexion",
        "Standing Hip Extension Stretch",
        "Squat with an Incline Board",
        "Forward Bend with Nerve Glides",
        "Modified Lunge (with Chair Support)",
    ):
        assert any(normalise(title) in p.text for p in printed), title


def test_the_handout_draws_a_qr_code_and_its_photos(handout):
    handout.emulate_media(media="print")
    qr = handout.locator(".handout__qr-image svg").bounding_box()
    assert qr is not None and 60 <= qr["width"] <= 100, "about 2 cm square on paper"
    photos = handout.locator(".handout-exercise__photo img")
    assert photos.count() == 5
    for index in range(photos.count()):
        box = photos.nth(index).bounding_box()
        assert box is not None and 140 <= box["width"] <= 200, "a modest photo beside the steps"
    assert handout.locator(".handout__screen-note").is_hidden()


def test_the_print_button_prints(handout):
    button = handout.get_by_role("button", name="Print this handout")
    handout.evaluate("window.print = () => { window.printed = true; }")
    button.click()
    assert handout.evaluate("window.printed === true")


@pytest.mark.parametrize("paper", FORMATS)
def test_the_article_prints_without_splitting_its_boxes(page, paper):
    response = page.goto(ROUTINE_PATH)
    assert response is not None and response.ok
    boxes = box_texts(page)
    printed = print_to_pdf(page, "routine", paper)
    assert split_boxes(printed, boxes) == [], "split across pages"
    assert len(printed) <= 6, f"{len(printed)} {paper} pages"
    text = " ".join(p.text for p in printed)
    # What only the screen needs is left out.
    assert normalise("Physical Therapy Jacksonville") in printed[0].text
    for left_out in ("In this article", "Related articles", "Print handout"):
        assert normalise(left_out) not in text, left_out
    page.emulate_media(media="print")
    for selector in (".promotion", ".breadcrumbs", ".routine__hero", ".site-footer__inner"):
        hidden = page.locator(selector).evaluate_all(
            "els => els.every(el => getComputedStyle(el).display === 'none')"
        )
        assert hidden, f"{selector} is printed"
