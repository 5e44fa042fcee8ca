"""The dose parser: every dose phrase of the clinic's article, others, and what it refuses."""

import pytest

from exercises.dose import Dose, dose_errors
from exercises.dose_parser import read_dose, read_steps_dose

ARTICLE_PHRASES = [
    ("Repeat for 8 repetitions, completing two sets.", {"reps_min": 8, "sets_min": 2}),
    ("Repeat 15 times on each leg.", {"reps_min": 15, "side": "each_leg"}),
    ("Perform 12 repetitions for two sets.", {"reps_min": 12, "sets_min": 2}),
    (
        "Repeat for 5 reps, two sets on each side. Please remember to keep breathing "
        "normally throughout the movement.",
        {"reps_min": 5, "sets_min": 2, "side": "each_side"},
    ),
    (
        "Perform 12–15 repetitions, for 2–3 sets on each side.",
        {"reps_min": 12, "reps_max": 15, "sets_min": 2, "sets_max": 3, "side": "each_side"},
    ),
    (
        "Hold this forward-flexed position for 1–2 seconds, breathing naturally.",
        {"hold_min": 1, "hold_max": 2},
    ),
    (
        "Hold this stretch for 1–2 seconds, then shift back to your starting position.",
        {"hold_min": 1, "hold_max": 2},
    ),
    (
        "Hold the stretch for 1–2 seconds, then slowly return to an upright position.",
        {"hold_min": 1, "hold_max": 2},
    ),
]

OTHER_PHRASES = [
    ("Do 10 reps.", {"reps_min": 10}),
    ("Do ten repetitions.", {"reps_min": 10}),
    ("Repeat 8-12 times.", {"reps_min": 8, "reps_max": 12}),
    ("Repeat 8 to 12 times.", {"reps_min": 8, "reps_max": 12}),
    ("Do three sets of 10.", {"sets_min": 3, "reps_min": 10}),
    ("3 sets of 10 repetitions on each arm.", {"sets_min": 3, "reps_min": 10, "side": "each_arm"}),
    ("Do one set of fifteen repetitions.", {"sets_min": 1, "reps_min": 15}),
    ("Hold for 30 seconds.", {"hold_min": 30}),
    ("Hold for 1 minute.", {"hold_min": 60}),
    ("Hold for 1.5 minutes.", {"hold_min": 90}),
    ("Hold 2–3 minutes.", {"hold_min": 120, "hold_max": 180}),
    ("Hold for 5 secs, per side.", {"hold_min": 5, "side": "each_side"}),
    ("Switch and repeat with both legs, 10 times.", {"reps_min": 10, "side": "each_leg"}),
    ("Repeat 10 times, twice a day.", {"reps_min": 10, "frequency": "twice a day"}),
    ("Do it daily: 5 repetitions.", {"reps_min": 5, "frequency": "daily"}),
    ("Repeat 3 times a day.", {"frequency": "3 times a day"}),
    (
        "Hold 20 seconds, then rest for 60 seconds between sets; 2 sets.",
        {"hold_min": 20, "rest": 60, "sets_min": 2},
    ),
    ("Repeat 12—15 times.", {"reps_min": 12, "reps_max": 15}),
    ("Do 10–10 repetitions.", {"reps_min": 10}),
    ("Bend forward slowly and come back up.", {}),
]

# Phrases it must refuse: the part (as the dose fields name it) stays empty, and a note
# says why.
REFUSED = [
    ("Do a few reps.", "reps", "not a number"),
    ("Repeat several times.", "reps", "not a number"),
    ("Do as many as you can repetitions.", "reps", "not a number"),
    ("3 x 10", "sets", "which number is the sets"),
    ("Repeat 10 times, then 15 times.", "reps", "Two different repetitions"),
    ("Do 150 repetitions.", "reps", "between 1 and 100"),
    ("Do 12 sets.", "sets", "between 1 and 10"),
    ("Hold for 15 minutes.", "hold", "between 0 and 600"),
    ("Walk for 10 minutes.", "hold", "not said to be a hold"),
    ("Repeat 15-12 times.", "reps", "goes downwards"),
    ("Hold for 2.5 seconds.", "hold", "not a whole number"),
    ("Rest 30–60 seconds between sets.", "rest", "one number"),
    ("Repeat 5 times on each side and each leg.", "side", "More than one side"),
]


@pytest.mark.parametrize(("text", "expected"), ARTICLE_PHRASES + OTHER_PHRASES)
def test_reads_the_dose_a_phrase_gives(text, expected):
    reading = read_dose(text)
    assert reading.fields == expected
    assert reading.notes == []


@pytest.mark.parametrize(("text", "part", "why"), REFUSED)
def test_leaves_empty_what_it_cannot_read_and_says_why(text, part, why):
    reading = read_dose(text)
    assert not [name for name in reading.fields if name.startswith(part)]
    assert len(reading.notes) == 1
    assert why in reading.notes[0]


def test_what_it_reads_always_fits_the_dose_fields_and_bounds():
    for text, *_ in ARTICLE_PHRASES + OTHER_PHRASES + REFUSED:
        fields = read_dose(text).fields
        assert dose_errors(fields, partial=True) == {}, text
        Dose.from_values(fields)


def test_the_steps_of_an_exercise_make_one_dose_and_name_the_step_that_states_it():
    reading, dose_step = read_steps_dose(
        [
            "Sit comfortably in a chair.",
            "Hold this forward-flexed position for 1–2 seconds, breathing naturally.",
            "Repeat for 8 repetitions, completing two sets.",
        ]
    )
    assert reading.fields == {"hold_min": 1, "hold_max": 2, "reps_min": 8, "sets_min": 2}
    assert dose_step == 3
    assert Dose.from_values(reading.fields).summary == "2 sets × 8 repetitions, hold 1–2 seconds"


def test_two_steps_giving_different_counts_leave_the_count_empty():
    reading, dose_step = read_steps_dose(["Repeat 10 times.", "Hold 5 seconds. Repeat 12 times."])
    assert reading.fields == {"hold_min": 5}
    assert dose_step is None
    assert reading.notes == ["Two different values for repetitions (10 and 12): left empty."]
