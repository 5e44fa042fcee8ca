"""
An exercise's video on its page, in the routine and in the guided mode: an uploaded file
with captions, or a YouTube/Vimeo link as a facade that loads nothing from that site
until the reader presses play; no box at all without a video.
"""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtailmedia.models import Media

from exercises.video import video_link

from .factories import exercise_block, make_exercise, make_routine
from .queries import count_queries

YOUTUBE = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
OFF_SITE = ("youtube", "vimeo", "ytimg", "googlevideo")


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def requested_off_site(page_soup):
    """Addresses the browser would fetch by itself from another site: src, srcset, poster."""
    found = []
    for element in page_soup.find_all(True):
        for attribute in ("src", "srcset", "poster", "data"):
            value = element.get(attribute) or ""
            if any(name in value for name in OFF_SITE):
                found.append(f"{element.name}[{attribute}]={value}")
    return found


@pytest.mark.parametrize(
    ("url", "embed"),
    [
        (YOUTUBE, "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&rel=0"),
        ("https://youtu.be/dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://www.youtube.com/shorts/dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/"),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871?autoplay=1&dnt=1"),
    ],
)
def test_youtube_and_vimeo_links_play_from_the_privacy_minded_player(url, embed):
    assert video_link(url).embed_url.startswith(embed)


@pytest.mark.parametrize(
    "url", ["https://example.com/video.mp4", "https://www.youtube.com/@clinic", "", "vimeo.com"]
)
def test_other_links_have_no_player(url):
    assert video_link(url) is None


@pytest.fixture
def routine(library, articles):
    with_link = make_exercise(library, "Bridge", steps=("Lift your hips.",), video_url=YOUTUBE)
    without = make_exercise(library, "Heel slide", steps=("Slide your heel.",))
    return make_routine(
        articles, "Video routine", [exercise_block(without), exercise_block(with_link)]
    )


def test_a_video_link_is_a_facade_everywhere_and_nothing_loads_from_youtube(client, routine):
    without, with_link = (entry.exercise for entry in routine.exercises())
    for url in (with_link.url, routine.url, routine.url + "guide/2/"):
        page = soup(client.get(url))
        facades = page.select("[data-video-facade]")
        assert len(facades) == 1, url
        facade = facades[0]
        assert facade["data-embed-url"].startswith("https://www.youtube-nocookie.com/embed/")
        # Without the script it is a link to the video itself.
        assert facade.a["href"] == YOUTUBE
        assert "Play the video of Bridge" in facade.a.get_text()
        assert requested_off_site(page) == [], url
        assert page.find("script", src="/static/exercises/js/video.js")
    # No video, no box and no script.
    page = soup(client.get(without.url))
    assert not page.select(".exercise-video, .exercise-page__video")
    assert not page.find("script", src="/static/exercises/js/video.js")


def test_only_responses_that_place_a_player_open_frames_to_it(client, routine):
    without, with_link = (entry.exercise for entry in routine.exercises())
    nocookie = ["https://www.youtube-nocookie.com"]
    for url in (with_link.url, routine.url, routine.url + "guide/", with_link.url + "guide/"):
        assert client.get(url)._csp_update == {"frame-src": nocookie}, url
    for url in (without.url, without.url + "guide/", routine.url + "handout/"):
        assert not hasattr(client.get(url), "_csp_update"), url


def test_an_uploaded_video_plays_in_the_page_with_its_captions(client, library, articles):
    video = Media.objects.create(
        title="Bridge video",
        type="video",
        file=SimpleUploadedFile("bridge.mp4", b"\x00\x00\x00\x18ftypmp42"),
    )
    exercise = make_exercise(
        library,
        "Bridge",
        steps=("Lift your hips.",),
        video=video,
        video_url=YOUTUBE,  # the file wins over the link
        video_captions=SimpleUploadedFile("bridge.vtt", b"WEBVTT\n\n00:00.000 --> 00:02.000\nLift"),
    )
    routine = make_routine(articles, "Uploaded", [exercise_block(exercise)])
    for url in (exercise.url, routine.url, routine.url + "guide/1/"):
        page = soup(client.get(url))
        player = page.select_one(".exercise-video video")
        assert player.source["src"].endswith(".mp4") and player.source["type"] == "video/mp4"
        track = player.find("track")
        assert track["kind"] == "captions" and track["src"].endswith(".vtt")
        assert not page.select("[data-video-facade]")
        assert not hasattr(client.get(url), "_csp_update")


def test_captions_must_be_webvtt_and_go_with_a_video_file(library):
    exercise = make_exercise(library, "Bridge", steps=("Lift your hips.",))
    exercise.video_captions = SimpleUploadedFile("bridge.srt", b"1\n00:00:00,000 --> 00:00:02,000")
    with pytest.raises(ValidationError) as raised:
        exercise.full_clean()
    messages = raised.value.message_dict["video_captions"]
    assert "Captions must be a WebVTT file (.vtt)." in messages
    assert "Captions go with a video file: choose the video file too." in messages


def test_videos_cost_no_query_per_exercise(client, library, articles):
    video = Media.objects.create(
        title="Clip", type="video", file=SimpleUploadedFile("clip.mp4", b"\x00" * 16)
    )
    exercises = [
        make_exercise(library, f"Exercise {n}", steps=("Move.",), video=video, reps_min=5)
        for n in range(5)
    ]
    one = make_routine(articles, "One", [exercise_block(exercises[0])], slug="one")
    five = make_routine(articles, "Five", [exercise_block(e) for e in exercises], slug="five")
    assert count_queries(client, one.url) == count_queries(client, five.url)
    assert count_queries(client, one.url + "guide/1/") == count_queries(
        client, five.url + "guide/1/"
    )
