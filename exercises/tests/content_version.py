"""
The test host's content version (EXERCISES_CONTENT_VERSION), here one for every page. A
real host changes it whenever something a routine shows is published or saved; tests
call `bump()` where such a host would, so they can check what the plugin shows before
and after.
"""

_version = 0


def current(page=None):
    return _version


def bump():
    global _version
    _version += 1
