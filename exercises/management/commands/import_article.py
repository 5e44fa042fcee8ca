"""
manage.py import_article FILE [--dry-run] [--json] [--library ID] [--routines ID] [--user NAME]

The importer of "Exercises → Import an article", for scripts and bulk moves: reads a
.docx, .html or .txt article and creates a draft routine and draft exercises (never
published), reusing the library's exercises of the same name. `--dry-run --json` prints
the proposal instead, with the models' field names.
"""

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from exercises.importing.article import read_article
from exercises.importing.create import create_drafts, match_library
from exercises.importing.forms import UPLOAD_EXTENSIONS
from exercises.importing.normalise import lines_from_upload
from exercises.models import ExerciseIndexPage, RoutineIndexPage


def only_page(model, pk, option):
    pages = model.objects.all()
    if pk is not None:
        page = pages.filter(pk=pk).first()
        if page is None:
            raise CommandError(f"No {model._meta.verbose_name} has the id {pk}.")
        return page
    found = list(pages[:2])
    if len(found) != 1:
        raise CommandError(
            f"There are {len(found) if len(found) < 2 else 'several'} "
            f"{model._meta.verbose_name} pages: name one with {option} ID."
        )
    return found[0]


class Command(BaseCommand):
    help = (
        "Import an exercise article (.docx, .html or .txt) as a draft routine and draft "
        "exercises, never published. New exercises go into the exercise library and the "
        "routine into the routine index: the only one of each, or the pages given with "
        "--library and --routines. Exercises the library already has by name are reused. "
        "--dry-run saves nothing; with --json it prints the proposal as JSON."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The article: a .docx, .html or .txt file.")
        parser.add_argument("--dry-run", action="store_true", help="Save nothing.")
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="Print the proposal as JSON."
        )
        parser.add_argument("--library", type=int, help="Page id of the exercise library.")
        parser.add_argument("--routines", type=int, help="Page id of the routine index.")
        parser.add_argument("--user", help="Username the drafts and the log entry name.")

    def handle(self, *args, file, dry_run, as_json, library, routines, user, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {file}")
        if path.suffix.lower().lstrip(".") not in UPLOAD_EXTENSIONS:
            raise CommandError("The article must be a .docx, .html, .htm or .txt file.")
        library_page = only_page(ExerciseIndexPage, library, "--library")
        routine_index = only_page(RoutineIndexPage, routines, "--routines")
        author = None
        if user:
            author = get_user_model().objects.filter(username=user).first()
            if author is None:
                raise CommandError(f"No user is called {user}.")
        try:
            lines = lines_from_upload(path.name, path.read_bytes())
        except Exception as error:  # a broken .docx raises many kinds
            raise CommandError(f"{path.name} could not be read: {error}") from error
        proposal = match_library(read_article(lines), library_page)
        if as_json:
            self.stdout.write(json.dumps(proposal.to_dict(), ensure_ascii=False, indent=2))
        else:
            self.describe(proposal)
        if dry_run:
            return
        try:
            routine, created, reused = create_drafts(
                proposal,
                library=library_page,
                routine_index=routine_index,
                user=author,
                source=path.name,
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stderr.write(
            f"Draft routine “{routine.title}” (page {routine.pk}): {len(created)} new draft "
            f"exercises, {len(reused)} reused from the library. Nothing was published."
        )

    def describe(self, proposal):
        self.stdout.write(f"Routine: {proposal.title}")
        for number, exercise in enumerate(proposal.exercises, start=1):
            reuse = f" (the library's, page {exercise.match['id']})" if exercise.match else ""
            self.stdout.write(
                f"  {number}. {exercise.title}{reuse}: {len(exercise.steps)} steps, "
                f"{len(exercise.modifications)} tips, dose {exercise.dose or 'not read'}"
            )
            for note in exercise.dose_notes:
                self.stdout.write(f"     ! {note}")
        for note in proposal.notes:
            self.stdout.write(f"  ! {note}")
