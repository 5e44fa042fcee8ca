"""Blocks for the site's own pages (home and standard pages)."""

from wagtail import blocks
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120)
    level = blocks.ChoiceBlock(
        choices=[("h2", "Section heading"), ("h3", "Subheading")],
        default="h2",
        help_text="Use section headings for main topics and subheadings inside them.",
    )

    class Meta:
        icon = "title"
        template = "home/blocks/heading_block.html"
        label_format = "{text}"
        preview_value = {"text": "How to reach us", "level": "h2"}
        description = "A heading that appears in the page's outline."


class PhotoBlock(blocks.StructBlock):
    image = ImageBlock(help_text="Describe the photo for people who cannot see it.")
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "home/blocks/photo_block.html"
        description = "A photo with an optional caption."


class StandardBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul", "document-link"],
        icon="pilcrow",
        preview_value="<p>Our clinic is open six days a week.</p>",
        description="Text with links and lists.",
    )
    photo = PhotoBlock()
