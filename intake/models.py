"""The New Patient Application: the form page, its questions and the stored applications."""

import datetime
import hashlib
import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.contrib.forms.models import (
    AbstractEmailForm,
    AbstractFormField,
    AbstractFormSubmission,
)
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField

from . import held_uploads, rate_limit, search_index, tasks, uploads
from .encryption import UNREADABLE_TEXT, SealedAnswersField, Unreadable
from .form_builder import (
    APPLICATION_FIELD_CHOICES,
    AUTOCOMPLETE_CHOICES,
    RESERVED_FIELD_NAMES,
    TOKEN_FIELD,
    ApplicationFormBuilder,
)
from .permissions import can_view_applications
from .worklist_models import QUESTIONS_KEY, WorklistState, urgency_mark

logger = logging.getLogger("intake")

TEXT_FEATURES = ["bold", "italic", "link", "ul", "ol"]
# How long the thank-you page can still tell a patient about the warning signs they ticked.
THANK_YOU_LOOKUP_HOURS = 2
SENT_COOKIE = "application_sent"
SENT_COOKIE_SALT = "intake.application.sent"

URGENT_FLAG_FIELD = "warning_sign_flag"
URGENT_FLAG_TEXT = "URGENT: warning sign ticked"


def token_digest(token):
    return hashlib.sha256(token.encode()).hexdigest()


class ApplicationFormField(AbstractFormField):
    """One question on the New Patient Application, as staff set it up in the admin."""

    page = ParentalKey(
        "intake.ApplicationFormPage", on_delete=models.CASCADE, related_name="form_fields"
    )
    field_type = models.CharField(
        verbose_name="field type", max_length=16, choices=APPLICATION_FIELD_CHOICES
    )
    field_type.required_on_save = True
    autocomplete = models.CharField(
        max_length=20,
        blank=True,
        choices=AUTOCOMPLETE_CHOICES,
        help_text=(
            "What the patient's browser may fill in for them. Phone, email, date of birth "
            "and ZIP code questions know theirs already."
        ),
    )

    panels = AbstractFormField.panels + [FieldPanel("autocomplete")]

    def clean(self):
        super().clean()
        name = self.clean_name or self.get_field_clean_name()
        if name in RESERVED_FIELD_NAMES:
            raise ValidationError(
                {
                    "label": (
                        f"The form uses “{name}” for a hidden field of its own: word this "
                        "question differently (for example “Your website”)."
                    )
                }
            )

    class Meta(AbstractFormField.Meta):
        # The tables keep the names they had when the application lived in `home`.
        db_table = "home_applicationformfield"


class ApplicationSubmissionsPanel(FormSubmissionsPanel):
    """The count of applications in the page editor, shown only to intake staff."""

    class BoundPanel(FormSubmissionsPanel.BoundPanel):
        def is_shown(self):
            return can_view_applications(self.request.user) and super().is_shown()


class ApplicationFormPage(RoutablePageMixin, AbstractEmailForm):
    """The New Patient Application form, built with Wagtail's form builder.

    Staff edit the questions and texts; superusers edit who is emailed. Answers are
    stored encrypted (ApplicationSubmission) before any email is tried, the browser is
    then redirected to the thank-you page, and the notification email holds a link to
    the admin rather than the patient's answers.
    """

    intro = RichTextField(features=TEXT_FEATURES, blank=True)
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Linked from the consent question.",
    )
    thank_you_text = RichTextField(
        features=TEXT_FEATURES,
        blank=True,
        help_text="What happens next, shown after the application is sent.",
    )
    urgent_care_text = RichTextField(
        features=TEXT_FEATURES,
        blank=True,
        help_text=(
            "Shown instead of the usual thank-you when a warning sign was ticked. Leave "
            "empty for the standard advice to seek urgent care now."
        ),
    )

    form_builder = ApplicationFormBuilder
    template = "intake/application_form_page.html"
    landing_page_template = "intake/application_thank_you.html"

    content_panels = AbstractEmailForm.content_panels + [
        ApplicationSubmissionsPanel(heading="Applications"),
        FieldPanel("intro"),
        InlinePanel("form_fields", label="Questions"),
        PageChooserPanel("privacy_page"),
        FieldPanel("thank_you_text"),
        FieldPanel("urgent_care_text"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("from_address", permission="superuser"),
                        FieldPanel("to_address", permission="superuser"),
                    ]
                ),
                FieldPanel("subject", permission="superuser"),
            ],
            heading="Notification email (it never contains the patient's answers)",
        ),
    ]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = []

    class Meta:
        verbose_name = "application form page"
        db_table = "home_applicationformpage"

    # Submissions -------------------------------------------------------------------

    def get_submission_class(self):
        return ApplicationSubmission

    def get_submissions_list_view_class(self):
        # Wagtail's admin views need every model loaded first, so not at the top.
        from .admin_views import ApplicationSubmissionsListView

        return ApplicationSubmissionsListView

    def get_submissions(self):
        return ApplicationSubmission.objects.filter(page=self).judged_by(
            warning_sign_fields(self.pk)
        )

    def get_data_fields(self):
        # The flag first, so a warning sign stands out in the listing and the export.
        return [(URGENT_FLAG_FIELD, "Warning signs")] + super().get_data_fields()

    def store_application(self, answers, token):
        """Store once per token, in its own transaction, before anything else can fail.

        Returns (submission, created). With SQLite's IMMEDIATE transactions the check
        and the insert hold the write lock together; on PostgreSQL a concurrent
        duplicate hits the unique digest and is answered with the stored one.
        """
        digest = token_digest(token)
        submissions = ApplicationSubmission.objects.filter(token_digest=digest)
        try:
            with transaction.atomic():
                existing = submissions.first()
                if existing is not None:
                    return existing, False
                return self.create_application(answers, digest), True
        except IntegrityError:
            return submissions.get(), False

    def create_application(self, answers, digest):
        """Stored with the questions as they are worded now, its urgency and search index."""
        questions = list(self.form_fields.all())
        submission = ApplicationSubmission.objects.create(
            page=self,
            form_data={
                **answers,
                QUESTIONS_KEY: [[q.clean_name, q.label, q.field_type] for q in questions],
            },
            token_digest=digest,
        )
        urgent = any(answers.get(q.clean_name) for q in questions if q.field_type == "warningsigns")
        submission.urgency_mark = urgency_mark(submission.pk, urgent)
        ApplicationSubmission.objects.filter(pk=submission.pk).update(
            urgency_mark=submission.urgency_mark
        )
        search_index.index_application(submission, questions)
        return submission

    def process_form_submission(self, form):
        submission, created = self.store_application(form.answers(), form.cleaned_data[TOKEN_FIELD])
        if created:
            uploads.store_uploads(submission, form.attached_files())
            held_uploads.release(form.cleaned_data[TOKEN_FIELD])
            # The submission is committed already, so the worker always finds it.
            tasks.notify_staff_of_application.enqueue(submission.pk)
        return submission

    # Views -------------------------------------------------------------------------

    @path("")
    def application_form(self, request):
        if request.method == "POST":
            return self.receive_application(request)
        return self.render_form(request, self.get_form(page=self, user=request.user))

    def receive_application(self, request):
        form = self.get_form(request.POST, request.FILES, page=self, user=request.user)
        if form.caught_by_honeypot():
            logger.warning(
                "Dropped a New Patient Application: the hidden honeypot box was filled in "
                "(client %s)",
                rate_limit.client_key(request)[:12],
            )
            return redirect(self.thank_you_url())
        if not form.is_valid():
            form.hold_attachments(rate_limit.client_key(request))
            return self.render_form(request, form)
        token = form.cleaned_data[TOKEN_FIELD]
        stored = ApplicationSubmission.objects.filter(token_digest=token_digest(token)).first()
        if stored is not None:  # sent twice: stored already
            return self.thank_sender(stored)
        decision = ApplicationRateCounter.objects.take_slot(request)
        if not decision.allowed:
            form.hold_attachments(rate_limit.client_key(request))
            response = self.render_form(request, form, rate_limited=True, status=429)
            response["Retry-After"] = str(decision.retry_after)
            return response
        return self.thank_sender(self.process_form_submission(form))

    def ask_to_send_again(self, request):
        """The form sent, shown again with every answer and a fresh security token.

        For a POST Django's CSRF check refused (no cookie, or a stale one: cookies
        cleared, the page open across a restart); intake.views.csrf_failure calls it.
        """
        form = self.get_form(request.POST, request.FILES, page=self, user=request.user)
        form.hold_attachments(rate_limit.client_key(request))
        return self.render_form(request, form, send_again=True, status=403)

    @path("thank-you/", name="thank_you")
    def thank_you(self, request):
        return self.render_landing_page(request, self.recent_submission(request))

    def thank_you_url(self):
        return self.url + self.reverse_subpage("thank_you")

    def thank_sender(self, submission):
        """To the thank-you page, which knows this browser sent `submission`.

        A signed cookie, kept for THANK_YOU_LOOKUP_HOURS and sent only to this page's
        addresses, says which application this browser sent: the address itself holds
        nothing, so access logs and shared links tell nothing about anyone's answers.
        """
        response = redirect(self.thank_you_url())
        response.set_signed_cookie(
            SENT_COOKIE,
            str(submission.pk),
            salt=SENT_COOKIE_SALT,
            max_age=THANK_YOU_LOOKUP_HOURS * 60 * 60,
            path=urlsplit(self.url).path,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
        return response

    def recent_submission(self, request):
        pk = request.get_signed_cookie(
            SENT_COOKIE,
            default=None,
            salt=SENT_COOKIE_SALT,
            max_age=THANK_YOU_LOOKUP_HOURS * 60 * 60,
        )
        if pk is None or not pk.isdigit():
            return None
        since = timezone.now() - datetime.timedelta(hours=THANK_YOU_LOOKUP_HOURS)
        return ApplicationSubmission.objects.filter(
            page=self, pk=int(pk), submit_time__gte=since
        ).first()

    def render_form(self, request, form, rate_limited=False, send_again=False, status=200):
        context = self.get_context(request)
        context.update(form=form, rate_limited=rate_limited, send_again=send_again)
        response = TemplateResponse(request, self.get_template(request), context, status=status)
        return self.private_response(response)

    def render_landing_page(self, request, form_submission=None, *args, **kwargs):
        context = self.get_context(request)
        context["form_submission"] = form_submission
        context["needs_urgent_care"] = bool(form_submission and form_submission.needs_urgent_care())
        response = TemplateResponse(request, self.get_landing_page_template(request), context)
        return self.private_response(response)

    @staticmethod
    def private_response(response):
        """Nobody caches a page with a patient's answers, nor learns its address.

        Nothing third-party loads on it either: the site's reader policy
        (CONTENT_SECURITY_POLICY in the settings) allows only the site itself.
        """
        add_never_cache_headers(response)
        response["Referrer-Policy"] = "same-origin"
        return response

    def serve_preview(self, request, mode_name):
        if mode_name == "landing":
            return self.render_landing_page(request)
        return self.render_form(request, self.get_form(page=self, user=request.user))


class ApplicationSubmissionQuerySet(models.QuerySet):
    def judged_by(self, warning_sign_fields):
        """Applications that know their form's warning-sign questions, to flag urgency
        without a query per row (the listing and exports show hundreds)."""
        clone = self._chain()
        clone._warning_sign_fields = list(warning_sign_fields)
        return clone

    def _clone(self):
        clone = super()._clone()
        clone._warning_sign_fields = getattr(self, "_warning_sign_fields", None)
        return clone

    def _fetch_all(self):
        super()._fetch_all()
        names = getattr(self, "_warning_sign_fields", None)
        if names is not None:
            for submission in self._result_cache:
                if isinstance(submission, ApplicationSubmission):
                    submission.warning_sign_fields = names


class ApplicationSubmission(WorklistState, AbstractFormSubmission):
    """One patient's application, its answers sealed at rest as one value (encryption.py).

    A copy of the database shows when an application came, never which questions were
    answered nor what. `form_data` is the answers (a dict), or encryption.Unreadable
    when no configured key opens them: such an application is listed and exported as
    one that cannot be read, with its number and date. The token digest is a hash of the
    random token the form carried, so the same form sent twice is stored once.
    """

    form_data = SealedAnswersField()
    token_digest = models.CharField(max_length=64, unique=True, null=True, editable=False)

    objects = ApplicationSubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = "patient application"
        verbose_name_plural = "patient applications"
        db_table = "home_applicationsubmission"
        # The worklist's parts (worklist.Queue) and its count read these indexes alone,
        # never the wide sealed rows: new ones by time, the rest by time, every mark.
        indexes = [
            models.Index(fields=["status", "submit_time", "id"], name="application_queue"),
            models.Index(fields=["submit_time", "id"], name="application_received"),
            models.Index(fields=["urgency_mark"], name="application_urgency_mark"),
        ]

    def __str__(self):
        # Never the answers: this text can end up in logs and error reports.
        return f"Patient application {self.pk}"

    @property
    def is_readable(self):
        return not isinstance(self.form_data, Unreadable)

    def unreadable_text(self):
        received = timezone.localtime(self.submit_time).strftime("%Y-%m-%d %H:%M")
        return f"Application {self.pk} (received {received}) {UNREADABLE_TEXT}"

    def get_data(self):
        if not self.is_readable:
            return {"submit_time": self.submit_time, URGENT_FLAG_FIELD: self.unreadable_text()}
        data = super().get_data()
        data[URGENT_FLAG_FIELD] = URGENT_FLAG_TEXT if self.needs_urgent_care() else ""
        return data

    def needs_urgent_care(self):
        """Whether the patient ticked any warning sign, judged from the decrypted answers
        (unknown, so False, for answers that cannot be read)."""
        if not self.is_readable:
            return False
        names = getattr(self, "warning_sign_fields", None)
        if names is None:
            names = warning_sign_fields(self.page_id)
        return any(self.form_data.get(name) for name in names)


def warning_sign_fields(page_id):
    return list(
        ApplicationFormField.objects.filter(page_id=page_id, field_type="warningsigns").values_list(
            "clean_name", flat=True
        )
    )


class ApplicationRateCounter(models.Model):
    """Applications stored per client (a keyed hash of its address) in one time window."""

    client_key = models.CharField(max_length=64)
    window_start = models.DateTimeField(db_index=True)
    count = models.PositiveIntegerField(default=0)

    objects = rate_limit.RateCounterQuerySet.as_manager()

    class Meta:
        db_table = "home_applicationratecounter"
        constraints = [
            models.UniqueConstraint(
                fields=["client_key", "window_start"], name="unique_application_rate_window"
            )
        ]

    def __str__(self):
        return f"{self.count} application(s) from client {self.client_key[:12]}"
