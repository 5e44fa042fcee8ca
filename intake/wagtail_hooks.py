"""Admin hooks for the New Patient Application: who sees applications, and the audit log."""

from django.db.models import Q
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.pages.bulk_actions.page_bulk_action import PageBulkAction
from wagtail.models import Page

from . import audit, page_deletion, worklist_views
from .admin_views import ApplicationAwareDeleteSubmissionsView, ApplicationAwareFormPagesListView
from .dashboard import WaitingApplicationsPanel
from .fhir_admin import export_fhir
from .models import ApplicationFormPage
from .permissions import can_view_applications
from .uploads_admin import download_upload


@hooks.register("filter_form_submissions_for_user")
def only_intake_staff_see_applications(user, editable_forms):
    """Applications go to the intake group, whether or not they can edit the form page.

    Out of the box Wagtail shows a form's submissions to anyone who can edit the page.
    """
    if can_view_applications(user):
        application_pages = Page.objects.type(ApplicationFormPage)
        return Page.objects.filter(
            Q(pk__in=editable_forms.values("pk")) | Q(pk__in=application_pages.values("pk"))
        )
    return editable_forms.not_type(ApplicationFormPage)


@hooks.register("register_log_actions")
def register_application_log_actions(actions):
    audit.register_log_actions(actions)


# Ahead of wagtail.contrib.forms' own URLs for the same paths: intake staff reach the
# list of forms, and deleting applications needs the delete permission and is audited.
@hooks.register("register_admin_urls", order=-1)
def register_application_admin_urls():
    return [
        path("forms/", ApplicationAwareFormPagesListView.as_view(), name="application_forms"),
        path(
            "forms/results/",
            ApplicationAwareFormPagesListView.as_view(results_only=True),
            name="application_forms_results",
        ),
        path(
            "forms/submissions/<int:page_id>/delete/",
            ApplicationAwareDeleteSubmissionsView.as_view(
                application_page_model=ApplicationFormPage
            ),
            name="application_delete_submissions",
        ),
        path("intake/uploads/<int:upload_id>/", download_upload, name="intake_application_upload"),
        path("intake/fhir/<int:page_id>/", export_fhir, name="intake_applications_fhir"),
    ]


@hooks.register("before_delete_page")
def protect_applications_from_page_deletion(request, page):
    return page_deletion.guard(
        request, [page], back_url=reverse("wagtailadmin_pages:edit", args=(page.pk,))
    )


@hooks.register("before_bulk_action")
def protect_applications_from_bulk_deletion(request, action_type, objects, action_class_instance):
    if action_type != "delete" or not isinstance(action_class_instance, PageBulkAction):
        return None
    return page_deletion.guard(request, objects, back_url=action_class_instance.next_url)


class IntakeStaffMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_applications(request.user)


@hooks.register("register_admin_urls")
def register_worklist_urls():
    return [
        path("intake/", worklist_views.WorklistView.as_view(), name="intake_worklist"),
        path(
            "intake/<int:pk>/",
            worklist_views.ApplicationDetailView.as_view(),
            name="intake_application",
        ),
        path(
            "intake/<int:pk>/status/",
            worklist_views.ApplicationStatusView.as_view(),
            name="intake_application_status",
        ),
        path(
            "intake/<int:pk>/notes/",
            worklist_views.ApplicationNoteView.as_view(),
            name="intake_application_note",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_worklist_menu_item():
    return IntakeStaffMenuItem(
        "Patient applications", reverse("intake_worklist"), icon_name="form", order=150
    )


@hooks.register("construct_homepage_panels")
def add_waiting_applications_panel(request, panels):
    if can_view_applications(request.user):
        panels.append(WaitingApplicationsPanel())
