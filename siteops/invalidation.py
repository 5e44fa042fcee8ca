"""
Which cached pages a change makes stale, and forgetting just those (content_versions.py).

A page changes (published, unpublished, moved, renamed, deleted): the page itself, the
pages that show it, found through Wagtail's reference index (an exercise -> the routines
that use it; a page -> the calls to action that link it -> the pages placing those),
and the lists showing its card (its parent: the library, the articles index and their
feeds; the home page's latest articles, through the `pages_listing_page` hook), plus the
pages below it when its address or its title (their breadcrumb trail) changed. The
pages showing it change, but not what others show of them: an edited exercise leaves
the articles index and the home page cached. An image, document or snippet changes:
the pages that show it, and for each of those the same neighbours (a photo is on the
exercise, in the library's card of it and in the routines showing it), but not the
lists when the pages hold it only in their bodies, which no card shows (a call to
action in a routine leaves the articles index cached).
Apps add what the reference index cannot see through the `pages_showing_object` hook
(a function of the changed object returning page ids): the plugin says which exercises
use a piece of equipment, and that a routine appears among other routines' related
articles.

Settings, sites and view restrictions change: every page (SITE). So does a change to a
list every page shows (the menu, the footer's latest articles, shared_lists.py) or to
what a setting points at, and only then. Unpublishing, moving, renaming or deleting a
page also changes the version of the routes to it and below it (routing_cache.py).
A CDN, when one is configured, forgets the same pages (frontend_purge.py).
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from wagtail import hooks
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.documents import get_document_model
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, ReferenceIndex, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move
from wagtail.snippets.models import get_snippet_models

from . import content_versions, frontend_purge, shared_lists

PAGE_HOOK = "pages_showing_object"
LISTING_HOOK = "pages_listing_page"


def referencing(objects):
    """(page ids, other objects) whose content holds a reference to any of `objects`,
    and of those page ids the ones that hold them only inside a StreamField (a photo or
    a call to action in a routine's body, a step's photo), of which no card shows
    anything."""
    objects = [obj for obj in objects if obj.pk is not None]
    if not objects:
        return set(), [], set()
    page_type = ContentType.objects.get_for_model(Page)
    page_ids, in_a_body, elsewhere, others = set(), set(), set(), set()
    for reference in ReferenceIndex.get_references_to_in_bulk(objects):
        if reference.base_content_type_id != page_type.pk:
            others.add((reference.content_type_id, reference.object_id))
            continue
        page_id = int(reference.object_id)
        page_ids.add(page_id)
        held_in_a_body = isinstance(reference.related_field, StreamField)
        (in_a_body if held_in_a_body else elsewhere).add(page_id)
    snippets = []
    for type_id, object_id in others:
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is not None:
            snippets.extend(model._default_manager.filter(pk=object_id))
    return page_ids, snippets, in_a_body - elsewhere


def showing_pages(obj):
    """(ids of the pages that show `obj` directly, ids of those that hold it only in
    their bodies)."""
    page_ids, snippets, in_bodies = referencing([obj])
    # A snippet that holds the object (a call to action's image) is shown by the pages
    # that place the snippet.
    placing, _, placed_in_bodies = referencing(snippets)
    held_elsewhere = (page_ids - in_bodies) | (placing - placed_in_bodies)
    page_ids |= placing
    for hook in hooks.get_hooks(PAGE_HOOK):
        found = set(hook(obj) or ())
        page_ids |= found
        held_elsewhere |= found
    return page_ids, page_ids - held_elsewhere


def pages_showing(obj):
    """Ids of the pages that show `obj` directly."""
    return showing_pages(obj)[0]


def listing(pages):
    """Ids of the pages whose lists show a card of any of `pages` (a title, an intro, a
    photo): their parents (the library, the articles index and their feeds) and those
    apps add through LISTING_HOOK (a function of the changed pages returning page ids)."""
    parent_paths = {page.path[: -Page.steplen] for page in pages if page.depth > 1}
    page_ids = set(Page.objects.filter(path__in=parent_paths).values_list("pk", flat=True))
    for hook in hooks.get_hooks(LISTING_HOOK):
        page_ids |= set(hook(pages) or ())
    return page_ids


def with_neighbours(page_ids, showing=None, cards_unchanged=()):
    """The pages, the pages that show them (`showing`, when already known) and the
    lists showing their cards (but not those of `cards_unchanged`). A page that shows
    one of them in its content (a routine its exercise) is refreshed, but what the lists
    and the pages linking to it show of it (a title, an intro, a photo of its own) has
    not changed: their neighbours are left cached."""
    pages = list(Page.objects.filter(pk__in=page_ids).specific(defer=True))
    if showing is None:
        showing = referencing(pages)[0]
    carded = [page for page in pages if page.pk not in cards_unchanged]
    return set(page_ids) | set(showing) | listing(carded)


def settings_show(obj):
    """Whether a setting points at `obj` (the clinic's appointment page, its share
    image): settings are kept with what they point at (settings_cache.py), on every
    page."""
    for model in settings_registry:
        for field in model._meta.get_fields():
            points_at_its_kind = (
                field.many_to_one
                and field.related_model is not None
                and isinstance(obj, field.related_model)
            )
            if (
                points_at_its_kind
                and model._default_manager.filter(**{field.attname: obj.pk}).exists()
            ):
                return True
    return False


def forget(page_ids, listings=True, shown_by=None, routes=()):
    """Bump the versions of these pages (and of the routes to `routes`, when their
    address or their being served changed)."""
    names = {content_versions.page_version(pk) for pk in page_ids}
    names |= {content_versions.route_version(pk) for pk in routes}
    if listings:
        names.add(content_versions.LISTINGS)
    if shared_lists.changed_lists() or (shown_by is not None and settings_show(shown_by)):
        names.add(content_versions.SITE)
    frontend_purge.purge(page_ids, everything=content_versions.SITE in names)
    return bump_now_and_on_commit(names)


def bump_now_and_on_commit(names):
    content_versions.bump(names)
    # Again once the change is committed: a page rendered (or routed) meanwhile from
    # the data before it must not be kept under the new numbers.
    transaction.on_commit(lambda: content_versions.bump(names))
    return names


TITLE_CHANGED_ATTRIBUTE = "_title_shown_below_changed"


def note_title_change(sender, instance, update_fields=None, **kwargs):
    """Before a page with children is saved: whether its title, which the pages below
    it show in their breadcrumb trail, is about to change."""
    if not isinstance(instance, Page) or instance.pk is None or not instance.numchild:
        return
    if update_fields is not None and "title" not in update_fields:
        return
    saved = Page.objects.filter(pk=instance.pk).values_list("title", flat=True).first()
    setattr(instance, TITLE_CHANGED_ATTRIBUTE, saved is not None and saved != instance.title)


def page_changed(sender=None, instance=None, **kwargs):
    page = instance
    below = set()
    if getattr(page, TITLE_CHANGED_ATTRIBUTE, False):
        # Their stored routes hold the old title for the trail: routed afresh too.
        below = set(Page.objects.descendant_of(page).values_list("pk", flat=True))
    shown = with_neighbours({page.pk}, showing=pages_showing(page))
    return forget(shown | below, shown_by=page, routes=below)


def page_withdrawn(sender=None, instance=None, **kwargs):
    page = instance
    shown = with_neighbours({page.pk}, showing=pages_showing(page))
    return forget(shown, shown_by=page, routes={page.pk})


def page_address_changed(sender=None, instance=None, **kwargs):
    below = set(Page.objects.descendant_of(instance, inclusive=True).values_list("pk", flat=True))
    # Every page linking to one below holds its old address.
    shown = with_neighbours(below) | pages_showing(instance)
    return forget(shown, shown_by=instance, routes=below)


def page_deleted(sender, instance, **kwargs):
    # Sent for the base Page row: the specific page says which lists show it.
    return page_address_changed(instance=instance.specific)


# A site (its host, its root) and a view restriction (on a page and all below it)
# change how every stored route (routing_cache.py) resolves: rare, so all of them.
SITE_WIDE_MODELS = (Site, PageViewRestriction)


def _shown_models():
    return {*get_snippet_models(), get_image_model(), get_document_model()}


def model_changed(sender, instance, **kwargs):
    if sender in settings_registry or sender in SITE_WIDE_MODELS:
        frontend_purge.purge(everything=True)
        bump_now_and_on_commit({content_versions.SITE})
    elif sender in _shown_models():
        page_ids, in_bodies_only = showing_pages(instance)
        shown = with_neighbours(page_ids, cards_unchanged=in_bodies_only)
        forget(shown, listings=False, shown_by=instance)


def connect_signals():
    pre_save.connect(note_title_change, dispatch_uid="invalidation-title")
    page_published.connect(page_changed, dispatch_uid="invalidation-published")
    page_unpublished.connect(page_withdrawn, dispatch_uid="invalidation-unpublished")
    page_slug_changed.connect(page_address_changed, dispatch_uid="invalidation-slug")
    post_page_move.connect(page_address_changed, dispatch_uid="invalidation-move")
    # Before: its parent and the pages showing it are found while it still exists.
    pre_delete.connect(page_deleted, sender=Page, dispatch_uid="invalidation-page-delete")
    post_save.connect(model_changed, dispatch_uid="invalidation-model-save")
    post_delete.connect(model_changed, dispatch_uid="invalidation-model-delete")
