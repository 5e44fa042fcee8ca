"""What Wagtail's search finds of the plugin's pages (their `search_fields`)."""

import pytest
from wagtail.search.backends import get_search_backend

from exercises.models import Equipment, ExercisePage, RoutinePage

from .factories import exercise_block, make_articles, make_exercise, make_library, make_routine


def indexed(*objects):
    # The test host does not update the index on save (settings.py); a host does.
    backend = get_search_backend()
    for obj in objects:
        backend.add(obj)


def titles(results):
    return sorted(page.title for page in results)


@pytest.fixture
def library(site):
    return make_library()


def test_a_routine_is_found_by_the_steps_and_tips_of_its_exercises(library):
    bridge = make_exercise(
        library,
        "Bridge",
        steps=("Lift your hips slowly.",),
        tips=(("easier", "", "Keep a cushion."),),
    )
    articles = make_articles()
    back = make_routine(articles, "Back routine", [exercise_block(bridge)])
    knee = make_routine(articles, "Knee routine", [("paragraph", "<p>Bend your knees.</p>")])
    indexed(back, knee)
    assert titles(RoutinePage.objects.live().search("hips")) == ["Back routine"]
    assert titles(RoutinePage.objects.live().search("cushion")) == ["Back routine"]
    assert titles(RoutinePage.objects.live().search("knees")) == ["Knee routine"]


def test_an_exercise_is_found_by_its_summary_steps_tags_and_equipment(library):
    squat = make_exercise(
        library,
        "Chair Squat",
        summary="Strengthens the thighs.",
        steps=("Sit back slowly.",),
        tags=["sciatica"],
        equipment=["Incline board"],
    )
    clam = make_exercise(library, "Clam", steps=("Open your knees.",))
    indexed(squat, clam)
    for words in ("thighs", "slowly", "sciatica", "incline"):
        assert titles(ExercisePage.objects.live().search(words)) == ["Chair Squat"], words


def test_equipment_is_found_as_the_editor_types(site):
    board = Equipment.objects.create(name="Incline board")
    indexed(board, Equipment.objects.create(name="Chair"))
    # As the snippet chooser finds it.
    assert list(get_search_backend().autocomplete("incl", Equipment)) == [board]
