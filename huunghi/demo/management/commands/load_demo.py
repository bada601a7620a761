import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from huunghi.core.models import AdminUnit
from huunghi.core.roles import Role
from huunghi.demo import data
from huunghi.demo.services import load_demo


class Command(BaseCommand):
    help = "Load the demo organizations, members and accounts (idempotent). Refused when DEBUG is off."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Load even when DEBUG is off.")

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                _("Demo data is refused when DEBUG is off: it creates accounts with a known password. Use --force.")
            )
        if not AdminUnit.objects.exists():
            raise CommandError(_("Administrative units are missing: run `manage.py load_admin_units` first."))
        load_demo()
        self.stdout.write(
            _("Demo data loaded. Demo accounts (password: %(password)s):") % {"password": data.DEMO_PASSWORD}
        )
        for username, slug, role, _superuser, _name in data.DEMO_ACCOUNTS:
            self.stdout.write(f"  {username:<16} {slug:<18} {Role(role).label}")
        port = os.environ.get("PORT", "8000")
        self.stdout.write(
            _("Back office: http://127.0.0.1:%(port)s/admin/ — portals: http://nghe-an.localhost:%(port)s/ …")
            % {"port": port}
        )
