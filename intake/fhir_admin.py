"""The admin's "Download FHIR" of a form's applications: intake staff only, audited."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from wagtail.contrib.forms.views import SubmissionsListFilterSet

from . import fhir
from .admin_views import forbidden
from .models import ApplicationFormPage
from .permissions import can_view_applications

SELECTED = "selected-submissions"


def export_fhir(request, page_id):
    """Every application of the form, those ticked (?selected-submissions=1,2 or repeated),
    or those within the listing's date filter, whose query it is given."""
    if not can_view_applications(request.user):
        return forbidden(request)
    page = get_object_or_404(ApplicationFormPage, pk=page_id)
    submissions = page.get_submissions().order_by("pk").prefetch_related("uploads")
    selected = [
        int(value)
        for values in request.GET.getlist(SELECTED)
        for value in values.split(",")
        if value.strip().isdigit()
    ]
    if selected:
        submissions = submissions.filter(pk__in=selected)
    submissions = SubmissionsListFilterSet(request.GET, queryset=submissions).qs
    document, _unreadable = fhir.export(submissions, user=request.user)
    response = HttpResponse(document, content_type="application/fhir+json")
    response["Content-Disposition"] = f'attachment; filename="applications-{page.pk}-fhir.json"'
    response["Cache-Control"] = "private, no-store"
    return response
