"""`manage.py import_members FILE --org SLUG [--dry-run] [--on-duplicate merge|keep|skip] [--user NAME]`

Exit status: 0 when every row was accepted and written (or would be, with --dry-run); 1 when a
row was rejected or a duplicate was left without a decision; 2 when the file could not be read
at all (nothing written).
"""

import sys

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from huunghi.orgs.models import Organization

from ...importer import DECISIONS, run_import


class Command(BaseCommand):
    help = "Import members from an XLSX/XLS/ODS/CSV sheet into an organization's subtree."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--org", required=True, help="Slug of the organization to import into.")
        parser.add_argument("--dry-run", action="store_true", help="Check and report; write nothing.")
        parser.add_argument("--on-duplicate", choices=DECISIONS, help="Decision for every possible duplicate.")
        parser.add_argument("--user", help="Username the import is done as (permission check and audit log).")
        parser.add_argument("--language", default="vi", help="Language of the report (vi or en).")

    def handle(self, *args, file, org, dry_run, on_duplicate, user, language, verbosity=1, **options):
        self.verbosity = verbosity
        translation.activate(language)
        try:
            organization = Organization.objects.get(slug=org)
        except Organization.DoesNotExist:
            raise CommandError(f"No organization with the slug {org!r}.") from None
        acting_user = None
        if user:
            acting_user = get_user_model().objects.select_related("organization").filter(username=user).first()
            if acting_user is None:
                raise CommandError(f"No user {user!r}.")

        def progress(done, total, phase):
            if self.verbosity > 1 and total:
                self.stderr.write(f"\r{phase}: {done}/{total}", ending="")

        try:
            result = run_import(
                file,
                organization=organization,
                user=acting_user,
                dry_run=dry_run,
                on_duplicate=on_duplicate,
                file_name=file,
                progress=progress,
            )
        except OSError as error:
            raise CommandError(str(error)) from None
        self.print_report(result, organization, dry_run)
        if result.fatal:
            sys.exit(2)
        if result.counts["rejected"] or result.undecided:
            sys.exit(1)

    def print_report(self, result, organization, dry_run):
        from django.utils.translation import gettext as _

        out = self.stdout
        if result.fatal:
            out.write(_("The file was not imported: %(reason)s") % {"reason": result.fatal})
            return
        counts = result.counts
        out.write(_("Import into: %(organization)s") % {"organization": organization.name})
        out.write(_("Header row: %(row)s") % {"row": result.header_row})
        if result.extra_columns:
            out.write(_("Ignored columns: %(columns)s") % {"columns": ", ".join(result.extra_columns)})
        for label, key in (
            (_("New members"), "new"),
            (_("Updated"), "updated"),
            (_("Unchanged"), "unchanged"),
            (_("Possible duplicates"), "duplicates"),
            (_("Rejected rows"), "rejected"),
            (_("Blank rows skipped"), "blank"),
        ):
            out.write(f"  {label}: {counts[key]}")
        for rejection in result.rejections:
            out.write(
                _("Row %(row)s, column %(column)s (“%(value)s”): %(message)s")
                % {"row": rejection.row, "column": rejection.column, "value": rejection.value,
                   "message": rejection.message}  # fmt: skip
            )
        for duplicate in result.duplicates:
            other = duplicate.other
            same = (_("row %(row)s") % {"row": other["row"]}) if "row" in other else (
                _("recorded person #%(id)s") % {"id": other["person_id"]})  # fmt: skip
            out.write(
                _("Row %(row)s: possible duplicate of %(other)s (%(reason)s) — %(decision)s")
                % {"row": duplicate.row, "other": same, "reason": duplicate.reason,
                   "decision": duplicate.decision or _("no decision: not written")}  # fmt: skip
            )
        if dry_run:
            out.write(_("Dry run: nothing was written."))
        elif result.written:
            out.write(_("Written in one transaction."))
