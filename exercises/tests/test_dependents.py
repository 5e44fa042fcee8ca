"""What the plugin tells a caching host about pages the reference index cannot see."""

import pytest
from taggit.models import Tag
from wagtail import hooks

from exercises.models import Equipment, TopicKind

from .factories import exercise_block, make_articles, make_exercise, make_library, make_routine

pytestmark = pytest.mark.django_db


def pages_showing(obj):
    found = set()
    for hook in hooks.get_hooks("pages_showing_object"):
        found |= set(hook(obj))
    return found


def test_equipment_is_shown_by_the_exercises_using_it():
    library = make_library()
    with_mat = make_exercise(library, "Floor bridge", equipment=["Yoga mat"])
    make_exercise(library, "Wall push")
    assert pages_showing(Equipment.objects.get(name="Yoga mat")) == {with_mat.pk}


def test_a_routine_may_be_listed_by_every_other_live_routine():
    articles = make_articles()
    exercise = make_exercise(make_library(), "Chair squat")
    first = make_routine(articles, "First", [exercise_block(exercise)])
    second = make_routine(articles, "Second", [exercise_block(exercise)])
    third = make_routine(articles, "Third", [exercise_block(exercise)])
    assert pages_showing(first) == {second.pk, third.pk}
    assert pages_showing(exercise) == set()  # the reference index finds its routines


def test_a_topics_kind_is_told_by_the_pages_tagged_with_it():
    library = make_library()
    tagged = make_exercise(library, "Seated flexion", tags=["flexion"])
    make_exercise(library, "Wall push", tags=["strength"])
    routine = make_routine(make_articles(), "Flexion routine", [exercise_block(tagged)])
    routine.tags.add("flexion")
    routine.save()
    kind = TopicKind.objects.create(tag=Tag.objects.get(name="flexion"), kind="movement")
    assert pages_showing(kind) == {tagged.pk, routine.pk}
