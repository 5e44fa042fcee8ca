from laces.components import Component
from wagtail import hooks

from siteops.page_cache import record_page_versions
from siteops.queue_status import queue_status
from siteops.routing_cache import remember


class WorkerPanel(Component):
    """On a superuser's dashboard: the worker's last run, waiting and failed tasks."""

    name = "background_worker"
    order = 50
    template_name = "siteops/worker_panel.html"

    def get_context_data(self, parent_context):
        return {"status": queue_status()}


@hooks.register("construct_homepage_panels")
def add_worker_panel(request, panels):
    if request.user.is_superuser:
        panels.append(WorkerPanel())


@hooks.register("before_serve_page")
def note_the_page_for_the_page_cache(page, request, serve_args, serve_kwargs):
    record_page_versions(request, page)


@hooks.register("before_serve_page")
def keep_the_route_for_the_next_view(page, request, serve_args, serve_kwargs):
    remember(page, request, serve_args, serve_kwargs)
