"""Aid lists, filtered the way the totals page links to them."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from wagtail.admin.filters import WagtailFilterSet

from huunghi.orgs.filters import scoped_organizations

from .codelists import sector_choices
from .models import AidItem, AidKind, TransactionKind


class AidItemFilterSet(WagtailFilterSet):
    year = django_filters.NumberFilter(label=_("year received"), method="filter_year")
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=AidKind.choices)
    country = django_filters.ChoiceFilter(
        label=_("donor country"), choices=lambda: list(countries), method="filter_country"
    )
    sector = django_filters.ChoiceFilter(label=_("sector"), choices=sector_choices)
    province = django_filters.CharFilter(label=_("province"), method="filter_province")
    organization = django_filters.ModelChoiceFilter(
        label=_("organization (with its branches)"), queryset=scoped_organizations, method="filter_organization"
    )

    class Meta:
        model = AidItem
        fields = ["year", "kind", "country", "sector", "province", "organization"]

    def _ids(self, queryset, condition):
        return queryset.filter(pk__in=AidItem.objects.filter(condition).values("pk"))

    def filter_year(self, queryset, name, value):
        condition = Q(transactions__date__year=value, transactions__kind=TransactionKind.DISBURSEMENT)
        return self._ids(queryset, condition) if value else queryset

    def filter_country(self, queryset, name, value):
        if not value:
            return queryset
        condition = Q(donors__country=value) | Q(transactions__donor__country=value)
        if value == "VN":
            condition |= Q(donors__isnull=True) & ~Q(domestic_donors="")
        return self._ids(queryset, condition)

    def filter_province(self, queryset, name, value):
        condition = (
            Q(places__admin_unit__name=value)
            | Q(places__admin_unit__parent__name=value)
            | Q(places__admin_unit__parent__parent__name=value)
        )
        return self._ids(queryset, condition) if value else queryset

    def filter_organization(self, queryset, name, value):
        return queryset.filter(organization__path__startswith=value.path) if value else queryset
