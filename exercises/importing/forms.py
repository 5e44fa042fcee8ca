"""
The two forms of "Exercises → Import an article": the article (pasted or uploaded, and
where its pages go), then the review of what the importer proposes, where the editor
unticks or renames items before anything is saved.
"""

import datetime

from django import forms
from django.core import signing

from ..blocks import MODIFICATION_KINDS
from ..dose import Dose
from .article import Proposal
from .normalise import lines_from_paste, lines_from_upload

UPLOAD_EXTENSIONS = ("docx", "html", "htm", "txt")
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
PROPOSAL_SALT = "exercises.importing.proposal"
PROPOSAL_MAX_AGE = 24 * 60 * 60


class ParentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_admin_display_title()


class ArticleForm(forms.Form):
    text = forms.CharField(
        label="Paste the article",
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="The text or the HTML of the article, as copied from the old website.",
    )
    file = forms.FileField(
        label="Or upload a file",
        required=False,
        help_text="A Word document (.docx), a web page (.html) or a text file (.txt).",
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.html,.htm,.txt"}),
    )
    library = ParentChoiceField(
        queryset=None, label="New exercises go into", empty_label=None, required=True
    )
    routine_index = ParentChoiceField(
        queryset=None, label="The routine goes into", empty_label=None, required=True
    )

    def __init__(self, *args, libraries, routine_indexes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["library"].queryset = libraries
        self.fields["routine_index"].queryset = routine_indexes

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None:
            return None
        extension = upload.name.lower().rpartition(".")[2]
        if extension not in UPLOAD_EXTENSIONS:
            raise forms.ValidationError(
                "Upload a .docx, .html or .txt file; for another kind, paste its text."
            )
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The file is larger than 5 MB: paste its text instead.")
        return upload

    def clean(self):
        cleaned = super().clean()
        text = (cleaned.get("text") or "").strip()
        upload = cleaned.get("file")
        if self.errors:
            return cleaned
        if bool(text) == bool(upload):
            raise forms.ValidationError("Paste the article or upload a file (one of the two).")
        try:
            if upload:
                cleaned["lines"] = lines_from_upload(upload.name, upload.read())
                cleaned["source"] = upload.name
            else:
                cleaned["lines"] = lines_from_paste(text)
                cleaned["source"] = "pasted text"
        except Exception as error:  # mammoth and zipfile raise many kinds for a broken file
            raise forms.ValidationError(
                f"This file could not be read ({type(error).__name__}): is it a Word "
                "document saved as .docx? You can also paste its text."
            ) from error
        if not cleaned["lines"]:
            raise forms.ValidationError("There is no text in it to import.")
        return cleaned


def sign_proposal(proposal, **extra):
    return signing.dumps(
        {"proposal": proposal.to_dict(), **extra}, salt=PROPOSAL_SALT, compress=True
    )


def unsign_proposal(token):
    """The proposal and what was signed with it; raises signing.BadSignature."""
    data = signing.loads(token, salt=PROPOSAL_SALT, max_age=PROPOSAL_MAX_AGE)
    return Proposal.from_dict(data.pop("proposal")), data


class ReviewForm(forms.Form):
    """What the editor keeps of a proposal: a tick and a name for each section and exercise."""

    proposal = forms.CharField(widget=forms.HiddenInput)
    title = forms.CharField(label="Routine title", max_length=255)
    intro = forms.CharField(
        label="Intro",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="A short standfirst under the title, also used in article lists.",
    )
    byline = forms.CharField(label="Byline", max_length=120, required=False)
    last_reviewed = forms.DateField(
        label="Last reviewed or updated",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, proposal, **kwargs):
        super().__init__(*args, **kwargs)
        self.proposal = proposal
        for index, section in enumerate(proposal.sections):
            if section.heading:
                self.fields[f"section_{index}_keep"] = forms.BooleanField(
                    label="Keep this section's text",
                    required=False,
                    initial=True,
                    help_text="Its exercises have their own ticks.",
                )
                self.fields[f"section_{index}_heading"] = forms.CharField(
                    label="Heading", max_length=200, initial=section.heading
                )
        for index, exercise in enumerate(proposal.exercises):
            self.fields[f"exercise_{index}_keep"] = forms.BooleanField(
                label="Import this exercise", required=False, initial=True
            )
            self.fields[f"exercise_{index}_title"] = forms.CharField(
                label="Name", max_length=255, initial=exercise.title
            )
            if exercise.match:
                self.fields[f"exercise_{index}_reuse"] = forms.BooleanField(
                    label=f"Use the library's “{exercise.match['title']}” instead of a new one",
                    required=False,
                    initial=True,
                )

    @classmethod
    def initial_for(cls, proposal):
        date = proposal.last_reviewed or datetime.date.today().isoformat()
        return {
            "title": proposal.title,
            "intro": proposal.intro,
            "byline": proposal.byline,
            "last_reviewed": date,
        }

    def sections(self):
        """Each section with its fields and its exercises, for the review template."""
        rows = []
        for index, section in enumerate(self.proposal.sections):
            exercises = []
            for block in section.blocks:
                if block["type"] == "exercise":
                    number = block["exercise"]
                    exercises.append(self.exercise_row(number))
            rows.append(
                {
                    "section": section,
                    "keep": self[f"section_{index}_keep"] if section.heading else None,
                    "heading": self[f"section_{index}_heading"] if section.heading else None,
                    "other_blocks": [b for b in section.blocks if b["type"] != "exercise"],
                    "exercises": exercises,
                }
            )
        return rows

    def exercise_row(self, number):
        exercise = self.proposal.exercises[number]
        reuse = f"exercise_{number}_reuse"
        return {
            "number": number + 1,
            "exercise": exercise,
            "keep": self[f"exercise_{number}_keep"],
            "title": self[f"exercise_{number}_title"],
            "reuse": self[reuse] if reuse in self.fields else None,
            "dose": Dose.from_values(exercise.dose).summary,
            "tips": [
                {**tip, "kind_label": dict(MODIFICATION_KINDS).get(tip["kind"], "")}
                for tip in exercise.modifications
            ],
        }

    def reviewed(self):
        """The proposal as the editor left it: unticked items out, names as typed."""
        data = self.cleaned_data
        proposal = self.proposal
        proposal.title = data["title"]
        proposal.intro = data["intro"]
        proposal.byline = data["byline"]
        proposal.last_reviewed = data["last_reviewed"].isoformat()
        kept = {}
        exercises = []
        for index, exercise in enumerate(proposal.exercises):
            if not data[f"exercise_{index}_keep"]:
                continue
            exercise.title = data[f"exercise_{index}_title"]
            if exercise.match and not data.get(f"exercise_{index}_reuse"):
                exercise.match = None
            kept[index] = len(exercises)
            exercises.append(exercise)
        sections = []
        for index, section in enumerate(proposal.sections):
            if section.heading and not data[f"section_{index}_keep"]:
                # Its text is left out; its exercises have their own ticks.
                section.heading = ""
                section.blocks = [b for b in section.blocks if b["type"] == "exercise"]
            elif section.heading:
                section.heading = data[f"section_{index}_heading"]
            blocks = []
            for block in section.blocks:
                if block["type"] != "exercise":
                    blocks.append(block)
                elif block["exercise"] in kept:
                    blocks.append({**block, "exercise": kept[block["exercise"]]})
            section.blocks = blocks
            sections.append(section)
        proposal.exercises = exercises
        proposal.sections = sections
        return proposal
