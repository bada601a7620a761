"""List filters of foreign relations. The statistics panel links to these lists with the same
parameters (year, month, direction, level, country, organization), so every number clicks
through to the records behind it."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from wagtail.admin.filters import WagtailFilterSet

from huunghi.orgs.filters import scoped_organizations

from .choices import AgreementStatus, Direction, EventKind, Level, PartnerKind
from .models import CooperationAgreement, Delegation, Event, ForeignPartner

MONTHS = [(m, _("month %(month)s") % {"month": m}) for m in range(1, 13)]


def involving(queryset, organization):
    """Records owned by, or shared with, the organization or any organization below it."""
    involved = Q(organization__path__startswith=organization.path)
    for lookup in queryset.model.shared_lookups:
        involved |= Q(**{f"{lookup}__path__startswith": organization.path})
    return queryset.filter(pk__in=queryset.model.objects.filter(involved).values("pk"))


def with_country(queryset, code):
    return queryset.filter(
        pk__in=queryset.model.objects.filter(Q(countries__contains=code) | Q(partners__country=code)).values("pk")
    )


class _RecordFilterSet(WagtailFilterSet):
    year = django_filters.NumberFilter(field_name="starts_on", lookup_expr="year", label=_("year"))
    month = django_filters.ChoiceFilter(field_name="starts_on", lookup_expr="month", label=_("month"), choices=MONTHS)
    organization = django_filters.ModelChoiceFilter(
        label=_("organization (with its branches)"), queryset=scoped_organizations, method="filter_organization"
    )

    def filter_organization(self, queryset, name, value):
        return involving(queryset, value) if value else queryset


class DelegationFilterSet(_RecordFilterSet):
    direction = django_filters.ChoiceFilter(label=_("direction"), choices=Direction.choices)
    level = django_filters.ChoiceFilter(label=_("level"), choices=Level.choices)
    country = django_filters.ChoiceFilter(label=_("country"), choices=lambda: list(countries), method="filter_country")

    class Meta:
        model = Delegation
        fields = ["year", "month", "direction", "level", "country", "organization"]

    def filter_country(self, queryset, name, value):
        return with_country(queryset, value) if value else queryset


class EventFilterSet(_RecordFilterSet):
    kind = django_filters.ChoiceFilter(label=_("type"), choices=EventKind.choices)

    class Meta:
        model = Event
        fields = ["year", "month", "kind", "organization"]


class ForeignPartnerFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(label=_("type"), choices=PartnerKind.choices)
    country = django_filters.ChoiceFilter(label=_("country"), choices=lambda: list(countries))

    class Meta:
        model = ForeignPartner
        fields = ["kind", "country"]


class CooperationAgreementFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("status"), choices=AgreementStatus.choices)
    year = django_filters.NumberFilter(field_name="signed_on", lookup_expr="year", label=_("year signed"))

    class Meta:
        model = CooperationAgreement
        fields = ["status", "year"]
