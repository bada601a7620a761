"""manage.py annual_report --org SLUG --year YYYY --format docx|pdf|xlsx -o FILE

The national union's slug makes the national report; `--cluster N` the report of emulation
cluster number N of that year. The same document as the back office's download button."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from huunghi.emulation.models import EmulationCluster
from huunghi.orgs.choices import OrgKind
from huunghi.orgs.models import Organization
from huunghi.reports import selectors
from huunghi.reports.compose import compose
from huunghi.reports.models import Scope
from huunghi.reports.renderers import FORMATS, render


class Command(BaseCommand):
    help = "Write the annual work-review report of a union, a cluster or the country to a file."

    def add_arguments(self, parser):
        parser.add_argument("--org", help="slug of the union (the national union's slug: the national report)")
        parser.add_argument("--cluster", type=int, help="number of the emulation cluster (with --year)")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format", dest="fmt", choices=sorted(FORMATS), required=True)
        parser.add_argument("-o", "--output", required=True, help="file to write")

    def handle(self, *, org, cluster, year, fmt, output, **options):
        if bool(org) == bool(cluster):
            raise CommandError(_("Give either --org or --cluster."))
        if cluster:
            found = EmulationCluster.objects.filter(number=cluster, year=year).first()
            if found is None:
                raise CommandError(_("There is no emulation cluster number %(number)s in %(year)s.")
                                   % {"number": cluster, "year": year})  # fmt: skip
            args = {"scope": Scope.CLUSTER, "cluster": found}
        else:
            organization = Organization.objects.filter(slug=org).first()
            if organization is None:
                raise CommandError(_("There is no organization with the slug “%(slug)s”.") % {"slug": org})
            scope = Scope.NATIONAL if organization.kind == OrgKind.NATIONAL_UNION else Scope.UNION
            args = {"scope": scope, "organization": organization, "year": year}
        report, draft = selectors.build(**args)
        content, _content_type, _extension = render(compose(report, draft), fmt)
        Path(output).write_bytes(content)
        if report.is_empty:
            self.stdout.write(_("No activity is recorded for %(year)s: the report shows zeros.") % {"year": year})
        self.stdout.write(_("Written: %(file)s (%(size)s bytes)") % {"file": output, "size": len(content)})
