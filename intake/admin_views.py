"""Wagtail's submissions listing, export and delete, guarded and audited for applications."""

import logging

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.admin.widgets import Button
from wagtail.contrib.forms.utils import get_forms_for_user
from wagtail.contrib.forms.views import (
    DeleteSubmissionsView,
    FormPagesListView,
    SubmissionsListView,
)
from wagtail.models import Page

from . import audit, export_columns, uploads, worklist
from .permissions import can_delete_applications, can_view_applications
from .worklist_models import ApplicationStatus

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

logger = logging.getLogger("intake")


def forbidden(request, deleting=False):
    """A plain 403, not Wagtail's usual redirect: the answer to "may I?" is simply no,
    with the reason (reading them, or deleting them, which fewer may)."""
    context = {"page_title": "No access", "deleting": deleting}
    return TemplateResponse(request, "intake/application_admin_forbidden.html", context, status=403)


def neutralise_formula(value):
    """A patient's answer opens as text in a spreadsheet, never as a formula."""
    value = str(value)
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


class ApplicationSubmissionsListView(SubmissionsListView):
    """Applications in Wagtail's own listing and CSV/XLSX export, for intake staff only."""

    custom_value_preprocess = {
        **SpreadsheetExportMixin.custom_value_preprocess,
        **export_columns.DATETIME_PREPROCESS,
        str: {SpreadsheetExportMixin.FORMAT_CSV: neutralise_formula},
    }

    def dispatch(self, request, *args, **kwargs):
        # Also narrowed by the filter_form_submissions_for_user hook; checked here too so
        # that the listing stays closed even if another hook widens that queryset.
        if not can_view_applications(request.user):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def header_more_buttons(self):
        # The EMR's format beside Wagtail's XLSX and CSV, for the same date filter.
        url = reverse("intake_applications_fhir", args=(self.form_page.pk,))
        query = self.request.GET.copy()
        query.pop("export", None)
        fhir = Button(
            "Download FHIR R4",
            url=f"{url}?{query.urlencode()}",
            icon_name="download",
            priority=110,
        )
        return [*super().header_more_buttons, fhir]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.is_export:
            shown = list(context["submissions"])
            unreadable = self.unreadable_among(shown)
            for row in context["data_rows"]:
                row["fields"] = ["" if value is None else value for value in row["fields"]]
            uploads.link_downloads(
                context["data_rows"], [name for name, _ in self.form_page.get_data_fields()]
            )
            if unreadable:
                messages.warning(
                    self.request,
                    f"{len(unreadable)} application(s) on this page cannot be read with "
                    "the current keys: they are listed with their number and date only.",
                )
            audit.record(
                self.form_page,
                audit.LISTED,
                user=self.request.user,
                count=len(context["data_rows"]),
                **({"unreadable": len(unreadable)} if unreadable else {}),
            )
        return context

    def unreadable_among(self, submissions):
        """The ids of the applications no configured key opens, logged (ids only)."""
        ids = [submission.pk for submission in submissions if not submission.is_readable]
        if ids:
            logger.warning(
                "%d patient application(s) cannot be read with the current keys: %s",
                len(ids),
                ", ".join(map(str, ids)),
            )
        return ids

    def to_row_dict(self, item):
        data = item.get_data()  # once per application, not once per column
        data.update(export_columns.desk_values(item))
        return {field: data.get(field, "") for field in self.list_export}

    def as_spreadsheet(self, queryset, spreadsheet_format):
        # Every application is read (and every row built) before the first byte goes out:
        # an export either answers complete or fails as a whole, never 200 cut short.
        desk_columns = export_columns.DESK_COLUMNS
        self.list_export = [*self.list_export, *(name for name, _ in desk_columns)]
        self.export_headings = {
            **self.export_headings,
            "submit_time": export_columns.received_heading(),
            **dict(desk_columns),
        }
        submissions = list(export_columns.with_desk_data(queryset))
        unreadable = self.unreadable_among(submissions)
        audit.record(
            self.form_page,
            audit.EXPORTED,
            user=self.request.user,
            count=len(submissions),
            format=spreadsheet_format,
            **({"unreadable": len(unreadable)} if unreadable else {}),
        )
        if spreadsheet_format == self.FORMAT_CSV:
            lines = list(self.stream_csv(submissions))
            response = StreamingHttpResponse(iter(lines), content_type="text/csv")
            response["Content-Disposition"] = f'attachment; filename="{self.get_filename()}.csv"'
            return response
        return super().as_spreadsheet(submissions, spreadsheet_format)


class ApplicationAwareDeleteSubmissionsView(DeleteSubmissionsView):
    """Wagtail's delete view; for applications it needs the delete permission and is audited.

    It serves every form's delete URL; `application_page_model` (given by the URL that
    wagtail_hooks.py registers) tells which forms hold patient applications.
    """

    application_page_model = None

    def dispatch(self, request, *args, **kwargs):
        page = get_object_or_404(Page, id=kwargs.get("page_id"))
        self.is_application_page = issubclass(page.specific_class, self.application_page_model)
        if self.is_application_page and not can_delete_applications(request.user):
            return forbidden(request, deleting=can_view_applications(request.user))
        return super().dispatch(request, *args, **kwargs)

    def get_template_names(self):
        if self.is_application_page:
            return ["intake/admin/confirm_delete_submissions.html"]
        return super().get_template_names()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.is_application_page:
            rows = worklist.rows_for(self.submissions.select_related("page"))
            context.update(
                rows=rows,
                waiting=[row for row in rows if row.submission.status == ApplicationStatus.NEW],
                back_url=self.get_success_url(),
            )
        return context

    def handle_delete(self, submissions):
        count = submissions.count()
        super().handle_delete(submissions)
        if self.is_application_page:
            audit.record(self.page, audit.DELETED, user=self.request.user, count=count)


class ApplicationAwareFormPagesListView(FormPagesListView):
    """Wagtail's list of forms, open to intake staff who may not edit any page.

    Wagtail lets in only users with some page permission; here the test is whether the
    user may see the submissions of at least one form.
    """

    any_permission_required = None

    def dispatch(self, request, *args, **kwargs):
        if not get_forms_for_user(request.user).exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
