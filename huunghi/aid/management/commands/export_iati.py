"""`manage.py export_iati --org SLUG --year YYYY -o FILE`

Writes the IATI 2.03 activity file of the organization's subtree for the year, validates it
(XSD and code lists) and prints one line: the file, activities and transactions. Exits non-zero
(CommandError) when the file does not validate; the file is left in place for inspection.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from huunghi.aid import iati
from huunghi.orgs.models import Organization


class Command(BaseCommand):
    help = "Export the aid items of an organization's subtree for a year as an IATI 2.03 activity file."

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="Slug of the reporting organization.")
        parser.add_argument("--year", required=True, type=int, help="Year of the activities (YYYY).")
        parser.add_argument("-o", "--output", required=True, help="File to write.")

    def handle(self, *args, org, year, output, **options):
        if not 1900 <= year <= 9999:
            raise CommandError(f"The year {year} is out of range (1900–9999).")
        try:
            organization = Organization.objects.get(slug=org)
        except Organization.DoesNotExist:
            raise CommandError(f"No organization with the slug {org!r}.") from None
        try:
            data = iati.export_activities(organization, year)
        except ValueError as error:
            raise CommandError(f"Export failed: {error}") from None
        path = Path(output)
        try:
            path.write_bytes(data)
        except OSError as error:
            raise CommandError(f"Cannot write {path}: {error}") from None

        problems = iati.validate(data)
        if problems:
            shown = "\n".join(f"  {problem}" for problem in problems[:20])
            more = f"\n  … and {len(problems) - 20} more" if len(problems) > 20 else ""
            raise CommandError(
                f"{path} is not a valid IATI {iati.IATI_VERSION} file ({len(problems)} problem(s)):\n{shown}{more}"
            )
        activities, transactions = iati.summary(data)
        self.stdout.write(
            f"{path}: {activities} activities, {transactions} transactions "
            f"({organization.slug}, {year}; IATI {iati.IATI_VERSION}, valid)"
        )
