"""Rebuilding what the worklist knows of stored applications without opening them per
request: the search index and the urgent flag.

Run after a key rotation (the index is keyed under the first key), and by `migrate`
for applications stored before the worklist existed.
"""

from .models import ApplicationFormField, ApplicationSubmission
from .search_index import index_application
from .worklist_models import urgency_mark

BATCH_SIZE = 200


def questions_by_page():
    questions = {}
    for field in ApplicationFormField.objects.order_by("sort_order"):
        questions.setdefault(field.page_id, []).append(field)
    return questions


def reindex_applications(submissions=None):
    """Index every readable application (or those of `submissions`) again and set its
    urgent flag; returns the count."""
    if submissions is None:
        submissions = ApplicationSubmission.objects.all()
    questions = questions_by_page()
    count = 0
    for submission in submissions.order_by("pk").iterator(chunk_size=BATCH_SIZE):
        if not submission.is_readable:
            continue
        page_questions = questions.get(submission.page_id, [])
        index_application(submission, page_questions)
        urgent = any(
            submission.form_data.get(field.clean_name)
            for field in page_questions
            if field.field_type == "warningsigns"
        )
        mark = urgency_mark(submission.pk, urgent)
        if mark != submission.urgency_mark:  # new, or made under an older key
            ApplicationSubmission.objects.filter(pk=submission.pk).update(urgency_mark=mark)
        count += 1
    return count


def index_applications_stored_before_the_worklist(**kwargs):
    """After `migrate`: applications stored before the worklist existed have neither an
    urgency mark nor search digests, so the desk could not find them or see which are
    urgent. Every application stored since has a mark."""
    unindexed = ApplicationSubmission.objects.filter(urgency_mark="")
    if unindexed.exists():
        reindex_applications(unindexed)
