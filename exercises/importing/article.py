"""
An article read into what the plugin publishes: a routine (title, byline, date, intro,
sections, summary, references) and its exercises (name, steps in order, modification
tips with their titles, photos to add with their alt text and captions, the dose its
prose gives). The proposal is plain data (`to_dict()`), shown to the editor to review
and printed by `manage.py import_article --dry-run --json`; the field names are the
models'.

It reads the shape an exercise article has: "1. Seated Lumbar Flexion", photos, the
steps numbered from 1, then "Modification Tip:" and the tips. What it leaves out or
cannot read it says in `notes`, for the editor to see before anything is saved.
"""

import datetime
import re
from dataclasses import asdict, dataclass, field

from ..dose import counts_repetitions_or_sets
from ..dose_parser import read_steps_dose
from ..text import CITATION
from .normalise import NUMBERED, Line

TIPS_LABEL = re.compile(r"^(?:modification\s+)?tips?\s*:\s*(.*)$", re.I)
BYLINE = re.compile(r"^(?:by|written by)\b:?\s*(.*)$", re.I)
UPDATED = re.compile(r"^(?:updated|last updated|reviewed|published|date)\s*:?\s*(.*)$", re.I)
SUMMARY_HEADINGS = {"summary", "in summary", "conclusion", "key points"}
REFERENCE_HEADINGS = {"references", "sources", "reference"}
DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d", "%m/%d/%Y")
HEADING_WORDS = 14
TIP_TITLE_WORDS = 6

# The kind of a tip, proposed from its title, else from its text; the editor can change it.
TIP_KINDS = [
    ("comfort", re.compile(r"\bcomfort", re.I)),
    ("easier", re.compile(r"\b(?:easier|reduce|less intense|gentler)", re.I)),
    ("harder", re.compile(r"\b(?:harder|challenge|progress)", re.I)),
]
SUBSTITUTE = re.compile(
    r"\b(?:as a substitute|substitute|no equipment|don’t have|don't have)\b", re.I
)


@dataclass
class ProposedExercise:
    title: str
    photos: list = field(default_factory=list)  # {"alt_text", "caption"}, images to add
    steps: list = field(default_factory=list)  # {"text", "states_dose"}
    modifications: list = field(default_factory=list)  # {"kind", "title", "text"}
    dose: dict = field(default_factory=dict)  # the dose fields read (reps_min, ..., side)
    dose_notes: list = field(default_factory=list)
    match: dict | None = None  # {"id", "title"}: an exercise of the library with this name

    def to_dict(self):
        data = asdict(self)
        dose = data.pop("dose")
        return {**data, **dose, "dose": dose}


@dataclass
class ProposedSection:
    """A heading (a question when it asks one) and what follows it, as body blocks."""

    heading: str
    blocks: list = field(default_factory=list)  # {"type": ..., ...}; exercises by index

    @property
    def is_question(self):
        return self.heading.endswith("?")


@dataclass
class Proposal:
    title: str = ""
    byline: str = ""
    last_reviewed: str = ""  # ISO date, empty when the article gives none
    intro: str = ""
    summary: list = field(default_factory=list)  # paragraphs
    sections: list = field(default_factory=list)
    exercises: list = field(default_factory=list)
    references: list = field(default_factory=list)
    notes: list = field(default_factory=list)

    def to_dict(self):
        return {
            "title": self.title,
            "byline": self.byline,
            "last_reviewed": self.last_reviewed,
            "intro": self.intro,
            "summary": self.summary,
            "sections": [
                {"heading": section.heading, "blocks": section.blocks} for section in self.sections
            ],
            "exercises": [exercise.to_dict() for exercise in self.exercises],
            "references": self.references,
            "notes": self.notes,
        }

    @classmethod
    def from_dict(cls, data):
        exercises = []
        for item in data["exercises"]:
            exercises.append(
                ProposedExercise(
                    title=item["title"],
                    photos=item["photos"],
                    steps=item["steps"],
                    modifications=item["modifications"],
                    dose=item["dose"],
                    dose_notes=item["dose_notes"],
                    match=item["match"],
                )
            )
        return cls(
            title=data["title"],
            byline=data["byline"],
            last_reviewed=data["last_reviewed"],
            intro=data["intro"],
            summary=data["summary"],
            sections=[ProposedSection(s["heading"], s["blocks"]) for s in data["sections"]],
            exercises=exercises,
            references=data["references"],
            notes=data["notes"],
        )


def words(text):
    return len(text.split())


def is_heading(line):
    """A heading as plain text shows one: short, on its own, not ending a sentence."""
    if line.kind == "heading":
        return True
    if line.kind not in ("text", "paragraph"):
        return False
    text = line.text
    return words(text) <= HEADING_WORDS and not text.endswith((".", ":", ";", ",", "!"))


def key(text):
    """A name compared as readers see it: case, spacing and punctuation aside."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def parse_date(text):
    for date_format in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text.strip(), date_format).date()
        except ValueError:
            continue
    return None


def tip_kind(title, text):
    for kind, pattern in TIP_KINDS:
        if pattern.search(title):
            return kind
    return "substitute" if SUBSTITUTE.search(text) else "easier"


def split_tip(text):
    """ "For knee comfort: Place a cushion…" as its title and its text."""
    title, colon, rest = text.partition(":")
    if colon and rest.strip() and words(title) <= TIP_TITLE_WORDS:
        return title.strip(), rest.strip()
    return "", text


class ArticleReader:
    """Reads the lines of one article (normalise.py) into a Proposal."""

    def __init__(self, lines):
        self.lines = list(lines)
        self.position = 0
        self.proposal = Proposal()
        self.section = None
        self.exercise = None
        self.in_tips = False
        self.mode = "body"  # or "summary", "references"
        self.seen_headings = set()

    def peek(self, ahead=0):
        index = self.position + ahead
        return self.lines[index] if index < len(self.lines) else None

    def take(self):
        line = self.peek()
        self.position += 1
        return line

    def note(self, text):
        self.proposal.notes.append(text)

    def read(self):
        self.read_title()
        self.read_header()
        while self.peek() is not None:
            if self.read_line(self.take()) == "stop":
                break
        self.finish_exercise()
        self.close()
        return self.proposal

    def read_title(self):
        skipped = []
        while (line := self.peek()) is not None and not is_heading(line):
            skipped.append(self.take().text)
        if line is None:
            self.position = 0
            self.note("No title found: enter one.")
            return
        self.proposal.title = self.take().text
        for text in skipped:
            self.note(f"Left out, before the title: “{shorten(text)}”")
        while (line := self.peek()) is not None and key(line.text) == key(self.proposal.title):
            self.take()

    def read_header(self):
        """The byline and the date under the title ("By …", "Updated: May 27, 2025")."""
        while (line := self.peek()) is not None:
            if match := BYLINE.match(line.text):
                self.take()
                self.proposal.byline = match.group(1).strip()
            elif match := UPDATED.match(line.text):
                self.take()
                when = match.group(1).strip()
                if not when and self.peek() is not None:
                    when = self.peek().text
                    if parse_date(when):
                        self.take()
                date = parse_date(when)
                if date:
                    self.proposal.last_reviewed = date.isoformat()
                else:
                    self.note(f"“{line.text} {when}”: not a date it can read.")
            elif line.kind in ("text", "paragraph") and parse_date(line.text):
                self.proposal.last_reviewed = parse_date(self.take().text).isoformat()
            else:
                break
        if not self.proposal.last_reviewed:
            self.note("No date of the last review found: the import sets today's date.")

    # The body.

    def read_line(self, line):
        if self.starts_exercise(line):
            self.finish_exercise()
            title = NUMBERED.match(line.text) if line.kind == "heading" else None
            name = title.group(2) if title else line.text
            self.exercise = ProposedExercise(title=name)
            self.in_tips = False
            self.add_block({"type": "exercise", "exercise": len(self.proposal.exercises)})
            self.proposal.exercises.append(self.exercise)
            return None
        if self.exercise is not None and self.read_exercise_line(line):
            return None
        self.finish_exercise()
        if is_heading(line) and not self.is_photo_run(line):
            return self.read_heading(line)
        if self.mode == "summary" and line.kind != "image":
            self.proposal.summary.append(line.text)
        elif self.mode == "references":
            self.proposal.references.append(line.text)
        elif line.kind == "bullet":
            self.add_list_item(line.text)
        elif line.kind == "image" or self.is_photo_run(line):
            self.add_photo(line)
        elif self.section is None and not self.proposal.sections:
            # Text between the title and the first heading introduces the article.
            self.proposal.intro = " ".join(filter(None, [self.proposal.intro, line.text]))
        else:
            self.add_block({"type": "paragraph", "text": line.text})
        return None

    def starts_exercise(self, line):
        """ "2. Standing Hip Extension Stretch": the next exercise's number and a name."""
        number = len(self.proposal.exercises) + 1
        if line.kind == "numbered":
            return line.number == number and is_heading(Line("text", line.text))
        if line.kind == "heading":
            numbered = NUMBERED.match(line.text)
            if numbered:
                return int(numbered.group(1)) == number
            named = key(line.text) in SUMMARY_HEADINGS | REFERENCE_HEADINGS
            return not named and self.steps_follow()
        return False

    def steps_follow(self):
        """Whether numbered steps from 1 follow, after photos only."""
        ahead = 0
        while (line := self.peek(ahead)) is not None and line.kind == "image":
            ahead += 1
        line = self.peek(ahead)
        return line is not None and line.kind == "numbered" and line.number == 1

    def read_exercise_line(self, line):
        """Take `line` into the exercise being read; False when it ends the exercise."""
        exercise = self.exercise
        if line.kind == "numbered" and line.number == len(exercise.steps) + 1 and not self.in_tips:
            exercise.steps.append({"text": line.text, "states_dose": False})
            return True
        if not exercise.steps:
            if line.kind == "image":
                exercise.photos.append(
                    {"alt_text": line.text, "caption": line.caption or line.text}
                )
                return True
            if line.kind in ("text", "paragraph"):
                self.add_exercise_photo_line(line)
                return True
            return False
        if tips := TIPS_LABEL.match(line.text):
            self.in_tips = True
            if tips.group(1):
                self.add_tip(tips.group(1))
            return True
        if self.in_tips and (line.kind == "bullet" or not is_heading(line)):
            self.add_tip(line.text)
            return True
        return False

    def add_exercise_photo_line(self, line):
        """Photos come as their alt text then their caption, one line each."""
        photos = self.exercise.photos
        if line.joined and photos and photos[-1].get("open"):
            photos[-1]["caption"] = line.text
            del photos[-1]["open"]
        else:
            photos.append({"alt_text": line.text, "caption": line.text, "open": True})

    def add_tip(self, text):
        title, text = split_tip(text)
        self.exercise.modifications.append(
            {"kind": tip_kind(title, text), "title": title, "text": text}
        )

    def finish_exercise(self):
        exercise = self.exercise
        if exercise is None:
            return
        self.exercise = None
        self.in_tips = False
        for photo in exercise.photos:
            photo.pop("open", None)
        texts = [step["text"] for step in exercise.steps]
        reading, _ = read_steps_dose(texts)
        exercise.dose = reading.fields
        exercise.dose_notes = list(reading.notes)
        # The rule the exercise page checks (ExercisePage.clean): the one step that
        # counts repetitions or sets is marked as stating the dose.
        counting = [n for n, text in enumerate(texts, start=1) if counts_repetitions_or_sets(text)]
        if len(counting) == 1:
            exercise.steps[counting[0] - 1]["states_dose"] = True
        elif counting:
            exercise.dose_notes.append(
                f"Steps {', '.join(map(str, counting))} all give repetitions or sets: "
                "say the dose in one step."
            )
        if not exercise.steps:
            exercise.dose_notes.append("No numbered steps found: add them.")
        if not reading.fields:
            exercise.dose_notes.append("No dose found in the steps: enter it.")

    def read_heading(self, line):
        text = line.text
        if key(text) in self.seen_headings:
            self.note(
                f"From the second “{shorten(text)}” on, the text repeats what came before: "
                "left out."
            )
            return "stop"
        self.seen_headings.add(key(text))
        if key(text) in SUMMARY_HEADINGS:
            self.mode = "summary"
            self.section = None
            return None
        if key(text) in REFERENCE_HEADINGS:
            self.mode = "references"
            self.section = None
            return None
        self.mode = "body"
        self.section = ProposedSection(text)
        self.proposal.sections.append(self.section)
        return None

    def is_photo_run(self, line):
        """The same line twice in a row: a photo's alt text and its caption."""
        following = self.peek()
        return (
            line.kind in ("text", "paragraph")
            and following is not None
            and following.joined
            and following.text == line.text
        )

    def add_block(self, block):
        if self.section is None:
            self.section = ProposedSection("")
            self.proposal.sections.append(self.section)
        self.section.blocks.append(block)

    def add_list_item(self, text):
        blocks = self.section.blocks if self.section else []
        if blocks and blocks[-1]["type"] == "bulleted_list":
            blocks[-1]["items"].append(text)
            return
        intro = ""
        if blocks and blocks[-1]["type"] == "paragraph" and blocks[-1]["text"].endswith(":"):
            intro = blocks.pop()["text"]
        self.add_block({"type": "bulleted_list", "intro": intro, "items": [text]})

    def add_photo(self, line):
        caption = line.caption or line.text
        if line.kind != "image":
            self.take()  # the caption, the same words again
        self.add_block({"type": "photo", "alt_text": line.text, "caption": caption})

    def close(self):
        markers = sorted({int(n) for n in CITATION.findall(self.all_text())})
        missing = [n for n in markers if n > len(self.proposal.references)]
        if missing:
            listed = ", ".join(f"[{n}]" for n in missing)
            self.note(f"The text cites {listed} but lists no such reference: add them.")
        if not self.proposal.intro:
            self.note("No intro found: write one or two sentences under the title.")
        if not self.proposal.exercises:
            self.note("No exercises found (“1. Name”, then steps numbered from 1).")

    def all_text(self):
        texts = list(self.proposal.summary)
        for section in self.proposal.sections:
            for block in section.blocks:
                texts.extend(str(value) for value in block.values())
        return " ".join(texts)


def shorten(text, length=80):
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def read_article(lines):
    """The proposal for an article given as lines (normalise.lines_from_*)."""
    return ArticleReader(lines).read()
