"""`check --deploy`: the applications' encryption key must be random and long."""

from django.conf import settings
from django.core import checks

from . import key_strength


def register():
    checks.register(check_application_encryption_key, checks.Tags.security, deploy=True)


def check_application_encryption_key(app_configs, **kwargs):
    weak = key_strength.weak_keys(
        getattr(settings, "APPLICATION_ENCRYPTION_KEY", ""),
        getattr(settings, "APPLICATION_ENCRYPTION_KEY_FALLBACKS", []),
    )
    return [
        checks.Error(
            f"{name} holds less than {key_strength.MIN_KEY_ENTROPY_BITS // 8} random bytes.",
            hint="Make one with `python -c 'import secrets; print(secrets.token_urlsafe(32))'`.",
            id="intake.E001",
        )
        for name in weak
    ]
