"""
Importing an existing exercise article into a draft routine and draft exercises:
normalise.py reads text, HTML or a Word document into lines; article.py reads the lines
into a proposal (with the dose from dose_parser.py); forms.py and views.py are the
admin's import and review screens; create.py makes the drafts.
"""
