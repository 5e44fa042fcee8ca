"""
Revision comparison for blocks with an optional image (a step's photo, a promotion's
image): Wagtail's ImageBlockComparison turns an image into the block's value before
comparing, but not an empty one, so comparing two revisions of a page with an optional
ImageBlock left empty fails with "'NoneType' object is not subscriptable" (seen on
Wagtail 8.0.1, wagtail/images/blocks.py ImageBlockComparison.htmlvalue; to be reported
upstream). `fix_optional_image_comparison()` gives ImageBlock a comparison that treats
an empty image as an empty value; it changes nothing once Wagtail handles it itself.
"""

from wagtail.images.blocks import ImageBlock, ImageBlockComparison


class OptionalImageBlockComparison(ImageBlockComparison):
    """ImageBlockComparison that also accepts an empty (None) image."""

    def htmlvalue(self, val):
        if val is None:
            val = self.block._image_to_struct_value(None)
        return super().htmlvalue(val)


def empty_image_comparison_fails():
    block = ImageBlock(required=False)
    block.set_name("photo")
    try:
        ImageBlockComparison(block, True, True, None, None).htmlvalue(None)
    except (TypeError, AttributeError):
        return True
    return False


def fix_optional_image_comparison():
    """Compare empty optional images without failing; idempotent."""
    if ImageBlock.get_comparison_class(ImageBlock()) is OptionalImageBlockComparison:
        return
    if empty_image_comparison_fails():
        ImageBlock.get_comparison_class = lambda self: OptionalImageBlockComparison
