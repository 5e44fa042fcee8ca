"""Photos of the insurance card and the referral: checked, sealed on disk outside MEDIA,
read only by intake staff, gone with their application."""

import datetime
import io
import secrets
import time

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from wagtail.models import PageLogEntry

from intake import audit, held_uploads, spam
from intake.held_uploads import HELD_HOURS, HeldUpload
from intake.models import ApplicationSubmission
from intake.permissions import INTAKE_GROUP
from intake.uploads import ApplicationUpload
from tests.application_factories import make_user, post_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("uploads_dir")]

CARD = "photo_of_your_insurance_card"
REFERRAL = "photo_of_your_referral_or_prescription"
MARKER = b"MEMBER-ID-XGH-7731-LOPEZ"


def photo(image_format="JPEG", name="card.jpg"):
    output = io.BytesIO()
    Image.new("RGB", (64, 40), "navy").save(output, image_format)
    return SimpleUploadedFile(name, output.getvalue())


def pdf():
    content = b"%PDF-1.4\n1 0 obj << /Title (" + MARKER + b") >> endobj\n%%EOF\n"
    return SimpleUploadedFile("referral.pdf", content, content_type="application/pdf")


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def send(client, page, **files):
    return client.post(page.url, {**post_data(page), **files})


def error_for(response, name):
    error = soup(response).find(id=f"id_{name}-error")
    return error.get_text(" ", strip=True) if error else None


def test_the_form_asks_for_the_photos_with_a_label_and_sends_files(client, page):
    form = soup(client.get(page.url)).find("form", id="application-form")
    assert form["enctype"] == "multipart/form-data"
    for name in (CARD, REFERRAL):
        control = form.find("input", attrs={"name": name})
        assert control["type"] == "file"
        assert control["accept"] == "image/*,.heic,application/pdf"
        assert form.find("label", attrs={"for": control["id"]})
        assert "10 MB" in form.find(id=f"{control['id']}-hint").get_text()


def test_attached_files_are_stored_sealed_and_outside_media(client, page, uploads_dir):
    response = send(client, page, **{CARD: photo(), REFERRAL: pdf()})
    assert response.status_code == 302
    submission = ApplicationSubmission.objects.get()
    answers = submission.form_data
    assert answers[CARD].startswith("Attached: JPEG photo")
    assert answers[REFERRAL].startswith("Attached: PDF")
    stored = {upload.field_name: upload for upload in submission.uploads.all()}
    assert stored[CARD].content_type == "image/jpeg"
    assert stored[REFERRAL].read().startswith(b"%PDF-1.4")
    files = list(uploads_dir.iterdir())
    assert len(files) == 2
    for file in files:
        raw = file.read_bytes()
        assert MARKER not in raw and b"%PDF" not in raw and b"\xff\xd8\xff" not in raw
        assert file.stat().st_mode & 0o077 == 0
    media = [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()]
    assert not any(MARKER in p.read_bytes() for p in media)


def test_an_iphone_heic_photo_is_kept_as_a_jpeg_the_desk_can_open(client, page):
    assert send(client, page, **{CARD: photo("HEIF", "IMG_0042.HEIC")}).status_code == 302
    upload = ApplicationUpload.objects.get()
    assert upload.content_type == "image/jpeg"
    assert upload.read().startswith(b"\xff\xd8\xff")


@override_settings(APPLICATION_UPLOAD_MAX_BYTES=2000)
def test_a_file_too_big_is_refused_plainly_and_every_answer_stays(client, page, uploads_dir):
    big = SimpleUploadedFile("card.pdf", b"%PDF-1.4\n" + b"0" * 5000)
    response = send(client, page, **{CARD: big, REFERRAL: pdf()})
    assert response.status_code == 200
    assert "This file is 4.9\xa0KB: choose one of 2.0\xa0KB or less" in error_for(response, CARD)
    html = soup(response)
    assert html.find("input", attrs={"name": "city"})["value"] == "Jacksonville"
    # The good file is kept for the form sent again, sealed; the refused one is not.
    assert html.find(id=f"id_{REFERRAL}-kept").get_text() == (
        "referral.pdf — kept; choose another to replace it."
    )
    assert html.find(id=f"id_{CARD}-kept") is None
    assert not ApplicationSubmission.objects.exists() and not ApplicationUpload.objects.exists()
    (held,) = uploads_dir.iterdir()
    assert MARKER not in held.read_bytes() and b"%PDF" not in held.read_bytes()


@pytest.mark.parametrize(
    "name, content",
    [
        ("card.jpg", b"just some text, named like a photo"),
        ("referral.pdf", b"<html><script>alert(1)</script></html>"),
        ("card.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40),  # a broken image
    ],
)
def test_a_file_that_is_no_photo_or_pdf_is_refused_whatever_its_name(client, page, name, content):
    response = send(client, page, **{CARD: SimpleUploadedFile(name, content)})
    assert response.status_code == 200
    assert error_for(response, CARD) == (
        "Error: This file is not a photo or a PDF: choose a photo (JPEG, PNG or HEIC) or a PDF"
    )
    assert not ApplicationSubmission.objects.exists()


def download_url(upload):
    return reverse("intake_application_upload", args=(upload.pk,))


def test_intake_staff_download_the_file_and_it_is_audited(client, page):
    send(client, page, **{REFERRAL: pdf()})
    upload = ApplicationUpload.objects.get()
    user = make_user("desk", groups=[INTAKE_GROUP])
    client.force_login(user)
    listing = client.get(reverse("wagtailforms:list_submissions", args=(page.pk,)))
    link = soup(listing).find("a", href=download_url(upload))
    assert link.get_text().startswith("Attached: PDF")
    response = client.get(download_url(upload))
    assert response.status_code == 200
    assert response.content == pdf().read()
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="application-{upload.submission_id}-{REFERRAL}.pdf"'
    )
    assert "no-store" in response["Cache-Control"]
    entry = PageLogEntry.objects.get(action=audit.DOWNLOADED_UPLOAD)
    assert entry.user == user and entry.data["application"] == upload.submission_id


@pytest.mark.parametrize("group", ["Editors", "Moderators"])
def test_editors_and_moderators_cannot_download(client, page, group):
    send(client, page, **{REFERRAL: pdf()})
    client.force_login(make_user("someone", groups=[group]))
    response = client.get(download_url(ApplicationUpload.objects.get()))
    assert response.status_code == 403
    assert MARKER not in response.content


def test_a_visitor_is_sent_to_sign_in(client, page):
    send(client, page, **{REFERRAL: pdf()})
    client.cookies.clear()
    response = client.get(download_url(ApplicationUpload.objects.get()))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_deleting_the_application_deletes_its_files(
    client, page, uploads_dir, django_capture_on_commit_callbacks
):
    send(client, page, **{CARD: photo(), REFERRAL: pdf()})
    client.force_login(make_user("lead", groups=["Intake lead"]))
    submission = ApplicationSubmission.objects.get()
    delete_url = reverse("wagtailforms:delete_submissions", args=(page.pk,))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{delete_url}?selected-submissions={submission.pk}")
    assert not ApplicationSubmission.objects.exists()
    assert not ApplicationUpload.objects.exists()
    assert list(uploads_dir.iterdir()) == []


def test_the_retention_purge_deletes_old_files_and_keeps_recent_ones(
    client, page, uploads_dir, django_capture_on_commit_callbacks
):
    send(client, page, **{CARD: photo()})
    send(client, page, **{REFERRAL: pdf()})
    old = ApplicationSubmission.objects.order_by("pk").first()
    ApplicationSubmission.objects.filter(pk=old.pk).update(
        submit_time=old.submit_time - datetime.timedelta(days=400)
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_applications", days=365, stdout=io.StringIO())
    kept = ApplicationUpload.objects.get()
    assert kept.field_name == REFERRAL
    assert [file.name for file in uploads_dir.iterdir()] == [kept.stored_name]


NEW_KEY = "a-new-application-key-for-the-rotation-test"


def rotate_to_a_new_key():
    """`rotate_application_key` to NEW_KEY, today's key kept as the fallback; its output."""
    out = io.StringIO()
    with override_settings(
        APPLICATION_ENCRYPTION_KEY=NEW_KEY,
        APPLICATION_ENCRYPTION_KEY_FALLBACKS=[settings.APPLICATION_ENCRYPTION_KEY],
    ):
        call_command("rotate_application_key", stdout=out)
    return out.getvalue()


def new_key_only():
    """The settings once the old key is retired."""
    return override_settings(
        APPLICATION_ENCRYPTION_KEY=NEW_KEY, APPLICATION_ENCRYPTION_KEY_FALLBACKS=[]
    )


def test_key_rotation_seals_the_files_again_under_the_new_key(client, page, uploads_dir):
    send(client, page, **{REFERRAL: pdf()})
    upload = ApplicationUpload.objects.get()
    before = upload.path.read_bytes()
    assert "Re-encrypted 1 uploaded file(s)" in rotate_to_a_new_key()
    assert upload.path.read_bytes() != before
    with new_key_only():
        assert upload.read() == pdf().read()
    assert upload.read() is None  # the old key alone no longer opens it


def test_the_desk_opens_an_attached_file_from_the_application_s_page(client, page):
    send(client, page, **{CARD: photo()}, **{REFERRAL: pdf()})
    submission = ApplicationSubmission.objects.get()
    desk = Client()
    desk.force_login(make_user("desk-files", groups=[INTAKE_GROUP]))
    detail = soup(desk.get(reverse("intake_application", args=(submission.pk,))))
    links = {a.get_text(): a["href"] for a in detail.select(".application__answers a")}
    card = next(href for text, href in links.items() if text.startswith("Attached: JPEG photo"))
    referral = next(href for text, href in links.items() if text.startswith("Attached: PDF"))
    assert desk.get(card).content.startswith(b"\xff\xd8\xff")
    assert desk.get(referral).content.startswith(b"%PDF-1.4")


def send_back_with_an_error(client, page, token, **files):
    """A form whose last name is missing: it comes back, every answer kept."""
    response = client.post(page.url, {**post_data(page, token=token, last_name=""), **files})
    assert response.status_code == 200 and error_for(response, "last_name")
    return response


def test_files_chosen_on_a_form_sent_back_are_kept_until_it_is_sent(
    client, page, uploads_dir, django_capture_on_commit_callbacks
):
    token = secrets.token_urlsafe(24)
    response = send_back_with_an_error(
        client, page, token, **{CARD: photo(name="insurance-card.jpg")}
    )
    html = soup(response)
    kept = html.find(id=f"id_{CARD}-kept")
    assert kept.get_text() == "insurance-card.jpg — kept; choose another to replace it."
    assert kept["id"] in html.find("input", attrs={"name": CARD})["aria-describedby"]
    assert html.find(id=f"id_{REFERRAL}-kept") is None
    # The file's name is sealed with the file: the database does not hold it.
    with connection.cursor() as cursor:
        cursor.execute("SELECT sealed_name FROM intake_heldupload")
        assert b"insurance-card" not in str(cursor.fetchall()).encode()

    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(page.url, post_data(page, token=token))

    assert sent.status_code == 302
    upload = ApplicationUpload.objects.get()
    assert upload.field_name == CARD and upload.read().startswith(b"\xff\xd8\xff")
    assert ApplicationSubmission.objects.get().form_data[CARD].startswith("Attached: JPEG photo")
    assert not HeldUpload.objects.exists()
    assert [path.name for path in uploads_dir.iterdir()] == [upload.stored_name]


def test_choosing_another_file_on_the_form_sent_back_replaces_the_kept_one(client, page):
    token = secrets.token_urlsafe(24)
    send_back_with_an_error(client, page, token, **{CARD: photo()})

    sent = client.post(page.url, {**post_data(page, token=token), CARD: pdf()})

    assert sent.status_code == 302
    assert ApplicationUpload.objects.get().read().startswith(b"%PDF-1.4")


def test_another_form_does_not_take_the_files_kept_for_one(client, page):
    send_back_with_an_error(client, page, secrets.token_urlsafe(24), **{CARD: photo()})

    assert send(client, page).status_code == 302
    assert not ApplicationUpload.objects.exists()


def test_files_kept_for_a_form_never_sent_go_with_the_retention_purge(
    client, page, uploads_dir, django_capture_on_commit_callbacks
):
    send_back_with_an_error(client, page, secrets.token_urlsafe(24), **{CARD: photo()})
    HeldUpload.objects.update(held_at=timezone.now() - datetime.timedelta(hours=HELD_HOURS + 1))

    output = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_applications", stdout=output)

    assert "1 file(s) kept for forms never sent" in output.getvalue()
    assert not HeldUpload.objects.exists() and not any(uploads_dir.iterdir())


def test_a_kept_file_that_can_no_longer_be_read_is_asked_for_again(
    client, page, uploads_dir, django_capture_on_commit_callbacks
):
    token = secrets.token_urlsafe(24)
    send_back_with_an_error(client, page, token, **{CARD: photo()})
    HeldUpload.objects.get().path.unlink()  # gone from the disk

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page.url, post_data(page, token=token))

    assert response.status_code == 200
    assert error_for(response, CARD) == (
        "Error: The file you chose before could not be kept. Please choose it again."
    )
    assert soup(response).find(id=f"id_{CARD}-kept") is None
    assert not ApplicationSubmission.objects.exists() and not HeldUpload.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(page.url, {**post_data(page, token=token), CARD: photo()})
    assert sent.status_code == 302
    assert ApplicationUpload.objects.get().field_name == CARD


def test_key_rotation_seals_the_kept_files_again_too(
    client, page, uploads_dir, django_capture_on_commit_callbacks
):
    token = secrets.token_urlsafe(24)
    send_back_with_an_error(client, page, token, **{CARD: photo(name="insurance-card.jpg")})
    assert "Re-encrypted 1 file(s) kept for forms not yet sent" in rotate_to_a_new_key()
    # The old key is then retired: the kept file and its name open under the new one.
    with new_key_only():
        kept = soup(client.post(page.url, post_data(page, token=token, last_name="")))
        assert kept.find(id=f"id_{CARD}-kept").get_text().startswith("insurance-card.jpg")
        with django_capture_on_commit_callbacks(execute=True):
            sent = client.post(page.url, post_data(page, token=token))
        assert sent.status_code == 302
        assert ApplicationUpload.objects.get().read().startswith(b"\xff\xd8\xff")


@pytest.mark.parametrize("limit", ["HELD_PER_CLIENT", "HELD_AT_MOST"])
def test_files_kept_for_forms_not_yet_sent_have_a_limit(client, page, monkeypatch, limit):
    monkeypatch.setattr(held_uploads, limit, 2)
    first, second, third = (secrets.token_urlsafe(24) for _ in range(3))
    send_back_with_an_error(client, page, first, **{CARD: photo()})
    send_back_with_an_error(client, page, second, **{CARD: photo()})
    # Choosing a file again on a form whose file is kept replaces it: no more room taken.
    again = send_back_with_an_error(client, page, first, **{CARD: photo(name="again.jpg")})
    assert soup(again).find(id=f"id_{CARD}-kept").get_text().startswith("again.jpg")

    # A third form's file is not kept, and the patient is told to choose it again.
    refused = send_back_with_an_error(client, page, third, **{CARD: photo(name="card-3.jpg")})
    assert soup(refused).find(id=f"id_{CARD}-kept") is None
    assert error_for(refused, CARD) == (
        "Error: We could not keep the file you chose (card-3.jpg) this time. "
        "Please choose it again."
    )
    assert HeldUpload.objects.count() == 2


def test_another_client_has_room_of_its_own(page, monkeypatch):
    monkeypatch.setattr(held_uploads, "HELD_PER_CLIENT", 1)
    for address in ("203.0.113.7", "198.51.100.4"):
        browser = Client(REMOTE_ADDR=address)
        send_back_with_an_error(browser, page, secrets.token_urlsafe(24), **{CARD: photo()})
    assert HeldUpload.objects.values("client_key").distinct().count() == 2


def test_files_chosen_when_the_security_check_expired_are_kept_too(page):
    browser = Client(enforce_csrf_checks=True)  # no CSRF cookie: the check fails
    token = secrets.token_urlsafe(24)

    response = browser.post(page.url, {**post_data(page, token=token), CARD: photo()})

    assert response.status_code == 403
    assert soup(response).find(id=f"id_{CARD}-kept").get_text().startswith("card.jpg — kept")
    assert HeldUpload.objects.get().field_name == CARD


def test_past_the_limit_a_form_refused_by_the_security_check_asks_for_the_file(page, monkeypatch):
    monkeypatch.setattr(held_uploads, "HELD_AT_MOST", 0)
    browser = Client(enforce_csrf_checks=True)

    response = browser.post(page.url, {**post_data(page), CARD: photo()})

    assert response.status_code == 403
    assert error_for(response, CARD).endswith("(card.jpg) this time. Please choose it again.")
    assert soup(response).find("input", attrs={"name": "last_name"})["value"]
    assert not HeldUpload.objects.exists()


@pytest.mark.parametrize("started", ["", "forged", "sent-at-once"])
def test_nothing_is_kept_for_a_form_the_site_did_not_give_out(client, page, started):
    token = secrets.token_urlsafe(24)
    signed = {
        "": "",
        "forged": "1700000000:not-signed",
        "sent-at-once": spam.sign_started(time.time(), token=token),
    }[started]
    data = {**post_data(page, token=token, last_name=""), "form_started": signed, CARD: photo()}

    response = client.post(page.url, data)

    assert response.status_code == 200
    assert not HeldUpload.objects.exists()
    assert soup(response).find(id=f"id_{CARD}-kept") is None
