"""
Placeholder photos for the demo content. The clinic's photos are not part of the
copy we have, so each demo image is an illustration generated with Pillow that
carries the source's caption; it goes through Wagtail's image pipeline like a real
upload (renditions, responsive sizes, alt text).
"""

import hashlib
import io
import textwrap

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model

PALETTES = [
    ("#dcebea", "#0b5563"),
    ("#f3e6d6", "#7a2f08"),
    ("#e4e9f4", "#2b3f6b"),
    ("#e6f0dc", "#345a1d"),
    ("#f1e3ec", "#6b2451"),
]


def _font(size):
    for name in ("DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf", "Arial Bold.ttf"):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def render_placeholder(caption, width=1600, height=1067):
    """A JPEG of a simple figure-and-chair scene with the caption written on it."""
    digest = int(hashlib.sha1(caption.encode()).hexdigest(), 16)
    background, ink = PALETTES[digest % len(PALETTES)]
    image = PILImage.new("RGB", (width, height), background)
    draw = ImageDraw.Draw(image)

    # A stylised person beside a chair, so the placeholder reads as "exercise photo".
    cx, base = int(width * 0.38), int(height * 0.78)
    draw.rectangle([0, base, width, height], fill=ink)
    draw.ellipse([cx - 55, base - 560, cx + 55, base - 450], fill=ink)
    draw.line([cx, base - 450, cx + 20, base - 220], fill=ink, width=38)
    draw.line([cx + 20, base - 220, cx - 60, base], fill=ink, width=32)
    draw.line([cx + 20, base - 220, cx + 130, base], fill=ink, width=32)
    draw.line([cx + 5, base - 400, cx + 170, base - 300], fill=ink, width=26)
    chair_x = int(width * 0.62)
    draw.rectangle([chair_x, base - 230, chair_x + 220, base - 200], fill=ink)
    draw.rectangle([chair_x + 190, base - 480, chair_x + 220, base], fill=ink)
    draw.rectangle([chair_x, base - 230, chair_x + 28, base], fill=ink)

    font = _font(54)
    lines = textwrap.wrap(caption, width=38)
    y = 70
    for line in lines:
        draw.text((80, y), line, font=font, fill=ink)
        y += 70
    draw.text((80, height - 110), "Illustration", font=_font(36), fill=background)

    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82, optimize=True)
    return buffer.getvalue()


def placeholder_image(title, alt_text=None):
    """Get or create the demo image called `title`; the caption doubles as its drawing."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing
    data = render_placeholder(title)
    slug = "".join(ch if ch.isalnum() else "-" for ch in title.lower()).strip("-")
    image = Image(title=title, description=alt_text or title)
    image.file = ImageFile(io.BytesIO(data), name=f"{slug[:80]}.jpg")
    image.save()
    return image
