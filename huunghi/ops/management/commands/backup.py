"""`manage.py backup -o FILE`: the database and every stored file (media, private) in one file.

See huunghi/ops/backup.py for the format. Progress goes to stderr; exit status 1 on failure
(no file is left under FILE then).
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS
from django.utils import translation

from ...backup import BackupError, Progress, backup


class Command(BaseCommand):
    help = "Write the database and the media and private files into one backup file."

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", required=True, help="The backup file to write.")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Database alias to back up.")
        parser.add_argument("--language", default="vi", help="Language of the messages (vi or en).")

    def handle(self, *args, output, database, language, verbosity=1, **options):
        translation.activate(language)
        progress = Progress(self.stderr._out if verbosity else None)
        try:
            backup(output, using=database, progress=progress)
        except BackupError as error:
            raise CommandError(str(error)) from None
