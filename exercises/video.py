"""
An exercise's video: an uploaded file (wagtailmedia) with its captions, or a link. A
YouTube or Vimeo link is shown as a facade that loads the player only when the reader
presses play (js/video.js), from YouTube's no-cookie domain and with Vimeo's "do not
track": the page makes no request to either before that.

The player is a frame from another site, so a page that places one says so on its
response for the host's Content Security Policy, in django-csp's per-response way
(`response._csp_update`); a host without django-csp ignores the attribute.
"""

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

_YOUTUBE_ID = r"(?P<id>[A-Za-z0-9_-]{11})"
_YOUTUBE = [
    re.compile(
        rf"^https?://(?:www\.|m\.)?youtube(?:-nocookie)?\.com/(?:embed|shorts|live)/{_YOUTUBE_ID}"
    ),
    re.compile(rf"^https?://(?:www\.|m\.)?youtube\.com/watch\?(?:.*&)?v={_YOUTUBE_ID}"),
    re.compile(rf"^https?://youtu\.be/{_YOUTUBE_ID}"),
]
_VIMEO = re.compile(
    r"^https?://(?:www\.|player\.)?vimeo\.com/(?:video/)?(?P<id>\d{6,12})(?:[/?#]|$)"
)

YOUTUBE_PLAYER = "https://www.youtube-nocookie.com"
VIMEO_PLAYER = "https://player.vimeo.com"


@dataclass(frozen=True)
class VideoLink:
    """A link to a video on a site whose player can be placed in the page."""

    provider: str
    embed_url: str

    @property
    def frame_origin(self):
        parts = urlsplit(self.embed_url)
        return f"{parts.scheme}://{parts.netloc}"


def video_link(url):
    """The player of a YouTube or Vimeo link; None for any other link."""
    url = (url or "").strip()
    for pattern in _YOUTUBE:
        if match := pattern.match(url):
            return VideoLink("YouTube", f"{YOUTUBE_PLAYER}/embed/{match['id']}?autoplay=1&rel=0")
    if match := _VIMEO.match(url):
        return VideoLink("Vimeo", f"{VIMEO_PLAYER}/video/{match['id']}?autoplay=1&dnt=1")
    return None


def frame_origins(exercises):
    """The players' origins the given exercises' videos need, sorted (for the policy)."""
    origins = set()
    for exercise in exercises:
        link = None if exercise.video_id else video_link(exercise.video_url)
        if link is not None:
            origins.add(link.frame_origin)
    return sorted(origins)


def allow_frames(response, origins):
    """Let the response place frames from `origins` (django-csp's per-response update)."""
    if origins:
        update = getattr(response, "_csp_update", None) or {}
        update["frame-src"] = [*update.get("frame-src", []), *origins]
        response._csp_update = update
    return response
