"""
Redraw the site's icons: static/icons/favicon.svg and the PNG/ICO files made from it.

The mark is a white figure with its arms raised - movement, a patient who is better - on
the clinic's dark teal (#0b5563, --brand in site.css), on a 64-unit grid. The shapes
below are the drawing: they are written out as the SVG and painted with Pillow (at four
times the size, then reduced, for smooth edges) as the PNGs and the ICO, so all of them
show the same mark. The generated files are committed; run this only to change the mark:

    .venv/bin/python scripts/make_icons.py
"""

from pathlib import Path

from PIL import Image, ImageDraw

ICONS = Path(__file__).resolve().parent.parent / "static" / "icons"

GRID = 64
TEAL = "#0b5563"
WHITE = "#ffffff"
CORNER = 14  # the rounded square's corner radius
HEAD = (32, 12.5, 6.5)  # centre x, centre y, radius
STROKE = 6  # the width of the arms, body and legs, with round ends and joins
# Each line is a list of points; a 3-tuple is a quadratic curve: (control, end, "Q").
LINES = [
    [(14, 10), ((32, 40), (50, 10), "Q")],  # the arms, raised
    [(32, 25), (32, 38)],  # the body
    [(22.5, 53), (32, 38), (41.5, 53)],  # the legs
]
# The figure's extent including the stroke, for centring it in the maskable icon.
FIGURE_BOX = (11, 6, 53, 56)
SUPERSAMPLE = 4


def svg():
    """The mark as a small SVG, in the grid's own units."""
    path = []
    for line in LINES:
        start, *rest = line
        path.append(f"M{_n(start[0])} {_n(start[1])}")
        for point in rest:
            if len(point) == 3:
                (cx, cy), (x, y), _ = point
                path.append(f"Q{_n(cx)} {_n(cy)} {_n(x)} {_n(y)}")
            else:
                path.append(f"L{_n(point[0])} {_n(point[1])}")
    x, y, r = HEAD
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {GRID} {GRID}">'
        f'<rect width="{GRID}" height="{GRID}" rx="{CORNER}" fill="{TEAL}"/>'
        f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(r)}" fill="{WHITE}"/>'
        f'<path d="{"".join(path)}" fill="none" stroke="{WHITE}" stroke-width="{STROKE}" '
        'stroke-linecap="round" stroke-linejoin="round"/></svg>\n'
    )


def _n(value):
    return f"{value:g}"


def _points(line):
    """A line's points, with curves cut into short straight pieces."""
    points = [line[0]]
    for point in line[1:]:
        if len(point) == 3:
            (cx, cy), (x, y), _ = point
            x0, y0 = points[-1]
            for step in range(1, 33):
                t = step / 32
                points.append(
                    (
                        (1 - t) ** 2 * x0 + 2 * (1 - t) * t * cx + t**2 * x,
                        (1 - t) ** 2 * y0 + 2 * (1 - t) * t * cy + t**2 * y,
                    )
                )
        else:
            points.append(point)
    return points


def render(size, *, rounded=True, figure_scale=1.0):
    """
    The mark as a size x size RGBA image. rounded=False fills the whole square (no
    transparent corners: the apple-touch and maskable icons, whose corners the device
    cuts itself); figure_scale < 1 shrinks the figure about its centre.
    """
    canvas = size * SUPERSAMPLE
    unit = canvas / GRID
    image = Image.new("RGBA", (canvas, canvas), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if rounded:
        draw.rounded_rectangle((0, 0, canvas - 1, canvas - 1), radius=CORNER * unit, fill=TEAL)
    else:
        draw.rectangle((0, 0, canvas, canvas), fill=TEAL)

    left, top, right, bottom = FIGURE_BOX
    centre_x, centre_y = (left + right) / 2, (top + bottom) / 2
    # Centred on the grid when scaled; as drawn (slightly high) otherwise.
    if figure_scale == 1.0:
        target_x, target_y = centre_x, centre_y
    else:
        target_x = target_y = GRID / 2

    def place(x, y):
        return (
            (target_x + (x - centre_x) * figure_scale) * unit,
            (target_y + (y - centre_y) * figure_scale) * unit,
        )

    head_x, head_y = place(HEAD[0], HEAD[1])
    radius = HEAD[2] * figure_scale * unit
    draw.ellipse((head_x - radius, head_y - radius, head_x + radius, head_y + radius), fill=WHITE)
    width = STROKE * figure_scale * unit
    for line in LINES:
        points = [place(x, y) for x, y in _points(line)]
        draw.line(points, fill=WHITE, width=round(width), joint="curve")
        # Round ends and corners, as the SVG's stroke-linecap and stroke-linejoin.
        for x, y in (place(*(point[1] if len(point) == 3 else point)) for point in line):
            draw.ellipse((x - width / 2, y - width / 2, x + width / 2, y + width / 2), fill=WHITE)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main():
    ICONS.mkdir(parents=True, exist_ok=True)
    (ICONS / "favicon.svg").write_text(svg())
    render(32).save(ICONS / "favicon-32.png", optimize=True)
    render(192).save(ICONS / "icon-192.png", optimize=True)
    render(512).save(ICONS / "icon-512.png", optimize=True)
    # iOS shows transparency as black and rounds the corners itself.
    render(180, rounded=False).convert("RGB").save(ICONS / "apple-touch-icon.png", optimize=True)
    # Maskable: the figure within the central circle (40 % radius) every mask keeps.
    render(512, rounded=False, figure_scale=0.72).convert("RGB").save(
        ICONS / "icon-maskable-512.png", optimize=True
    )
    sizes = [16, 32, 48]
    images = [render(size) for size in sizes]
    images[-1].save(
        ICONS / "favicon.ico",
        sizes=[(size, size) for size in sizes],
        append_images=images[:-1],
    )
    for path in sorted(ICONS.iterdir()):
        print(f"{path.relative_to(ICONS.parent.parent)}: {path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
