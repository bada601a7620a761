"""List filters; every choice list of organizations or people is scoped to the user."""

import django_filters
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from huunghi.core.access import scoped_queryset

from .choices import OrgKind, PositionTitle
from .models import Congress, ExecutiveMeeting, HeadcountReport, Membership, Organization, Person, Position, Term


def scoped_organizations(request):
    """Choices of an organization filter: the organizations the requesting user may see."""
    return scoped_queryset(Organization, request.user) if request else Organization.objects.none()


def _organization_filter(field_name="organization", label=None):
    return django_filters.ModelChoiceFilter(
        field_name=field_name, label=label or _("organization"), queryset=scoped_organizations
    )


def _by_organization(model, field_name):
    """A filterset whose only filter is the (scoped) organization the record belongs to."""
    meta = type("Meta", (), {"model": model, "fields": []})
    return type(
        f"{model.__name__}FilterSet",
        (WagtailFilterSet,),
        {
            "organization": _organization_filter(field_name),
            "Meta": meta,
        },
    )


class OrganizationFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=OrgKind.choices)
    parent = _organization_filter("parent", _("parent organization"))
    partner_country = django_filters.ChoiceFilter(label=_("partner country"), choices=lambda: list(countries))
    founded_on = django_filters.DateFromToRangeFilter(label=_("founding date"), widget=DateRangePickerWidget)

    class Meta:
        model = Organization
        fields = ["kind", "parent", "partner_country", "founded_on"]


class PersonFilterSet(WagtailFilterSet):
    organization = _organization_filter(label=_("recorded by"))

    class Meta:
        model = Person
        fields = ["organization", "gender"]


class MembershipFilterSet(WagtailFilterSet):
    organization = _organization_filter()
    joined_on = django_filters.DateFromToRangeFilter(label=_("joining date"), widget=DateRangePickerWidget)

    class Meta:
        model = Membership
        fields = ["organization", "joined_on"]


class HeadcountReportFilterSet(WagtailFilterSet):
    organization = _organization_filter()
    as_of = django_filters.DateFromToRangeFilter(label=_("as of"), widget=DateRangePickerWidget)

    class Meta:
        model = HeadcountReport
        fields = ["organization", "as_of"]


class PositionFilterSet(WagtailFilterSet):
    organization = _organization_filter()
    title = django_filters.ChoiceFilter(label=_("position"), choices=PositionTitle.choices)

    class Meta:
        model = Position
        fields = ["organization", "title"]


CongressFilterSet = _by_organization(Congress, "organization")


TermFilterSet = _by_organization(Term, "organization")


ExecutiveMeetingFilterSet = _by_organization(ExecutiveMeeting, "term__organization")
