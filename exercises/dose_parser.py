"""
The dose an exercise's prose gives, read into the dose fields (dose.py): "Repeat for 8
repetitions, completing two sets", "Perform 12–15 repetitions, for 2–3 sets on each
side", "Hold this stretch for 1–2 seconds", "hold for 1 minute, twice a day".

It reads numbers in digits or words, ranges with a hyphen, a dash or "to", "each
side/leg/arm", holds in seconds or minutes and how often. It never guesses: a part it
cannot read for sure (two different counts, a number beyond the plausible bounds, "a
few", "3 x 10" without saying which is the sets) is left empty, with a note saying why.
"""

import re
from dataclasses import dataclass, field

from .dose import QUANTITIES

WORD_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "twenty-five": 25,
    "thirty": 30,
    "forty": 40,
    "forty-five": 45,
    "fifty": 50,
    "sixty": 60,
    "ninety": 90,
}
_WORDS = "|".join(sorted(WORD_NUMBERS, key=len, reverse=True))
NUMBER = rf"(?:\d+(?:\.\d+)?|{_WORDS})"
# "12-15", "12–15", "12 to 15"; not "12 or 15" (a choice, not a range).
AMOUNT = rf"(?P<low>{NUMBER})(?:\s*(?:-|–|—|to)\s*(?P<high>{NUMBER}))?"

REPS = re.compile(rf"\b{AMOUNT}\s+(?:more\s+)?(?:repetitions?|reps?|times|repeats?)\b", re.I)
SETS = re.compile(rf"\b{AMOUNT}\s+(?:more\s+)?sets?\b", re.I)
SECONDS = re.compile(rf"\b{AMOUNT}\s*(?P<unit>seconds?|secs?|minutes?|mins?)\b", re.I)
SETS_OF = re.compile(rf"\bsets?\s+of\s+{AMOUNT}\b(?!\s*(?:seconds?|secs?|minutes?|mins?)\b)", re.I)
TIMED_WORD = re.compile(r"\b(hold|holding|held|rest|resting)\b", re.I)
SIDES = [
    (
        re.compile(r"\b(?:each|per|every)\s+(?:side|direction)\b|\bboth\s+sides\b", re.I),
        "each_side",
    ),
    (re.compile(r"\b(?:each|per|every)\s+leg\b|\bboth\s+legs\b", re.I), "each_leg"),
    (re.compile(r"\b(?:each|per|every)\s+arm\b|\bboth\s+arms\b", re.I), "each_arm"),
]
FREQUENCY = re.compile(
    rf"\b(?:(?:once|twice|{NUMBER}\s+times)\s+(?:a|per|each)\s+(?:day|week)|daily|"
    r"every\s+(?:day|morning|evening|other\s+day))\b",
    re.I,
)
# Counts a reader cannot turn into a number.
VAGUE = re.compile(
    r"\b(?:a\s+few|several|some|many|as\s+many\s+as\s+(?:you\s+)?can|a\s+couple\s+of|"
    r"as\s+long\s+as\s+(?:you\s+)?(?:can|comfortable))\b"
    r"(?:\s+\w+)?\s*(?:repetitions?|reps?|times|sets?|seconds?|minutes?)?",
    re.I,
)
TIMES_TABLE = re.compile(rf"\b{NUMBER}\s*[x×]\s*{NUMBER}\b", re.I)

BOUNDS = {quantity.name: quantity for quantity in QUANTITIES}


@dataclass
class DoseReading:
    """
    What the prose gave: `fields` holds the dose fields it read for sure, named as on
    the exercise page (reps_min, reps_max, sets_min, ..., side, frequency); `notes` says
    in plain words what it found but left empty.
    """

    fields: dict = field(default_factory=dict)
    notes: list = field(default_factory=list)

    @property
    def counts(self):
        """Whether it read repetitions or sets: the text states the dose."""
        return any(name in self.fields for name in ("reps_min", "sets_min"))

    def merged_with(self, other):
        """Both readings: a part the two give differently is left empty, with a note."""
        merged = DoseReading(dict(self.fields), self.notes + other.notes)
        for name, value in other.fields.items():
            mine = merged.fields.get(name)
            if mine is None:
                merged.fields[name] = value
            elif mine != value:
                merged.notes.append(
                    f"Two different values for {_label(name)} ({mine} and {value}): left empty."
                )
                merged.fields[name] = _CONFLICT
        return merged

    def final(self):
        """The fields with every part that had two values left out."""
        return {name: value for name, value in self.fields.items() if value is not _CONFLICT}


_CONFLICT = object()


def _label(name):
    quantity = BOUNDS.get(name.rsplit("_", 1)[0])
    return quantity.label.lower() if quantity else name


def _number(text, scale):
    """The whole number `text` says, times `scale` (1.5 minutes is 90 seconds), or None."""
    text = text.lower()
    number = WORD_NUMBERS[text] if text in WORD_NUMBERS else float(text)
    number *= scale
    return int(number) if number == int(number) else None


def _amount(match, scale=1):
    """(low, high) from an AMOUNT match, high None for one number; None if unreadable."""
    low = _number(match.group("low"), scale)
    high = _number(match.group("high"), scale) if match.group("high") else None
    if low is None or (match.group("high") and high is None):
        return None
    return low, (high if high != low else None)


def _describe(low, high, unit):
    return f"{low}–{high} {unit}" if high is not None else f"{low} {unit}"


def _read_quantity(reading, name, matches, unit, scale=lambda match: 1):
    """Put one quantity in `reading` from its matches, or say why it stays empty."""
    amounts = []
    for match in matches:
        amount = _amount(match, scale(match))
        if amount is None:
            reading.notes.append(f"“{match.group(0)}” is not a whole number: left empty.")
            return
        if amount not in amounts:
            amounts.append(amount)
    if not amounts:
        return
    if len(amounts) > 1:
        said = " and ".join(_describe(low, high, unit) for low, high in amounts)
        reading.notes.append(f"Two different {unit} ({said}): left empty.")
        return
    low, high = amounts[0]
    quantity = BOUNDS[name]
    if high is not None and high < low:
        reading.notes.append(f"“{_describe(low, high, unit)}” goes downwards: left empty.")
        return
    for number in (low, high):
        if number is not None and not quantity.minimum <= number <= quantity.maximum:
            reading.notes.append(
                f"{_describe(low, high, unit).capitalize()}: {quantity.bounds_message()} "
                "Left empty."
            )
            return
    if not quantity.is_range:
        if high is not None:
            reading.notes.append(
                f"{quantity.label} is one number, not “{_describe(low, high, unit)}”: left empty."
            )
            return
        reading.fields[name] = low
        return
    reading.fields[f"{name}_min"] = low
    if high is not None:
        reading.fields[f"{name}_max"] = high


def _minutes_scale(match):
    return 60 if match.group("unit").lower().startswith("min") else 1


def read_dose(text):
    """The dose one sentence or step gives (see DoseReading)."""
    reading = DoseReading()
    text = " ".join(str(text).split())
    frequencies = [match.group(0).lower() for match in FREQUENCY.finditer(text)]
    # "three times a day" says how often, not how many repetitions.
    counted = FREQUENCY.sub(" ", text)
    for match in VAGUE.finditer(counted):
        if re.search(r"repetition|rep|times|set|second|minute", match.group(0), re.I):
            reading.notes.append(f"“{match.group(0).strip()}” is not a number: left empty.")
    if TIMES_TABLE.search(counted) and not (REPS.search(counted) or SETS.search(counted)):
        reading.notes.append(
            f"“{TIMES_TABLE.search(counted).group(0)}” does not say which number is the sets "
            "and which the repetitions: left empty."
        )
    _read_quantity(
        reading, "reps", [*REPS.finditer(counted), *SETS_OF.finditer(counted)], "repetitions"
    )
    _read_quantity(reading, "sets", SETS.finditer(counted), "sets")
    holds, rests = [], []
    start = 0
    for match in SECONDS.finditer(counted):
        # The nearest "hold" or "rest" before the duration says what it is.
        said = TIMED_WORD.findall(counted[start : match.start()])
        start = match.end()
        kind = said[-1].lower() if said else None
        if kind and kind.startswith("rest"):
            rests.append(match)
        elif kind:
            holds.append(match)
        else:
            reading.notes.append(f"“{match.group(0)}” is not said to be a hold: left empty.")
    _read_quantity(reading, "hold", holds, "seconds", scale=_minutes_scale)
    _read_quantity(reading, "rest", rests, "seconds", scale=_minutes_scale)
    sides = {side for pattern, side in SIDES if pattern.search(counted)}
    if len(sides) == 1:
        reading.fields["side"] = sides.pop()
    elif sides:
        reading.notes.append("More than one side is named (side, leg, arm): left empty.")
    if len(set(frequencies)) == 1:
        reading.fields["frequency"] = frequencies[0]
    elif frequencies:
        reading.notes.append(
            f"Two different frequencies ({' and '.join(frequencies)}): left empty."
        )
    return reading


def read_steps_dose(steps):
    """
    The dose of an exercise from its steps' plain text: each step read alone, then put
    together (a hold in step 3 and the repetitions in step 5 make one dose). Returns the
    reading and the number (from 1) of the step that states the repetitions or sets, or
    None when no step does, or more than one.
    """
    reading = DoseReading()
    counting = []
    for number, text in enumerate(steps, start=1):
        step = read_dose(text)
        if step.counts:
            counting.append(number)
        reading = reading.merged_with(step)
    dose_step = counting[0] if len(counting) == 1 else None
    return DoseReading(reading.final(), reading.notes), dose_step
