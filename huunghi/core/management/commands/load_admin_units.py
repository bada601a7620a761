import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from huunghi.core.adminunits import load_admin_units


class Command(BaseCommand):
    help = "Load Vietnam's administrative units, before and after the 2025 reform, with successor links."

    def handle(self, *args, **options):
        started = time.perf_counter()
        counts = load_admin_units()
        self.stdout.write(
            _(
                "Administrative units: %(legacy)s before the reform, %(new)s from 01/07/2025, "
                "%(links)s successor links (%(sec).1f s)."
            )
            % {
                "legacy": counts["legacy"],
                "new": counts["2025"],
                "links": counts["successions"],
                "sec": time.perf_counter() - started,
            }
        )
