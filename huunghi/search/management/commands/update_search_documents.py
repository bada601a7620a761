import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from huunghi.search.documents import documents_rebuild


class Command(BaseCommand):
    help = "Build the search documents of every searchable object (after a bulk import or restoring a backup)."

    def add_arguments(self, parser):
        parser.add_argument("--missing", action="store_true", help="Only objects that have no search document yet.")
        parser.add_argument("--database", default="default")

    def handle(self, *args, missing=False, database="default", **options):
        started = time.perf_counter()
        written = documents_rebuild(missing_only=missing, using=database)
        for model, count in written.items():
            self.stdout.write(
                _("%(model)s: %(count)s search documents written (%(sec).1f s).")
                % {"model": model._meta.verbose_name_plural, "count": count, "sec": time.perf_counter() - started}
            )
