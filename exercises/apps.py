from django.apps import AppConfig


class ExercisesConfig(AppConfig):
    """A reusable Wagtail app: exercises written once, shown in every routine that uses them."""

    name = "exercises"
    label = "exercises"
    verbose_name = "Exercises"
    # Pinned so that a host project's DEFAULT_AUTO_FIELD never creates migrations here.
    default_auto_field = "django.db.models.BigAutoField"
