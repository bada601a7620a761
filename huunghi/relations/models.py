"""Foreign relations (đối ngoại): foreign partners, delegations received and sent, events and
cooperation agreements.

Records are owned by one organization (`organization`) and may be shared with co-hosts or
co-organizers, who see them read-only (see `permissions.SharedRecordPolicy`).
"""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from huunghi.core.access import OrgScopedMixin
from huunghi.core.models import AdminUnit
from huunghi.core.text import format_date

from . import errors
from .choices import AgreementStatus, Direction, EventKind, Level, PartnerKind
from .permissions import SharedRecordPolicy, UnionSharedPolicy


def _check_dates(record, start="starts_on", end="ends_on"):
    starts, ends = getattr(record, start), getattr(record, end)
    if starts and ends and ends < starts:
        raise ValidationError({end: errors.END_BEFORE_START % {"start": format_date(starts)}})


class ForeignPartner(OrgScopedMixin, models.Model):
    """A foreign partner (đối tác nước ngoài): an organization abroad, an embassy or consulate, a
    foreign NGO, a province of a neighbouring country, an overseas Vietnamese association…"""

    chooser_search_fields = ("name", "name_vi", "city")
    permission_policy_class = UnionSharedPolicy

    organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="foreign_partners",
    )
    name = models.CharField(_("name"), max_length=255, help_text=_("In the partner's own or English spelling."))
    name_vi = models.CharField(_("Vietnamese name"), max_length=255, blank=True)
    kind = models.CharField(_("type"), max_length=30, choices=PartnerKind.choices)
    country = CountryField(_("country"))
    city = models.CharField(_("city / province"), max_length=120, blank=True)
    contact_person = models.CharField(_("contact person"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("foreign partner")
        verbose_name_plural = _("foreign partners")
        ordering = ["name"]  # not by country: modelcluster sorts in memory and countries do not compare

    def __str__(self):
        label = self.name_vi or self.name
        return f"{label} ({self.country.name})" if self.country else label


class Delegation(OrgScopedMixin, ClusterableModel):
    """A delegation received (đoàn vào) or sent (đoàn ra)."""

    chooser_search_fields = ("title", "head_name")
    shared_lookups = ("hosts",)
    permission_policy_class = SharedRecordPolicy

    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("owner"), on_delete=models.PROTECT, related_name="delegations"
    )
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    level = models.CharField(_("level"), max_length=30, choices=Level.choices)
    title = models.CharField(
        _("title"),
        max_length=255,
        help_text=_("E.g. Delegation of the Lao–Vietnamese Friendship Association of Xiangkhouang"),
    )
    partners = ParentalManyToManyField(
        ForeignPartner, verbose_name=_("foreign partners"), blank=True, related_name="delegations"
    )
    countries = CountryField(
        _("countries"),
        multiple=True,
        blank=True,
        help_text=_("Filled in from the partners; add a country when no partner is recorded."),
    )
    head_name = models.CharField(_("head of delegation"), max_length=200, blank=True)
    head_title = models.CharField(_("head's position"), max_length=255, blank=True)
    size = models.PositiveIntegerField(_("number of people"), default=1, validators=[MinValueValidator(1)])
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"))
    purpose = models.TextField(_("purpose"), blank=True)
    programme = models.TextField(_("programme"), blank=True)
    hosts = ParentalManyToManyField(
        "orgs.Organization",
        verbose_name=_("co-hosts"),
        blank=True,
        related_name="cohosted_delegations",
        help_text=_("Other organizations of the network that received or sent it together with the owner."),
    )
    outcome = models.TextField(_("outcome"), blank=True)
    follow_up = models.TextField(_("follow-up"), blank=True)

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        ordering = ["-starts_on", "title"]

    def __str__(self):
        return f"{self.title} ({format_date(self.starts_on)})"

    def clean(self):
        super().clean()
        _check_dates(self)
        if self.size is not None and self.size < 1:
            raise ValidationError({"size": errors.SIZE_AT_LEAST_ONE})

    def get_countries_display(self):
        # django-countries' multiple field has no flat choices for Django's generated method
        return ", ".join(country.name for country in self.countries)

    def all_countries(self):
        codes = {c.code for c in self.countries}
        if self.pk:
            codes |= {p.country.code for p in self.partners.all()}
        return sorted(codes)


class Event(OrgScopedMixin, ClusterableModel):
    """An event (sự kiện): conference, commemoration, signing ceremony, cultural exchange, meeting
    of the executive committee…, in Vietnam (an administrative unit valid on the date) or abroad."""

    chooser_search_fields = ("title", "venue")
    shared_lookups = ("organizers", "participants")
    permission_policy_class = SharedRecordPolicy

    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("owner"), on_delete=models.PROTECT, related_name="events"
    )
    kind = models.CharField(_("type"), max_length=30, choices=EventKind.choices)
    title = models.CharField(_("title"), max_length=255)
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"))
    organizers = ParentalManyToManyField(
        "orgs.Organization", verbose_name=_("co-organizers"), blank=True, related_name="coorganized_events"
    )
    participants = ParentalManyToManyField(
        "orgs.Organization", verbose_name=_("participating organizations"), blank=True, related_name="attended_events"
    )
    partners = ParentalManyToManyField(
        ForeignPartner, verbose_name=_("foreign partners"), blank=True, related_name="events"
    )
    admin_unit = models.ForeignKey(
        AdminUnit,
        verbose_name=_("place in Vietnam"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The administrative unit as it was on the date of the event."),
    )
    country = CountryField(_("country abroad"), blank=True)
    city = models.CharField(_("city abroad"), max_length=120, blank=True)
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    executive_meeting = models.ForeignKey(
        "orgs.ExecutiveMeeting",
        verbose_name=_("executive committee meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    attendance = models.PositiveIntegerField(_("number of participants"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    outcome = models.TextField(_("outcome"), blank=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-starts_on", "title"]

    def __str__(self):
        return f"{self.title} ({format_date(self.starts_on)})"

    def clean(self):
        super().clean()
        _check_dates(self)
        if self.admin_unit_id and self.country and self.country.code != "VN":
            raise ValidationError({"country": errors.PLACE_TWICE})
        if not self.admin_unit_id and not self.country:
            raise ValidationError({"admin_unit": errors.PLACE_REQUIRED})
        if self.admin_unit_id and self.starts_on and not self.admin_unit.is_valid_on(self.starts_on):
            raise ValidationError(
                {
                    "admin_unit": errors.PLACE_NOT_VALID_ON
                    % {
                        "unit": self.admin_unit.name,
                        "date": format_date(self.starts_on),
                        "validity": self.admin_unit.validity_text(),
                    }
                }
            )

    @property
    def place(self):
        if self.admin_unit_id:
            return ", ".join(p for p in (self.venue, str(self.admin_unit)) if p)
        return ", ".join(p for p in (self.venue, self.city, self.country.name if self.country else "") if p)


class CooperationAgreement(OrgScopedMixin, models.Model):
    """A cooperation agreement (thỏa thuận hợp tác) with a foreign partner."""

    chooser_search_fields = ("title",)

    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("signed by"), on_delete=models.PROTECT, related_name="agreements"
    )
    partner = models.ForeignKey(
        ForeignPartner, verbose_name=_("foreign partner"), on_delete=models.PROTECT, related_name="agreements"
    )
    title = models.CharField(_("title"), max_length=255)
    signed_on = models.DateField(_("signing date"))
    starts_on = models.DateField(_("in force from"), null=True, blank=True)
    ends_on = models.DateField(_("in force until"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=AgreementStatus.choices)
    summary = models.TextField(_("content"), blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("signed text"), null=True, blank=True, on_delete=models.SET_NULL
    )
    event = models.ForeignKey(
        Event, verbose_name=_("signing ceremony"), null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = _("cooperation agreement")
        verbose_name_plural = _("cooperation agreements")
        ordering = ["-signed_on"]

    def __str__(self):
        return f"{self.title} ({format_date(self.signed_on)})"

    def clean(self):
        super().clean()
        _check_dates(self)
        if self.starts_on and self.signed_on and self.starts_on < self.signed_on:
            raise ValidationError({"starts_on": errors.IN_FORCE_BEFORE_SIGNED})


class PhotoBase(Orderable):
    """A photo of a record, from the image library (caption and photographer credit live on the
    image; a caption here overrides it for this record)."""

    image = models.ForeignKey("images.CustomImage", verbose_name=_("photo"), on_delete=models.CASCADE, related_name="+")
    caption = models.CharField(_("caption"), max_length=255, blank=True)

    class Meta(Orderable.Meta):
        abstract = True

    def display_caption(self):
        return self.caption or self.image.caption or self.image.title


class DocumentBase(Orderable):
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("document"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta(Orderable.Meta):
        abstract = True


class DelegationPhoto(PhotoBase):
    delegation = ParentalKey(Delegation, on_delete=models.CASCADE, related_name="photos")


class DelegationDocument(DocumentBase):
    delegation = ParentalKey(Delegation, on_delete=models.CASCADE, related_name="documents")


class EventPhoto(PhotoBase):
    event = ParentalKey(Event, on_delete=models.CASCADE, related_name="photos")


class EventDocument(DocumentBase):
    event = ParentalKey(Event, on_delete=models.CASCADE, related_name="documents")
