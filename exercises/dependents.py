"""
Which pages show a piece of the plugin's content that Wagtail's reference index cannot
see, for a host that caches pages and forgets only the stale ones: the host's code
calls Wagtail's `pages_showing_object` hooks (registered in wagtail_hooks.py) with the
object that changed, and each returns the ids of the pages that show it.

The reference index already finds the routines that place an exercise, the pages that
place a call to action and the pages that show an image. It does not follow
many-to-many fields, nor lists made by a query:
- equipment is shown on the exercises that use it;
- a topic's kind (a condition or not) is told by the pages tagged with it;
- a routine may be listed among any other routine's related articles.
"""

from .models import Equipment, ExercisePage, RoutinePage, TopicKind


def pages_showing(obj):
    if isinstance(obj, Equipment):
        return list(ExercisePage.objects.filter(equipment=obj).values_list("pk", flat=True))
    if isinstance(obj, TopicKind):
        return [
            *ExercisePage.objects.filter(tagged_items__tag_id=obj.tag_id).values_list(
                "pk", flat=True
            ),
            *RoutinePage.objects.filter(tagged_items__tag_id=obj.tag_id).values_list(
                "pk", flat=True
            ),
        ]
    if isinstance(obj, RoutinePage):
        return list(RoutinePage.objects.live().exclude(pk=obj.pk).values_list("pk", flat=True))
    return []
