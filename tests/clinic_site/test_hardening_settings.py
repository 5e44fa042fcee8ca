"""
Wagtail's upload, document and editor settings are in effect: documents are served by
the site with safe headers, SVG and HTML are never accepted, editors get only the
rich-text features they need, no block can put raw HTML on a page, and form help text
stays text. The admin's upload views themselves are in test_uploads.py.
"""

import json
import os

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail import blocks
from wagtail.documents import get_document_model
from wagtail.documents.forms import get_document_form
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form
from wagtail.models import Page

from tests.application_factories import build_application_site
from tests.site_factories import make_article, make_call_to_action, make_standard_page

pytestmark = pytest.mark.django_db

SCRIPTED_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40">'
    b"<script>alert(document.cookie)</script></svg>"
)

# What editors of a clinic's pages need: emphasis, links (to pages, sites, documents) and lists.
RICH_TEXT_FEATURES = {"bold", "italic", "link", "document-link", "ol", "ul"}
# The same, as the buttons the editor's toolbar is configured with.
EDITOR_CONTROLS = {
    "BOLD",
    "ITALIC",
    "LINK",
    "DOCUMENT",
    "ordered-list-item",
    "unordered-list-item",
}


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


# Documents ------------------------------------------------------------------------------


def make_document(filename, content):
    document = get_document_model()(title=filename)
    document.file = ContentFile(content, name=filename)
    document.save()
    return document


def downloaded(response):
    return b"".join(response.streaming_content)


class StorageWithoutLocalPaths(FileSystemStorage):
    """Like S3: every file has a URL, none has a path on this server."""

    def path(self, name):
        raise NotImplementedError("This storage has no local paths.")

    def _open(self, name, mode="rb"):
        return File(open(super().path(name), mode))  # noqa: SIM115 - the File closes it

    def size(self, name):
        return os.path.getsize(super().path(name))


def test_document_links_point_at_the_site_not_the_media_folder(media_root):
    document = make_document("back-care.pdf", b"%PDF-1.4\n%%EOF\n")
    assert document.url == f"/documents/{document.pk}/back-care.pdf"


def test_documents_from_remote_storage_are_still_served_by_the_site(media_root, settings, client):
    """Out of the box Wagtail redirects to a remote storage's URL, past privacy and headers."""
    content = b"%PDF-1.4\n%%EOF\n"
    document = make_document("back-care.pdf", content)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": f"{__name__}.StorageWithoutLocalPaths"},
    }
    assert document.file.url.startswith(settings.MEDIA_URL)  # what a redirect would go to

    response = client.get(document.url)

    assert response.status_code == 200
    assert downloaded(response) == content
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"


@pytest.mark.parametrize(
    ("filename", "content_type", "disposition"),
    [
        ("back-care.pdf", "application/pdf", "inline"),
        (
            "back-care.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            'attachment; filename="back-care.docx"',
        ),
        (
            "back-care.odt",
            "application/vnd.oasis.opendocument.text",
            'attachment; filename="back-care.odt"',
        ),
        ("back-care.txt", "text/plain", 'attachment; filename="back-care.txt"'),
    ],
)
def test_pdfs_open_in_the_browser_and_other_handouts_download(
    media_root, client, filename, content_type, disposition
):
    document = make_document(filename, b"Keep your back straight.\n")
    response = client.get(document.url)
    assert response.status_code == 200
    assert downloaded(response) == b"Keep your back straight.\n"
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith(disposition)
    # Whatever is inside, the browser neither guesses another type nor runs its scripts.
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"


# SVG and HTML, through the forms every upload path uses (add, replace, chooser) ---------


@pytest.mark.parametrize(
    "upload",
    [("logo.svg", SCRIPTED_SVG), ("page.html", b"<script>alert(1)</script>")],
    ids=["svg", "html"],
)
def test_svg_and_html_are_accepted_neither_as_images_nor_as_documents(
    media_root, admin_user, upload
):
    filename, content = upload
    extension = filename.rsplit(".", 1)[1]
    image_form = get_image_form(get_image_model())(
        {"title": "Logo"}, {"file": SimpleUploadedFile(filename, content)}, user=admin_user
    )
    document_form = get_document_form(get_document_model())(
        {"title": "Logo"}, {"file": SimpleUploadedFile(filename, content)}, user=admin_user
    )

    assert image_form.errors["file"] == [
        "Not a supported image format. Supported formats: AVIF, GIF, JPG, JPEG, PNG, WEBP."
    ]
    assert document_form.errors["file"] == [
        f"File extension “{extension}” is not allowed. Allowed extensions are: pdf, docx, odt, txt."
    ]


# Rich text ------------------------------------------------------------------------------


def block_tree(block, path):
    """Every block in a StreamField's definition, with its path, however deeply nested."""
    yield path, block
    for name, child in getattr(block, "child_blocks", {}).items():
        yield from block_tree(child, f"{path}.{name}")
    if isinstance(block, blocks.ListBlock):
        yield from block_tree(block.child_block, f"{path}.item")


def every_stream_block():
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, StreamField):
                yield from block_tree(field.stream_block, f"{model._meta.label}.{field.name}")


def every_rich_text_editor():
    """(where, features) for every rich-text field and block on every model."""
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, RichTextField):
                yield f"{model._meta.label}.{field.name}", field.features
    for path, block in every_stream_block():
        if isinstance(block, blocks.RichTextBlock):
            yield path, block.features


def test_every_rich_text_editor_offers_only_what_editors_need():
    editors = dict(every_rich_text_editor())
    # Without a list, Wagtail's defaults add headings, images, embeds, code and rules.
    too_much = {
        where: features
        for where, features in editors.items()
        if features is None or not set(features) <= RICH_TEXT_FEATURES
    }
    assert too_much == {}
    assert {
        "exercises.ExercisePage.precautions",
        "exercises.ExercisePage.steps.step.text",
        "exercises.RoutinePage.body.exercise.note",
        "home.StandardPage.body.paragraph",
        "intake.ApplicationFormPage.intro",
    } <= set(editors)


def children(node):
    if isinstance(node, dict):
        return list(node.values())
    return node if isinstance(node, list) else []


def packed_ids(node, ids):
    """Telepath sends a value used twice once, with an _id, and then as {"_ref": id}."""
    if isinstance(node, dict) and "_id" in node:
        ids[node["_id"]] = node
    for child in children(node):
        packed_ids(child, ids)
    return ids


def unpacked(node, ids):
    """A telepath payload as the admin's JavaScript reads it (wagtail's telepath.js)."""
    if isinstance(node, list):
        return [unpacked(child, ids) for child in node]
    if not isinstance(node, dict):
        return node
    if "_ref" in node:
        return unpacked(ids[node["_ref"]], ids)
    if "_val" in node:
        return node["_val"]
    if "_list" in node:
        return unpacked(node["_list"], ids)
    if "_dict" in node:
        node = node["_dict"]
    elif "_type" in node:
        return {"_type": node["_type"], "_args": unpacked(node["_args"], ids)}
    return {key: unpacked(value, ids) for key, value in node.items()}


def draftail_configs(node):
    if isinstance(node, dict) and node.get("_type") == "wagtail.widgets.DraftailRichTextArea":
        yield node["_args"][0]
    for child in children(node):
        yield from draftail_configs(child)


def toolbar_controls(response):
    """The buttons of each rich-text toolbar on an admin editing page, one set per toolbar."""
    soup = BeautifulSoup(response.content, "html.parser")
    # The panels and each StreamField send their editors' settings as telepath JSON.
    payloads = [json.loads(script.string) for script in soup.select("script#w-edit-handler-data")]
    payloads += [
        json.loads(element["data-w-block-data-value"])
        for element in soup.find_all(attrs={"data-w-block-data-value": True})
    ]
    configs = [
        config
        for payload in payloads
        for config in draftail_configs(unpacked(payload, packed_ids(payload, {})))
    ]
    return [
        {
            control["type"]
            for kind in ("inlineStyles", "blockTypes", "entityTypes")
            for control in config.get(kind, [])
        }
        | ({"hr"} if config.get("enableHorizontalRule") else set())
        for config in configs
    ]


def editing_pages():
    """
    One admin editing page for each kind of page and a call to action: the test's own
    (a page of every kind the site has), then one of any other kind in the tree.
    """
    application = build_application_site()
    home = application.get_parent()
    article = make_article("toolbars", extra_body=[("paragraph", "<p>Some text.</p>")])
    own = [
        home,
        application,
        make_standard_page("Our team", "toolbars-team", parent=home),
        article.library,
        article.exercise,
        article.articles,
        article.routine,
    ]
    seen = {}
    for page in [*own, *Page.objects.exclude(depth=1).specific()]:
        seen.setdefault(
            type(page.specific).__name__, reverse("wagtailadmin_pages:edit", args=[page.pk])
        )
    call_to_action = make_call_to_action("Our book", text="<p>The <b>book</b>.</p>")
    seen["CallToAction"] = reverse(
        call_to_action.snippet_viewset.get_url_name("edit"), args=[call_to_action.pk]
    )
    return seen


def test_the_page_editor_toolbars_have_no_heading_image_or_embed_buttons(admin_client, demo_site):
    toolbars = {
        kind: toolbar_controls(admin_client.get(url)) for kind, url in editing_pages().items()
    }
    for kind, controls in toolbars.items():
        for buttons in controls:
            assert buttons <= EDITOR_CONTROLS, (kind, buttons - EDITOR_CONTROLS)
    with_rich_text = {kind for kind, controls in toolbars.items() if controls}
    assert {
        "ExercisePage",
        "RoutinePage",
        "StandardPage",
        "ApplicationFormPage",
        "CallToAction",
    } <= with_rich_text


# Raw HTML -------------------------------------------------------------------------------


def raw_html_blocks(paths_and_blocks):
    return [path for path, block in paths_and_blocks if isinstance(block, blocks.RawHTMLBlock)]


def test_no_block_on_any_page_or_snippet_takes_raw_html():
    walked = list(every_stream_block())
    assert raw_html_blocks(walked) == []
    # The walk reaches into structs and lists, so it would have found one there.
    paths = {path for path, _ in walked}
    assert "exercises.RoutinePage.body.exercise.dose.side" in paths
    assert "exercises.RoutinePage.body.bulleted_list.items.item" in paths


def test_the_walk_finds_raw_html_however_deeply_it_is_nested():
    hidden = blocks.StreamBlock(
        [("cards", blocks.ListBlock(blocks.StructBlock([("markup", blocks.RawHTMLBlock())])))]
    )
    assert raw_html_blocks(block_tree(hidden, "body")) == ["body.cards.item.markup"]


# Form help text -------------------------------------------------------------------------


def test_html_typed_into_question_help_text_is_shown_as_text(client):
    typed = 'As on your ID <img src=x onerror="alert(1)">'
    page = build_application_site()
    question = page.form_fields.get(clean_name="first_name")
    question.help_text = typed
    question.save()

    response = client.get(page.url)
    hint = BeautifulSoup(response.content, "html.parser").find(id="id_first_name-hint")
    assert hint.get_text() == typed
    assert hint.find("img") is None

    # Django's own form layouts trust help text; it arrives there already escaped too.
    form = page.get_form(page=page, user=AnonymousUser())
    default_layout = BeautifulSoup(form.as_div(), "html.parser")
    assert typed in default_layout.get_text()
    assert default_layout.find("img") is None
