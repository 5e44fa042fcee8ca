import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Make sure an admin account exists and say how to log in. The password comes from "
        "ADMIN_PASSWORD or is generated once and kept in .local/admin-password (never a fixed one)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default=os.environ.get("ADMIN_USERNAME", "admin"))
        parser.add_argument("--email", default=os.environ.get("ADMIN_EMAIL", "admin@example.com"))
        parser.add_argument(
            "--password-file",
            default=str(Path(settings.LOCAL_DIR) / "admin-password"),
            help="Where a generated password is kept for this checkout.",
        )

    def handle(self, *args, username, email, password_file, **options):
        User = get_user_model()
        password_path = Path(password_file)
        from_env = os.environ.get("ADMIN_PASSWORD", "")
        admin_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/admin/"

        user = User.objects.filter(username=username).first()
        created_with = None
        if user is None:
            # A fresh database beside a kept password file (make serve after make run, a
            # restore) reuses that password rather than writing a new one over it.
            password = from_env or kept_password(password_path) or secrets.token_urlsafe(12)
            User.objects.create_superuser(username=username, email=email, password=password)
            if not from_env and not kept_password(password_path):
                keep_password(password_path, password)
                created_with = password
            self.stdout.write(self.style.SUCCESS(f"Created the admin account '{username}'."))
        elif from_env and not user.check_password(from_env):
            user.set_password(from_env)
            user.save(update_fields=["password"])
            self.stdout.write(f"Set the password of '{username}' from ADMIN_PASSWORD.")

        self.stdout.write(f"Log in at {admin_url} as '{username}'.")
        if from_env:
            self.stdout.write("Password: the value of ADMIN_PASSWORD.")
        elif created_with and settings.DEBUG:
            # Shown once, when it is made, and never by production settings, whose output
            # goes to logs; after that it is in the file, readable only by its owner.
            self.stdout.write(f"Password: {created_with} (kept in {password_path})")
        elif kept_password(password_path):
            self.stdout.write(f"Password: in {password_path} (readable only by you).")
        else:
            self.stdout.write(
                "Password: the one you chose. To set a new one: "
                f".venv/bin/python manage.py changepassword {username}"
            )
        if settings.ADMIN_TWO_FACTOR_REQUIRED:
            self.stdout.write(
                "Two-factor sign-in: at the first login, scan the QR code with an "
                "authenticator app; then give its code with the password."
            )


def kept_password(path):
    return path.read_text().strip() if path.is_file() else ""


def keep_password(path, password):
    """Written to a file made readable by its owner only from the start."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as file:
        file.write(password + "\n")
    path.chmod(0o600)
