"""
"Exercises → Import an article" in the admin: the article, then the review of what the
importer proposes, then the drafts. Nothing is saved before the review is confirmed, and
nothing is ever published: the routine and new exercises are drafts for the usual
review and publishing. Anyone who may add pages to a library and to a routine index
may import (the clinic's Editors included).
"""

from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import path, reverse
from django.views.generic import FormView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from ..models import ExerciseIndexPage, RoutineIndexPage
from .article import read_article
from .create import create_drafts, match_library
from .forms import ArticleForm, ReviewForm, sign_proposal, unsign_proposal

EXPIRED = "This review has expired or was changed: import the article again."


def addable(model, user):
    """The pages of `model` that `user` may add pages under, in tree order."""
    pages = model.objects.all().order_by("path")
    return [page for page in pages if page.permissions_for_user(user).can_add_subpage()]


def parents_for(user):
    libraries, indexes = addable(ExerciseIndexPage, user), addable(RoutineIndexPage, user)
    return (
        ExerciseIndexPage.objects.filter(pk__in=[page.pk for page in libraries]),
        RoutineIndexPage.objects.filter(pk__in=[page.pk for page in indexes]),
    )


def can_import(user):
    libraries, indexes = parents_for(user)
    return libraries.exists() and indexes.exists()


class ImportViewMixin(WagtailAdminTemplateMixin):
    header_icon = "doc-full-inverse"
    page_title = "Import an article"

    def dispatch(self, request, *args, **kwargs):
        self.libraries, self.routine_indexes = parents_for(request.user)
        if not (self.libraries.exists() and self.routine_indexes.exists()):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]


class ArticleView(ImportViewMixin, FormView):
    """The article: pasted or uploaded. Posting it shows the review, saving nothing."""

    template_name = "exercises/admin/import_article.html"
    form_class = ArticleForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(libraries=self.libraries, routine_indexes=self.routine_indexes)
        return kwargs

    def get_initial(self):
        return {"library": self.libraries.first(), "routine_index": self.routine_indexes.first()}

    def form_valid(self, form):
        library = form.cleaned_data["library"]
        routine_index = form.cleaned_data["routine_index"]
        proposal = match_library(read_article(form.cleaned_data["lines"]), library)
        token = sign_proposal(
            proposal,
            library=library.pk,
            routine_index=routine_index.pk,
            source=form.cleaned_data["source"],
        )
        review = ReviewForm(
            initial={**ReviewForm.initial_for(proposal), "proposal": token}, proposal=proposal
        )
        return ReviewView.show(self.request, review, library, routine_index)


class ReviewView(ImportViewMixin, FormView):
    """The review: what to keep and how to name it; confirming it creates the drafts."""

    template_name = "exercises/admin/import_review.html"
    page_title = "Review the import"
    http_method_names = ["post"]

    @classmethod
    def show(cls, request, form, library, routine_index):
        view = cls()
        view.setup(request)
        view.libraries, view.routine_indexes = parents_for(request.user)
        return view.render_to_response(
            view.get_context_data(form=form, library=library, routine_index=routine_index)
        )

    def get_form(self, form_class=None):
        try:
            proposal, self.signed = unsign_proposal(self.request.POST.get("proposal", ""))
        except signing.BadSignature:
            return None
        return ReviewForm(self.request.POST, proposal=proposal)

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form is None:
            messages.error(request, EXPIRED)
            return redirect("exercises_import:article")
        library = self.libraries.filter(pk=self.signed["library"]).first()
        routine_index = self.routine_indexes.filter(pk=self.signed["routine_index"]).first()
        if library is None or routine_index is None:
            raise PermissionDenied
        if not form.is_valid():
            return self.show(request, form, library, routine_index)
        try:
            routine, created, reused = create_drafts(
                form.reviewed(),
                library=library,
                routine_index=routine_index,
                user=request.user,
                source=self.signed["source"],
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
            return self.show(request, form, library, routine_index)
        messages.success(
            request,
            f"Imported “{routine.title}” as a draft with {len(created)} new draft "
            f"exercise{'s' if len(created) != 1 else ''}"
            + (f" and {len(reused)} from the library" if reused else "")
            + ". Add the photos, then send them for publishing: the exercises first.",
        )
        return redirect("wagtailadmin_pages:edit", routine.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = kwargs["form"]
        context["proposal"] = form.proposal
        context["action_url"] = reverse("exercises_import:review")
        context["back_url"] = reverse("exercises_import:article")
        return context


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_import(request.user)


class ArticleImportViewSet(ViewSet):
    """The admin's URLs of the import, and its item in the Exercises menu."""

    name = "exercises_import"
    url_prefix = "exercises/import"
    icon = "doc-full-inverse"
    menu_label = "Import an article"
    menu_item_class = ImportMenuItem

    def get_urlpatterns(self):
        return [
            path("", ArticleView.as_view(), name="article"),
            path("review/", ReviewView.as_view(), name="review"),
        ]
