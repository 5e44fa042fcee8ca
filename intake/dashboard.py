"""The desk's panel on the admin dashboard: how many applications wait, and since when."""

from django.urls import reverse
from wagtail.admin.ui.components import Component

from .models import ApplicationSubmission
from .worklist_models import ApplicationStatus, urgent_ids


class WaitingApplicationsPanel(Component):
    name = "waiting_applications"
    order = 50
    template_name = "intake/admin/waiting_applications_panel.html"

    def get_context_data(self, parent_context):
        waiting = ApplicationSubmission.objects.filter(status=ApplicationStatus.NEW)
        oldest = waiting.order_by("submit_time", "pk").only("pk", "submit_time").first()
        worklist_url = reverse("intake_worklist")
        return {
            "new_count": waiting.count(),
            "urgent_count": len(urgent_ids(waiting)),
            "oldest": oldest,
            "worklist_url": worklist_url,
            "urgent_url": f"{worklist_url}?urgent=yes&status={ApplicationStatus.NEW}",
        }
