"""
StreamField blocks of the exercises plugin: an exercise's steps and modification
tips, a dose, and the blocks a routine's body is written with.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.html import format_html, strip_tags
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from .conf import exercises_setting
from .dose import REST_NEEDS_SETS, SIDE_CHOICES, Dose, dose_errors, gives_a_duration
from .links import link_href


class ConfiguredRichTextBlock(blocks.RichTextBlock):
    """
    Rich text with the features the host site allows (EXERCISES_RICH_TEXT_FEATURES),
    read when the editor is built. The features stay out of the block's deconstruction,
    as Wagtail keeps them out of RichTextField's, so a host site that changes the setting
    never needs a migration inside the plugin.
    """

    @property
    def features(self):
        return exercises_setting("RICH_TEXT_FEATURES")

    @features.setter
    def features(self, value):
        if value is not None:
            raise TypeError("The features come from EXERCISES_RICH_TEXT_FEATURES.")


class StepValue(blocks.StructValue):
    @property
    def states_dose(self):
        return bool(self.get("states_dose"))

    def text_under(self, own_dose, dose):
        """
        The step's text where `dose` applies to an exercise whose own dose is `own_dose`.
        The dose step keeps the editor's wording under the exercise's own dose and says
        the dose that applies (dose_sentence) under any other, such as a routine's
        override: a page never shows two doses for one exercise.
        """
        if self.states_dose and dose is not None and own_dose is not None and dose != own_dose:
            return format_html("<p>{}</p>", dose.sentence)
        return self.get("text")


class StepBlock(blocks.StructBlock):
    """
    One numbered step; the number comes from its position. The step that states the
    dose is marked, so that a routine's own dose replaces its wording there.
    """

    text = ConfiguredRichTextBlock(
        help_text="One action per step, in the words you would use beside the patient.",
    )
    photo = ImageBlock(required=False, help_text="Optional: a photo of this step.")
    states_dose = blocks.BooleanBlock(
        required=False,
        label="This step states the dose",
        help_text=(
            "Tick the one step that says how many repetitions and sets (usually the last). "
            "Where a routine sets its own dose, readers see that dose in this step instead."
        ),
    )

    class Meta:
        icon = "list-ol"
        label = "Step"
        template = "exercises/blocks/step_block.html"
        value_class = StepValue
        label_format = "{text}"
        preview_value = {
            "text": "<p>Sit comfortably in a chair with your back relaxed.</p>",
        }
        description = "A numbered instruction, with an optional photo."

    def get_context(self, value, parent_context=None):
        # Rendered inside an exercise (exercises/includes/exercise_detail.html and the
        # handout), whose context holds the exercise and the dose that applies.
        context = super().get_context(value, parent_context=parent_context)
        own_dose = getattr(context.get("exercise"), "dose", None)
        context["step_text"] = value.text_under(own_dose, context.get("dose"))
        return context


class ModificationValue(blocks.StructValue):
    @property
    def kind_label(self):
        return dict(MODIFICATION_KINDS).get(self.get("kind"), "")


MODIFICATION_KINDS = [
    ("easier", "Easier"),
    ("harder", "Harder"),
    ("comfort", "For comfort"),
    ("substitute", "No equipment / substitute"),
]


class ModificationBlock(blocks.StructBlock):
    """A way to adapt the exercise: easier, harder, more comfortable, or without equipment."""

    kind = blocks.ChoiceBlock(choices=MODIFICATION_KINDS, default="easier")
    title = blocks.CharBlock(
        required=False,
        max_length=80,
        help_text='Optional, e.g. "For knee comfort". Shown in bold before the text.',
    )
    text = ConfiguredRichTextBlock()

    class Meta:
        icon = "help"
        label = "Modification tip"
        template = "exercises/blocks/modification_block.html"
        value_class = ModificationValue
        label_format = "{title}"
        preview_value = {
            "kind": "comfort",
            "title": "For knee comfort",
            "text": "<p>Place a small cushion or folded towel under your back knee.</p>",
        }
        description = "A tip that makes the exercise easier, harder or more comfortable."


class DoseValue(blocks.StructValue):
    @property
    def dose(self):
        return Dose.from_values(self)


class DoseBlock(blocks.StructBlock):
    """
    Repetitions, sets and hold, each a number or a range (fill in "up to" for a
    range such as 12-15), the rest between sets, on which side and how often. Used as
    a routine's override of an exercise's dose: empty fields keep the exercise's own.
    """

    reps_min = blocks.IntegerBlock(required=False, label="Repetitions")
    reps_max = blocks.IntegerBlock(required=False, label="Repetitions, up to")
    sets_min = blocks.IntegerBlock(required=False, label="Sets")
    sets_max = blocks.IntegerBlock(required=False, label="Sets, up to")
    hold_min = blocks.IntegerBlock(required=False, label="Hold (seconds)")
    hold_max = blocks.IntegerBlock(required=False, label="Hold, up to (seconds)")
    rest = blocks.IntegerBlock(required=False, label="Rest between sets (seconds)")
    side = blocks.ChoiceBlock(choices=SIDE_CHOICES, required=False, label="Side")
    frequency = blocks.CharBlock(
        required=False, max_length=60, help_text='e.g. "daily" or "twice a day"'
    )

    class Meta:
        icon = "time"
        label = "Dose"
        template = "exercises/blocks/dose_block.html"
        value_class = DoseValue
        preview_value = {"reps_min": 8, "sets_min": 2, "hold_min": 1, "hold_max": 2}
        description = "How many repetitions and sets, how long to hold, and on which side."

    def clean(self, value):
        value = super().clean(value)
        errors = dose_errors(value, partial=True)
        if errors:
            raise StructBlockValidationError(
                block_errors={name: ValidationError(message) for name, message in errors.items()}
            )
        return value


DELETED_EXERCISE = "This exercise was deleted; choose another or remove this block."


@dataclass(frozen=True)
class DeletedExercise:
    """An exercise the editor's form still names, whose page no longer exists."""

    pk: object


class ExerciseChooserBlock(blocks.PageChooserBlock):
    """A page chooser that tells a deleted exercise apart from none chosen."""

    def value_from_form(self, value):
        page = super().value_from_form(value)
        if page is None and value not in (None, ""):
            return DeletedExercise(value)
        return page


class ExerciseBlockValue(blocks.StructValue):
    """An exercise placed in a routine; the page and the block's own template read it.

    Not `dose`: a template looks up the block's own `dose` field (the override) first.
    """

    @property
    def dose_override(self):
        dose = self.get("dose")
        return dose.dose if dose else Dose()

    @property
    def routine_dose(self):
        """The dose for this routine: the exercise's own, with what the routine sets."""
        own = getattr(self.get("exercise"), "dose", None) or Dose()
        return own.overridden_by(self.dose_override)

    @property
    def dose_is_overridden(self):
        return bool(self.dose_override)


def timed_step_contradicted(exercise, value):
    """
    The number of a step that states a hold in words while the routine changes the hold
    (the step marked as the dose step follows the dose that applies; others do not).
    """
    if value.routine_dose.hold == exercise.dose.hold:
        return None
    for number, step in enumerate(exercise.steps, start=1):
        if not step.value.states_dose and gives_a_duration(strip_tags(step.value["text"].source)):
            return number
    return None


class ExerciseBlock(blocks.StructBlock):
    """An exercise shown in full inside a routine, from its own page."""

    exercise = ExerciseChooserBlock(
        page_type="exercises.ExercisePage",
        help_text="The exercise is shown as written on its own page; edit it there.",
    )
    dose = DoseBlock(
        required=False,
        collapsed=True,
        label="Dose for this routine (optional)",
        help_text=(
            "Fill in only what differs from the exercise's own dose, which this block's "
            "heading shows with the dose that applies. Empty fields keep the exercise's own."
        ),
    )
    note = ConfiguredRichTextBlock(
        required=False,
        help_text="Optional: a note about this exercise that applies to this routine only.",
    )

    class Meta:
        icon = "pick"
        label = "Exercise"
        template = "exercises/blocks/exercise_block.html"
        value_class = ExerciseBlockValue
        # No label_format: "{exercise}" reads "null" while no exercise is chosen. Wagtail's
        # default heading is the first child's label: the chooser's, which
        # get_form_state makes "<exercise> — <the dose that applies>".
        description = "An exercise from the library, numbered in order, with its steps and tips."

    # The exercise's own dose cannot be each field's placeholder: one block definition
    # serves every exercise block, and the chooser changes the exercise in the browser.
    # The block's heading names the exercise and the dose that applies instead.

    def to_python(self, value):
        return self._note_deleted_exercise(super().to_python(value), value)

    def bulk_to_python(self, values):
        return [
            self._note_deleted_exercise(struct_value, raw)
            for struct_value, raw in zip(super().bulk_to_python(values), values, strict=True)
        ]

    @staticmethod
    def _note_deleted_exercise(struct_value, raw):
        chosen = raw.get("exercise") if isinstance(raw, dict) else None
        if chosen is not None and struct_value.get("exercise") is None:
            struct_value.deleted_exercise_pk = chosen
        return struct_value

    def get_form_state(self, value):
        exercise = value.get("exercise")
        if isinstance(exercise, DeletedExercise):
            deleted_pk = exercise.pk
        else:
            deleted_pk = getattr(value, "deleted_exercise_pk", None)
        shown = dict(value.items())
        if deleted_pk is not None:
            shown["exercise"] = None
        state = super().get_form_state(shown)
        if deleted_pk is not None:
            # The chooser keeps the deleted page's id, so that saving says what happened.
            state["exercise"] = {
                "id": deleted_pk,
                "parentId": None,
                "adminTitle": DELETED_EXERCISE,
                "editUrl": "",
            }
        elif state.get("exercise") and isinstance(value, ExerciseBlockValue):
            dose = value.routine_dose
            if dose:
                state["exercise"]["adminTitle"] = f"{exercise.title} — {dose.summary}"
        return state

    def clean(self, value):
        if isinstance(value.get("exercise"), DeletedExercise):
            raise StructBlockValidationError(
                block_errors={"exercise": ValidationError(DELETED_EXERCISE)}
            )
        value = super().clean(value)
        exercise = value.get("exercise")
        if exercise is not None and value.routine_dose.rest_without_sets:
            raise StructBlockValidationError(
                block_errors={
                    "dose": StructBlockValidationError(
                        block_errors={"rest": ValidationError(REST_NEEDS_SETS)}
                    )
                }
            )
        if exercise is not None and (step := timed_step_contradicted(exercise, value)):
            raise StructBlockValidationError(
                block_errors={
                    "dose": StructBlockValidationError(
                        block_errors={
                            "hold_min": ValidationError(
                                f"Step {step} of “{exercise.title}” says how long to hold, "
                                "so a different hold here would give readers two. Change the "
                                "hold on the exercise itself, or leave it empty here."
                            )
                        }
                    )
                }
            )
        if exercise is not None and not exercise.live:
            raise StructBlockValidationError(
                block_errors={
                    "exercise": ValidationError(
                        f'"{exercise.title}" is not published. Publish it first, '
                        "or choose a published exercise."
                    )
                }
            )
        return value


class HeadingBlock(blocks.StructBlock):
    """A section heading or subheading; a host site's pages may use it too."""

    text = blocks.CharBlock(max_length=160)
    level = blocks.ChoiceBlock(
        choices=[("h2", "Section heading"), ("h3", "Subheading")],
        default="h2",
        help_text="Use section headings for main topics and subheadings inside them.",
    )

    class Meta:
        icon = "title"
        template = "exercises/blocks/heading_block.html"
        label_format = "{text}"
        preview_value = {"text": "What is the best exercise for spinal stenosis?", "level": "h2"}
        description = "A heading; in a routine, section headings also make its list of contents."


class PhotoBlock(blocks.StructBlock):
    """A photo in the text, with its alt text and an optional caption."""

    image = ImageBlock(help_text="Describe the photo for people who cannot see it.")
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "exercises/blocks/photo_block.html"
        description = "A photo with alt text and an optional caption."


CALLOUT_KINDS = [("tip", "Tip"), ("note", "Good to know"), ("caution", "Caution")]


class CalloutValue(blocks.StructValue):
    @property
    def kind_label(self):
        return dict(CALLOUT_KINDS).get(self.get("kind"), "Tip")


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(choices=CALLOUT_KINDS, default="tip")
    title = blocks.CharBlock(required=False, max_length=120)
    text = ConfiguredRichTextBlock()

    class Meta:
        icon = "warning"
        label = "Tip or callout"
        template = "exercises/blocks/callout_block.html"
        value_class = CalloutValue
        label_format = "{title}"
        preview_value = {
            "kind": "caution",
            "title": "Stop if it hurts",
            "text": "<p>Stop if pain spreads further down your leg.</p>",
        }
        description = "A highlighted box: a tip, something good to know, or a caution."


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=200)
    answer = ConfiguredRichTextBlock()

    class Meta:
        icon = "help"
        label = "Question and answer"
        template = "exercises/blocks/question_block.html"
        label_format = "{question}"
        preview_value = {
            "question": "What is the best exercise for spinal stenosis?",
            "answer": "<p>Flexion-based exercises that create more space in the spine.</p>",
        }
        description = "A question as a heading, with its answer."


class BulletedListBlock(blocks.StructBlock):
    intro = blocks.CharBlock(required=False, max_length=250, help_text="Optional lead-in line.")
    items = blocks.ListBlock(blocks.CharBlock(max_length=250, label="Item"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = "Bulleted list"
        template = "exercises/blocks/bulleted_list_block.html"
        preview_value = {
            "intro": "Other treatments include:",
            "items": ["Seated and Self Traction", "Shockwave", "Dry Needling"],
        }
        description = "A short list of points."


class PromotionValue(blocks.StructValue):
    @property
    def href(self):
        return link_href(self.get("link_page"), self.get("link_url"))


class PromotionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    text = ConfiguredRichTextBlock(required=False)
    image = ImageBlock(required=False)
    button_label = blocks.CharBlock(required=False, max_length=60)
    link_page = blocks.PageChooserBlock(required=False)
    link_url = blocks.URLBlock(required=False)

    class Meta:
        icon = "pick"
        label = "Promotion"
        template = "exercises/blocks/promotion_block.html"
        value_class = PromotionValue
        label_format = "{heading}"
        description = "A highlighted offer such as a book or a webinar, with a button."

    def clean(self, value):
        value = super().clean(value)
        if value.get("button_label") and not (value.get("link_page") or value.get("link_url")):
            raise StructBlockValidationError(
                block_errors={
                    "link_url": ValidationError("Choose a page or enter a link for the button.")
                }
            )
        return value


class CallToActionBlock(SnippetChooserBlock):
    """A call-to-action snippet placed in the text; edit it once under Snippets."""

    def __init__(self, **kwargs):
        super().__init__("exercises.CallToAction", **kwargs)

    def bulk_to_python(self, values):
        # Every call to action in the body, with its image, renditions and link page,
        # in a fixed number of queries however many are placed.
        model = self.model_class
        queryset = model.objects.select_related("image", "link_page").prefetch_related(
            "image__renditions"
        )
        objects = queryset.in_bulk([value for value in values if value is not None])
        return [objects.get(value) if value is not None else None for value in values]

    class Meta:
        icon = "pick"
        label = "Call to action"
        template = "exercises/blocks/call_to_action_block.html"
        description = "A reusable call to action (a book, a webinar) from Snippets."


class RoutineBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock(group="Text")
    paragraph = ConfiguredRichTextBlock(
        icon="pilcrow",
        group="Text",
        template="exercises/blocks/paragraph_block.html",
        preview_value="<p>An upright, extended spine further narrows this space.</p>",
        description="Text with links and lists. Type [1] to cite reference 1.",
    )
    bulleted_list = BulletedListBlock(group="Text")
    question = QuestionBlock(group="Text")
    exercise = ExerciseBlock(group="Exercises")
    callout = CalloutBlock(group="Highlights")
    promotion = PromotionBlock(group="Highlights")
    call_to_action = CallToActionBlock(group="Highlights")
    photo = PhotoBlock(group="Media")


class ReferenceValue(blocks.StructValue):
    @property
    def doi_url(self):
        return f"https://doi.org/{self['doi']}" if self.get("doi") else ""

    @property
    def href(self):
        """Where the reference can be read: its link, else its DOI's resolver."""
        return self.get("url") or self.doi_url


class ReferenceBlock(blocks.StructBlock):
    citation = blocks.CharBlock(
        max_length=500, help_text="As it should be printed, e.g. authors, title, journal, year."
    )
    url = blocks.URLBlock(required=False, label="Link")
    doi = blocks.RegexBlock(
        regex=r"^10\.\d{4,9}/\S+$",
        required=False,
        label="DOI",
        help_text="Optional, e.g. 10.1016/j.spinee.2019.05.001 (without https://doi.org/).",
        error_messages={"invalid": "A DOI starts with 10. and a slash, e.g. 10.1000/xyz123."},
    )

    class Meta:
        icon = "link"
        label = "Reference"
        label_format = "{citation}"
        preview_value = {"citation": "Diwan et al."}
        value_class = ReferenceValue
