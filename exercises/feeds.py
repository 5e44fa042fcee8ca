"""
RSS 2.0 and Atom (RFC 4287) feeds of a routine index's newest routines (served by its
`feed/` routes). Entries are dated as the pages are: first published, and "Updated".
Addresses start with the Site record's root URL, as the sitemap's do.
"""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from wagtail.models import Site

from .text import describe

FEED_LENGTH = 20


def feed_title(index_page, request):
    """The site's name, then the index's: "Riverside Physical Therapy: Latest articles"."""
    site = Site.find_for_request(request)
    name = site.site_name if site is not None else ""
    return f"{name}: {index_page.title}" if name else index_page.title


def moment(day):
    """A date as the start of that day in the site's time zone."""
    return datetime.combine(day, time(), tzinfo=timezone.get_current_timezone())


class RoutineFeed(Feed):
    route_name = "feed"  # the index's route that serves this feed (its rel="self" link)

    def get_object(self, request, index_page):
        self.request = request
        self.site = Site.find_for_request(request)
        return index_page

    def title(self, index_page):
        return feed_title(index_page, self.request)

    def link(self, index_page):
        return index_page.get_full_url(self.request)

    def feed_url(self, index_page):
        return self.link(index_page) + index_page.reverse_subpage(self.route_name)

    def description(self, index_page):
        return describe(index_page) or f"The newest articles from {self.title(index_page)}."

    # Atom requires an author for every entry: the site's organisation when an entry
    # names none.
    def author_name(self, index_page):
        return (self.site.site_name if self.site else "") or index_page.title

    def author_link(self, index_page):
        return self.site.root_url + "/" if self.site else None

    def items(self, index_page):
        return index_page.routines().prefetch_related("tags")[:FEED_LENGTH]

    def item_title(self, routine):
        return routine.title

    def item_description(self, routine):
        # Both formats carry the summary as HTML: plain text is escaped for it, so a
        # "<script>" someone typed reaches the reader as text.
        return escape(describe(routine))

    def item_link(self, routine):
        return routine.get_full_url(self.request)

    def item_guid(self, routine):
        return self.item_link(routine)

    def item_pubdate(self, routine):
        if routine.originally_published or routine.first_published_at is None:
            return moment(routine.publication_date)
        return routine.first_published_at

    def item_updateddate(self, routine):
        published = self.item_pubdate(routine)
        if routine.updated_date > published.astimezone(timezone.get_current_timezone()).date():
            return moment(routine.updated_date)
        return published

    def item_author_name(self, routine):
        return routine.author_name or routine.byline or None

    def item_categories(self, routine):
        return [tag.name for tag in routine.tags.all()]


class RoutineAtomFeed(RoutineFeed):
    feed_type = Atom1Feed
    subtitle = RoutineFeed.description
    route_name = "atom_feed"
