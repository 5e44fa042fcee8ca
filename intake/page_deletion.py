"""
Deleting a page takes its applications with it (Wagtail deletes a form's submissions
with the form), and deleting a page takes every page below it. So a page that holds
applications, or has one below it, is deleted by superusers only: they see how many
applications go and type that number to confirm; the deletion is written to the audit
log as a deletion of that many applications. Anyone else is refused and sent back.
The hooks that call this are in wagtail_hooks.py.
"""

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from . import audit
from .models import ApplicationFormPage, ApplicationSubmission

CONFIRM_FIELD = "confirm_application_count"
CONFIRM_TEMPLATE = "intake/admin/confirm_delete_applications.html"


def application_pages_in(pages):
    """The application form pages among `pages` and every page below them."""
    condition = Q(pk__in=[page.pk for page in pages])
    for page in pages:
        condition |= Q(path__startswith=page.path, depth__gt=page.depth)
    return ApplicationFormPage.objects.filter(condition)


def applications_in(pages):
    return ApplicationSubmission.objects.filter(page__in=application_pages_in(pages))


def count_phrase(count):
    return f"{count} patient application" + ("" if count == 1 else "s")


def guard(request, pages, *, back_url):
    """
    The response that stops the deletion of `pages`, or None to let it go on: nothing
    holds applications, or a superuser typed the number of applications that go.
    """
    pages = list(pages)
    count = applications_in(pages).count()
    if not count:
        return None
    if not request.user.is_superuser:
        messages.error(
            request,
            f"Not deleted: this would also delete {count_phrase(count)}. Only an "
            "administrator can delete a page that holds applications.",
        )
        return redirect(back_url)
    typed = request.POST.get(CONFIRM_FIELD, "").strip()
    if request.method == "POST" and typed == str(count):
        record_deletion(request.user, pages)
        return None
    return TemplateResponse(
        request,
        CONFIRM_TEMPLATE,
        {
            "header_title": "Confirm: delete patient applications",
            "page_title": "Delete patient applications",
            "header_icon": "warning",
            "count": count,
            "count_phrase": count_phrase(count),
            "pages": pages,
            "mistyped": request.method == "POST" and CONFIRM_FIELD in request.POST,
            "submit_url": request.get_full_path(),
            "back_url": back_url,
            "posted": [
                (name, value)
                for name, values in request.POST.lists()
                if name not in ("csrfmiddlewaretoken", CONFIRM_FIELD)
                for value in values
            ],
            "confirm_field": CONFIRM_FIELD,
        },
    )


def record_deletion(user, pages):
    """One audit entry per form page, kept in Site history after the page is gone."""
    for form_page in application_pages_in(pages):
        audit.record(
            form_page,
            audit.DELETED_WITH_PAGE,
            user=user,
            count=ApplicationSubmission.objects.filter(page=form_page).count(),
        )
