"""
The clinic's article "5 Exercises for Sciatica from Lumbar Spinal Stenosis", built
through the models: five exercises in the library and the routine that shows them.
The wording is the clinic's own, once, as published; citation markers are typed as
[1] and [2] and link to the references.
"""

import datetime

from django.db import transaction
from taggit.models import Tag

from exercises.models import (
    Equipment,
    ExerciseIndexPage,
    ExercisePage,
    ExercisePhoto,
    RoutineIndexPage,
    RoutinePage,
    TopicKind,
)
from home.models import HomePage, HomePageFeaturedPage

from .images import placeholder_image

EQUIPMENT = [
    ("Chair", "chair", "A sturdy chair without wheels."),
    ("Incline board", "incline-board", "A small slant board or wedge; a thick book works too."),
    ("Step stool", "step-stool", "Or the bottom step of a staircase."),
    ("Cushion", "cushion", "Or a folded towel."),
]

EXERCISES = [
    {
        "slug": "seated-lumbar-flexion",
        "exercise_type": "flexibility",
        "title": "Seated Lumbar Flexion",
        "position": "seated",
        "equipment": ["chair"],
        "tags": ["spinal stenosis", "sciatica", "flexion"],
        "summary": "A gentle seated forward bend that opens space in the lower back and eases leg symptoms.",
        "dose": {"reps_min": 8, "sets_min": 2, "hold_min": 1, "hold_max": 2},
        "photos": [
            {
                "alt_text": "Seated Lumbar Flexion",
                "caption": "Seated Lumbar Flexion",
                "pose": "seated-lumbar-flexion",
            },
        ],
        "steps": [
            "Sit comfortably in a chair with your back relaxed and your knees slightly apart.",
            "Slowly look down and bend forward, reaching your hands toward the floor between your legs. Exhale gently as you move downward, and allow your lower back to stretch gently.",
            "Hold this forward-flexed position for 1–2 seconds, breathing naturally.",
            "Slowly return to an upright, relaxed posture—your back should feel at ease but not entirely straight.",
            "Repeat for 8 repetitions, completing two sets.",
        ],
        "tips": [
            {
                "kind": "comfort",
                "title": "",
                "text": "You can adjust your movement by leaning slightly more toward one side as you bend forward. For example, if you feel pain in your right leg, leaning toward your left leg may help open up the space on the right side and bring greater relief. Don’t hesitate to explore what feels best for your body—as long as you move gently and pay attention to how your symptoms respond, you're on the right track!",
            },
        ],
    },
    {
        "slug": "standing-hip-extension-stretch",
        "exercise_type": "flexibility",
        "title": "Standing Hip Extension Stretch",
        "position": "standing",
        "equipment": ["chair", "step-stool"],
        "tags": ["spinal stenosis", "sciatica", "stretch", "hip"],
        "summary": "A supported stretch for the front of the hip, done standing beside a chair.",
        "dose": {"reps_min": 15, "hold_min": 1, "hold_max": 2, "side": "each_leg"},
        "photos": [
            {
                "alt_text": "Standing Hip Extension Starting Position on a Chair",
                "caption": "Standing Hip Extension Starting Position on a Chair",
                "pose": "hip-extension-start",
            },
            {
                "alt_text": "Older Women Demonstrating a Standing Hip Extension Stretch on a Chair",
                "caption": "Standing Hip Extention Stretch on a Chair",
                "pose": "hip-extension-stretch",
            },
        ],
        "steps": [
            "Stand facing the side of a sturdy chair, with the back of the chair in front of you for support.",
            "Hold onto the chair for balance and place one foot up on the seat, keeping your posture upright and your back as straight as is comfortable.",
            "Gently shift your pelvis forward until you feel a stretch through the front of the hip of the leg that’s behind you.",
            "Hold this stretch for 1–2 seconds, then shift back to your starting position.",
            "Repeat 15 times on each leg.",
        ],
        "tips": [
            {
                "kind": "easier",
                "title": "",
                "text": "If placing your foot on a chair is too intense or uncomfortable, use a lower surface like a step stool or the bottom step of a staircase. You’ll still get a great stretch with less strain.",
            },
        ],
    },
    {
        "slug": "squat-with-an-incline-board",
        "exercise_type": "strengthening",
        "title": "Squat with an Incline Board",
        "position": "standing",
        "equipment": ["incline-board", "chair"],
        "tags": ["spinal stenosis", "sciatica", "strength"],
        "summary": "A heel-raised squat that builds leg strength while keeping a slight, comfortable bend in the back.",
        "dose": {"reps_min": 12, "sets_min": 2},
        "photos": [
            {
                "alt_text": "Older Women Doing a Squat with Incline Board",
                "caption": "Squat with Incline Board",
                "pose": "incline-squat",
            },
        ],
        "steps": [
            "Stand with your heels on a small inclined board to slightly elevate them.",
            "Slowly lower yourself into a squat, going only as low as feels comfortable. Holding onto a chair or another stable surface for balance is okay.",
            "Focus on shifting your weight into your heels rather than your toes, and move through the squat with control.",
            "Keeping a slight flex in your back throughout the movement is fine, as long as you remain within a pain-free range.",
            "Perform 12 repetitions for two sets.",
        ],
        "tips": [
            {
                "kind": "easier",
                "title": "",
                "text": "If a full squat feels too challenging at first, start with partial squats—going down about one-third or halfway. This is a great starting point; with regular practice, you'll likely build the strength and confidence to go deeper over time.",
            },
        ],
    },
    {
        "slug": "forward-bend-with-nerve-glides",
        "exercise_type": "nerve_glide",
        "title": "Forward Bend with Nerve Glides",
        "position": "standing",
        "equipment": ["incline-board"],
        "tags": ["spinal stenosis", "sciatica", "flexion", "stretch"],
        "summary": "A standing forward bend with the toes raised, to glide the sciatic nerve and stretch the back of the legs.",
        "dose": {"reps_min": 5, "sets_min": 2, "hold_min": 1, "hold_max": 2, "side": "each_side"},
        "photos": [
            {
                "alt_text": "Woman Stretching with Forward Bend on Incline Board",
                "caption": "Forward Bend on Incline Board",
                "pose": "forward-bend-toes-raised",
            },
        ],
        "steps": [
            "While standing, place a small inclined board or wedge under your toes so they are slightly elevated.",
            "Look down and slowly bend forward, reaching your hands toward the floor as if trying to touch your toes.",
            "You should feel a gentle stretch along the back of your thighs and calves. It’s perfectly okay if your hands don’t reach all the way down—go only as far as feels comfortable.",
            "Hold the stretch for 1–2 seconds, then slowly return to an upright position. You don’t need to come all the way up—just to a relaxed, halfway point.",
            "Repeat for 5 reps, two sets on each side. Please remember to keep breathing normally throughout the movement.",
        ],
        "tips": [
            {
                "kind": "substitute",
                "title": "",
                "text": "If you don’t have an incline board, a thick book works well as a substitute; just place it under your toes to elevate them. If you’re less flexible, be forward only to your knees. Over time, as your flexibility improves, you can gradually reach lower.",
            },
        ],
    },
    {
        "slug": "modified-lunge-with-chair-support",
        "exercise_type": "strengthening",
        "title": "Modified Lunge (with Chair Support)",
        "position": "kneeling",
        "equipment": ["chair", "cushion"],
        "tags": ["spinal stenosis", "sciatica", "flexion", "strength", "knee"],
        "summary": "A half-kneeling lunge, helped up with one hand on a chair, to strengthen the legs and hips.",
        "dose": {"reps_min": 12, "reps_max": 15, "sets_min": 2, "sets_max": 3, "side": "each_side"},
        "photos": [
            {
                "alt_text": "Women Showing Starting Position to Lunge with a Chair",
                "caption": "Starting Position to Lunge with a Chair",
                "pose": "lunge-start",
            },
            {
                "alt_text": "Women Showing Lunge with Chair",
                "caption": "Lunge with Chair",
                "pose": "lunge-rise",
            },
        ],
        "steps": [
            "Begin in a lunge position, with one foot forward and the other back. Please feel free to place one hand on a chair seat beside you for support.",
            "Lean your upper body slightly forward, maintaining a gentle forward flexion if you are having any back pain.",
            "Push down through the chair with your hand and press through the front leg to lift yourself partway up. Keep your back leg engaged and active.",
            "Rise about halfway up, then slowly lower back to the starting position.",
            "Perform 12–15 repetitions, for 2–3 sets on each side.",
        ],
        "tips": [
            {
                "kind": "comfort",
                "title": "For knee comfort",
                "text": "Place a small cushion or folded towel under your back knee.",
            },
            {
                "kind": "easier",
                "title": "To reduce intensity",
                "text": "Start in a standing lunge position (both knees off the ground), instead of kneeling. Use a higher surface, like a table or desk, for added balance and support.",
            },
        ],
    },
]

ROUTINE_TITLE = "5 Exercises for Sciatica from Lumbar Spinal Stenosis"
ROUTINE_SLUG = "5-exercises-for-sciatica-from-lumbar-spinal-stenosis"
ROUTINE_UPDATED = datetime.date(2025, 5, 27)
ROUTINE_INTRO = (
    "Five flexion-based exercises, with photos and step-by-step instructions, that "
    "create space in the lower back for people with sciatica from spinal stenosis."
)

OPENING_HEADING = "Lumbar Spinal Stenosis is a Space Issue"
OPENING = [
    "When the spinal canal narrows, it reduces the space available for the nerves in the lumbar spine (Diwan et al.[1]). This decreased space can lead to joint irritation, nerve compression, and even nerve damage, resulting in leg pain, muscle weakness, or altered sensation. - This is the true definition of sciatica.",
    "An upright, extended spine further narrows this space, which is why activities like standing, walking, or reaching overhead often worsen symptoms. In contrast, bending forward or sitting can ease discomfort by creating more space.",
    "In essence, spinal stenosis is a matter of space. To relieve symptoms, increase space within the spine, enhance range of motion, and strengthen supporting muscles.",
    "Through years of clinical experience, I’ve found the following five exercises particularly effective for patients with spinal stenosis and sciatica symptoms. If you’re experiencing similar issues, I encourage you to try them—they may offer the relief you’ve been looking for.",
]
EXERCISES_HEADING = "5 Exercises for Sciatica from Lumbar Spinal Stenosis"
QUESTIONS = [
    (
        "What is the Best Exercise for Spinal Stenosis and Sciatica?",
        [
            "Choosing just one “best” exercise for spinal stenosis isn’t easy.",
            "As a general guideline, the most beneficial exercises for sciatica caused by spinal stenosis create more space in the spine. When you relieve pressure around the nerve roots exiting the spinal canal, you give the nerves the room to move freely, heal, and function properly. Decompressing the nerve is the critical first step.",
            "Flexion-based exercises (which gently round the spine and increase space in the canal) are especially effective, and when combined with targeted core and hip strengthening, they create a well-rounded, long-term approach to managing symptoms and improving mobility.",
        ],
    ),
    (
        "What is the Newest Treatment for Spinal Stenosis?",
        [
            "One of the newest advancements in spinal stenosis treatment is the Total Posterior Spine (TOPS) facet joint replacement system. Traditionally, lumbar fusion surgery was the standard surgical approach. While it effectively relieved pressure on the spine and surrounding nerves, it also significantly limited mobility in the affected area.",
            "The TOPS procedure offers a promising alternative. It decompresses the nerves and preserves spinal motion, improving functional outcomes. Although more research is needed to fully understand its long-term risks, a review by Fiani et al.[2] supports the procedure’s effectiveness in reducing pain while maintaining range of motion.",
        ],
    ),
]
TREATMENTS_INTRO = "Other emerging treatments for spinal stenosis include:"
TREATMENTS = [
    "Seated and Self Traction",
    "Minimally Invasive Decompression Procedures",
    "Shockwave",
    "Dry Needling",
]
BOOK_PARAGRAPH = "These options provide some alternatives to managing back pain and stenosis. I review these and more in my book, Revision Sciatica. This comprehensive guide reviews latest treatments and provides over 50 exercises, Free\xa0Workouts, and 8 week progressions for stenosis."
BOOK_IMAGE = "Revision Sciatica Book"
ROUTINE_HERO_ALT = (
    "A woman sitting upright on a chair, with an incline board and a cushion on the floor "
    "in front of her"
)
SUMMARY = "Spinal stenosis, which narrows the spinal canal and compresses nerves, can lead to sciatica symptoms like leg pain and weakness—especially during upright activities. Flexion-based exercises that open spinal space, improve mobility, and reduce pain are key to symptom relief and long-term function. You can find five effective exercises that help decompress nerves and improve movement patterns. It also touches on new treatment options like the TOPS facet joint replacement, offering less invasive alternatives to traditional spinal fusion surgery."
REFERENCES = ["Diwan et al.", "Fiani et al."]
# What each of the demo's tags names: only conditions are published as such.
TOPIC_KINDS = {
    "spinal stenosis": "condition",
    "sciatica": "condition",
    "flexion": "movement",
    "stretch": "movement",
    "strength": "movement",
    "hip": "body_area",
    "knee": "body_area",
}


def _rich(*paragraphs):
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def _child(parent, model, slug, **fields):
    """The live child page of `parent` with this slug, created and published if missing."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        tags = fields.pop("tags", [])
        photos = fields.pop("photos", [])
        equipment = fields.pop("equipment", [])
        page = model(slug=slug, **fields)
        for photo in photos:
            page.photos.add(photo)
        if tags:
            page.tags.add(*tags)
        if equipment:
            page.equipment.set(equipment)
        parent.add_child(instance=page)
        page.save_revision().publish()
    return page


def ensure_equipment():
    items = {}
    for name, slug, description in EQUIPMENT:
        items[slug], _ = Equipment.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )
    return items


def ensure_exercise(library, spec, equipment):
    photos = [
        ExercisePhoto(
            image=placeholder_image(photo["caption"], photo["alt_text"], pose=photo["pose"]),
            caption=photo["caption"],
            alt_text=photo["alt_text"],
        )
        for photo in spec["photos"]
    ]
    return _child(
        library,
        ExercisePage,
        spec["slug"],
        title=spec["title"],
        summary=spec["summary"],
        position=spec["position"],
        exercise_type=spec["exercise_type"],
        equipment=[equipment[slug] for slug in spec["equipment"]],
        tags=spec["tags"],
        photos=photos,
        # Each exercise says its dose in its last step: marked, so that a routine with
        # its own dose shows that dose there instead.
        steps=[
            ("step", {"text": _rich(step), "states_dose": number == len(spec["steps"])})
            for number, step in enumerate(spec["steps"], start=1)
        ],
        modifications=[
            ("tip", {"kind": tip["kind"], "title": tip["title"], "text": _rich(tip["text"])})
            for tip in spec["tips"]
        ],
        **spec["dose"],
    )


def routine_body(exercises, book_call_to_action=None):
    body = [
        ("heading", {"text": OPENING_HEADING, "level": "h2"}),
        ("paragraph", _rich(*OPENING)),
        ("heading", {"text": EXERCISES_HEADING, "level": "h2"}),
    ]
    body += [("exercise", {"exercise": exercise, "dose": {}, "note": ""}) for exercise in exercises]
    body += [
        ("question", {"question": question, "answer": _rich(*answer)})
        for question, answer in QUESTIONS
    ]
    body += [
        ("bulleted_list", {"intro": TREATMENTS_INTRO, "items": TREATMENTS}),
        ("paragraph", _rich(BOOK_PARAGRAPH)),
    ]
    if book_call_to_action is not None:
        return body + [("call_to_action", book_call_to_action)]
    body += [
        (
            "promotion",
            {
                "heading": "Revision Sciatica",
                "text": _rich(
                    "The book: the latest treatments, over 50 exercises, free workouts and "
                    "8 week progressions for stenosis."
                ),
                "image": {
                    "image": placeholder_image(BOOK_IMAGE, BOOK_IMAGE, pose="book"),
                    "decorative": False,
                    "alt_text": BOOK_IMAGE,
                },
                "button_label": "",
                "link_page": None,
                "link_url": "",
            },
        ),
    ]
    return body


@transaction.atomic
def ensure_sciatica_article(home, book_call_to_action=None):
    """The exercise library, the articles index and the routine; returns them."""
    library = _child(
        home,
        ExerciseIndexPage,
        "exercises",
        title="Exercise library",
        show_in_menus=True,
        intro=_rich(
            "Every exercise our therapists recommend, with photos, steps and a dose. "
            "Filter by topic, equipment or position."
        ),
    )
    articles = _child(
        home,
        RoutineIndexPage,
        "articles",
        title="Latest articles",
        show_in_menus=True,
        intro=_rich("Exercise routines and advice from our physical therapists."),
    )
    equipment = ensure_equipment()
    exercises = [ensure_exercise(library, spec, equipment) for spec in EXERCISES]
    routine = _child(
        articles,
        RoutinePage,
        ROUTINE_SLUG,
        title=ROUTINE_TITLE,
        last_reviewed=ROUTINE_UPDATED,
        # The clinic first published it elsewhere; it was last updated that day.
        originally_published=ROUTINE_UPDATED,
        intro=ROUTINE_INTRO,
        hero_image=placeholder_image(
            "Ready for the routine: a chair, an incline board and a cushion",
            ROUTINE_HERO_ALT,
            pose="seated-rest",
        ),
        hero_alt_text=ROUTINE_HERO_ALT,
        body=routine_body(exercises, book_call_to_action),
        summary=_rich(SUMMARY),
        references=[("reference", {"citation": name, "url": ""}) for name in REFERENCES],
        tags=["spinal stenosis", "sciatica", "flexion"],
        search_description=ROUTINE_INTRO,
    )
    ensure_topic_kinds()
    return {"library": library, "articles": articles, "exercises": exercises, "routine": routine}


def ensure_topic_kinds():
    """A kind for each of the demo's tags that has none (an editor's choice is kept)."""
    for tag in Tag.objects.filter(name__in=TOPIC_KINDS, topic_kind__isnull=True):
        TopicKind.objects.create(tag=tag, kind=TOPIC_KINDS[tag.name])


def feature_on_home_page(home, pages_with_blurbs):
    """Link the home page to the article and the library, once."""
    home = HomePage.objects.get(pk=home.pk)
    if HomePageFeaturedPage.objects.filter(home_page=home).exists():
        return
    for page, blurb in pages_with_blurbs:
        home.featured_pages.add(HomePageFeaturedPage(page=page, blurb=blurb))
    home.save_revision().publish()
