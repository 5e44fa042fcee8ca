"""What the fuzz tests send: hostile text with traceable markers, page numbers, paths.

Every marker starts with an HTML-special character right before "x-fuzz", so a page that
escapes what it echoes shows "&lt;x-fuzz", "&quot;x-fuzz"..., and one that does not
shows RAW_MARKER. No page of the site contains "x-fuzz" on its own.
"""

import re
import string
from urllib.parse import quote

from hypothesis import strategies as st

RAW_MARKER = re.compile(r"""[<>"']x-fuzz""")

markers = st.builds(
    "{}x-fuzz-{}{}".format,
    st.sampled_from(["<", '"', "'", ">", '"><', "'><", "</title><"]),
    st.text(alphabet=string.ascii_lowercase + string.digits, min_size=1, max_size=6),
    st.sampled_from(["", ">", " onload=1>", "/>", '"', "'", '="1"']),
)

# Strings known to upset parsers, number conversions, search syntax or file paths.
NASTY_STRINGS = [
    "",
    " ",
    "\x00",
    "%00",
    "%",
    "\\",
    "../../../etc/passwd",
    "..%2f..%2fetc%2fpasswd",
    "{{ request }}",
    "{% debug %}",
    "${7*7}",
    "' OR 1=1 --",
    '"',
    "*",
    "AND",
    "OR NOT",
    'NEAR("a" "b")',
    "^",
    "-",
    "(",
    ")",
    ":",
    "\u202e",
    "\ufeff",
    "\u200b",
    "𝕏",
    "😀",
    "\r\n",
]

# Page numbers in the forms people and robots send them, and those that break int().
page_numbers = st.one_of(
    st.integers(min_value=-10, max_value=12).map(str),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.sampled_from(
        [
            "",
            "0",
            "1.0",
            "2.5",
            "1e3",
            "nan",
            "inf",
            "-0",
            "+2",
            " 2",
            "2 ",
            "0x10",
            "1_000",
            "²",  # a digit to str.isdigit(), not to int()
            "٣",  # Arabic-Indic three: int() reads it
            "１",  # fullwidth one
            "9" * 5000,  # past Python's limit on digits int() converts
            "last",
            "null",
        ]
    ),
)

plain_text = st.text(max_size=40)

# Text that carries a marker, for the values whose escaping the tests check.
marked_text = st.builds("{}{}{}".format, plain_text, markers, plain_text)

hostile_text = st.one_of(
    plain_text,
    st.sampled_from(NASTY_STRINGS),
    marked_text,
    st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=10),
    st.builds(
        lambda text, times: text * times, st.text(min_size=1, max_size=5), st.integers(1, 3000)
    ),
    page_numbers,
)

query_values = st.one_of(hostile_text, marked_text)


def query_params(known, at_most=3):
    """A query string's parameters: up to `at_most` of the known ones with any value (one
    wrong value already ends most requests early), plus stray ones."""

    def one_or_repeated(values):
        return st.one_of(values, st.lists(values, max_size=3))

    known_params = st.just({})
    if known:
        known_params = st.sets(st.sampled_from(sorted(known)), max_size=at_most).flatmap(
            lambda names: st.fixed_dictionaries(
                {name: one_or_repeated(known[name]) for name in sorted(names)}
            )
        )
    stray = st.dictionaries(
        st.one_of(st.sampled_from(["page", "q", "format"]), hostile_text), query_values, max_size=2
    )
    return st.builds(lambda stray, known: {**stray, **known}, stray, known_params)


def quoted(segment):
    return quote(segment.encode(), safe="")


def unquoted(segment):
    """As typed into an address bar: only what would end the path is left out."""
    return re.sub("[/?#]", "", segment)


path_segments = st.one_of(
    st.from_regex(r"[a-z0-9-]{1,30}", fullmatch=True),
    st.builds(quoted, hostile_text),
    st.builds(quoted, marked_text),
    st.builds(unquoted, marked_text),
    st.sampled_from(["..", ".", "%2e%2e", "%2F", "%00", "~", "index.html", "thank-you", "tag"]),
)
