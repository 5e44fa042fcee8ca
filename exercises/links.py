"""Where a button or link leads when an editor may choose a page or type an address."""


def link_href(page, url="", request=None):
    """
    The chosen page's URL while it is live, else the typed address ("" when there is
    neither): a page unpublished after it was chosen never leads readers to a 404.
    """
    if page is not None and page.live:
        return page.get_url(request)
    return url or ""
