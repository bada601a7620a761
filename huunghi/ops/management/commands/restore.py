"""`manage.py restore FILE`: a backup of `manage.py backup` into an EMPTY database and storages.

A database with no tables gets them from `migrate` first; one that holds more than what `migrate`
creates by itself is refused, and nothing is changed. Exit status 1 on refusal or failure (the
database is restored in one transaction: all or nothing).
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS
from django.utils import translation

from ...backup import BackupError, Progress, describe, read_manifest, restore


class Command(BaseCommand):
    help = "Restore a backup file into an empty database and empty file storages."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Database alias to restore into.")
        parser.add_argument("--list", action="store_true", help="Describe the backup; restore nothing.")
        parser.add_argument("--language", default="vi", help="Language of the messages (vi or en).")

    def handle(self, *args, file, database, list, language, verbosity=1, **options):
        translation.activate(language)
        try:
            if list:
                tar, manifest = read_manifest(file)
                tar.close()
                for line in describe(manifest):
                    self.stdout.write(line)
                return
            restore(file, using=database, progress=Progress(self.stderr._out if verbosity else None))
        except BackupError as error:
            raise CommandError(str(error)) from None
