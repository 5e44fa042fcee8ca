"""
How much of an exercise to do: repetitions, sets and hold as numbers or ranges, the
rest between sets, on which side, how often. One value object serves the exercise
page's own dose and a routine's override, so both validate and read the same way; the
rules (plausible bounds, the dose as a sentence) live here and nowhere else.
"""

import re
from dataclasses import dataclass, replace

SIDE_CHOICES = [
    ("", "Not side-specific"),
    ("each_side", "Each side"),
    ("each_leg", "Each leg"),
    ("each_arm", "Each arm"),
]
SIDE_PHRASES = {"each_side": "on each side", "each_leg": "on each leg", "each_arm": "on each arm"}


@dataclass(frozen=True)
class Quantity:
    """A part of the dose an editor enters as numbers, and the numbers that make sense."""

    name: str  # the field (or the prefix of its `_min`/`_max` fields)
    label: str  # as messages name it
    minimum: int
    maximum: int
    unit: str = ""
    is_range: bool = True

    def bounds_message(self):
        unit = f" {self.unit}" if self.unit else ""
        return f"{self.label} must be between {self.minimum} and {self.maximum}{unit}."


# Plausible bounds for a home exercise: a typing slip (1000 repetitions) is refused.
QUANTITIES = [
    Quantity("reps", "Repetitions", 1, 100),
    Quantity("sets", "Sets", 1, 10),
    Quantity("hold", "Hold", 0, 600, unit="seconds"),
    Quantity("rest", "Rest between sets", 0, 600, unit="seconds", is_range=False),
]

# Every field a dose is stored in, on the exercise page and in a routine's override.
DOSE_NUMBER_FIELDS = [
    field
    for quantity in QUANTITIES
    for field in (
        [f"{quantity.name}_min", f"{quantity.name}_max"] if quantity.is_range else [quantity.name]
    )
]


@dataclass(frozen=True)
class Range:
    """A number (12) or an inclusive range (12-15)."""

    low: int
    high: int | None = None

    def __str__(self):
        if self.high is None or self.high == self.low:
            return str(self.low)
        return f"{self.low}–{self.high}"

    @property
    def is_one(self):
        return self.low == 1 and (self.high is None or self.high == 1)

    @property
    def upper(self):
        return self.high if self.high is not None else self.low

    @classmethod
    def from_bounds(cls, low, high):
        low, high = as_number(low), as_number(high)
        if low is None:
            return None
        return cls(low, high if high not in (None, low) else None)


def as_number(value):
    """A whole number, also as typed in a form sent back with an error ("3"); None for
    anything else (empty, or not a number yet)."""
    if isinstance(value, int) or value is None:
        return value
    text = str(value).strip()
    return int(text) if text.isdigit() else None


def _out_of_bounds(quantity, number):
    return number is not None and not quantity.minimum <= number <= quantity.maximum


def range_errors(quantity, low, high):
    """Messages, by bound ("min"/"max"), for one quantity entered as two numbers."""
    label = quantity.label
    errors = {}
    if low is None and high is not None:
        errors["min"] = f"{label}: enter the lower number too, or only this one as the lower."
    if _out_of_bounds(quantity, low):
        errors["min"] = quantity.bounds_message()
    if _out_of_bounds(quantity, high):
        errors["max"] = quantity.bounds_message()
    if low is not None and high is not None and high < low and "max" not in errors:
        errors["max"] = (
            f"{label}: the upper number ({high}) must not be smaller than the lower ({low})."
        )
    return errors


_NUMBER = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty)"
_COUNTED = re.compile(
    rf"\b{_NUMBER}(?:\s*[–-]\s*{_NUMBER})?\s+(?:\w+\s+)?(?:repetitions?|reps?|sets?|times)\b",
    re.IGNORECASE,
)


def counts_repetitions_or_sets(text):
    """
    Whether plain `text` gives a number of repetitions or sets ("8 repetitions", "two
    sets", "15 times"): words that belong in the step marked as stating the dose only.
    """
    return bool(_COUNTED.search(text))


_TIMED = re.compile(
    rf"\b{_NUMBER}(?:\s*(?:[–-]|to)\s*{_NUMBER})?\s+(?:seconds?|secs?|minutes?|mins?)\b",
    re.IGNORECASE,
)


def gives_a_duration(text):
    """
    Whether plain `text` says how long to hold ("for 1–2 seconds", "30 seconds"): a
    routine that changes the hold would then contradict that step.
    """
    return bool(_TIMED.search(text))


REST_NEEDS_SETS = "Rest between sets needs more than one set: enter the sets, or leave it empty."


def dose_errors(values, partial=False):
    """
    Field errors for a dose given as a mapping of its fields (DOSE_NUMBER_FIELDS:
    `<quantity>_min`/`<quantity>_max`, and `rest`). Returns {field name: message};
    empty when the dose is valid. `partial`: a routine's override, whose empty fields
    keep the exercise's own (see Dose.rest_without_sets for the dose as a whole).
    """
    errors = {}
    if values.get("rest") is not None:
        sets = [values.get("sets_min"), values.get("sets_max")]
        given = [number for number in sets if number is not None]
        if (given and max(given) <= 1) or (not given and not partial):
            errors["rest"] = REST_NEEDS_SETS
    for quantity in QUANTITIES:
        name = quantity.name
        if not quantity.is_range:
            if _out_of_bounds(quantity, values.get(name)):
                errors[name] = quantity.bounds_message()
            continue
        found = range_errors(quantity, values.get(f"{name}_min"), values.get(f"{name}_max"))
        for bound, message in found.items():
            errors[f"{name}_{bound}"] = message
    return errors


def _seconds(number):
    return f"{number} {'second' if number.upper == 1 else 'seconds'}"


@dataclass(frozen=True)
class Dose:
    reps: Range | None = None
    sets: Range | None = None
    hold: Range | None = None
    rest: Range | None = None  # seconds between sets, a single number
    side: str = ""
    frequency: str = ""

    PART_NAMES = ("reps", "sets", "hold", "rest", "side", "frequency")

    @classmethod
    def from_values(cls, values):
        """Build from a mapping with reps_min, reps_max, ..., rest, side, frequency."""
        return cls(
            reps=Range.from_bounds(values.get("reps_min"), values.get("reps_max")),
            sets=Range.from_bounds(values.get("sets_min"), values.get("sets_max")),
            hold=Range.from_bounds(values.get("hold_min"), values.get("hold_max")),
            rest=Range.from_bounds(values.get("rest"), None),
            side=values.get("side") or "",
            frequency=(values.get("frequency") or "").strip(),
        )

    def __bool__(self):
        return any(getattr(self, name) for name in self.PART_NAMES)

    def overridden_by(self, override):
        """This dose with every part the override sets replacing ours."""
        if not override:
            return self
        changes = {
            name: getattr(override, name) for name in self.PART_NAMES if getattr(override, name)
        }
        return replace(self, **changes)

    @property
    def side_phrase(self):
        return SIDE_PHRASES.get(self.side, "")

    @property
    def parts(self):
        """The dose as short phrases a reader can follow: ["2 sets × 8 repetitions", ...]."""
        parts = []
        work = []
        if self.sets and not (self.sets.is_one and self.reps):
            work.append(f"{self.sets} {'set' if self.sets.is_one else 'sets'}")
        if self.reps:
            work.append(f"{self.reps} {'repetition' if self.reps.is_one else 'repetitions'}")
        if work:
            phrase = " × ".join(work)
            if self.side_phrase:
                phrase += f" {self.side_phrase}"
            parts.append(phrase)
        elif self.side_phrase:
            parts.append(self.side_phrase.capitalize())
        if self.hold:
            parts.append(f"hold {_seconds(self.hold)}")
        if self.rest is not None and self.has_sets_to_rest_between:
            parts.append(f"rest {_seconds(self.rest)} between sets")
        if self.frequency:
            parts.append(self.frequency)
        return parts

    @property
    def summary(self):
        text = ", ".join(self.parts)
        return text[:1].upper() + text[1:]

    @property
    def rest_without_sets(self):
        """A rest between sets, and no more than one set to rest between."""
        return self.rest is not None and not self.has_sets_to_rest_between

    @property
    def has_sets_to_rest_between(self):
        """Rest between sets means something only when there is more than one set."""
        return bool(self.sets) and self.sets.upper > 1

    @property
    def sentence(self):
        """The dose as the last step of an exercise says it (see dose_sentence)."""
        return dose_sentence(self)


def dose_sentence(dose):
    """
    The dose as one sentence for the step that states it, e.g. "Do 3 sets of 10
    repetitions on each leg, holding each for 1–2 seconds and resting 60 seconds between
    sets." Empty for an empty dose. The one place a dose is written out as a sentence.
    """
    if not dose:
        return ""
    work = []
    if dose.sets and not (dose.sets.is_one and dose.reps):
        work.append(f"{dose.sets} {'set' if dose.sets.is_one else 'sets'}")
    if dose.reps:
        work.append(f"{dose.reps} {'repetition' if dose.reps.is_one else 'repetitions'}")
    clauses = []
    if work:
        clauses.append("Do " + " of ".join(work))
    if dose.side_phrase:
        if clauses:
            clauses[0] += f" {dose.side_phrase}"
        else:
            clauses.append(f"Do this {dose.side_phrase}")
    extras = []
    if dose.hold:
        extras.append(
            f"holding each for {_seconds(dose.hold)}"
            if clauses
            else f"hold for {_seconds(dose.hold)}"
        )
    if dose.rest is not None and dose.has_sets_to_rest_between:
        extras.append(f"resting {_seconds(dose.rest)} between sets")
    if extras:
        clauses.append(" and ".join(extras))
    if dose.frequency:
        clauses.append(dose.frequency)
    text = ", ".join(clauses)
    return text[:1].upper() + text[1:] + "."
