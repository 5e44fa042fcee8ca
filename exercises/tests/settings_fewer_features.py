"""
The test host with fewer rich-text features than the plugin's default, set before the
plugin is imported, as a host site's settings are. test_standalone.py runs
`makemigrations` under it in a subprocess: an in-process override comes too late to
catch features frozen into a block when its module is imported.
"""

from .settings import *  # noqa: F403

EXERCISES_RICH_TEXT_FEATURES = ["bold", "italic", "link"]

# makemigrations writes no upload: leave no empty folder behind.
MEDIA_ROOT.rmdir()  # noqa: F405
