"""The aid totals page: the figures of `aggregates.aid_totals`, each linking to its records."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from django_countries import countries

from huunghi.relations.stats import year_range
from huunghi.relations.views import RelationsViewMixin

from . import money
from .aggregates import MIXED, NO_DONOR, aid_totals
from .codelists import codelist
from .models import AidItem, AidKind

LIST = "wagtailsnippets_aid_aiditem:list"


class AidTotalsView(RelationsViewMixin, TemplateView):
    template_name = "aid/totals.html"
    header_icon = "clipboard-list"
    permission_model = AidItem

    def get_page_title(self):
        return _("Aid totals")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form, organization, year = self.period()
        start, end = year_range(year)
        totals = aid_totals(organization=organization, start=start, end=end)
        base = {"organization": organization.pk, "year": year}

        def link(**params):
            return reverse(LIST) + "?" + urlencode({**base, **params})

        def rows(mapping, label, param):
            return [
                (label(key), money.format_vnd(value), link(**{param: key}) if key not in (MIXED, NO_DONOR) else None)
                for key, value in sorted(mapping.items(), key=lambda kv: -kv[1])
            ]

        kinds = dict(AidKind.choices)
        sectors = codelist("Sector")
        context.update(
            form=form,
            organization=organization,
            year=year,
            totals=totals,
            received=money.format_vnd(totals.received_vnd),
            received_words=money.format_vnd_words(totals.received_vnd),
            all_items=link(),
            pledged=money.format_vnd(totals.pledged_vnd),
            committed=money.format_vnd(totals.committed_vnd),
            by_kind=rows(totals.by_kind, lambda k: kinds.get(k, k), "kind"),
            by_country=rows(totals.by_country, lambda c: countries.name(c) if c else _("Several countries"), "country"),
            by_sector=rows(totals.by_sector, lambda s: f"{s} – {sectors.get(s, '')}", "sector"),
            by_locality=rows(totals.by_locality, lambda p: p or _("No place recorded"), "province"),
            by_currency=[
                (code, money.format_amount(value, code)) for code, value in sorted(totals.by_currency.items())
            ],
            iati_url=reverse("aid_iati_export") + "?" + urlencode(base),
        )
        return context
