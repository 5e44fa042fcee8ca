"""
`{% picture %}` as Wagtail's own tag (same syntax, same output), made cheaper where a
routine's photos showed it in the profile:

- its filters are built once per template, not on every render. A filter depends only
  on the specs written in the template, yet Wagtail's tag makes a new `Filter` for each
  spec of each photo on each view, and each one parses its operations again
  (`inspect.getcallargs` per operation): a routine's 9 photos of 12 specs each spent
  half their rendering time there;
- its markup is written in one pass: each rendition's URL asked for once (Wagtail asks
  twice for the fallback) and the attributes joined as Django's `flatatt` does (sorted,
  escaped), without a `format_html` call per attribute. tests/test_images_tag.py holds
  it to Wagtail's markup.
"""

from collections import defaultdict

from django import template
from django.apps import apps
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from wagtail.images.image_operations import FormatOperation
from wagtail.images.models import Filter, Picture
from wagtail.images.shortcuts import get_renditions_or_not_found
from wagtail.images.templatetags.wagtailimages_tags import PictureNode, image

register = template.Library()


def _attributes(attrs):
    """What `django.forms.utils.flatatt(attrs)` returns."""
    pairs = sorted(
        (key, value)
        for key, value in attrs.items()
        if value is not None and not isinstance(value, bool)
    )
    flags = sorted(key for key, value in attrs.items() if value is True)
    return "".join(
        f' {conditional_escape(key)}="{conditional_escape(value)}"' for key, value in pairs
    ) + "".join(f" {conditional_escape(key)}" for key in flags)


def _srcset(renditions):
    if len(renditions) == 1:
        return renditions[0].url
    return ", ".join(f"{rendition.url} {rendition.width}w" for rendition in renditions)


def _img(rendition, attrs):
    # Rendition.img_tag: its own attributes, the app's defaults, then the tag's.
    return (
        "<img"
        + _attributes(
            {
                "src": rendition.url,
                "width": rendition.width,
                "height": rendition.height,
                "alt": rendition.alt,
                **apps.get_app_config("wagtailimages").default_attrs,
                **attrs,
            }
        )
        + ">"
    )


def picture_html(renditions, attrs):
    """The markup of Wagtail's `Picture(renditions, attrs)`: {spec: rendition}."""
    formats = defaultdict(list)
    for spec, rendition in renditions.items():
        for name in FormatOperation.supported_formats:
            if f"format-{name}" in spec:
                formats[name].append(rendition)
                break
    attrs = dict(attrs)
    if len(formats) < 2:
        every = list(renditions.values())
        if len(every) > 1:
            attrs["srcset"] = _srcset(every)
        return mark_safe(f"<picture>{_img(every[0], attrs)}</picture>")  # noqa: S308 - escaped above

    present = [fmt for fmt in Picture.source_format_order if fmt.name in formats]
    fallback = present[-1].name
    sources = "".join(
        "<source"
        + _attributes(
            {
                "srcset": _srcset(formats[fmt.name]),
                "sizes": attrs.get("sizes"),
                "type": fmt.mime_type,
            }
        )
        + ">"
        for fmt in present
        if fmt.name != fallback
    )
    fallback_renditions = formats[fallback]
    if len(fallback_renditions) > 1:
        attrs["srcset"] = _srcset(fallback_renditions)
    return mark_safe(f"<picture>{sources}{_img(fallback_renditions[0], attrs)}</picture>")  # noqa: S308 - escaped above


class PictureWithKeptFilters(PictureNode):
    def get_filters(self):
        if not hasattr(self, "_filters"):
            self._filters = [Filter(spec=spec) for spec in Filter.expand_spec(self.filter_specs)]
        return self._filters

    def render(self, context):
        image = self.validate_image(context)
        if not image:
            return ""
        renditions = get_renditions_or_not_found(image, self.get_filters())
        if self.output_var_name:
            context[self.output_var_name] = Picture(renditions)
            return ""
        return picture_html(
            renditions, {key: value.resolve(context) for key, value in self.attrs.items()}
        )


@register.tag("picture")
def picture(parser, token):
    parsed = image(parser, token)
    return PictureWithKeptFilters(
        parsed.image_expr,
        parsed.filter_specs,
        output_var_name=parsed.output_var_name,
        attrs=parsed.attrs,
    )
