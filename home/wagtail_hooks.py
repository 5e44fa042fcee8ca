from wagtail import hooks

from .models import HomePage
from .shared_lists import any_latest_article


@hooks.register("pages_listing_page")
def home_pages_listing_the_articles(pages):
    # The home page shows the latest articles as cards. An article entering or leaving
    # them changes the footer's list too, which refreshes every page.
    if any_latest_article(pages):
        return HomePage.objects.live().values_list("pk", flat=True)
    return ()
