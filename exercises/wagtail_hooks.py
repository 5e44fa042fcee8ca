"""The plugin's place in the Wagtail admin: an "Exercises" menu with listings and filters."""

import django_filters
from django import forms
from taggit.models import Tag
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.listing import PageFilterSet
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import POSITION_CHOICES, CallToAction, Equipment, ExercisePage, RoutinePage


def exercise_tag_choices():
    tags = Tag.objects.filter(exercises_exercisepagetag_items__isnull=False).distinct()
    return [(tag.slug, tag.name) for tag in tags.order_by("name")]


class ExercisePageFilterSet(PageFilterSet):
    tag = django_filters.MultipleChoiceFilter(
        label="Tag",
        field_name="tags__slug",
        choices=exercise_tag_choices,
        widget=forms.CheckboxSelectMultiple,
        distinct=True,
    )
    equipment = django_filters.ModelMultipleChoiceFilter(
        label="Equipment",
        field_name="equipment",
        to_field_name="slug",
        queryset=Equipment.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    position = django_filters.MultipleChoiceFilter(
        label="Position", choices=POSITION_CHOICES, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = ExercisePage
        fields = []


class ExercisePageListingViewSet(PageListingViewSet):
    model = ExercisePage
    icon = "pick"
    menu_label = "Exercise pages"
    filterset_class = ExercisePageFilterSet
    columns = PageListingViewSet.columns + [
        Column("position", label="Position", accessor="get_position_display"),
    ]


class RoutinePageListingViewSet(PageListingViewSet):
    model = RoutinePage
    icon = "doc-full"
    menu_label = "Routines"
    columns = PageListingViewSet.columns + [
        Column("last_reviewed", label="Last reviewed", sort_key="last_reviewed"),
    ]


class EquipmentViewSet(SnippetViewSet):
    model = Equipment
    icon = "cog"
    menu_label = "Equipment"
    list_display = ["name", "slug", "description"]
    search_fields = ["name"]


class CallToActionViewSet(SnippetViewSet):
    model = CallToAction
    icon = "pick"
    menu_label = "Calls to action"
    list_display = ["heading", "button_label"]
    search_fields = ["heading"]


class ExercisesMenu(ViewSetGroup):
    menu_label = "Exercises"
    menu_icon = "pick"
    menu_order = 150
    items = (
        ExercisePageListingViewSet("exercise_pages"),
        RoutinePageListingViewSet("routines"),
        EquipmentViewSet,
        CallToActionViewSet,
    )


@hooks.register("register_admin_viewset")
def register_exercises_menu():
    return ExercisesMenu()
