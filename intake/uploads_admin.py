"""The admin's download of a patient's uploaded file: intake staff only, audited."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from . import audit
from .admin_views import forbidden
from .permissions import can_view_applications
from .uploads import ApplicationUpload


def download_upload(request, upload_id):
    if not can_view_applications(request.user):
        return forbidden(request)
    uploads = ApplicationUpload.objects.select_related("submission__page")
    upload = get_object_or_404(uploads, pk=upload_id)
    content = upload.read()
    if content is None:
        return TemplateResponse(
            request, "intake/admin/upload_unreadable.html", {"upload": upload}, status=410
        )
    audit.record(
        upload.submission.page,
        audit.DOWNLOADED_UPLOAD,
        user=request.user,
        count=1,
        application=upload.submission_id,
    )
    response = HttpResponse(content, content_type=upload.content_type)
    response["Content-Disposition"] = f'attachment; filename="{upload.download_name()}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
