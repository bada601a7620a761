"""Serializers of the API. Names are unique across the schema (drf-spectacular components).

Public serializers list their fields one by one: nothing reaches open data by being added to a
model later, and no personal data (members, people, contact details) is among them.
"""

from django.utils.translation import gettext_lazy as _
from django_countries import countries
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from huunghi.aid.models import AidKind, AidStatus, Regime, TransactionKind
from huunghi.orgs.choices import OrgKind
from huunghi.orgs.models import Organization
from huunghi.relations.choices import Direction, EventKind, Level, PartnerKind
from huunghi.relations.models import ForeignPartner

from .models import TokenScope

COUNTRY_CODES = [(code, code) for code, _name in countries]


class AdminUnitRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    level = serializers.CharField()
    generation = serializers.CharField()


class OrganizationRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    name = serializers.CharField()


# --- Public open data ------------------------------------------------------------------------


class PublicOrganizationSerializer(serializers.Serializer):
    """An organization of the registry: no address, phone, e-mail, officers or members."""

    id = serializers.IntegerField()
    slug = serializers.CharField()
    name = serializers.CharField()
    short_name = serializers.CharField()
    name_en = serializers.CharField()
    kind = serializers.ChoiceField(choices=OrgKind.choices)
    parent = serializers.IntegerField(source="parent_id", allow_null=True)
    partner_country = serializers.SerializerMethodField()
    admin_unit = AdminUnitRefSerializer(allow_null=True)
    founded_on = serializers.DateField(allow_null=True)
    dissolved_on = serializers.DateField(allow_null=True)
    successor = serializers.IntegerField(source="successor_id", allow_null=True)

    @extend_schema_field({"type": "string", "nullable": True, "description": "ISO 3166-1 alpha-2"})
    def get_partner_country(self, organization):
        return organization.partner_country.code or None


class NewsCategoryRefSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class PublicNewsArticleSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    lead = serializers.CharField()
    date = serializers.DateTimeField()
    updated_at = serializers.DateTimeField(source="last_published_at", allow_null=True)
    url = serializers.SerializerMethodField()
    site = serializers.SerializerMethodField()
    locale = serializers.CharField(source="locale.language_code")
    translation_key = serializers.UUIDField()
    category = NewsCategoryRefSerializer(allow_null=True)
    tags = serializers.SerializerMethodField()

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_url(self, article):
        return article.get_full_url(request=self.context.get("request"))

    @extend_schema_field({"type": "string", "nullable": True, "description": "Slug of the union whose site it is"})
    def get_site(self, article):
        return self.context["site_of"](article)

    @extend_schema_field({"type": "array", "items": {"type": "string"}})
    def get_tags(self, article):
        return sorted(item.tag.name for item in article.tagged_items.all())


class PublicUnionStatisticsSerializer(serializers.Serializer):
    """One union's figures for one year, from the platform's statistics functions."""

    organization = OrganizationRefSerializer()
    year = serializers.IntegerField()
    delegations_received = serializers.IntegerField(help_text="Incoming delegations (relations_stats).")
    delegations_sent = serializers.IntegerField(help_text="Outgoing delegations (relations_stats).")
    events = serializers.IntegerField(help_text="Events (relations_stats).")
    aid_received_vnd = serializers.IntegerField(help_text="Aid received (disbursed) in đồng (aid_totals).")
    members = serializers.IntegerField(help_text="Members on 31 December, each person once (member_count).")
    branches = serializers.IntegerField(help_text="Branches existing on 31 December.")


# --- Integration (token) ---------------------------------------------------------------------


class TokenInfoSerializer(serializers.Serializer):
    name = serializers.CharField()
    prefix = serializers.CharField()
    scope = serializers.ChoiceField(choices=TokenScope.choices)
    organization = OrganizationRefSerializer()
    expires_on = serializers.DateField(allow_null=True)


class ForeignPartnerSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    organization = serializers.IntegerField(source="organization_id")
    name = serializers.CharField()
    name_vi = serializers.CharField()
    kind = serializers.ChoiceField(choices=PartnerKind.choices)
    country = serializers.CharField(source="country.code")
    city = serializers.CharField()
    website = serializers.CharField()


@extend_schema_field({"type": "array", "items": {"type": "integer"}})
class IdListField(serializers.Field):
    """Ids of related records, read from the prefetched relation."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, manager):
        return [record.pk for record in manager.all()]


def _ids():
    return IdListField()


class DelegationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    organization = serializers.IntegerField(source="organization_id")
    direction = serializers.ChoiceField(choices=Direction.choices)
    level = serializers.ChoiceField(choices=Level.choices)
    title = serializers.CharField()
    partners = _ids()
    countries = serializers.SerializerMethodField()
    head_name = serializers.CharField()
    head_title = serializers.CharField()
    size = serializers.IntegerField()
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    purpose = serializers.CharField()
    programme = serializers.CharField()
    hosts = _ids()
    outcome = serializers.CharField()
    follow_up = serializers.CharField()

    @extend_schema_field({"type": "array", "items": {"type": "string"}, "description": "ISO 3166-1 alpha-2 codes"})
    def get_countries(self, delegation):
        return sorted(country.code for country in delegation.countries)


DATE_OUT_OF_RANGE = _("Enter a date between the years 1900 and 2999.")


class RecordDateField(serializers.DateField):
    """A date of a record of the network: between 1900 and 2999 (date arithmetic stays in range)."""

    def to_internal_value(self, value):
        day = super().to_internal_value(value)
        if not 1900 <= day.year <= 2999:
            raise serializers.ValidationError(str(DATE_OUT_OF_RANGE))
        return day


class DelegationWriteSerializer(serializers.Serializer):
    """A delegation to record or change. The rules of the back office apply: the model's checks
    (dates, size), partners or at least a country, and the likely-duplicate warning."""

    organization = serializers.PrimaryKeyRelatedField(
        queryset=Organization.objects.none(), required=False, help_text="Owner; the token's organization when omitted."
    )
    direction = serializers.ChoiceField(choices=Direction.choices)
    level = serializers.ChoiceField(choices=Level.choices)
    title = serializers.CharField(max_length=255)
    partners = serializers.PrimaryKeyRelatedField(queryset=ForeignPartner.objects.none(), many=True, required=False)
    countries = serializers.ListField(
        child=serializers.ChoiceField(choices=COUNTRY_CODES), required=False, help_text="ISO 3166-1 alpha-2 codes."
    )
    head_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    head_title = serializers.CharField(max_length=255, required=False, allow_blank=True)
    size = serializers.IntegerField(required=False)
    starts_on = RecordDateField()
    ends_on = RecordDateField()
    purpose = serializers.CharField(required=False, allow_blank=True)
    programme = serializers.CharField(required=False, allow_blank=True)
    hosts = serializers.PrimaryKeyRelatedField(queryset=Organization.objects.none(), many=True, required=False)
    outcome = serializers.CharField(required=False, allow_blank=True)
    follow_up = serializers.CharField(required=False, allow_blank=True)
    not_duplicate = serializers.BooleanField(
        required=False, default=False, write_only=True,
        help_text="Send true when the API warned of a likely duplicate and it is a different delegation.",
    )  # fmt: skip

    def __init__(self, *args, querysets=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name, queryset in (querysets or {}).items():
            field = self.fields[name]
            (field.child_relation if hasattr(field, "child_relation") else field).queryset = queryset


class EventSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    organization = serializers.IntegerField(source="organization_id")
    kind = serializers.ChoiceField(choices=EventKind.choices)
    title = serializers.CharField()
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    organizers = _ids()
    participants = _ids()
    partners = _ids()
    admin_unit = AdminUnitRefSerializer(allow_null=True)
    country = serializers.SerializerMethodField()
    city = serializers.CharField()
    venue = serializers.CharField()
    attendance = serializers.IntegerField(allow_null=True)
    description = serializers.CharField()
    outcome = serializers.CharField()

    @extend_schema_field({"type": "string", "nullable": True, "description": "ISO 3166-1 alpha-2, abroad only"})
    def get_country(self, event):
        return event.country.code or None


class AidTransactionSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=TransactionKind.choices)
    date = serializers.DateField()
    amount = serializers.DecimalField(max_digits=20, decimal_places=4)
    currency = serializers.CharField()
    rate = serializers.DecimalField(max_digits=18, decimal_places=6, allow_null=True)
    amount_vnd = serializers.IntegerField()
    donor = serializers.IntegerField(source="donor_id", allow_null=True)


class AidItemSerializer(serializers.Serializer):
    """An aid item with its money; scholarship recipients (people) are not part of it."""

    id = serializers.IntegerField()
    organization = serializers.IntegerField(source="organization_id")
    title = serializers.CharField()
    kind = serializers.ChoiceField(choices=AidKind.choices)
    regime = serializers.ChoiceField(choices=Regime.choices)
    donors = _ids()
    domestic_donors = serializers.CharField()
    decision_number = serializers.CharField()
    decision_date = serializers.DateField(allow_null=True)
    decision_authority = serializers.CharField()
    sector = serializers.CharField(help_text="OECD-DAC 5-digit sector code.")
    beneficiaries = serializers.CharField()
    beneficiary_count = serializers.IntegerField(allow_null=True)
    status = serializers.ChoiceField(choices=AidStatus.choices)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField(allow_null=True)
    description = serializers.CharField()
    transactions = AidTransactionSerializer(many=True)
