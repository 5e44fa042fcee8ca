from functools import partial

import segno
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Count, Q, Value
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager, ReferenceIndex, Site
from wagtail.search import index
from wagtailmedia.edit_handlers import MediaChooserPanel

from . import api, structured_data
from .blocks import ModificationBlock, ReferenceBlock, RoutineBodyBlock, StepBlock
from .conf import exercises_setting
from .content_checks import ContentChecksPanel, exercise_findings, routine_findings
from .dose import (
    DOSE_NUMBER_FIELDS,
    SIDE_CHOICES,
    Dose,
    counts_repetitions_or_sets,
    dose_errors,
)
from .feeds import RoutineAtomFeed, RoutineFeed
from .fragment_cache import cached_with_fragments
from .guide import DONE, START, Guide
from .links import link_href
from .querysets import (
    ExercisePageQuerySet,
    RoutinePageQuerySet,
    image_with_renditions,
    prefetch_for_display,
)
from .routine_outline import RoutineExercise, RoutineOutline, chosen_exercises
from .text import without_nul
from .video import allow_frames, frame_origins, video_link

DOSE_FIELDS = DOSE_NUMBER_FIELDS  # reps, sets, hold (each _min/_max) and rest

POSITION_CHOICES = [
    ("seated", "Seated"),
    ("standing", "Standing"),
    ("lying", "Lying down"),
    ("kneeling", "Kneeling"),
]

# What an exercise trains, published as the ExercisePlan's exerciseType.
EXERCISE_TYPE_CHOICES = [
    ("flexibility", "Flexibility"),
    ("strengthening", "Strengthening"),
    ("mobility", "Mobility"),
    ("nerve_glide", "Nerve glide"),
    ("balance", "Balance"),
    ("endurance", "Endurance"),
]

# What a tag names. Only conditions are published as MedicalConditions (structured_data).
TOPIC_KIND_CHOICES = [
    ("condition", "Condition"),
    ("body_area", "Body area"),
    ("movement", "Movement"),
    ("equipment_free", "Equipment-free"),
    ("other", "Other topic"),
]


def page_ancestors(page, request=None):
    """
    The pages above `page`, root first, as far up as readers can go: free for a page
    Wagtail routed to (routing keeps each page's parent on the way down from the site's
    root page), one query otherwise.
    """
    chain, current = [], page
    while (parent := getattr(current, "_cached_parent_obj", None)) is not None:
        chain.append(parent)
        current = parent
    site = Site.find_for_request(request) if request is not None else None
    if chain and site is not None and current.pk == site.root_page_id:
        return chain[::-1]
    return list(page.get_ancestors())


def breadcrumbs(page, request=None):
    """
    The trail to `page` (exercises/includes/breadcrumbs.html): its live ancestors from
    the site's home page down, each as {"title", "url"}. Ancestors no site serves (the
    tree's root, another site's pages) are left out.
    """
    trail = []
    for ancestor in page_ancestors(page, request):
        url = ancestor.get_url(request) if ancestor.depth > 1 and ancestor.live else None
        if url:
            trail.append({"title": ancestor.title, "url": url})
    return trail


class Equipment(index.Indexed, models.Model):
    """Something an exercise needs: a chair, an incline board, a cushion..."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True, help_text="Used in library filter links.")
    description = models.CharField(
        max_length=250, blank=True, help_text="Optional: what to look for or use instead."
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = "equipment"
        verbose_name_plural = "equipment"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)
        super().save(*args, **kwargs)


class CallToAction(index.Indexed, models.Model):
    """
    A reusable call to action (a book, a webinar...) that editors place in a routine's
    body or on a host site's pages; edited once, shown everywhere it is placed.
    """

    heading = models.CharField(max_length=120)
    text = RichTextField(features=["bold", "italic", "link"], blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt_text = models.CharField(
        max_length=250, blank=True, help_text="What the image shows; leave empty if decorative."
    )
    button_label = models.CharField(max_length=60)
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Where the button leads; or enter a link below.",
    )
    link_url = models.URLField("link", blank=True)

    panels = [
        FieldPanel("heading"),
        FieldPanel("text"),
        FieldRowPanel([FieldPanel("image"), FieldPanel("image_alt_text")]),
        FieldRowPanel([FieldPanel("button_label"), FieldPanel("link_page")]),
        FieldPanel("link_url"),
    ]
    search_fields = [index.SearchField("heading"), index.AutocompleteField("heading")]

    class Meta:
        verbose_name = "call to action"
        verbose_name_plural = "calls to action"
        ordering = ["heading"]

    def __str__(self):
        return self.heading

    def clean(self):
        super().clean()
        if not (self.link_page_id or self.link_url):
            raise ValidationError({"link_url": "Choose a page or enter a link for the button."})

    @property
    def href(self):
        return link_href(self.link_page, self.link_url)


class ExercisePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "exercises.ExercisePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class RoutinePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "exercises.RoutinePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class TopicKind(models.Model):
    """
    What a tag names: a condition (sciatica), a body area (knee), a movement
    (flexion)... Kept beside taggit's own tags, so pages, their tags and tag links stay
    as they are; a tag without one is a topic of no particular kind.
    """

    tag = models.OneToOneField(Tag, on_delete=models.CASCADE, related_name="topic_kind")
    kind = models.CharField(max_length=20, choices=TOPIC_KIND_CHOICES)

    panels = [FieldPanel("tag"), FieldPanel("kind")]

    class Meta:
        ordering = ["tag__name"]
        verbose_name = "topic kind"

    def __str__(self):
        return f"{self.tag.name}: {self.get_kind_display()}"


def condition_names(tags):
    """The names of those of `tags` (fetched with their topic_kind) that are conditions."""
    return [
        tag.name
        for tag in tags
        if getattr(getattr(tag, "topic_kind", None), "kind", None) == "condition"
    ]


class ExerciseIndexPage(Page):
    """The exercise library: every live exercise, filterable by tag, equipment and position."""

    intro = RichTextField(features=["bold", "italic", "link"], blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    subpage_types = ["exercises.ExercisePage"]

    template = "exercises/exercise_index_page.html"

    class Meta:
        verbose_name = "exercise library"

    def exercises(self):
        return (
            ExercisePage.objects.visible()
            .descendant_of(self)
            .order_by("title")
            .with_photos_and_equipment()
        )

    def filter_choices(self):
        """Tags, equipment and positions that live exercises in this library use."""
        exercise_ids = ExercisePage.objects.visible().descendant_of(self).values("pk")
        return {
            "tags": Tag.objects.filter(
                exercises_exercisepagetag_items__content_object__in=exercise_ids
            )
            .distinct()
            .order_by("name"),
            "equipment": Equipment.objects.filter(exercises__in=exercise_ids)
            .distinct()
            .order_by("name"),
            "positions": POSITION_CHOICES,
        }

    def filtered_exercises(self, params):
        """The library filtered by the GET parameters `tag`, `equipment` and `position`."""
        exercises = self.exercises()
        active = {}

        def param(name):
            return without_nul(params.get(name, "")).strip()

        if tag := param("tag"):
            exercises = exercises.filter(tags__slug=tag)
            active["tag"] = tag
        if equipment := param("equipment"):
            exercises = exercises.filter(equipment__slug=equipment)
            active["equipment"] = equipment
        if (position := param("position")) in dict(POSITION_CHOICES):
            exercises = exercises.filter(position=position)
            active["position"] = position
        return exercises.distinct(), active

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        exercises, active = self.filtered_exercises(request.GET)
        paginator = Paginator(exercises, exercises_setting("LIBRARY_PAGE_SIZE"))
        context["exercises"] = paginator.get_page(request.GET.get("page"))
        context["filters"] = self.filter_choices()
        context["active_filters"] = active
        query = request.GET.copy()
        query.pop("page", None)
        context["filter_query"] = query.urlencode()
        context["breadcrumbs"] = breadcrumbs(self, request)
        return context


HANDOUT_DAYS = 7

# What a card linking to a routine shows (title, date, intro) and what its URL needs: a
# list of cards reads no more, not each routine's whole body.
CARD_FIELDS = (
    "title",
    "path",
    "depth",
    "url_path",
    "content_type",
    "locale",
    "live",
    "last_reviewed",
    "first_published_at",
    "intro",
)


class Handout:
    """
    What a page's printable home-exercise handout shows (exercises/handout.html): its
    exercises, a tick-box log of HANDOUT_DAYS days and a QR code back to the page.
    Everything is worked out when the template first asks, so a cached fragment of the
    handout costs nothing.
    """

    def __init__(self, page, request):
        self.page = page
        self.request = request

    @cached_property
    def exercises(self):
        return self.page.handout_exercises()

    @property
    def numbered(self):
        """Numbers are shown only when there is more than one exercise."""
        return len(self.exercises) > 1

    @cached_property
    def page_url(self):
        # The address the reader came by, not the Site record's hostname, which may be
        # a placeholder (e.g. "localhost") on a site that nobody configured.
        url = self.page.get_url(self.request)
        return self.request.build_absolute_uri(url) if self.request is not None else url

    @cached_property
    def qr_code(self):
        """An inline SVG of a QR code for `page_url`: no image file, no request elsewhere."""
        code = segno.make(self.page_url, error="m")
        return mark_safe(code.svg_inline(omitsize=True, border=0, svgclass="handout__qr-code"))

    days = range(1, HANDOUT_DAYS + 1)


class HandoutMixin(RoutablePageMixin):
    """
    A page with a printable home-exercise handout at `handout/` below its own URL: only
    what a patient does at home, laid out for a few printed pages. The page itself is
    still served at its own URL (RoutablePageMixin's index route).
    """

    handout_template = "exercises/handout.html"

    def handout_exercises(self):
        """The handout's exercises: a list of RoutineExercise, in order."""
        raise NotImplementedError

    def handout_context(self, request):
        # The page's base context only: the handout needs none of what the full page
        # fetches for itself (related pages, structured data).
        context = super().get_context(request)
        context["handout"] = Handout(self, request)
        return context

    @path("handout/", name="handout")
    def handout(self, request):
        return TemplateResponse(request, self.handout_template, self.handout_context(request))


class GuideMixin(HandoutMixin):
    """
    A page with a guided mode at `guide/` below its own URL (exercises/guide.py): a
    start screen, one screen per exercise and an end screen with the reader's log.
    """

    guide_template = "exercises/guide.html"

    def video_frame_origins(self, request):
        """The video players' origins the page and its guide place (exercises/video.py)."""
        raise NotImplementedError

    @path("")
    def index_route(self, request, *args, **kwargs):
        response = super().index_route(request, *args, **kwargs)
        return allow_frames(response, self.video_frame_origins(request))

    def guide_response(self, request, screen):
        guide = Guide(self, request, screen)
        if screen not in (START, DONE) and screen not in guide.screens:
            raise Http404("No such exercise in this guide")
        # The page's base context only, as the handout's.
        context = super().get_context(request)
        context["guide"] = guide
        response = TemplateResponse(request, self.guide_template, context)
        return allow_frames(response, self.video_frame_origins(request))

    def get_cached_paths(self):
        """Every address the page answers at, for a frontend cache to purge together:
        the page, its handout and each screen of its guide."""
        numbers = range(1, len(self.handout_exercises()) + 1)
        return [
            "/",
            self.reverse_subpage("handout"),
            self.reverse_subpage("guide"),
            *(self.reverse_subpage("guide_exercise", args=[number]) for number in numbers),
            self.reverse_subpage("guide_done"),
        ]

    @path("guide/", name="guide")
    def guide_start(self, request):
        return self.guide_response(request, START)

    @path("guide/<int:number>/", name="guide_exercise")
    def guide_exercise(self, request, number):
        return self.guide_response(request, number)

    @path("guide/done/", name="guide_done")
    def guide_done(self, request):
        return self.guide_response(request, DONE)


class ExercisePage(GuideMixin, Page):
    """One exercise, written once and shown in every routine that uses it."""

    summary = models.TextField(
        blank=True, help_text="One or two sentences: what it does and who it is for."
    )
    position = models.CharField(max_length=20, choices=POSITION_CHOICES, blank=True)
    equipment = ParentalManyToManyField(Equipment, blank=True, related_name="exercises")

    reps_min = models.PositiveSmallIntegerField("repetitions", null=True, blank=True)
    reps_max = models.PositiveSmallIntegerField(
        "repetitions, up to", null=True, blank=True, help_text="For a range such as 12–15."
    )
    sets_min = models.PositiveSmallIntegerField("sets", null=True, blank=True)
    sets_max = models.PositiveSmallIntegerField("sets, up to", null=True, blank=True)
    hold_min = models.PositiveSmallIntegerField("hold (seconds)", null=True, blank=True)
    hold_max = models.PositiveSmallIntegerField("hold, up to (seconds)", null=True, blank=True)
    rest = models.PositiveSmallIntegerField(
        "rest between sets (seconds)",
        null=True,
        blank=True,
        help_text="Optional: how long to rest between two sets.",
    )
    side = models.CharField(max_length=20, choices=SIDE_CHOICES, blank=True)
    frequency = models.CharField(
        max_length=60, blank=True, help_text='Optional, e.g. "daily" or "twice a day".'
    )

    steps = StreamField([("step", StepBlock())], min_num=1)
    modifications = StreamField([("tip", ModificationBlock())], blank=True)
    precautions = RichTextField(
        features=["bold", "italic", "link", "ul"],
        blank=True,
        help_text="Optional: when to stop or ask the therapist first.",
    )
    video_url = models.URLField(
        "video", blank=True, help_text="Optional: a link to a video of the exercise."
    )
    tags = ClusterTaggableManager(
        through=ExercisePageTag, blank=True, help_text="Conditions and topics, e.g. sciatica."
    )
    video = models.ForeignKey(
        "wagtailmedia.Media",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"type": "video"},
        verbose_name="video file",
        help_text="Optional: a video uploaded under Media; shown instead of the video link.",
    )
    video_captions = models.FileField(
        "captions of the video file",
        upload_to="exercises/captions/",
        blank=True,
        validators=[FileExtensionValidator(["vtt"], "Captions must be a WebVTT file (.vtt).")],
        help_text="A .vtt file with what the video says, for readers who cannot hear it.",
    )
    exercise_type = models.CharField(
        "kind of exercise",
        max_length=20,
        choices=EXERCISE_TYPE_CHOICES,
        blank=True,
        help_text="What it trains: flexibility, strength, a nerve glide...",
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        InlinePanel("photos", label="Photo", heading="Photos"),
        FieldPanel("steps"),
        MultiFieldPanel(
            [
                HelpPanel(
                    "A single number, or a range: fill in “up to” for e.g. 12–15 repetitions."
                ),
                FieldRowPanel([FieldPanel("reps_min"), FieldPanel("reps_max")]),
                FieldRowPanel([FieldPanel("sets_min"), FieldPanel("sets_max")]),
                FieldRowPanel([FieldPanel("hold_min"), FieldPanel("hold_max")]),
                FieldPanel("rest"),
                FieldRowPanel([FieldPanel("side"), FieldPanel("frequency")]),
            ],
            heading="Dose",
        ),
        FieldPanel("modifications"),
        MultiFieldPanel(
            [
                FieldPanel("exercise_type"),
                FieldPanel("position"),
                FieldPanel("equipment"),
                FieldPanel("tags"),
            ],
            heading="Kind, position, equipment and topics",
        ),
        FieldPanel("precautions"),
        MultiFieldPanel(
            [
                FieldPanel("video_url"),
                MediaChooserPanel("video", media_type="video"),
                FieldPanel("video_captions"),
            ],
            heading="Video",
        ),
        ContentChecksPanel(exercise_findings),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("steps"),
        index.SearchField("modifications"),
        index.SearchField("precautions"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.RelatedFields("equipment", [index.SearchField("name")]),
        index.FilterField("position"),
    ]

    api_fields = [
        APIField("summary"),
        APIField("photos", serializer=api.PhotosField()),
        APIField("steps", serializer=api.StepsField()),
        APIField("dose", serializer=api.DoseField(source="*")),
        APIField("modifications", serializer=api.TipsField()),
        APIField("precautions"),
        APIField("position"),
        APIField("equipment", serializer=api.EquipmentField()),
        APIField("video_url"),
        APIField("tags", serializer=api.TagNamesField()),
    ]

    parent_page_types = ["exercises.ExerciseIndexPage"]
    subpage_types = []

    template = "exercises/exercise_page.html"

    objects = PageManager.from_queryset(ExercisePageQuerySet)()

    @property
    def dose(self):
        return Dose.from_values(
            {name: getattr(self, name) for name in DOSE_FIELDS + ["side", "frequency"]}
        )

    def clean(self):
        super().clean()
        errors = dose_errors({name: getattr(self, name) for name in DOSE_FIELDS})
        # One step states the dose, and it is marked: a routine's own dose replaces it.
        dose_steps, unmarked = [], []
        for number, step in enumerate(self.steps, start=1):
            if step.value.states_dose:
                dose_steps.append(number)
            elif counts_repetitions_or_sets(strip_tags(step.value["text"].source)):
                unmarked.append(number)
        if self.video_captions and not self.video_id:
            errors["video_captions"] = "Captions go with a video file: choose the video file too."
        if len(dose_steps) > 1:
            numbers = ", ".join(str(n) for n in dose_steps)
            errors["steps"] = (
                f"Steps {numbers} are all marked as stating the dose: mark only the one "
                "that says how many repetitions and sets."
            )
        elif unmarked:
            errors["steps"] = (
                f"Step {unmarked[0]} says how many repetitions or sets: tick “This step "
                "states the dose” on it (or say the dose only in the step that is ticked), "
                "so that a routine with its own dose shows that dose there."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def video_link(self):
        """The YouTube or Vimeo player of `video_url` (exercises/video.py), if it has one."""
        return None if self.video_id else video_link(self.video_url)

    def video_frame_origins(self, request):
        return frame_origins([self])

    def routines(self):
        """Live routines that show this exercise, newest first."""
        references = ReferenceIndex.get_references_to(self).filter(base_content_type__model="page")
        page_ids = [int(pk) for pk in references.values_list("object_id", flat=True)]
        return RoutinePage.objects.visible().filter(pk__in=page_ids).newest()

    og_type = "article"

    @cached_property
    def social_photo(self):
        return self.photos.select_related("image").first()

    @property
    def social_image(self):
        return self.social_photo.image if self.social_photo else None

    @property
    def social_image_alt(self):
        return self.social_photo.alt if self.social_photo else ""

    def handout_exercises(self):
        exercise = prefetch_for_display([self])[0][0]
        return [RoutineExercise(number=1, exercise=exercise, dose=self.dose, note=None, anchor="")]

    def routine_from(self, request):
        """
        The routine the reader came from (`?from=<routine page id>`, set by the routine's
        link to this page) and this exercise's entry in it; None unless the id is that of
        a live routine that shows this exercise.
        """
        routine_id = without_nul(request.GET.get("from", "")).strip()
        if not routine_id.isascii() or not routine_id.isdigit() or len(routine_id) > 18:
            return None
        routine = RoutinePage.objects.visible().filter(pk=int(routine_id)).first()
        entry = routine.entry_for(self) if routine is not None else None
        return (routine, entry) if entry is not None else None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["routines"] = self.routines()
        context["structured_data"] = structured_data.exercise(self, request)
        # Varies with the query string, as the page cache's key does: never put it in a
        # fragment cached for the page alone.
        came_from = self.routine_from(request)
        if came_from is not None:
            context["from_routine"], context["from_entry"] = came_from
        context["breadcrumbs"] = breadcrumbs(self, request)
        return context


class ExercisePhoto(Orderable):
    """A photo of an exercise, in the order the reader should see them."""

    page = ParentalKey(ExercisePage, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey("wagtailimages.Image", on_delete=models.CASCADE, related_name="+")
    caption = models.CharField(max_length=250, blank=True)
    alt_text = models.CharField(
        max_length=250,
        blank=True,
        help_text="What the photo shows, for people who cannot see it.",
    )
    decorative = models.BooleanField(
        default=False, help_text="Tick only if the photo adds nothing the text does not say."
    )

    panels = [
        FieldPanel("image"),
        FieldPanel("caption"),
        FieldRowPanel([FieldPanel("alt_text"), FieldPanel("decorative")]),
    ]

    def clean(self):
        super().clean()
        if not self.decorative and not self.alt_text.strip():
            raise ValidationError(
                {"alt_text": "Describe the photo, or tick “decorative” if it adds nothing."}
            )

    @property
    def alt(self):
        return "" if self.decorative else self.alt_text


class RoutineIndexPage(RoutablePageMixin, Page):
    """
    A list of routines (articles), newest first, with a page per tag
    (`tag/<slug>/`) and feeds of the newest (`feed/` RSS, `feed/atom/` Atom).
    """

    intro = RichTextField(features=["bold", "italic", "link"], blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    subpage_types = ["exercises.RoutinePage"]

    template = "exercises/routine_index_page.html"

    class Meta:
        verbose_name = "routine index"

    def routines(self):
        return RoutinePage.objects.visible().child_of(self).newest().with_hero_renditions()

    @classmethod
    def tag_path(cls, tag_slug):
        """The topic page's path below an index page: `tag/<slug>/`."""
        return cls.get_resolver().reverse("tag", tag_slug)

    def tag_url(self, tag_slug, request=None):
        return self.get_url(request) + self.tag_path(tag_slug)

    def feed_url(self, request=None):
        return self.get_url(request) + self.reverse_subpage("feed")

    @classmethod
    def feed_paths(cls):
        """The RSS and Atom feeds' paths below an index page."""
        resolver = cls.get_resolver()
        return resolver.reverse("feed"), resolver.reverse("atom_feed")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["feed_url"] = self.feed_url(request)
        return context

    def topic_paths(self):
        """The paths below the index of a page per topic its live routines use."""
        tags = (
            Tag.objects.filter(
                exercises_routinepagetag_items__content_object__in=self.routines().values("pk")
            )
            .distinct()
            .order_by("name")
        )
        return [self.reverse_subpage("tag", args=[tag.slug]) for tag in tags]

    def get_sitemap_urls(self, request=None):
        """The index, then a page per topic its live routines use."""
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        return urls + [{"location": base + path} for path in self.topic_paths()]

    def get_cached_paths(self):
        """Every address the index answers at, for a frontend cache to purge together:
        its list, its feeds and its topics."""
        return ["/", *self.feed_paths(), *self.topic_paths()]

    @path("")
    def latest(self, request):
        paginator = Paginator(self.routines(), exercises_setting("ROUTINES_PAGE_SIZE"))
        routines = paginator.get_page(request.GET.get("page"))
        return self.render(request, context_overrides={"routines": routines})

    @path("tag/<slug:tag_slug>/", name="tag")
    def tagged(self, request, tag_slug):
        tag = Tag.objects.filter(slug=tag_slug).first()
        if tag is None:
            raise Http404("No such topic")
        paginator = Paginator(
            self.routines().filter(tags__slug=tag_slug), exercises_setting("ROUTINES_PAGE_SIZE")
        )
        routines = paginator.get_page(request.GET.get("page"))
        return self.render(request, context_overrides={"routines": routines, "tag": tag})

    @path("feed/", name="feed")
    def rss_feed(self, request):
        return RoutineFeed()(request, index_page=self)

    @path("feed/atom/", name="atom_feed")
    def atom_feed(self, request):
        return RoutineAtomFeed()(request, index_page=self)


class RoutinePage(GuideMixin, Page):
    """An article built around a sequence of exercises from the library."""

    byline = models.CharField(
        max_length=120, blank=True, help_text="Who wrote it, e.g. the therapist's name."
    )
    last_reviewed = models.DateField(
        "last reviewed or updated",
        help_text="Shown to readers as “Updated”. Change it when you review the advice.",
    )
    intro = models.TextField(
        blank=True, help_text="A short standfirst under the title, also used in article lists."
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_alt_text = models.CharField(max_length=250, blank=True)
    body = StreamField(RoutineBodyBlock())
    summary = RichTextField(features=["bold", "italic", "link"], blank=True)
    references = StreamField(
        [("reference", ReferenceBlock())],
        blank=True,
        help_text="Numbered in this order. Cite one in the text by typing [1], [2]...",
    )
    tags = ClusterTaggableManager(through=RoutinePageTag, blank=True)
    originally_published = models.DateField(
        "first published",
        null=True,
        blank=True,
        help_text="When the article first appeared, here or elsewhere; else its first "
        "publication on this site.",
    )
    author_name = models.CharField(
        "author",
        max_length=120,
        blank=True,
        help_text="The person who wrote it, named to search engines; readers see it when "
        "there is no byline.",
    )
    author_credentials = models.CharField(
        "author's credentials", max_length=60, blank=True, help_text="e.g. PT, DPT."
    )

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("byline"), FieldPanel("last_reviewed")]),
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_alt_text")], heading="Hero photo"
        ),
        FieldPanel("body"),
        FieldPanel("summary"),
        FieldPanel("references"),
        FieldPanel("tags"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("author_name"), FieldPanel("author_credentials")]),
                FieldPanel("originally_published"),
            ],
            heading="Author and first publication",
        ),
        ContentChecksPanel(routine_findings),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("summary"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.SearchField("exercise_text"),
        index.FilterField("last_reviewed"),
    ]

    api_fields = [
        APIField("byline"),
        APIField("last_reviewed"),
        APIField("intro"),
        APIField("hero_image", serializer=api.rendition_serializer()),
        APIField("hero_alt_text"),
        APIField("exercises", serializer=api.RoutineExercisesField(source="*")),
        APIField("body"),
        APIField("summary"),
        APIField("references"),
        APIField("tags", serializer=api.TagNamesField()),
    ]

    parent_page_types = ["exercises.RoutineIndexPage"]
    subpage_types = []

    template = "exercises/routine_page.html"

    objects = PageManager.from_queryset(RoutinePageQuerySet)()

    def clean(self):
        super().clean()
        if self.hero_image_id and not self.hero_alt_text.strip():
            raise ValidationError({"hero_alt_text": "Describe the hero photo for screen readers."})

    def outline(self):
        """The body with its exercises numbered and fetched in bulk (see RoutineOutline)."""
        if getattr(self, "_outline", None) is None:
            shown = [exercise for exercise in chosen_exercises(self.body) if exercise.live]
            exercises, images = prefetch_for_display(shown, [self.hero_image_id])
            if self.hero_image_id in images and "hero_picture" not in self.__dict__:
                self.hero_picture = images[self.hero_image_id]
            self._outline = RoutineOutline(self.body, exercises)
        return self._outline

    def exercises(self):
        """The routine's exercises in reading order, numbered as the reader sees them."""
        return self.outline().exercises

    def handout_exercises(self):
        return self.exercises()

    def video_frame_origins(self, request):
        return cached_with_fragments(
            request,
            self,
            "video-frames",
            lambda: frame_origins(entry.exercise for entry in self.exercises()),
        )

    def entry_for(self, exercise):
        """
        `exercise` as this routine shows it (its number and anchor), or None if the
        routine does not show it. Numbers only: nothing of the exercises is prefetched.
        """
        outline = getattr(self, "_outline", None)
        if outline is None:
            shown = [chosen for chosen in chosen_exercises(self.body) if chosen.live]
            outline = RoutineOutline(self.body, shown)
        return next(
            (entry for entry in outline.exercises if entry.exercise.pk == exercise.pk), None
        )

    def exercise_text(self):
        """The steps and tips of the routine's exercises, so search finds the routine by them."""
        parts = []
        for entry in self.exercises():
            exercise = entry.exercise
            parts.append(exercise.title)
            parts.extend(exercise.steps.stream_block.get_searchable_content(exercise.steps))
            parts.extend(
                exercise.modifications.stream_block.get_searchable_content(exercise.modifications)
            )
        return "\n".join(str(part) for part in parts)

    @cached_property
    def topic_tags(self):
        # With their kinds in the same query: the structured data names the conditions.
        tags = self.tags.all().select_related("topic_kind")
        return sorted(tags, key=lambda tag: tag.name.lower())

    def condition_names(self):
        return condition_names(self.topic_tags)

    @cached_property
    def index_page(self):
        # The plain parent page (treebeard caches it): enough for its URL and title.
        return self.get_parent()

    def related_routines(self, limit=3):
        """Up to `limit` other live routines: those sharing the most tags first, then newest."""
        tag_ids = [tag.pk for tag in self.topic_tags]
        shared = (
            Count("tagged_items", filter=Q(tagged_items__tag_id__in=tag_ids), distinct=True)
            if tag_ids
            else Value(0)
        )
        return list(
            RoutinePage.objects.visible()
            .exclude(pk=self.pk)
            .annotate(shared_tags=shared)
            .order_by("-shared_tags", "-last_reviewed", "-first_published_at")
            .only(*CARD_FIELDS)[:limit]
        )

    @cached_property
    def hero_picture(self):
        """The hero photo with all its renditions in one query: every size is then free."""
        return image_with_renditions(self.hero_image_id)

    og_type = "article"

    @property
    def social_image(self):
        return self.hero_picture

    @property
    def social_image_alt(self):
        return self.hero_alt_text

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Lazy: the template's cached fragments (fragment_cache.py) usually hold what
        # these would fetch, and then they cost nothing.
        context["outline"] = SimpleLazyObject(self.outline)
        context["index_page"] = self.index_page
        context["topics"] = SimpleLazyObject(lambda: self.topics(request))
        context["related_routines"] = SimpleLazyObject(self.related_routines)
        context["structured_data"] = partial(
            structured_data.routine, self, request, SimpleLazyObject(self.condition_names)
        )
        context["breadcrumbs"] = SimpleLazyObject(lambda: breadcrumbs(self, request))
        return context

    def topics(self, request):
        """The routine's tags, each with the URL of its tag page."""
        index_url = self.index_page.get_url(request)
        return [
            {"name": tag.name, "url": index_url + RoutineIndexPage.tag_path(tag.slug)}
            for tag in self.topic_tags
        ]

    @property
    def publication_date(self):
        """The day it was first published, in the site's time zone (not the server's UTC)."""
        if self.originally_published:
            return self.originally_published
        if self.first_published_at:
            return timezone.localdate(self.first_published_at)
        return None

    @property
    def author_line(self):
        """Who wrote it, as readers see it: the byline, else the author and credentials."""
        if self.byline or not self.author_name:
            return self.byline
        return ", ".join(part for part in (self.author_name, self.author_credentials) if part)

    @property
    def updated_date(self):
        """The day readers see as "Updated", never before the first publication."""
        published = self.publication_date
        return max(self.last_reviewed, published) if published else self.last_reviewed
