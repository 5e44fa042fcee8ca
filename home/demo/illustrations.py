"""
Flat illustrations of the demo's exercises, drawn with Pillow: no words in the pixels
(the caption and alt text stay in the HTML), one picture per pose.

A pose is a small description (`POSES`): which props stand where, and for each person
the pelvis position, the lean of the trunk and the head, and per limb either segment
angles or a point for the hand or foot to reach (the elbow or knee is then solved).
One routine (`Figure`) turns that into a body with fixed proportions, so a new exercise
is a few numbers, not a new drawing.

Units: the standing height of a person is 1; x grows to the right, y upwards from the
floor (y = 0). Angles are in degrees: a limb segment's angle is measured from pointing
straight down, a trunk's or head's from pointing straight up, positive towards the way
the person faces.
"""

import hashlib
import io
import math

from PIL import Image, ImageDraw

# Bump when a change to the drawing code alters how existing poses look: the demo
# images carry the fingerprint in their file name and are drawn again when it changes.
DRAWING_VERSION = 1

ASPECT = (3, 2)

# Body proportions (standing height 1).
TORSO = 0.29  # hip joint to the base of the neck
SHOULDER = 0.25  # hip joint to the shoulder joint, along the trunk
NECK = 0.035
HEAD_R = 0.068
THIGH = 0.245
SHIN = 0.245
ANKLE_H = 0.045  # ankle joint above the sole
FOOT = 0.145  # heel to toe
HEEL = 0.03  # how far the heel is behind the ankle
UPPER_ARM = 0.18
FOREARM = 0.16
HAND_R = 0.027

# Props.
SEAT_H = 0.27  # top of a chair seat above the floor
SEAT_DEPTH = 0.25
SEAT_T = 0.035
CHAIR_TOP = 0.6  # top of a chair's back
CHAIR_WIDTH = 0.28  # a chair seen from its front
CHAIR_LEG = 0.024
CUSHION_H = 0.055

# Palette: backgrounds are the clinic's tints; figures dark teal; props warm.
BACKGROUNDS = {
    "teal": {"sky": "#e3f0f1", "blob": "#d3e8ea", "floor": "#c8dfe2", "line": "#9fc3c8"},
    "sand": {"sky": "#f3e6d6", "blob": "#eddac3", "floor": "#e6d1b8", "line": "#c9ab88"},
    "green": {"sky": "#e6f0dc", "blob": "#d8e8c9", "floor": "#d0e1bf", "line": "#a8c492"},
}
PEOPLE = {
    "patient": {
        "shirt": "#0b5563",
        "trousers": "#163847",
        "skin": "#c68863",
        "hair": "#9aa3ab",
        "shoes": "#2a2f33",
        "bun": True,
    },
    "therapist": {
        "shirt": "#2f8f83",
        "trousers": "#27465a",
        "skin": "#8d5a3b",
        "hair": "#2c2420",
        "shoes": "#2a2f33",
        "bun": False,
    },
}
WOOD = "#9c5a30"
WOOD_DARK = "#7a4322"
WEDGE = "#e3a33e"
WEDGE_SIDE = "#c2842a"
CUSHION = "#c8553d"
CUSHION_TOP = "#d9735b"
ARROW = "#e2673f"
EYE = "#23282c"
SHADOW = 0.09  # how much darker than the floor a shadow is


# --- Small vector helpers (tuples) ------------------------------------------------


def add(a, b):
    return (a[0] + b[0], a[1] + b[1])


def sub(a, b):
    return (a[0] - b[0], a[1] - b[1])


def mul(a, k):
    return (a[0] * k, a[1] * k)


def length(a):
    return math.hypot(a[0], a[1])


def unit(a):
    n = length(a) or 1.0
    return (a[0] / n, a[1] / n)


def rotate(a, degrees):
    """Turn a vector anticlockwise (y up) by `degrees`."""
    r = math.radians(degrees)
    c, s = math.cos(r), math.sin(r)
    return (a[0] * c - a[1] * s, a[0] * s + a[1] * c)


def down_dir(angle, facing):
    """A limb's direction: 0 straight down, 90 straight ahead."""
    r = math.radians(angle)
    return (facing * math.sin(r), -math.cos(r))


def up_dir(angle, facing):
    """A trunk's or head's direction: 0 straight up, 90 straight ahead."""
    r = math.radians(angle)
    return (facing * math.sin(r), math.cos(r))


def two_bone(root, target, a, b, bend):
    """Solve the middle joint of a two-segment limb reaching from root to target.

    `bend` +1 puts the joint anticlockwise of the root-to-target line (a knee in front
    for someone facing right). An unreachable target is reached towards.
    """
    offset = sub(target, root)
    d = min(max(length(offset), abs(a - b) + 1e-4), a + b - 1e-4)
    u = unit(offset)
    cos_alpha = (a * a + d * d - b * b) / (2 * a * d)
    alpha = math.degrees(math.acos(max(-1.0, min(1.0, cos_alpha))))
    joint = add(root, mul(rotate(u, bend * alpha), a))
    return joint, add(root, mul(u, d))


def mix(color, other, amount):
    """`color` moved `amount` (0..1) of the way to `other`."""
    c1 = [int(color[i : i + 2], 16) for i in (1, 3, 5)]
    c2 = [int(other[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * amount):02x}" for x, y in zip(c1, c2, strict=True))


# --- Drawing operations, in scene units ---------------------------------------------
# Each is a tuple: ("capsule", p, q, r1, r2, color), ("circle", c, r, color),
# ("polygon", points, color), ("rrect", (x0, y0, x1, y1), radius, color),
# ("arrow", start, control, end, color). Built first, so the scene can be framed.


def op_bounds(op):
    kind = op[0]
    if kind == "capsule":
        _, p, q, r1, r2, _ = op
        r = max(r1, r2)
        return (min(p[0], q[0]) - r, min(p[1], q[1]) - r, max(p[0], q[0]) + r, max(p[1], q[1]) + r)
    if kind == "circle":
        _, c, r, _ = op
        return (c[0] - r, c[1] - r, c[0] + r, c[1] + r)
    if kind == "polygon":
        xs = [p[0] for p in op[1]]
        ys = [p[1] for p in op[1]]
        return (min(xs), min(ys), max(xs), max(ys))
    if kind == "rrect":
        return op[1]
    if kind == "arrow":
        pts = op[1:4]
        pad = 0.04
        xs = [p[0] for p in pts]
        ys = [p[1] for p in pts]
        return (min(xs) - pad, min(ys) - pad, max(xs) + pad, max(ys) + pad)
    raise ValueError(kind)


# --- People -----------------------------------------------------------------------


class Figure:
    """One person in a pose; `ops()` draws them far side first."""

    def __init__(self, spec, background):
        self.spec = spec
        self.facing = spec.get("facing", 1)
        self.look = PEOPLE[spec.get("person", "patient")]
        self.sky = background["sky"]
        self.joints = {}
        self._solve()

    def _solve(self):
        spec = self.spec
        j = self.joints
        j["hip"] = (0.0, 0.0)
        self._upper_body()
        for side in ("near", "far"):
            if not self._leg_target(side):
                self._leg_by_angles(side)
            if not self._arm_target(side):
                self._arm_by_angles(side)
        # Move the body so the anchor point lands where the pose puts it.
        if "anchor" in spec:
            name, where = spec["anchor"]
            shift = sub(where, j[name])
        else:
            shift = spec["hip"]
        for key in list(j):
            j[key] = add(j[key], shift)
        for side in ("near", "far"):
            if self._leg_target(side):
                self._leg_to_target(side)
            if self._arm_target(side):
                self._arm_to_target(side)

    def _upper_body(self):
        spec, f, j = self.spec, self.facing, self.joints
        trunk = up_dir(spec.get("trunk", 0), f)
        head = up_dir(spec.get("head", spec.get("trunk", 0)), f)
        j["neck"] = add(j["hip"], mul(trunk, TORSO))
        j["shoulder"] = add(j["hip"], mul(trunk, SHOULDER))
        # The skull sits a little ahead of the neck, so the face looks where they face.
        forward = rotate(head, -90 * f)
        j["head"] = add(add(j["neck"], mul(head, NECK + HEAD_R * 0.8)), mul(forward, HEAD_R * 0.22))
        self.trunk_dir, self.head_dir = trunk, head

    def _leg_target(self, side):
        leg = self.spec["legs"][side]
        return next((k for k in ("heel", "toe", "ankle") if k in leg), None)

    def _arm_target(self, side):
        return "hand" in self.spec["arms"][side]

    def _foot_frame(self, side):
        """The foot's direction (heel to toe) and the sole's outward normal."""
        angle = self.spec["legs"][side].get("foot", 90)
        u = down_dir(angle, self.facing)
        n = rotate(u, -90 * self.facing)
        return u, n

    def _place_foot(self, side):
        j = self.joints
        u, n = self._foot_frame(side)
        heel = add(add(j[f"{side}_ankle"], mul(n, ANKLE_H)), mul(u, -HEEL))
        j[f"{side}_heel"] = heel
        j[f"{side}_toe"] = add(heel, mul(u, FOOT))

    def _leg_by_angles(self, side):
        leg, f, j = self.spec["legs"][side], self.facing, self.joints
        j[f"{side}_knee"] = add(j["hip"], mul(down_dir(leg.get("thigh", 0), f), THIGH))
        j[f"{side}_ankle"] = add(j[f"{side}_knee"], mul(down_dir(leg.get("shin", 0), f), SHIN))
        self._place_foot(side)

    def _leg_to_target(self, side):
        leg, j = self.spec["legs"][side], self.joints
        u, n = self._foot_frame(side)
        kind = self._leg_target(side)
        if kind == "ankle":
            ankle = leg["ankle"]
        elif kind == "heel":
            ankle = add(sub(leg["heel"], mul(n, ANKLE_H)), mul(u, HEEL))
        else:
            ankle = add(sub(sub(leg["toe"], mul(u, FOOT)), mul(n, ANKLE_H)), mul(u, HEEL))
        bend = leg.get("bend", 1) * self.facing
        j[f"{side}_knee"], j[f"{side}_ankle"] = two_bone(j["hip"], ankle, THIGH, SHIN, bend)
        self._place_foot(side)

    def _arm_by_angles(self, side):
        arm, f, j = self.spec["arms"][side], self.facing, self.joints
        j[f"{side}_elbow"] = add(j["shoulder"], mul(down_dir(arm.get("upper", 0), f), UPPER_ARM))
        j[f"{side}_wrist"] = add(j[f"{side}_elbow"], mul(down_dir(arm.get("fore", 0), f), FOREARM))
        self._place_hand(side)

    def _arm_to_target(self, side):
        arm, j = self.spec["arms"][side], self.joints
        bend = arm.get("bend", -1) * self.facing
        wrist = arm["hand"]
        j[f"{side}_elbow"], j[f"{side}_wrist"] = two_bone(
            j["shoulder"], wrist, UPPER_ARM, FOREARM, bend
        )
        self._place_hand(side)

    def _place_hand(self, side):
        j = self.joints
        direction = unit(sub(j[f"{side}_wrist"], j[f"{side}_elbow"]))
        j[f"{side}_hand"] = add(j[f"{side}_wrist"], mul(direction, HAND_R * 0.6))

    # Drawing.

    def _colors(self, side):
        look = self.look
        if side == "near":
            return look
        return {k: mix(v, self.sky, 0.32) if isinstance(v, str) else v for k, v in look.items()}

    def _leg_ops(self, side):
        j, c = self.joints, self._colors(side)
        hip, knee, ankle = j["hip"], j[f"{side}_knee"], j[f"{side}_ankle"]
        heel, toe = j[f"{side}_heel"], j[f"{side}_toe"]
        _, n = self._foot_frame(side)
        heel_top = sub(heel, mul(n, 0.024))
        toe_top = sub(toe, mul(n, 0.02))
        return [
            ("capsule", ankle, heel_top, 0.028, 0.024, c["shoes"]),
            ("capsule", heel_top, toe_top, 0.024, 0.02, c["shoes"]),
            ("capsule", knee, ankle, 0.039, 0.029, c["trousers"]),
            ("capsule", hip, knee, 0.056, 0.041, c["trousers"]),
        ]

    def _arm_ops(self, side):
        j, c = self.joints, self._colors(side)
        shoulder, elbow, wrist = j["shoulder"], j[f"{side}_elbow"], j[f"{side}_wrist"]
        return [
            ("capsule", shoulder, elbow, 0.034, 0.029, c["shirt"]),
            ("capsule", elbow, wrist, 0.028, 0.023, c["shirt"]),
            ("circle", j[f"{side}_hand"], HAND_R, c["skin"]),
        ]

    def _body_ops(self):
        j, c, f = self.joints, self.look, self.facing
        hip, neck, head = j["hip"], j["neck"], j["head"]
        trunk, up = self.trunk_dir, self.head_dir
        forward = rotate(up, -90 * f)
        back = mul(forward, -1)
        waist = add(hip, mul(trunk, 0.07))
        chest = sub(neck, mul(trunk, 0.045))
        ops = [
            ("capsule", hip, waist, 0.07, 0.068, c["trousers"]),
            ("capsule", waist, chest, 0.068, 0.062, c["shirt"]),
            ("capsule", neck, add(neck, mul(up, NECK + 0.02)), 0.024, 0.024, c["skin"]),
        ]
        # The face, then the hair over the crown and the back of the head (a bun for the
        # patient); an eye and a nose show the way they look.
        r = HEAD_R
        ops.append(("circle", head, r, c["skin"]))
        ops.append(
            (
                "circle",
                add(head, add(mul(forward, r * 0.93), mul(up, -r * 0.14))),
                r * 0.2,
                c["skin"],
            )
        )
        if c["bun"]:
            bun = add(head, add(mul(back, r * 0.95), mul(up, r * 0.45)))
            ops.append(("circle", bun, r * 0.42, c["hair"]))
        centre = add(head, mul(back, r * 0.04))
        hair = []
        for degrees in range(20, 250, 10):  # from the forehead over the top to the nape
            a_ = math.radians(degrees)
            hair.append(
                add(
                    centre,
                    add(mul(forward, math.cos(a_) * r * 1.06), mul(up, math.sin(a_) * r * 1.06)),
                )
            )
        hair.append(add(head, add(mul(back, r * 0.3), mul(up, r * 0.05))))
        ops.append(("polygon", hair, c["hair"]))
        ops.append(
            ("circle", add(head, add(mul(forward, r * 0.55), mul(up, r * 0.02))), r * 0.09, EYE)
        )
        return ops

    def ops(self):
        return (
            self._arm_ops("far")
            + self._leg_ops("far")
            + self._body_ops()
            + self._leg_ops("near")
            + self._arm_ops("near")
        )

    def ground_span(self):
        xs = [
            p[0]
            for k, p in self.joints.items()
            if k.endswith(("heel", "toe", "knee")) and p[1] < 0.12
        ]
        return (min(xs), max(xs)) if xs else None


# --- Props ------------------------------------------------------------------------


def chair_ops(x, facing=1, view="side"):
    """A chair. Side view: `x` is the front edge of the seat, `facing` the way the seat
    faces (its back is behind). Front view: `x` is the seat's left end."""
    if view == "front":
        # The back legs rise into the posts of the back; the front legs stop at the seat.
        x0, x1 = x, x + CHAIR_WIDTH
        post = 0.03
        return [
            ("rrect", (x0 + 0.012, 0.02, x0 + 0.012 + post, CHAIR_TOP), 0.01, WOOD_DARK),
            ("rrect", (x1 - 0.012 - post, 0.02, x1 - 0.012, CHAIR_TOP), 0.01, WOOD_DARK),
            ("rrect", (x0 + 0.012, CHAIR_TOP - 0.085, x1 - 0.012, CHAIR_TOP), 0.016, WOOD_DARK),
            (
                "rrect",
                (x0 + 0.012, CHAIR_TOP - 0.17, x1 - 0.012, CHAIR_TOP - 0.14),
                0.01,
                WOOD_DARK,
            ),
            ("rrect", (x0, 0.0, x0 + post, SEAT_H), 0.01, WOOD),
            ("rrect", (x1 - post, 0.0, x1, SEAT_H), 0.01, WOOD),
            ("rrect", (x0 - 0.008, SEAT_H - SEAT_T, x1 + 0.008, SEAT_H), 0.014, WOOD),
        ]
    front, back = x, x - facing * SEAT_DEPTH
    x0, x1 = min(front, back), max(front, back)
    post = (back - facing * 0.005, back + facing * 0.03)
    p0, p1 = min(post), max(post)
    offset = -facing * 0.035  # the far legs, seen past the near ones
    return [
        (
            "rrect",
            (x0 + 0.01 + offset, 0.0, x0 + 0.01 + CHAIR_LEG + offset, SEAT_H),
            0.008,
            WOOD_DARK,
        ),
        (
            "rrect",
            (x1 - 0.01 - CHAIR_LEG + offset, 0.0, x1 - 0.01 + offset, SEAT_H),
            0.008,
            WOOD_DARK,
        ),
        ("rrect", (p0, 0.0, p1, CHAIR_TOP), 0.012, WOOD),
        ("rrect", (p0 - 0.006, CHAIR_TOP - 0.13, p1 + 0.006, CHAIR_TOP), 0.014, WOOD),
        (
            "rrect",
            (
                front - facing * 0.01 - CHAIR_LEG / 2,
                0.0,
                front - facing * 0.01 + CHAIR_LEG / 2,
                SEAT_H,
            ),
            0.008,
            WOOD,
        ),
        ("rrect", (x0, SEAT_H - SEAT_T, x1, SEAT_H), 0.014, WOOD),
    ]


def wedge_ops(x0, x1, h0, h1):
    """An incline board from x0 (height h0) to x1 (height h1)."""
    return [
        ("polygon", [(x0, 0.0), (x1, 0.0), (x1, h1), (x0, h0)], WEDGE_SIDE),
        ("polygon", [(x0, h0 - 0.012), (x1, h1 - 0.012), (x1, h1), (x0, h0)], WEDGE),
    ]


def wedge_top(x0, x1, h0, h1, x):
    return h0 + (h1 - h0) * (x - x0) / (x1 - x0)


def wedge_angle(x0, x1, h0, h1):
    """The slope of a wedge, in degrees (positive rising to the right)."""
    return math.degrees(math.atan2(h1 - h0, x1 - x0))


def cushion_ops(x, width=0.19):
    return [
        ("rrect", (x - width / 2, 0.0, x + width / 2, CUSHION_H), CUSHION_H / 2, CUSHION),
        (
            "rrect",
            (x - width / 2 + 0.02, CUSHION_H * 0.55, x + width / 2 - 0.02, CUSHION_H - 0.008),
            0.01,
            CUSHION_TOP,
        ),
    ]


def book_ops():
    """A hardcover standing on a table, abstract bars for its title, a spine motif."""
    cover, spine, pages = "#0b5563", "#083f4a", "#f7efe3"
    x0, x1, h = -0.26, 0.26, 0.74
    ops = [
        ("rrect", (x0 + 0.03, 0.0, x1 + 0.035, h - 0.02), 0.02, "#d9cbb6"),
        ("rrect", (x0 + 0.03, 0.012, x1 + 0.025, h - 0.03), 0.012, pages),
    ]
    for i in range(6):
        y = 0.05 + i * 0.11
        ops.append(("rrect", (x1 + 0.004, y, x1 + 0.024, y + 0.004), 0.002, "#e4d7c4"))
    ops += [
        ("rrect", (x0, 0.0, x1, h), 0.022, cover),
        ("rrect", (x0, 0.0, x0 + 0.055, h), 0.018, spine),
        ("rrect", (x0 + 0.05, 0.0, x0 + 0.062, h), 0.004, mix(cover, "#ffffff", 0.12)),
        # Title and author as bars, not words.
        ("rrect", (x0 + 0.12, h - 0.15, x1 - 0.07, h - 0.105), 0.02, "#f3e6d6"),
        ("rrect", (x0 + 0.12, h - 0.21, x1 - 0.17, h - 0.175), 0.016, "#f3e6d6"),
        ("rrect", (x0 + 0.12, 0.07, x0 + 0.3, 0.095), 0.012, WEDGE),
    ]
    # A spine of rounded vertebrae in a gentle curve.
    for i in range(7):
        t = i / 6
        cx = (x0 + x1) / 2 + 0.035 + 0.045 * math.sin(t * math.pi * 1.2 + 0.3)
        cy = 0.18 + t * 0.3
        w = 0.062 - 0.018 * t
        ops.append(
            (
                "rrect",
                (cx - w, cy - 0.017, cx + w, cy + 0.017),
                0.017,
                "#e2673f" if i % 2 else "#f0a96b",
            )
        )
    # A ribbon bookmark.
    ribbon = [
        (x1 - 0.12, h),
        (x1 - 0.09, h),
        (x1 - 0.09, h + 0.07),
        (x1 - 0.105, h + 0.055),
        (x1 - 0.12, h + 0.07),
    ]
    ops.insert(0, ("polygon", ribbon, "#e2673f"))
    return ops


def arrow_op(start, end, bend=0.0):
    """A curved cue arrow; `bend` lifts its middle sideways (scene units)."""
    mid = mul(add(start, end), 0.5)
    normal = rotate(unit(sub(end, start)), 90)
    return ("arrow", start, add(mid, mul(normal, bend)), end, ARROW)


# --- The poses ----------------------------------------------------------------------
# A pose: "background" (a key of BACKGROUNDS), "props" (lists of drawing operations,
# drawn first), "people" and optional cue "arrows". A person: "hip" (where the hip
# joint is) or "anchor" (a joint name and where it goes, e.g. a knee on a cushion),
# "trunk" and "head" angles, "facing" (1 right, -1 left), "person" (a key of PEOPLE),
# and per side ("near", drawn in front; "far", drawn lighter behind) a leg given as
# {"thigh", "shin"} angles or a "heel"/"toe"/"ankle" point to reach, with a "foot"
# angle (90 flat), and an arm given as {"upper", "fore"} angles or a "hand" point;
# "bend" (+1/-1) picks which way the knee or elbow points.

_FB_WEDGE = (-0.025, 0.19, 0.012, 0.07)  # forward bend: toes raised
_SQ_WEDGE = (-0.14, 0.07, 0.07, 0.012)  # squat: heels raised


def _forward_bend():
    x0, x1, h0, h1 = _FB_WEDGE
    slope = wedge_angle(*_FB_WEDGE)
    heel = (x0 + 0.012, wedge_top(x0, x1, h0, h1, x0 + 0.012))
    return {
        "background": "teal",
        "props": [wedge_ops(*_FB_WEDGE)],
        "people": [
            {
                "hip": (-0.045, 0.535),
                "trunk": 98,
                "head": 140,
                "legs": {
                    "near": {"heel": heel, "foot": 90 + slope},
                    "far": {"heel": add(heel, (-0.012, -0.004)), "foot": 90 + slope},
                },
                "arms": {
                    "near": {"hand": (0.075, 0.17), "bend": 1},
                    "far": {"hand": (0.05, 0.19), "bend": 1},
                },
            }
        ],
    }


def _squat():
    x0, x1, h0, h1 = _SQ_WEDGE
    slope = wedge_angle(*_SQ_WEDGE)
    heel = (x0 + 0.015, wedge_top(x0, x1, h0, h1, x0 + 0.015))
    return {
        "background": "sand",
        "props": [wedge_ops(*_SQ_WEDGE), chair_ops(0.5, facing=1)],
        "people": [
            {
                "hip": (-0.19, 0.37),
                "trunk": 34,
                "head": 20,
                "legs": {
                    "near": {"heel": heel, "foot": 90 + slope},
                    "far": {"heel": add(heel, (-0.015, 0.003)), "foot": 90 + slope},
                },
                "arms": {
                    "near": {"hand": (0.262, CHAIR_TOP + 0.012)},
                    "far": {"upper": 60, "fore": 85},
                },
            }
        ],
    }


def _hip_extension(stretch):
    chair_x = 0.1
    front_heel = (chair_x + 0.09, SEAT_H)
    person = {
        "hip": (0.08, 0.48) if stretch else (0.0, 0.532),
        "trunk": 0 if stretch else 5,
        "head": 0 if stretch else 4,
        "legs": {
            "near": {"toe": (-0.045, 0.0), "foot": 72}
            if stretch
            else {"heel": (-0.035, 0.0), "foot": 90},
            "far": {"heel": front_heel, "foot": 90},
        },
        "arms": {
            "near": {"hand": (chair_x + 0.22, CHAIR_TOP + 0.012)},
            "far": {"hand": (chair_x + 0.19, CHAIR_TOP + 0.02)},
        },
    }
    pose = {
        "background": "green",
        "props": [chair_ops(chair_x, view="front")],
        "people": [person],
    }
    if stretch:
        pose["arrows"] = [arrow_op((-0.17, 0.46), (-0.05, 0.46), bend=0.025)]
    return pose


def _lunge(rise):
    chair_x = 0.3  # the seat's front edge, facing the person
    cushion_x = -0.03
    knee_on_cushion = (cushion_x, CUSHION_H + 0.035)
    front_heel = (0.15, 0.0)
    hand = (chair_x + 0.05, SEAT_H + 0.02)
    if rise:
        person = {
            "hip": (0.03, 0.41),
            "trunk": 40,
            "head": 40,
            "legs": {
                "near": {"heel": front_heel, "foot": 90},
                "far": {"toe": (-0.3, 0.0), "foot": 45},
            },
            "arms": {
                "near": {"hand": hand},
                "far": {"hand": (0.19, 0.36)},
            },
        }
    else:
        person = {
            "anchor": ("far_knee", knee_on_cushion),
            "trunk": 32,
            "head": 30,
            "legs": {
                "near": {"heel": front_heel, "foot": 90},
                "far": {"thigh": -4, "shin": -86, "foot": -100},
            },
            "arms": {
                "near": {"hand": hand},
                "far": {"hand": (0.17, 0.34)},
            },
        }
    pose = {
        "background": "teal",
        "props": [cushion_ops(cushion_x - 0.03), chair_ops(chair_x, facing=-1)],
        "people": [person],
    }
    if rise:
        pose["arrows"] = [arrow_op((-0.2, 0.3), (-0.2, 0.5))]
    return pose


def _seated_flexion():
    return {
        "background": "sand",
        "props": [chair_ops(0.0, facing=1)],
        "people": [
            {
                "hip": (-0.12, SEAT_H + 0.06),
                "trunk": 68,
                "head": 105,
                "legs": {
                    "near": {"heel": (0.07, 0.0), "foot": 90},
                    "far": {"heel": (0.045, 0.0), "foot": 90},
                },
                "arms": {
                    "near": {"hand": (0.21, 0.05), "bend": 1},
                    "far": {"hand": (0.17, 0.06), "bend": 1},
                },
            }
        ],
    }


def _seated_rest():
    return {
        "background": "green",
        "props": [
            chair_ops(0.0, facing=1),
            wedge_ops(0.28, 0.49, 0.012, 0.07),
            cushion_ops(0.64),
        ],
        "people": [
            {
                "hip": (-0.13, SEAT_H + 0.06),
                "trunk": -4,
                "head": 2,
                "legs": {
                    "near": {"heel": (0.075, 0.0), "foot": 90},
                    "far": {"heel": (0.045, 0.0), "foot": 90},
                },
                "arms": {
                    "near": {"hand": (0.0, SEAT_H + 0.13), "bend": -1},
                    "far": {"hand": (-0.02, SEAT_H + 0.13), "bend": -1},
                },
            }
        ],
    }


def _therapist_guiding():
    return {
        "background": "teal",
        "props": [chair_ops(0.0, facing=1)],
        "people": [
            {
                "hip": (-0.13, SEAT_H + 0.06),
                "trunk": -4,
                "head": 6,
                "legs": {
                    "near": {"thigh": 84, "shin": 78, "foot": 165},
                    "far": {"heel": (0.05, 0.0), "foot": 90},
                },
                "arms": {
                    "near": {"hand": (-0.02, SEAT_H + 0.11), "bend": -1},
                    "far": {"hand": (-0.04, SEAT_H + 0.11), "bend": -1},
                },
            },
            {
                "person": "therapist",
                "facing": -1,
                "hip": (0.6, 0.52),
                "trunk": 48,
                "head": 62,
                "legs": {
                    "near": {"heel": (0.64, 0.0), "foot": 90},
                    "far": {"heel": (0.55, 0.0), "foot": 90},
                },
                "arms": {
                    "near": {"hand": (0.36, 0.31), "bend": 1},
                    "far": {"hand": (0.245, 0.325), "bend": 1},
                },
            },
        ],
    }


def _book():
    return {"background": "sand", "props": [book_ops()], "people": []}


POSES = {
    "seated-lumbar-flexion": _seated_flexion(),
    "hip-extension-start": _hip_extension(stretch=False),
    "hip-extension-stretch": _hip_extension(stretch=True),
    "incline-squat": _squat(),
    "forward-bend-toes-raised": _forward_bend(),
    "lunge-start": _lunge(rise=False),
    "lunge-rise": _lunge(rise=True),
    "seated-rest": _seated_rest(),
    "therapist-guiding": _therapist_guiding(),
    "book": _book(),
}


def fingerprint(pose):
    """A short id of how `pose` is drawn: changes when its description or the code does."""
    if pose not in POSES:
        raise KeyError(f"unknown pose {pose!r}; known: {', '.join(sorted(POSES))}")
    digest = hashlib.sha1(f"{DRAWING_VERSION}:{pose}:{POSES[pose]!r}".encode()).hexdigest()
    return f"v{DRAWING_VERSION}{digest[:8]}"


# --- Rendering ----------------------------------------------------------------------


def scene_ops(pose):
    spec = POSES[pose]
    background = BACKGROUNDS[spec["background"]]
    figures = [Figure(person, background) for person in spec["people"]]
    shadows = []
    for figure in figures:
        span = figure.ground_span()
        if span:
            shadows.append(span)
    ops = [op for prop in spec["props"] for op in prop]
    for figure in figures:
        ops += figure.ops()
    ops += spec.get("arrows", [])
    return background, shadows, ops


def render(pose, width=1600, height=None, supersample=2):
    """The pose's illustration as a Pillow image, `width` wide and 3:2."""
    if height is None:
        height = round(width * ASPECT[1] / ASPECT[0])
    background, shadows, ops = scene_ops(pose)
    W, H = width * supersample, height * supersample
    image = Image.new("RGB", (W, H), background["sky"])
    draw = ImageDraw.Draw(image)

    # Frame the scene: the floor at a fixed height, the subject centred and as large
    # as fits (but never more than a little larger than a standing person fits).
    bounds = [op_bounds(op) for op in ops]
    xmin = min(b[0] for b in bounds)
    xmax = max(b[2] for b in bounds)
    ytop = max(b[3] for b in bounds)
    floor_y = H * 0.86
    room = floor_y - H * 0.08
    scale = min(room / max(ytop, 0.3), W * 0.8 / (xmax - xmin), room * 1.25)
    ox = W / 2 - scale * (xmin + xmax) / 2

    def px(p):
        return (ox + p[0] * scale, floor_y - p[1] * scale)

    def dist(v):
        return v * scale

    # Backdrop: a soft disc behind the subject and the floor.
    cx, cy = W / 2, floor_y - room * 0.5
    r = room * 0.62
    draw.ellipse([cx - r * 1.25, cy - r, cx + r * 1.25, cy + r], fill=background["blob"])
    draw.rectangle([0, floor_y, W, H], fill=background["floor"])
    draw.rectangle(
        [0, floor_y - supersample * 2, W, floor_y + supersample * 2], fill=background["line"]
    )
    shade = mix(background["floor"], "#000000", SHADOW)
    for x0, x1 in shadows:
        a, b = px((x0 - 0.06, 0.0)), px((x1 + 0.06, 0.0))
        draw.ellipse([a[0], floor_y - dist(0.004), b[0], floor_y + dist(0.03)], fill=shade)

    for op in ops:
        _draw(draw, op, px, dist)

    if supersample != 1:
        image = image.resize((width, height), Image.Resampling.LANCZOS)
    return image


def _circle(draw, c, r, color):
    draw.ellipse([c[0] - r, c[1] - r, c[0] + r, c[1] + r], fill=color)


def _draw(draw, op, px, dist):
    kind = op[0]
    if kind == "capsule":
        _, p, q, r1, r2, color = op
        a, b, ra, rb = px(p), px(q), dist(r1), dist(r2)
        d = (b[0] - a[0], b[1] - a[1])
        n = length(d)
        if n > 1e-6:
            perp = (-d[1] / n, d[0] / n)
            draw.polygon(
                [
                    (a[0] + perp[0] * ra, a[1] + perp[1] * ra),
                    (b[0] + perp[0] * rb, b[1] + perp[1] * rb),
                    (b[0] - perp[0] * rb, b[1] - perp[1] * rb),
                    (a[0] - perp[0] * ra, a[1] - perp[1] * ra),
                ],
                fill=color,
            )
        _circle(draw, a, ra, color)
        _circle(draw, b, rb, color)
    elif kind == "circle":
        _, c, r, color = op
        _circle(draw, px(c), dist(r), color)
    elif kind == "polygon":
        _, points, color = op
        draw.polygon([px(p) for p in points], fill=color)
    elif kind == "rrect":
        _, (x0, y0, x1, y1), r, color = op
        a, b = px((x0, y1)), px((x1, y0))
        radius = min(dist(r), (b[0] - a[0]) / 2, (b[1] - a[1]) / 2)
        draw.rounded_rectangle([a[0], a[1], b[0], b[1]], radius=max(radius, 0), fill=color)
    elif kind == "arrow":
        _, start, control, end, color = op
        points = []
        for i in range(25):
            t = i / 24
            points.append(
                px(
                    add(
                        add(mul(start, (1 - t) ** 2), mul(control, 2 * (1 - t) * t)),
                        mul(end, t * t),
                    )
                )
            )
        width = dist(0.018)
        tip = points[-1]
        direction = unit(sub(points[-1], points[-3]))
        head = dist(0.05)
        base = sub(tip, mul(direction, head))
        side = (-direction[1], direction[0])
        draw.line(points[:-3], fill=color, width=round(width), joint="curve")
        _circle(draw, points[0], width / 2, color)
        draw.polygon(
            [
                add(tip, mul(direction, width * 0.3)),
                add(base, mul(side, head * 0.6)),
                add(base, mul(side, -head * 0.6)),
            ],
            fill=color,
        )
    else:
        raise ValueError(kind)


def render_jpeg(pose, width=1600, quality=82):
    """The illustration as JPEG bytes, ready for an image upload."""
    buffer = io.BytesIO()
    render(pose, width).save(buffer, format="JPEG", quality=quality, optimize=True)
    return buffer.getvalue()
