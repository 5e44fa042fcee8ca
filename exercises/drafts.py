"""
An editor who abandons a new exercise or routine and starts it again finds the first one
still there, as an unpublished draft holding the slug the new page wants. When they save
the new page, the admin offers to go back to that draft (a `before_create_page` hook in
wagtail_hooks.py calls `offer_to_resume`).
"""

from django.db.models import Q
from django.urls import reverse
from wagtail.admin import messages
from wagtail.models import Page

from .text import without_nul


def resumable_drafts(user, parent_page, title, slug):
    """`user`'s unpublished pages below `parent_page` with this title or slug, newest first."""
    title, slug = title.strip(), slug.strip()
    if not (title or slug):
        return Page.objects.none()
    same = Q()
    if title:
        same |= Q(title__iexact=title) | Q(draft_title__iexact=title)
    if slug:
        same |= Q(slug=slug)
    return (
        Page.objects.child_of(parent_page)
        .filter(live=False, owner=user)
        .filter(same)
        .order_by("-latest_revision_created_at", "-pk")
    )


def offer_to_resume(request, parent_page):
    """On saving a new page, a message with a link to a matching draft, if there is one."""
    if request.method != "POST" or not request.accepts("text/html"):
        return  # autosave asks for JSON and shows no messages
    draft = resumable_drafts(
        request.user,
        parent_page,
        without_nul(request.POST.get("title", "")),
        without_nul(request.POST.get("slug", "")),
    ).first()
    if draft is None:
        return
    messages.info(
        request,
        f"You already have an unpublished draft here, “{draft.get_admin_display_title()}” "
        f"(web address “{draft.slug}”). Continue that draft, or give this page another "
        "slug under Promote.",
        buttons=[
            messages.button(
                reverse("wagtailadmin_pages:edit", args=(draft.pk,)), "Continue the draft"
            )
        ],
    )
