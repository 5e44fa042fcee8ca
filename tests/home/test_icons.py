"""What browsers fetch besides the page: the typeface, the icons and the web manifest."""

import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.template.loader import render_to_string
from PIL import Image

# The manifest reads Clinic settings.
pytestmark = pytest.mark.django_db

STATIC = Path(settings.BASE_DIR) / "static"
FONTS = STATIC / "fonts" / "atkinson-hyperlegible"
# The @font-face rules live at the top of the site stylesheet.
FONTS_CSS = STATIC / "css" / "site.css"
FONT_FILES = [
    f"atkinson-hyperlegible-latin-{weight}-{style}.woff2"
    for weight in (400, 700)
    for style in ("normal", "italic")
]


def fetch(client, url, status=200):
    """The body of a GET, streamed (static files) or not, after checking its status."""
    response = client.get(url)
    assert response.status_code == status, url
    if response.streaming:
        # Reading to the end closes the response as the test client means it to; a
        # second close() would fire request_finished again and close the database
        # connection under the test's transaction (PostgreSQL then refuses the next query).
        return response, b"".join(response.streaming_content)
    return response, response.content


def head_assets():
    return BeautifulSoup(render_to_string("includes/head_assets.html"), "html.parser")


def font_css_urls():
    """The font files site.css asks for, as URLs resolved against the stylesheet's own."""
    css_url = settings.STATIC_URL + "css/site.css"
    return [
        urljoin(css_url, url) for url in re.findall(r'url\("?([^")]+)"?\)', FONTS_CSS.read_text())
    ]


@pytest.fixture
def harbour_street(clinic_settings):
    clinic_settings.clinic_name = "Harbour Street Physical Therapy"
    clinic_settings.save()
    return clinic_settings


def test_manifest_names_the_clinic_and_its_icons_load(client, harbour_street):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    assert "max-age" in response["Cache-Control"]
    manifest = json.loads(response.content)
    assert manifest["name"] == "Harbour Street Physical Therapy"
    assert manifest["short_name"] == "Harbour"
    assert manifest["start_url"] == "/"
    assert manifest["display"] in ("browser", "standalone")

    purposes = set()
    for icon in manifest["icons"]:
        icon_response, content = fetch(client, icon["src"])
        assert icon_response["Content-Type"] == icon["type"]
        purposes.add(icon.get("purpose", "any"))
        if icon["type"] == "image/png":
            image = Image.open(io.BytesIO(content))
            assert f"{image.width}x{image.height}" == icon["sizes"]
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    # What Chrome asks for before it offers "Add to home screen", and Android's masks.
    assert {"192x192", "512x512"} <= sizes
    assert purposes == {"any", "maskable"}


def test_manifest_short_name_fits_under_an_icon(client, clinic_settings):
    clinic_settings.clinic_name = "Northshore Orthopaedic Rehabilitation"
    clinic_settings.save()
    short_name = json.loads(client.get("/manifest.webmanifest").content)["short_name"]
    assert short_name == "Northshore"
    clinic_settings.clinic_name = "Kinetikon"
    clinic_settings.save()
    assert json.loads(client.get("/manifest.webmanifest").content)["short_name"] == "Kinetikon"


def test_favicon_ico_answers_at_the_root_with_three_sizes(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert "max-age" in response["Cache-Control"]
    icon = Image.open(io.BytesIO(response.content))
    assert icon.format == "ICO"
    assert {(16, 16), (32, 32), (48, 48)} <= icon.info["sizes"]
    assert client.head("/favicon.ico").status_code == 200


def test_home_screen_icons_have_no_transparent_corners(client):
    # iOS shows transparency as black; a maskable icon is cut to any shape by the phone.
    for name in ("apple-touch-icon.png", "icon-maskable-512.png"):
        _, content = fetch(client, f"{settings.STATIC_URL}icons/{name}")
        image = Image.open(io.BytesIO(content)).convert("RGBA")
        for corner in ((0, 0), (image.width - 1, 0), (0, image.height - 1)):
            assert image.getpixel(corner)[3] == 255, (name, corner)
    assert Image.open(STATIC / "icons" / "apple-touch-icon.png").size == (180, 180)


def test_svg_favicon_is_a_small_square_drawing():
    svg = STATIC / "icons" / "favicon.svg"
    root = ET.fromstring(svg.read_text())
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("viewBox") == "0 0 64 64"
    assert not root.findall(".//{http://www.w3.org/2000/svg}script")
    assert svg.stat().st_size < 1024


def test_every_file_the_head_names_loads(client):
    links = head_assets().find_all("link")
    assert {tuple(link["rel"]) for link in links} == {
        ("preload",),
        ("icon",),
        ("apple-touch-icon",),
        ("manifest",),
    }
    for link in links:
        fetch(client, link["href"])


def test_head_preloads_a_font_the_stylesheet_uses_and_matches_the_manifest_colour(client):
    head = head_assets()
    preload = head.find("link", rel="preload")
    # A preload the CSS does not ask for by the same URL is downloaded twice, or wasted;
    # fonts are fetched in CORS mode, so the preload must be too.
    assert preload["href"] in font_css_urls()
    assert preload["as"] == "font" and preload["type"] == "font/woff2"
    assert preload.has_attr("crossorigin")
    manifest = json.loads(client.get("/manifest.webmanifest").content)
    assert head.find("meta", attrs={"name": "theme-color"})["content"] == manifest["theme_color"]


def test_the_typeface_files_load_with_their_licence_beside_them(client):
    # Latin subset, regular and bold, upright and italic; nothing else is shipped.
    assert sorted(path.name for path in FONTS.glob("*.woff2")) == sorted(FONT_FILES)
    for name in FONT_FILES:
        assert (FONTS / name).read_bytes()[:4] == b"wOF2"
    licence = (FONTS / "OFL.txt").read_text()
    assert "SIL Open Font License" in licence
    assert "Braille Institute" in licence
    urls = font_css_urls()
    assert sorted(url.rsplit("/", 1)[1] for url in urls) == sorted(FONT_FILES)
    for url in urls:
        fetch(client, url)
    # The four together stay far below a phone's 150 KB first view; one is preloaded.
    assert sum((FONTS / name).stat().st_size for name in FONT_FILES) < 80_000


def test_font_faces_swap_in_and_cover_only_the_latin_subset():
    css = FONTS_CSS.read_text()
    faces = re.findall(r"@font-face\s*{([^}]*)}", css)
    assert len(faces) == 4
    for face in faces:
        assert "font-display: swap" in face
        assert "unicode-range: U+0000-00FF" in face
        assert 'font-family: "Atkinson Hyperlegible"' in face
