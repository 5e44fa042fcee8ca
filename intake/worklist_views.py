"""The desk's admin views: the worklist, one application, its status and its notes."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views import View

from . import audit, desk_actions, worklist
from .admin_views import forbidden
from .models import ApplicationSubmission
from .permissions import can_view_applications


class IntakeStaffView(View):
    def dispatch(self, request, *args, **kwargs):
        if not can_view_applications(request.user):
            return forbidden(request)
        response = super().dispatch(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response


def filter_form(querydict):
    """The worklist's filters from a query string; an invalid filter is left out and
    shows its message, the others still apply."""
    form = worklist.WorklistFilterForm(querydict)
    form.is_valid()  # cleaned_data then holds the valid filters only
    return form, form.cleaned_data


def filter_query(querydict):
    """The query string of the filters alone (no page number), for links that keep them."""
    kept = QueryDict(mutable=True)
    for name in worklist.WorklistFilterForm.base_fields:
        value = querydict.get(name)
        if value:
            kept[name] = value
    return kept.urlencode()


class WorklistView(IntakeStaffView):
    template_name = "intake/admin/worklist.html"

    def get(self, request):
        form, filters = filter_form(request.GET)
        paginator = Paginator(worklist.worklist(filters), worklist.PER_PAGE)
        page = paginator.get_page(request.GET.get("p"))
        rows = worklist.rows_for(page.object_list)
        unreadable = sum(1 for row in rows if not row.readable)
        if unreadable:
            messages.warning(
                request,
                f"{unreadable} application(s) on this page cannot be read with the current "
                "keys: they are listed with their number and date only.",
            )
        pages = {row.submission.page_id: row.submission.page for row in rows}
        for page_id, form_page in pages.items():
            audit.record(
                form_page,
                audit.LISTED,
                user=request.user,
                count=sum(1 for row in rows if row.submission.page_id == page_id),
            )
        context = {
            "page_title": "Patient applications",
            "filter_form": form,
            "rows": rows,
            "items": page,
            "elided_page_range": paginator.get_elided_page_range(page.number),
            "filter_query": filter_query(request.GET),
            "filtered": any(filters.values()),
        }
        return TemplateResponse(request, self.template_name, context)


class ApplicationDetailView(IntakeStaffView):
    template_name = "intake/admin/application_detail.html"

    def get(self, request, pk, status_form=None, note_form=None, status=200):
        submission = get_object_or_404(
            ApplicationSubmission.objects.select_related("page", "assignee", "status_changed_by"),
            pk=pk,
        )
        _, filters = filter_form(request.GET)
        previous_id, next_id = worklist.neighbours(submission, filters)
        audit.record(submission.page, audit.OPENED, user=request.user, application=submission.pk)
        answers = worklist.answers_as_given(submission) if submission.is_readable else []
        context = {
            "page_title": f"Application {submission.pk}",
            "submission": submission,
            "row": worklist.rows_for([submission])[0],
            "warning_signs": [answer for answer in answers if answer.is_warning_sign],
            "answers": [answer for answer in answers if not answer.is_warning_sign],
            "notes": submission.notes.select_related("author"),
            "status_history": audit.status_history(submission),
            "others_viewing": desk_actions.mark_viewing(submission, request.user),
            "status_form": status_form or desk_actions.StatusForm(submission=submission),
            "note_form": note_form or desk_actions.NoteForm(),
            "filter_query": filter_query(request.GET),
            "previous_id": previous_id,
            "next_id": next_id,
        }
        return TemplateResponse(request, self.template_name, context, status=status)


def detail_url(pk, query):
    url = reverse("intake_application", args=(pk,))
    return f"{url}?{query}" if query else url


class ApplicationStatusView(ApplicationDetailView):
    http_method_names = ["post"]

    def post(self, request, pk):
        submission = get_object_or_404(ApplicationSubmission.objects.select_related("page"), pk=pk)
        form = desk_actions.StatusForm(request.POST, submission=submission)
        if not form.is_valid():
            return self.get(request, pk, status_form=form, status=400)
        if desk_actions.change_status(
            submission, request.user, form.cleaned_data["status"], form.cleaned_data["assignee"]
        ):
            messages.success(request, "Saved the status and who is handling it.")
        return redirect(detail_url(pk, filter_query(request.GET)))


class ApplicationNoteView(ApplicationDetailView):
    http_method_names = ["post"]

    def post(self, request, pk):
        submission = get_object_or_404(ApplicationSubmission.objects.select_related("page"), pk=pk)
        form = desk_actions.NoteForm(request.POST)
        if not form.is_valid():
            return self.get(request, pk, note_form=form, status=400)
        desk_actions.add_note(submission, request.user, form.cleaned_data["text"])
        messages.success(request, "Added the note.")
        return redirect(detail_url(pk, filter_query(request.GET)))
