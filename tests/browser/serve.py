"""The site server for the browser tests, and the commands that prepare its database.

    python -m tests.browser.serve run PORT
        migrate a fresh database, load the demo content, make the superuser named by
        BROWSER_ADMIN_USERNAME and BROWSER_ADMIN_PASSWORD (when set), then serve the site
        on 127.0.0.1:PORT (Django's runserver, threaded, no auto-reload)
    python -m tests.browser.serve user USERNAME PASSWORD [--superuser] [--group NAME ...]
        create or update an account in that database

Both read DJANGO_SETTINGS_MODULE=tests.browser.server_settings and BROWSER_TEST_DIR from
the environment; tests/browser/conftest.py sets them.
"""

import argparse
import io
import os
import sys


def prepare_database():
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_demo_content", stdout=io.StringIO())
    call_command("sync_site_url", stdout=io.StringIO())
    warm_pages()


def warm_pages():
    """
    Render every checked page once, so that image renditions (AVIF encoding is slow on
    a busy machine) exist before the browser asks, as they would on a warmed site.
    """
    from django.test import Client

    from .pages import PAGES

    client = Client()
    for site_page in PAGES:
        client.get(site_page.path)


def ensure_user(username, password, superuser=False, groups=()):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    missing = sorted(set(groups) - set(Group.objects.values_list("name", flat=True)))
    if missing:
        raise SystemExit(f"No such group: {', '.join(missing)}")
    user, _ = get_user_model().objects.get_or_create(
        username=username, defaults={"email": f"{username}@example.com"}
    )
    user.set_password(password)
    user.is_superuser = superuser
    user.is_staff = superuser
    user.is_active = True
    user.save()
    user.groups.set(Group.objects.filter(name__in=groups))


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m tests.browser.serve")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="prepare the database and serve the site")
    run.add_argument("port", type=int)
    user = commands.add_parser("user", help="create or update an account")
    user.add_argument("username")
    user.add_argument("password")
    user.add_argument("--superuser", action="store_true")
    user.add_argument("--group", action="append", default=[], dest="groups")
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.browser.server_settings")
    import django

    django.setup()

    if args.command == "user":
        ensure_user(args.username, args.password, args.superuser, args.groups)
        return
    prepare_database()
    if os.environ.get("BROWSER_ADMIN_USERNAME"):
        ensure_user(
            os.environ["BROWSER_ADMIN_USERNAME"],
            os.environ["BROWSER_ADMIN_PASSWORD"],
            superuser=True,
        )
    from django.core.management import call_command

    print("Database ready; starting the server.", file=sys.stderr, flush=True)
    call_command("runserver", f"127.0.0.1:{args.port}", use_reloader=False, skip_checks=True)


if __name__ == "__main__":
    main()
