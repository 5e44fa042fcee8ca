"""Keep what visitors post out of error reports, the debug page and admin error emails."""

from django.views.debug import SafeExceptionReporterFilter


class PatientDataExceptionReporterFilter(SafeExceptionReporterFilter):
    """Hides every posted value and, for a POST, every local variable of every frame.

    Django's own filter hides only what a view marks as sensitive, and nothing at all
    while DEBUG is on; a New Patient Application is sensitive from its first field to
    its last, and a developer's debug page is no place for a patient's answers either.
    """

    def get_post_parameters(self, request):
        if request is None:
            return {}
        cleansed = request.POST.copy()
        for key in cleansed:
            cleansed[key] = self.cleansed_substitute
        return cleansed

    def get_traceback_frame_variables(self, request, tb_frame):
        if request is not None and request.method == "POST":
            return [(name, self.cleansed_substitute) for name in tb_frame.f_locals]
        return super().get_traceback_frame_variables(request, tb_frame)
