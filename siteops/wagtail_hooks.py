from laces.components import Component
from wagtail import hooks

from siteops.queue_status import queue_status


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
