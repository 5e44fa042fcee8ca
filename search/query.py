"""What a reader typed into a search box, made into words every search backend takes."""

from exercises.text import without_nul

QUERY_MAX_LENGTH = 200


def tidy_query(text):
    """The query as it is shown back to the reader: no NUL, single spaces, 200 characters."""
    return " ".join(without_nul(text).split())[:QUERY_MAX_LENGTH]


def search_terms(text):
    """
    The words to search for, "" when there are none. Without quotes: the SQLite backend
    quotes each word without escaping a quote inside it, so `back"` was a syntax error,
    and words match the same without them.
    """
    return " ".join(tidy_query(text).replace('"', " ").split())
