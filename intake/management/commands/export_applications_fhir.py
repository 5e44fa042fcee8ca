"""Write New Patient Applications as one FHIR R4 Bundle (JSON) to standard output."""

from django.core.management.base import BaseCommand, CommandError

from intake import fhir
from intake.models import ApplicationSubmission


class Command(BaseCommand):
    help = (
        "Print a FHIR R4 Bundle of New Patient Applications: a QuestionnaireResponse per "
        "application and a Questionnaire per form as it was when they applied. Every "
        "application, or only those of --ids. Example: "
        "manage.py export_applications_fhir --ids 12 15 > bundle.json"
    )

    def add_arguments(self, parser):
        parser.add_argument("--ids", nargs="+", type=int, help="Only these applications.")

    def handle(self, *args, ids=None, **options):
        submissions = ApplicationSubmission.objects.order_by("pk").prefetch_related("uploads")
        if ids:
            submissions = submissions.filter(pk__in=ids)
            missing = sorted(set(ids) - set(submissions.values_list("pk", flat=True)))
            if missing:
                raise CommandError(f"No application with id {', '.join(map(str, missing))}.")
        document, unreadable = fhir.export(submissions)
        self.stdout.write(document)
        if unreadable:
            self.stderr.write(
                f"{len(unreadable)} application(s) cannot be read with the current keys and "
                f"were left out: {', '.join(map(str, unreadable))}."
            )
