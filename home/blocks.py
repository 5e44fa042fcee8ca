"""Blocks for the site's own pages; headings and photos are the exercises plugin's own."""

from wagtail import blocks

from exercises.blocks import HeadingBlock, PhotoBlock


class StandardBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul", "document-link"],
        icon="pilcrow",
        preview_value="<p>Our clinic is open six days a week.</p>",
        description="Text with links and lists.",
    )
    photo = PhotoBlock()
