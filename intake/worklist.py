"""The desk's worklist: which applications, in what order, and what each row shows.

Only the applications of the page being shown are opened (25 at a time); filtering,
ordering and search run on plain columns and on the keyed search index.
"""

import datetime
from dataclasses import dataclass

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.utils import timezone
from localflavor.us.us_states import STATE_CHOICES

from . import search_index, uploads
from .models import ApplicationFormField, ApplicationSubmission
from .permissions import INTAKE_GROUP, INTAKE_LEAD_GROUP
from .worklist_models import QUESTIONS_KEY, ApplicationStatus, urgent_ids

PER_PAGE = 25
# The answers the worklist shows beside the name, as the demo form names its questions.
CONTACT_PREFERENCE = "preferred_contact_method"
PAIN_AREAS = "where_is_your_pain"
NO_ASSIGNEE = "none"


def intake_staff():
    return (
        get_user_model()
        .objects.filter(
            Q(groups__name__in=[INTAKE_GROUP, INTAKE_LEAD_GROUP]) | Q(is_superuser=True),
            is_active=True,
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


class WorklistFilterForm(forms.Form):
    q = forms.CharField(
        label="Name, phone or email",
        required=False,
        max_length=200,
        help_text="A whole name, phone number or email address.",
    )
    status = forms.ChoiceField(
        choices=[("", "Any status")] + ApplicationStatus.choices, required=False
    )
    urgent = forms.ChoiceField(
        label="Warning signs",
        choices=[("", "Any"), ("yes", "Urgent only"), ("no", "Not urgent")],
        required=False,
    )
    assignee = forms.ChoiceField(required=False)
    received_from = forms.DateField(
        label="Received from", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    received_to = forms.DateField(
        label="Received to", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = [("", "Anyone"), (NO_ASSIGNEE, "Nobody yet")] + [
            (str(user.pk), user.get_full_name() or user.get_username()) for user in intake_staff()
        ]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("received_from"), cleaned.get("received_to")
        if start and end and start > end:
            self.add_error("received_to", "Choose a date on or after the “Received from” date.")
        return cleaned


def local_midnight(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def filtered(submissions, filters, urgent):
    """`submissions` narrowed by a valid WorklistFilterForm's cleaned data; `urgent` is
    the set of urgent application ids."""
    if filters.get("q"):
        submissions = submissions.filter(search_index.search_filter(filters["q"]))
    if filters.get("status"):
        submissions = submissions.filter(status=filters["status"])
    if filters.get("urgent"):
        is_urgent = Q(pk__in=urgent)
        submissions = submissions.filter(is_urgent if filters["urgent"] == "yes" else ~is_urgent)
    assignee = filters.get("assignee")
    if assignee == NO_ASSIGNEE:
        submissions = submissions.filter(assignee__isnull=True)
    elif assignee:
        submissions = submissions.filter(assignee_id=int(assignee))
    if filters.get("received_from"):
        submissions = submissions.filter(submit_time__gte=local_midnight(filters["received_from"]))
    if filters.get("received_to"):
        next_day = filters["received_to"] + datetime.timedelta(days=1)
        submissions = submissions.filter(submit_time__lt=local_midnight(next_day))
    return submissions


NEWEST_FIRST = ("-submit_time", "-pk")


class Queue:
    """The worklist in its order, urgent first, then new, then the rest, the most recent
    first in each: a sequence the Paginator counts and slices.

    Each part is its own query served by an index (status, submit time), so a page costs
    one count and the ids of its rows, then its 25 rows, however many applications wait;
    the urgent part is the few ids whose keyed mark says urgent.
    """

    def __init__(self, submissions, urgent):
        self.submissions = submissions
        self.urgent = urgent
        self.is_urgent = Q(pk__in=urgent)
        self.is_new = Q(status=ApplicationStatus.NEW)
        self._counts = None

    def parts(self):
        first = self.submissions.filter(self.is_urgent)
        rest = self.submissions.exclude(self.is_urgent)
        return [
            first.order_by(
                Case(
                    When(self.is_new, then=Value(0)), default=Value(1), output_field=IntegerField()
                ),
                *NEWEST_FIRST,
            ),
            rest.filter(self.is_new).order_by(*NEWEST_FIRST),
            rest.exclude(self.is_new).order_by(*NEWEST_FIRST),
        ]

    def part_counts(self):
        if self._counts is None:
            counts = self.submissions.order_by().aggregate(
                urgent=Count("pk", filter=self.is_urgent),
                new=Count("pk", filter=self.is_new & ~self.is_urgent),
                total=Count("pk"),
            )
            self._counts = [
                counts["urgent"],
                counts["new"],
                counts["total"] - counts["urgent"] - counts["new"],
            ]
        return self._counts

    def count(self):
        return sum(self.part_counts())

    def __len__(self):
        return self.count()

    def ids(self, start, stop):
        """The ids from position `start` up to `stop`, a query per part they span."""
        ids = []
        offset = 0
        for part, size in zip(self.parts(), self.part_counts(), strict=True):
            low, high = max(start - offset, 0), min(stop - offset, size)
            if low < high:
                ids += part.values_list("pk", flat=True)[low:high]
            offset += size
        return ids

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.step not in (None, 1):
            raise TypeError("The worklist is read a page (a slice) at a time.")
        start, stop, _ = index.indices(self.count())
        ids = self.ids(start, stop)
        rows = self.submissions.in_bulk(ids)
        return [rows[pk] for pk in ids if pk in rows]

    def position(self, submission):
        """Where `submission` stands in the queue, or None when the filters leave it out."""
        if not self.submissions.filter(pk=submission.pk).exists():
            return None
        if submission.pk in self.urgent:
            part_index = 0
            ahead = list(self.parts()[0].values_list("pk", flat=True)).index(submission.pk)
        else:
            part_index = 1 if submission.status == ApplicationStatus.NEW else 2
            later = Q(submit_time__gt=submission.submit_time) | Q(
                submit_time=submission.submit_time, pk__gt=submission.pk
            )
            ahead = self.parts()[part_index].filter(later).count()
        return sum(self.part_counts()[:part_index]) + ahead


def worklist(filters):
    submissions = ApplicationSubmission.objects.select_related("page", "assignee")
    urgent = urgent_ids(ApplicationSubmission.objects.all())
    return Queue(filtered(submissions, filters, urgent), urgent)


def as_text(answer):
    if isinstance(answer, list):
        return ", ".join(str(item) for item in answer)
    return "" if answer is None else str(answer)


def name_fields_by_page(page_ids):
    """{page id: [names of the questions that hold the applicant's name]}, in one query."""
    names = {}
    fields = ApplicationFormField.objects.filter(
        page_id__in=page_ids, autocomplete__in=["given-name", "family-name", "name"]
    ).order_by("sort_order")
    for page_id, clean_name in fields.values_list("page_id", "clean_name"):
        names.setdefault(page_id, []).append(clean_name)
    return names


@dataclass
class WorklistRow:
    submission: ApplicationSubmission
    name: str
    contact_preference: str
    pain_areas: str

    @property
    def readable(self):
        return self.submission.is_readable


def rows_for(submissions):
    submissions = list(submissions)
    name_fields = name_fields_by_page({submission.page_id for submission in submissions})
    rows = []
    for submission in submissions:
        answers = submission.form_data if submission.is_readable else {}
        name = " ".join(
            as_text(answers.get(field)) for field in name_fields.get(submission.page_id, [])
        ).strip()
        rows.append(
            WorklistRow(
                submission=submission,
                name=name or f"Application {submission.pk}",
                contact_preference=as_text(answers.get(CONTACT_PREFERENCE)),
                pain_areas=as_text(answers.get(PAIN_AREAS)),
            )
        )
    return rows


@dataclass
class GivenAnswer:
    label: str
    answer: str
    is_warning_sign: bool
    download_url: str = ""  # an attached file's, for the desk to open it


def answers_as_given(submission):
    """GivenAnswers in the order and wording of the form the patient filled in.

    Applications stored before the questions were kept with them take today's labels.
    """
    answers = submission.form_data
    questions = answers.get(QUESTIONS_KEY)
    if not questions:
        questions = list(
            ApplicationFormField.objects.filter(page_id=submission.page_id)
            .order_by("sort_order")
            .values_list("clean_name", "label", "field_type")
        )
    today = timezone.localdate()
    downloads = uploads.download_urls(submission)
    return [
        GivenAnswer(
            label,
            shown_answer(field_type, answers.get(name), today),
            field_type == "warningsigns",
            downloads.get(name, ""),
        )
        for name, label, field_type in questions
    ]


STATE_NAMES = dict(STATE_CHOICES)


def shown_answer(field_type, answer, today):
    """An answer as the desk reads it: a date in words ("April 27, 1961"), a date of
    birth with the age it gives today, a state by its name ("Florida (FL)"); anything
    else, and a date that does not read as one, as stored. Exports keep the stored
    values (ISO dates, state codes)."""
    text = as_text(answer)
    if field_type == "usstate" and text in STATE_NAMES:
        return f"{STATE_NAMES[text]} ({text})"
    if field_type not in ("date", "birthdate", "injurydate") or not isinstance(answer, str):
        return text
    try:
        day = datetime.date.fromisoformat(answer)
    except ValueError:
        return text
    words = f"{day:%B} {day.day}, {day.year}"
    if field_type != "birthdate":
        return words
    age = today.year - day.year - ((today.month, today.day) < (day.month, day.day))
    return f"{words} (age {age})"


def neighbours(submission, filters):
    """(previous id, next id) of `submission` in the worklist as filtered."""
    queue = worklist(filters)
    position = queue.position(submission)
    if position is None:
        return None, None
    around = queue.ids(max(position - 1, 0), position + 2)
    previous_id = around[0] if position > 0 else None
    following = around[2:] if position > 0 else around[1:]
    return previous_id, (following[0] if following else None)
