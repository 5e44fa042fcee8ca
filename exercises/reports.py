"""
Reports → Content checks: every live exercise and routine that fails one of the clinic's
content checks (content_checks.py), with what to fix and a link to edit it.
"""

from dataclasses import dataclass

from django.urls import path
from django.utils.functional import cached_property
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import PageReportView
from wagtail.permission_policies.pages import PagePermissionPolicy

from .content_checks import exercise_findings, routine_findings
from .models import ExercisePage, RoutinePage


@dataclass(frozen=True)
class PageFindings:
    """A live page and what its checks found (never empty on the report)."""

    page: object
    kind: str
    findings: list

    @property
    def pk(self):
        return self.page.pk

    @property
    def title(self):
        return self.page.title

    @property
    def problems(self):
        return "; ".join(f"{finding.label}: {finding.message}" for finding in self.findings)


def failing_pages():
    """Every live exercise and routine with a finding, exercises first, by title."""
    rows = []
    exercises = list(ExercisePage.objects.live().order_by("title").prefetch_related("photos"))
    for page in exercises:
        if findings := exercise_findings(page):
            rows.append(PageFindings(page, "Exercise", findings))
    # The routines' reading level reads their exercises' steps: these, fetched once.
    library = {page.pk: page for page in exercises}
    for page in RoutinePage.objects.live().order_by("title"):
        if findings := routine_findings(page, library=library):
            rows.append(PageFindings(page, "Routine", findings))
    return rows


class FindingsColumn(Column):
    cell_template_name = "exercises/admin/content_checks_cell.html"


class ContentChecksReportView(PageReportView):
    page_title = "Content checks"
    header_icon = "warning"
    index_url_name = "exercises_content_checks"
    index_results_url_name = "exercises_content_checks_results"
    results_template_name = "wagtailadmin/reports/base_report_results.html"
    any_permission_required = ["add", "change", "publish"]
    paginate_by = 50
    columns = [
        TitleColumn("title", label="Page", url_name="wagtailadmin_pages:edit"),
        Column("kind", label="Type"),
        FindingsColumn("findings", label="What to fix"),
    ]
    list_export = ["title", "kind", "problems"]
    export_headings = {"title": "Page", "kind": "Type", "problems": "What to fix"}

    @cached_property
    def permission_policy(self):
        return PagePermissionPolicy()

    def get_queryset(self):
        return failing_pages()

    def get_filtered_queryset(self):
        return self.get_queryset()


class ContentChecksMenuItem(MenuItem):
    def is_shown(self, request):
        return PagePermissionPolicy().user_has_any_permission(
            request.user, ["add", "change", "publish"]
        )


def urlpatterns():
    view = ContentChecksReportView
    return [
        path("reports/content-checks/", view.as_view(), name=view.index_url_name),
        path(
            "reports/content-checks/results/",
            view.as_view(results_only=True),
            name=view.index_results_url_name,
        ),
    ]
