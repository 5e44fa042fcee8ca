"""
The plugin's place in the Wagtail admin: an "Exercises" menu with listings and filters;
revision comparison that works for every page type of the plugin (compare.py);
exercises that live routines show, protected from deletion and unpublishing
(protection.py); an offer to resume a draft the editor started before (drafts.py);
"Import an article" (importing/) and the content checks' report (content_checks.py).
"""

import django_filters
from django import forms
from django.urls import reverse
from taggit.models import Tag
from wagtail import hooks
from wagtail.admin.auth import user_has_any_page_permission
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.bulk_actions.page_bulk_action import PageBulkAction
from wagtail.admin.views.pages.listing import PageFilterSet
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.log_actions import LogFormatter
from wagtail.snippets.views.snippets import SnippetViewSet

from . import dependents, drafts, protection, reports
from .compare import fix_optional_image_comparison
from .conf import exercises_setting
from .importing.create import IMPORT_ACTION, describe_import
from .importing.views import ArticleImportViewSet
from .models import (
    POSITION_CHOICES,
    CallToAction,
    Equipment,
    ExercisePage,
    RoutinePage,
    TopicKind,
)

fix_optional_image_comparison()


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


class PageStaffMenuItem(MenuItem):
    """Shown to staff who may manage some page, as Wagtail's own "Pages" menu is: the
    listings refuse everyone else, who should not be offered them (the front desk)."""

    def is_shown(self, request):
        return user_has_any_page_permission(request.user)


class ExercisePageListingViewSet(PageListingViewSet):
    model = ExercisePage
    menu_item_class = PageStaffMenuItem
    icon = "pick"
    menu_label = "Exercise pages"
    filterset_class = ExercisePageFilterSet
    columns = PageListingViewSet.columns + [
        Column("position", label="Position", accessor="get_position_display"),
    ]


class RoutinePageListingViewSet(PageListingViewSet):
    model = RoutinePage
    menu_item_class = PageStaffMenuItem
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


class TopicKindViewSet(SnippetViewSet):
    """Which tags are conditions, body areas, movements...: search engines are told only
    the conditions are conditions."""

    model = TopicKind
    icon = "tag"
    menu_label = "Topic kinds"
    list_display = ["tag", "kind"]
    list_filter = ["kind"]


class ExercisesMenu(ViewSetGroup):
    menu_label = "Exercises"
    menu_icon = "pick"
    menu_order = 150
    items = (
        ExercisePageListingViewSet("exercise_pages"),
        RoutinePageListingViewSet("routines"),
        EquipmentViewSet,
        CallToActionViewSet,
        ArticleImportViewSet,
        TopicKindViewSet,
    )


@hooks.register("register_admin_viewset")
def register_exercises_menu():
    return ExercisesMenu()


def page_edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


@hooks.register("before_delete_page")
def protect_used_exercises_from_deletion(request, page):
    # Deleting a page deletes everything below it: a library takes its exercises along.
    return protection.guard(
        request, [page], action="delete", with_descendants=True, back_url=page_edit_url(page)
    )


@hooks.register("before_unpublish_page")
def protect_used_exercises_from_unpublishing(request, page):
    return protection.guard(
        request,
        [page],
        action="unpublish",
        with_descendants=bool(request.POST.get("include_descendants")),
        back_url=page_edit_url(page),
    )


@hooks.register("before_bulk_action")
def protect_used_exercises_from_bulk_actions(request, action_type, objects, action_class_instance):
    if not isinstance(action_class_instance, PageBulkAction):
        return None
    if action_type == "delete":
        with_descendants = True
    elif action_type == "unpublish":
        form = action_class_instance.cleaned_form
        with_descendants = bool(form.cleaned_data.get("include_descendants"))
    else:
        return None
    return protection.guard(
        request,
        objects,
        action=action_type,
        with_descendants=with_descendants,
        back_url=action_class_instance.next_url,
    )


@hooks.register("before_create_page")
def offer_to_resume_a_draft(request, parent_page, page_class):
    if issubclass(page_class, (ExercisePage, RoutinePage)) or exercises_setting(
        "RESUME_DRAFTS_OF_EVERY_PAGE_TYPE"
    ):
        drafts.offer_to_resume(request, parent_page)


@hooks.register("register_log_actions")
def register_import_log_action(actions):
    @actions.register_action(IMPORT_ACTION)
    class ImportedFromAnArticle(LogFormatter):
        label = "Import an article"

        def format_message(self, log_entry):
            return describe_import(log_entry.data)


@hooks.register("register_admin_urls")
def register_content_checks_report_urls():
    return reports.urlpatterns()


@hooks.register("register_reports_menu_item")
def register_content_checks_report_menu_item():
    return reports.ContentChecksMenuItem(
        "Content checks",
        reverse("exercises_content_checks"),
        name="content-checks",
        icon_name="warning",
        order=1000,
    )


@hooks.register("pages_showing_object")
def pages_showing_the_plugins_content(obj):
    return dependents.pages_showing(obj)
