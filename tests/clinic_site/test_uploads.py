"""
Uploads through the Wagtail admin, as an editor makes them: what is refused, with a
message the editor can read, and proof that nothing refused is stored.
"""

import html
import io
import json
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import UploadedFile

pytestmark = pytest.mark.django_db

SCRIPTED_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40">'
    b"<script>fetch('/admin/').then(r => r.text()).then(alert)</script>"
    b'<rect width="40" height="40" fill="teal"/></svg>'
)
NOT_AN_IMAGE = (
    "Upload a valid image. The file you uploaded was either not an image or a corrupted image."
)
IMAGE_FORMATS = "Supported formats: AVIF, GIF, JPG, JPEG, PNG, WEBP."
DOCUMENT_TYPES = "Allowed extensions are: pdf, docx, odt, txt."


@pytest.fixture
def media_root(settings, tmp_path):
    """An empty media folder of this test's own, so any file an upload leaves shows up."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def uploaded(model):
    """What staff uploaded through the admin (the demo's own images have no uploader)."""
    return model.objects.filter(uploaded_by_user__isnull=False)


def stored_files(media_root):
    return sorted(str(p.relative_to(media_root)) for p in media_root.rglob("*") if p.is_file())


def photo_bytes(image_format="JPEG", size=(320, 240)):
    """A photo-like image: noise, so it does not compress to almost nothing."""
    buffer = io.BytesIO()
    PILImage.effect_noise(size, 60).convert("RGB").save(buffer, format=image_format)
    return buffer.getvalue()


def png_bomb(width, height):
    """A PNG of the given size, all black, 1 bit a pixel: a few kilobytes however large."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    row = bytes(1 + (width + 7) // 8)  # filter byte, then the pixels
    compressor = zlib.compressobj(9)
    pixels = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def shown_text(response):
    """What the editor reads: the page's text, or the multiple uploader's message."""
    if response["Content-Type"] == "application/json":
        body = json.loads(response.content)
        assert body["success"] is False, body
        return body["error_message"]
    assert response.status_code == 200, response.status_code
    return html.unescape(response.content.decode())


# Images ---------------------------------------------------------------------------------


def upload_image(client, view, upload):
    if view == "add":
        return client.post(reverse("wagtailimages:add"), {"title": "Photo", "file": upload})
    return client.post(reverse("wagtailimages:add_multiple"), {"files[]": upload})


IMAGE_VIEWS = ["add", "add_multiple"]

REFUSED_IMAGES = {
    "decompression bomb past the image library's own limit": (
        lambda: SimpleUploadedFile("bomb.png", png_bomb(20_000, 20_000)),
        "This file has too many pixels (unknown number). Maximum pixels 40000000.",
    ),
    "decompression bomb past the site's pixel limit": (
        lambda: SimpleUploadedFile("huge.png", png_bomb(8_000, 8_000)),
        "This file has too many pixels (64000000). Maximum pixels 40000000.",
    ),
    "text file renamed .jpg": (
        lambda: SimpleUploadedFile("notes.jpg", b"Appointment notes: Tuesday 9am\n"),
        NOT_AN_IMAGE,
    ),
    # The image library reads anything that starts like markup as SVG.
    "HTML page renamed .gif": (
        lambda: SimpleUploadedFile("banner.gif", b"<html><script>alert(1)</script></html>"),
        "Not a valid .gif image. The extension does not match the file format (svg)",
    ),
    "PNG renamed .jpg": (
        lambda: SimpleUploadedFile("photo.jpg", photo_bytes("PNG")),
        "Not a valid .jpeg image. The extension does not match the file format (png)",
    ),
    "SVG with a script": (
        lambda: SimpleUploadedFile("logo.svg", SCRIPTED_SVG),
        f"Not a supported image format. {IMAGE_FORMATS}",
    ),
    "SVG with a script renamed .png": (
        lambda: SimpleUploadedFile("logo.png", SCRIPTED_SVG),
        "Not a valid .png image. The extension does not match the file format (svg)",
    ),
}


@pytest.mark.parametrize("view", IMAGE_VIEWS)
@pytest.mark.parametrize("case", REFUSED_IMAGES, ids=list(REFUSED_IMAGES))
def test_an_unsafe_image_is_refused_with_a_message_and_not_stored(
    admin_client, media_root, view, case
):
    make_upload, message = REFUSED_IMAGES[case]
    response = upload_image(admin_client, view, make_upload())
    assert message in shown_text(response)
    assert not uploaded(get_image_model()).exists()
    assert not UploadedFile.objects.exists()
    assert stored_files(media_root) == []


@pytest.mark.parametrize("view", IMAGE_VIEWS)
def test_an_image_over_the_upload_size_is_refused_with_a_message_and_not_stored(
    admin_client, media_root, settings, view
):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024
    content = photo_bytes()
    assert len(content) > settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    response = upload_image(admin_client, view, SimpleUploadedFile("photo.jpg", content))
    expected = (
        f"This file is too big ({filesizeformat(len(content))}). "
        f"Maximum filesize {filesizeformat(10 * 1024)}."
    )
    assert expected in shown_text(response)
    assert not uploaded(get_image_model()).exists()
    assert stored_files(media_root) == []


@pytest.mark.parametrize("view", IMAGE_VIEWS)
def test_a_real_photo_is_stored(admin_client, media_root, view):
    """The refusals above are the checks at work, not an upload that never stores anything."""
    response = upload_image(admin_client, view, SimpleUploadedFile("knee.jpg", photo_bytes()))
    assert response.status_code in (200, 302)
    image = uploaded(get_image_model()).get()
    assert image.width == 320 and image.height == 240
    assert stored_files(media_root) == [f"original_images/{image.filename}"]


# Documents ------------------------------------------------------------------------------


def upload_document(client, view, upload):
    if view == "add":
        return client.post(reverse("wagtaildocs:add"), {"title": "Handout", "file": upload})
    return client.post(reverse("wagtaildocs:add_multiple"), {"files[]": upload})


DOCUMENT_VIEWS = ["add", "add_multiple"]


@pytest.mark.parametrize("view", DOCUMENT_VIEWS)
@pytest.mark.parametrize(
    ("filename", "content"),
    [
        ("handout.html", b"<script>alert(document.cookie)</script>"),
        ("logo.svg", SCRIPTED_SVG),
        ("setup.exe", b"MZ\x90\x00\x03\x00\x00\x00"),
        ("exercises.pdf.html", b"<script>alert(1)</script>"),
    ],
)
def test_a_document_of_a_type_that_can_run_code_is_refused_and_not_stored(
    admin_client, media_root, view, filename, content
):
    response = upload_document(admin_client, view, SimpleUploadedFile(filename, content))
    extension = filename.rsplit(".", 1)[1]
    assert f"File extension “{extension}” is not allowed. {DOCUMENT_TYPES}" in shown_text(response)
    assert not uploaded(get_document_model()).exists()
    assert not UploadedFile.objects.exists()
    assert stored_files(media_root) == []


@pytest.mark.parametrize("view", DOCUMENT_VIEWS)
def test_a_document_over_the_upload_size_is_refused_and_not_stored(
    admin_client, media_root, settings, view
):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    content = b"%PDF-1.4\n" + b"0" * 4096
    response = upload_document(admin_client, view, SimpleUploadedFile("handout.pdf", content))
    expected = (
        f"This file is too big ({filesizeformat(len(content))}). "
        f"Maximum filesize {filesizeformat(1024)}."
    )
    assert expected in shown_text(response)
    assert not uploaded(get_document_model()).exists()
    assert stored_files(media_root) == []


@pytest.mark.parametrize("view", DOCUMENT_VIEWS)
def test_a_pdf_handout_is_stored(admin_client, media_root, view):
    content = b"%PDF-1.4\n%%EOF\n"
    response = upload_document(admin_client, view, SimpleUploadedFile("handout.pdf", content))
    assert response.status_code in (200, 302)
    document = uploaded(get_document_model()).get()
    assert stored_files(media_root) == [f"documents/{document.filename}"]
