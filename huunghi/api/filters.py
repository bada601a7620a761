"""Query parameters of the API's lists (django-filter); drf-spectacular documents them."""

import datetime

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from drf_spectacular.utils import extend_schema_field

from huunghi.aid.models import AidItem, AidKind, AidStatus
from huunghi.orgs.choices import OrgKind
from huunghi.orgs.models import Organization
from huunghi.relations.choices import Direction, EventKind, Level
from huunghi.relations.filters import with_country
from huunghi.relations.models import Delegation, Event, ForeignPartner

from . import selectors
from .serializers import DATE_OUT_OF_RANGE


@extend_schema_field({"type": "integer", "minimum": 1900, "maximum": 2999})
class YearFilter(django_filters.NumberFilter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1900)
        kwargs.setdefault("max_value", 2999)
        super().__init__(*args, **kwargs)


MAX_ID = 2**63 - 1  # the databases' 64-bit integers: a larger number is a 400, never an overflow


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class IdFilter(django_filters.NumberFilter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)

    def filter(self, queryset, value):
        return super().filter(queryset, int(value) if value is not None else None)


class RecordDateTimeField(django_filters.fields.IsoDateTimeField):
    """An ISO 8601 moment between 1900 and 2999, taken to UTC (PostgreSQL refuses offsets past ±15 h)."""

    def to_python(self, value):
        value = super().to_python(value)
        if value is None:
            return None
        if not 1900 <= value.year <= 2999:
            raise forms.ValidationError(DATE_OUT_OF_RANGE)
        return value.astimezone(datetime.UTC)


class RecordDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = RecordDateTimeField


class NewsFilterSet(django_filters.FilterSet):
    site = django_filters.CharFilter(method="filter_site", label=_("union (slug of its organization)"))
    locale = django_filters.ChoiceFilter(
        field_name="locale__language_code", choices=[("vi", "vi"), ("en", "en")], label=_("language")
    )
    category = django_filters.CharFilter(field_name="category__slug", label=_("category (slug)"))
    tag = django_filters.CharFilter(field_name="tagged_items__tag__slug", distinct=True, label=_("tag (slug)"))
    since = RecordDateTimeFilter(field_name="date", lookup_expr="gte", label=_("published from"))
    until = RecordDateTimeFilter(field_name="date", lookup_expr="lte", label=_("published until"))

    class Meta:
        model = selectors.NewsArticlePage
        fields = ["site", "locale", "category", "tag", "since", "until"]

    def filter_site(self, queryset, name, value):
        return selectors.articles_of_site(queryset, value)


class OrganizationFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=OrgKind.choices, label=_("kind"))
    parent = IdFilter(field_name="parent_id", label=_("parent organization (id)"))
    within = django_filters.CharFilter(method="filter_within", label=_("in the subtree of (slug)"))
    partner_country = django_filters.ChoiceFilter(choices=lambda: list(countries), label=_("partner country"))
    admin_unit = django_filters.CharFilter(field_name="admin_unit__code", label=_("administrative unit (code)"))
    active = django_filters.BooleanFilter(field_name="dissolved_on", lookup_expr="isnull", label=_("not dissolved"))

    class Meta:
        model = Organization
        fields = ["kind", "parent", "within", "partner_country", "admin_unit", "active"]

    def filter_within(self, queryset, name, value):
        root = Organization.objects.filter(slug=value).first()
        return queryset.filter(path__startswith=root.path) if root else queryset.none()


class StatisticsFilterSet(django_filters.FilterSet):
    year = YearFilter(method="filter_year", required=True, label=_("year"))
    organization = django_filters.CharFilter(field_name="slug", label=_("union (slug)"))

    class Meta:
        model = Organization
        fields = ["year", "organization"]

    def filter_year(self, queryset, name, value):
        return queryset.filter(pk__in=selectors.unions_in_year(int(value)).values("pk"))


class _RecordFilterSet(django_filters.FilterSet):
    year = YearFilter(field_name="starts_on", lookup_expr="year", label=_("year"))
    starts_after = django_filters.DateFilter(field_name="starts_on", lookup_expr="gte", label=_("starting from"))
    starts_before = django_filters.DateFilter(field_name="starts_on", lookup_expr="lte", label=_("starting until"))
    organization = IdFilter(method="filter_organization", label=_("owner (id, with its subtree)"))

    def filter_organization(self, queryset, name, value):
        owner = Organization.objects.filter(pk=value).first()
        return queryset.filter(organization__path__startswith=owner.path) if owner else queryset.none()


class DelegationFilterSet(_RecordFilterSet):
    direction = django_filters.ChoiceFilter(choices=Direction.choices, label=_("direction"))
    level = django_filters.ChoiceFilter(choices=Level.choices, label=_("level"))
    country = django_filters.ChoiceFilter(choices=lambda: list(countries), method="filter_country", label=_("country"))

    class Meta:
        model = Delegation
        fields = ["year", "starts_after", "starts_before", "organization", "direction", "level", "country"]

    def filter_country(self, queryset, name, value: str):
        return with_country(queryset, value)


class EventFilterSet(_RecordFilterSet):
    kind = django_filters.ChoiceFilter(choices=EventKind.choices, label=_("type"))

    class Meta:
        model = Event
        fields = ["year", "starts_after", "starts_before", "organization", "kind"]


class AidItemFilterSet(_RecordFilterSet):
    kind = django_filters.ChoiceFilter(choices=AidKind.choices, label=_("type of aid"))
    status = django_filters.ChoiceFilter(choices=AidStatus.choices, label=_("status"))

    class Meta:
        model = AidItem
        fields = ["year", "starts_after", "starts_before", "organization", "kind", "status"]


class ForeignPartnerFilterSet(django_filters.FilterSet):
    country = django_filters.ChoiceFilter(choices=lambda: list(countries), label=_("country"))

    class Meta:
        model = ForeignPartner
        fields = ["country", "kind"]
