"""
How much of an exercise to do: repetitions, sets and hold as numbers or ranges, on
which side, how often. One value object serves the exercise page's own dose and a
routine's override, so both validate and read the same way.
"""

from dataclasses import dataclass, replace

SIDE_CHOICES = [
    ("", "Not side-specific"),
    ("each_side", "Each side"),
    ("each_leg", "Each leg"),
    ("each_arm", "Each arm"),
]
SIDE_PHRASES = {"each_side": "on each side", "each_leg": "on each leg", "each_arm": "on each arm"}

# (field prefix, label for messages, smallest allowed value)
QUANTITIES = [("reps", "Repetitions", 1), ("sets", "Sets", 1), ("hold", "Hold", 0)]


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
        if low is None:
            return None
        return cls(low, high if high not in (None, low) else None)


def range_errors(label, low, high, minimum):
    """Messages, by bound ("min"/"max"), for one quantity entered as two numbers."""
    errors = {}
    if low is None and high is not None:
        errors["min"] = f"{label}: enter the lower number too, or only this one as the lower."
    if low is not None and low < minimum:
        errors["min"] = f"{label} must be at least {minimum}."
    if high is not None and high < minimum:
        errors["max"] = f"{label} must be at least {minimum}."
    if low is not None and high is not None and high < low and "max" not in errors:
        errors["max"] = (
            f"{label}: the upper number ({high}) must not be smaller than the lower ({low})."
        )
    return errors


def dose_errors(values):
    """
    Field errors for a dose given as a mapping of `<quantity>_min`/`<quantity>_max`.
    Returns {field name: message}; empty when the dose is valid.
    """
    errors = {}
    for prefix, label, minimum in QUANTITIES:
        found = range_errors(
            label, values.get(f"{prefix}_min"), values.get(f"{prefix}_max"), minimum
        )
        for bound, message in found.items():
            errors[f"{prefix}_{bound}"] = message
    return errors


@dataclass(frozen=True)
class Dose:
    reps: Range | None = None
    sets: Range | None = None
    hold: Range | None = None
    side: str = ""
    frequency: str = ""

    @classmethod
    def from_values(cls, values):
        """Build from a mapping with reps_min, reps_max, sets_min, ..., side, frequency."""
        return cls(
            reps=Range.from_bounds(values.get("reps_min"), values.get("reps_max")),
            sets=Range.from_bounds(values.get("sets_min"), values.get("sets_max")),
            hold=Range.from_bounds(values.get("hold_min"), values.get("hold_max")),
            side=values.get("side") or "",
            frequency=(values.get("frequency") or "").strip(),
        )

    def __bool__(self):
        return any([self.reps, self.sets, self.hold, self.side, self.frequency])

    def overridden_by(self, override):
        """This dose with every part the override sets replacing ours."""
        if not override:
            return self
        changes = {
            name: getattr(override, name)
            for name in ("reps", "sets", "hold", "side", "frequency")
            if getattr(override, name)
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
            unit = "second" if self.hold.upper == 1 else "seconds"
            parts.append(f"hold {self.hold} {unit}")
        if self.frequency:
            parts.append(self.frequency)
        return parts

    @property
    def summary(self):
        text = ", ".join(self.parts)
        return text[:1].upper() + text[1:]
