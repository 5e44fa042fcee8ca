"""The site's background tasks (Django's tasks framework, as Wagtail 8 uses it).

Run by the worker (`manage.py run_worker`): the periodic ones are enqueued by
siteops/schedule.py, the renditions of a page when it is published.
"""

import io
import logging

from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django_tasks import task
from wagtail.models import Page
from wagtail.signals import page_published

from siteops.warming import reader_client, render_page

logger = logging.getLogger(__name__)


def run_command(name, *args):
    output = io.StringIO()
    call_command(name, *args, stdout=output)
    return output.getvalue().strip()


@task()
def publish_scheduled_pages():
    """Publish and unpublish what editors scheduled (Wagtail's `publish_scheduled`)."""
    return run_command("publish_scheduled")


@task()
def purge_old_applications():
    """Delete applications past their retention (intake's `purge_applications`)."""
    return run_command("purge_applications")


@task()
def prune_task_results():
    """Forget finished tasks after a week, failed ones after a month (the admin's worker
    panel shows failures until then), so the queue's table stays small."""
    return run_command(
        "prune_db_task_results", "--min-age-days", "7", "--failed-min-age-days", "30"
    )


@task()
def make_page_renditions(page_id):
    """Render a published page once, as warm_site does, so its renditions exist."""
    page = Page.objects.live().public().filter(pk=page_id).specific().first()
    if page is None:
        return None
    site = page.get_site()
    if site is None:
        return None
    url, status = render_page(reader_client(site), page)
    if status not in (None, 200):
        logger.warning("Rendering %s after it was published answered %s", url, status)
    return status


def enqueue_renditions(sender, instance, **kwargs):
    if settings.WORKER_RENDER_ON_PUBLISH:
        page_id = instance.pk
        transaction.on_commit(lambda: make_page_renditions.enqueue(page_id))


def connect_signals():
    page_published.connect(enqueue_renditions, dispatch_uid="siteops.enqueue_renditions")
