"""Local development: DEBUG on, a dev-only key, mail printed to the console."""

import os
import secrets

from .base import *  # noqa: F403
from .base import LOCAL_DIR, env_bool, env_list

DEBUG = env_bool("DEBUG", True)

# Only ever used on a developer's machine; production.py refuses to start without
# its own SECRET_KEY.
SECRET_KEY = os.environ.get("SECRET_KEY") or "django-insecure-local-development-only"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

# Two-factor sign-in is optional on a developer's machine (the demo admin can read the
# demo applications); ADMIN_TWO_FACTOR_REQUIRED=1 tries it as production has it.
ADMIN_TWO_FACTOR_REQUIRED = env_bool("ADMIN_TWO_FACTOR_REQUIRED", False)


# New Patient Application: encryption key for applications at rest. Without
# APPLICATION_ENCRYPTION_KEY, a key is made once and kept in LOCAL_DIR (.local/, readable
# only by you), so applications stored on this machine stay readable across restarts.
def _local_application_key():
    path = LOCAL_DIR / "application-encryption-key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(32))
    return path.read_text().strip()


if not APPLICATION_ENCRYPTION_KEY:  # noqa: F405
    APPLICATION_ENCRYPTION_KEY = _local_application_key()
    SALT_KEY = [APPLICATION_ENCRYPTION_KEY, *SALT_KEY]  # noqa: F405
