"""RSS and Atom feeds of a routine index's newest routines (served by its `feed/` routes)."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

from .text import describe

FEED_LENGTH = 20


class RoutineFeed(Feed):
    def get_object(self, request, index_page):
        self.request = request
        return index_page

    def title(self, index_page):
        return index_page.title

    def link(self, index_page):
        return index_page.get_url(self.request)

    def description(self, index_page):
        return describe(index_page) or f"The newest articles from {index_page.title}."

    def items(self, index_page):
        return index_page.routines().prefetch_related("tags")[:FEED_LENGTH]

    def item_title(self, routine):
        return routine.title

    def item_description(self, routine):
        return describe(routine)

    def item_link(self, routine):
        return routine.get_url(self.request)

    def item_pubdate(self, routine):
        return routine.first_published_at

    def item_updateddate(self, routine):
        return routine.last_published_at

    def item_author_name(self, routine):
        return routine.byline or None

    def item_categories(self, routine):
        return [tag.name for tag in routine.tags.all()]


class RoutineAtomFeed(RoutineFeed):
    feed_type = Atom1Feed
    subtitle = RoutineFeed.description
