"""
An article as lines the parser reads (article.py), whatever it came as: plain text as
copied from a web page, HTML (saved from the old website, or made by `mammoth` from a
Word document), so that one parser serves them all.

HTML says more than text: its headings, list items and images are marked, and the
lines keep that (`kind`); in plain text every line is "text" and the parser tells
headings from paragraphs by their shape.
"""

import io
import re
from dataclasses import dataclass

import mammoth
from bs4 import BeautifulSoup, NavigableString

# Superscript digits, as web pages print reference markers ("Diwan et al.¹").
SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
SUPERSCRIPT_RUN = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
BULLET = re.compile(r"^\s*[•·▪◦‣*-]\s+")
NUMBERED = re.compile(r"^\s*(\d{1,2})[.)]\s+(.*)$")


@dataclass(frozen=True)
class Line:
    """
    One line of the article. `kind`: "text" (plain text: heading or paragraph, the
    parser decides), "heading", "paragraph", "numbered" (with its `number`), "bullet",
    "image" (its alt text; `caption` when the HTML gave one). `joined`: no blank line
    between it and the line before (plain text only: photos and their captions come
    in runs).
    """

    kind: str
    text: str
    number: int | None = None
    caption: str = ""
    joined: bool = False


def clean(text):
    """One line of text: spaces made plain, reference markers as [1]."""
    text = SUPERSCRIPT_RUN.sub(lambda match: f"[{match.group(0).translate(SUPERSCRIPTS)}]", text)
    return " ".join(text.replace("\xa0", " ").split())


def lines_from_text(text):
    """Plain text: numbered lines ("1. ...") and bullets ("• ...") are marked as such."""
    lines = []
    joined = False
    for raw in str(text).replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        text = clean(raw)
        if not text:
            joined = False
            continue
        lines.append(_shaped(text, "text", joined=joined))
        joined = True
    return lines


def _shaped(text, kind, joined=False):
    if numbered := NUMBERED.match(text):
        return Line("numbered", numbered.group(2), number=int(numbered.group(1)), joined=joined)
    if BULLET.match(text):
        return Line("bullet", BULLET.sub("", text), joined=joined)
    return Line(kind, text, joined=joined)


HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
BLOCKS = {"p", "div", "blockquote", "td", "dt", "dd", "figcaption", "caption"} | HEADINGS


def lines_from_html(html):
    """HTML: headings, paragraphs, list items (numbered in order) and images with captions."""
    soup = BeautifulSoup(str(html), "html.parser")
    for unwanted in soup(["script", "style", "noscript", "template", "head", "nav", "footer"]):
        unwanted.decompose()
    for superscript in soup("sup"):
        text = superscript.get_text(strip=True)
        if text.isdigit():
            superscript.replace_with(f"[{text}]")
    # Text is joined as the browser shows it: inline elements run on ("back<sup>1</sup>."),
    # blocks and line breaks part words.
    for line_break in soup("br"):
        line_break.replace_with(" ")
    for block in soup([*BLOCKS, "li"]):
        block.append(" ")
    lines = []
    _walk(soup, lines)
    return lines


def _walk(element, lines):
    for child in element.children:
        if isinstance(child, NavigableString):
            if child.parent is not None and child.parent.name in ("[document]", "body"):
                text = clean(str(child))
                if text:
                    lines.append(_shaped(text, "text"))
            continue
        name = child.name
        if name == "img":
            if alt := clean(child.get("alt", "")):
                lines.append(Line("image", alt))
        elif name == "figure":
            _figure(child, lines)
        elif name in ("ol", "ul"):
            _list(child, lines)
        elif name in HEADINGS:
            if text := clean(child.get_text()):
                shaped = _shaped(text, "heading")
                # "1. Seated Lumbar Flexion" as a heading is still a heading.
                lines.append(Line("heading", text) if shaped.kind != "heading" else shaped)
        elif name in BLOCKS and not child.find(
            ["p", "div", "ol", "ul", "img", "figure", *HEADINGS]
        ):
            if text := clean(child.get_text()):
                lines.append(_shaped(text, "paragraph"))
        elif name == "br":
            continue
        else:
            _walk(child, lines)


def _figure(figure, lines):
    image = figure.find("img")
    caption = figure.find("figcaption")
    alt = clean(image.get("alt", "")) if image else ""
    caption_text = clean(caption.get_text()) if caption else ""
    if alt or caption_text:
        lines.append(Line("image", alt or caption_text, caption=caption_text or alt))


def _list(element, lines):
    numbered = element.name == "ol"
    start = int(element.get("start", 1)) if str(element.get("start", "1")).isdigit() else 1
    items = element.find_all("li", recursive=False)
    for number, item in enumerate(items, start=start):
        text = clean(item.get_text())
        if not text:
            continue
        if numbered:
            lines.append(Line("numbered", text, number=number))
        else:
            lines.append(Line("bullet", text))


def html_from_docx(file):
    """A Word document (.docx, a file or bytes) as HTML, by mammoth."""
    if isinstance(file, bytes):
        file = io.BytesIO(file)
    return mammoth.convert_to_html(file).value


def lines_from_upload(name, content):
    """The lines of an uploaded file, by its extension: .docx, .html/.htm or .txt."""
    extension = name.lower().rpartition(".")[2]
    if extension == "docx":
        return lines_from_html(html_from_docx(content))
    text = content.decode("utf-8-sig", errors="replace") if isinstance(content, bytes) else content
    if extension in ("html", "htm"):
        return lines_from_html(text)
    return lines_from_text(text)


def looks_like_html(text):
    return bool(re.search(r"<(?:p|h[1-6]|ol|ul|li|div|body|html|figure|img)\b", text, re.I))


def lines_from_paste(text):
    """Pasted text: HTML if it is HTML, else plain text."""
    return lines_from_html(text) if looks_like_html(text) else lines_from_text(text)
