"""Aid mobilization (vận động viện trợ): foreign non-governmental aid, scholarships and relief.

An aid item keeps the legal regime of its date: Decree 80/2020/NĐ-CP until 7/12/2025, Decree
313/2025/NĐ-CP from 8/12/2025 (program, project and non-project aid — the last one covering
one-off aid in cash, goods, experts or volunteers — plus emergency relief and scholarships).
Money follows `money.py`: Decimal amounts in ISO 4217 currencies with a recorded VND rate.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from huunghi.core.access import OrgScopedMixin
from huunghi.core.text import fold, format_date

from . import errors, money
from .codelists import sector_choices

DECREE_313_FROM = datetime.date(2025, 12, 8)


class AidKind(models.TextChoices):
    PROGRAM = "program", _("Program")
    PROJECT = "project", _("Project")
    NON_PROJECT = "non_project", _("Non-project aid (cash, goods, experts, volunteers)")
    EMERGENCY = "emergency", _("Emergency relief")
    SCHOLARSHIP = "scholarship", _("Scholarship program")


class Regime(models.TextChoices):
    DECREE_80 = "decree_80_2020", _("Decree 80/2020/NĐ-CP")
    DECREE_313 = "decree_313_2025", _("Decree 313/2025/NĐ-CP")


class AidStatus(models.TextChoices):  # IATI ActivityStatus codes
    PIPELINE = "1", _("Being prepared")
    IMPLEMENTATION = "2", _("Being carried out")
    FINALISATION = "3", _("Finishing")
    CLOSED = "4", _("Closed")
    CANCELLED = "5", _("Cancelled")
    SUSPENDED = "6", _("Suspended")


class TransactionKind(models.TextChoices):
    PLEDGE = "pledge", _("Pledge")
    COMMITMENT = "commitment", _("Commitment")
    DISBURSEMENT = "disbursement", _("Disbursement (received)")


def regime_on(day):
    return Regime.DECREE_313 if day and day >= DECREE_313_FROM else Regime.DECREE_80


class AidItem(OrgScopedMixin, ClusterableModel):
    """An aid item (khoản viện trợ): program, project, non-project aid, emergency relief or
    scholarship program, with its donors, decision, places, beneficiaries and money."""

    chooser_search_fields = ("title", "decision_number")

    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("mobilized by"), on_delete=models.PROTECT, related_name="aid_items"
    )
    title = models.CharField(_("title"), max_length=255)
    kind = models.CharField(_("type of aid"), max_length=20, choices=AidKind.choices)
    regime = models.CharField(_("legal basis"), max_length=20, choices=Regime.choices, editable=False)
    donors = ParentalManyToManyField(
        "relations.ForeignPartner", verbose_name=_("foreign donors"), blank=True, related_name="aid_items"
    )
    domestic_donors = models.CharField(
        _("domestic donors"), max_length=255, blank=True, help_text=_("Businesses, people or groups in Vietnam.")
    )
    decision_number = models.CharField(_("approving decision no."), max_length=60, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    decision_authority = models.CharField(_("approving authority"), max_length=255, blank=True)
    sector = models.CharField(
        _("sector"), max_length=5, choices=sector_choices, help_text=_("OECD-DAC 5-digit sector.")
    )
    beneficiaries = models.CharField(_("beneficiaries"), max_length=255, blank=True)
    beneficiary_count = models.PositiveIntegerField(_("number of beneficiaries"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=1, choices=AidStatus.choices, default=AidStatus.IMPLEMENTATION)
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    overrun_reason = models.CharField(
        _("reason for receiving more than committed"),
        max_length=255,
        blank=True,
        help_text=_("Needed only when the disbursements exceed the commitments."),
    )

    class Meta:
        verbose_name = _("aid item")
        verbose_name_plural = _("aid items")
        ordering = ["-starts_on", "title"]

    def __str__(self):
        return f"{self.title} ({format_date(self.starts_on)})"

    def save(self, *args, **kwargs):
        self.regime = regime_on(self.decision_date or self.starts_on)
        super().save(*args, **kwargs)

    @property
    def iati_identifier(self):
        """Stable: the reporting organization's identifier and this record's id."""
        from .iati import organisation_ref

        return f"{organisation_ref(self.organization)}-{self.pk}"

    def totals_vnd(self):
        totals = dict.fromkeys(TransactionKind.values, Decimal(0))
        for transaction in self.transactions.all():
            totals[transaction.kind] += transaction.amount_vnd or Decimal(0)
        return totals

    def clean(self):
        super().clean()
        field_errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            field_errors["ends_on"] = errors.END_BEFORE_START
        if self.starts_on:
            for place in self.places.all():
                unit = place.admin_unit
                if unit is not None and not unit.is_valid_on(self.starts_on):
                    field_errors["starts_on"] = errors.PLACE_NOT_VALID_ON % {
                        "unit": unit.name, "date": format_date(self.starts_on), "validity": unit.validity_text()
                    }  # fmt: skip
        totals = self.totals_vnd()
        if (
            totals[TransactionKind.COMMITMENT]
            and totals[TransactionKind.DISBURSEMENT] > totals[TransactionKind.COMMITMENT]
            and not self.overrun_reason.strip()
        ):
            field_errors["overrun_reason"] = errors.DISBURSED_MORE_THAN_COMMITTED % {
                "disbursed": money.format_vnd(totals[TransactionKind.DISBURSEMENT]),
                "committed": money.format_vnd(totals[TransactionKind.COMMITMENT]),
            }
        if field_errors:
            raise ValidationError(field_errors)


class AidTransaction(Orderable):
    """A pledge, commitment or disbursement, in its own currency, with the VND rate of its date."""

    aid = ParentalKey(AidItem, on_delete=models.CASCADE, related_name="transactions")
    kind = models.CharField(_("type"), max_length=20, choices=TransactionKind.choices)
    date = models.DateField(_("date"))
    amount = models.DecimalField(_("amount"), max_digits=20, decimal_places=4)
    currency = models.CharField(_("currency"), max_length=3, default=money.VND)
    rate = models.DecimalField(
        _("rate (VND per unit)"), max_digits=18, decimal_places=6, null=True, blank=True,
        help_text=_("Leave empty for VND."),
    )  # fmt: skip
    rate_date = models.DateField(_("rate date"), null=True, blank=True)
    amount_vnd = models.DecimalField(_("amount in VND"), max_digits=20, decimal_places=0, editable=False)
    donor = models.ForeignKey(
        "relations.ForeignPartner", verbose_name=_("donor"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("money movement")
        verbose_name_plural = _("money movements")

    def __str__(self):
        return f"{self.get_kind_display()} {money.format_amount(self.amount, self.currency)} ({format_date(self.date)})"

    def clean(self):
        super().clean()
        field_errors = {}
        self.currency = (self.currency or "").strip().upper()
        if not money.is_currency(self.currency):
            field_errors["currency"] = errors.UNKNOWN_CURRENCY % {"code": self.currency}
        elif self.amount is not None:
            if self.amount <= 0:
                field_errors["amount"] = errors.AMOUNT_NOT_POSITIVE
            else:
                try:
                    money.check_amount(self.amount, self.currency)
                except money.MoneyError:
                    places = money.exponent(self.currency)
                    message = errors.TOO_PRECISE if places else errors.TOO_PRECISE_WHOLE
                    field_errors["amount"] = message % {"currency": self.currency, "places": places}
            if self.currency == money.VND:
                self.rate, self.rate_date = None, None
            elif self.rate is None:
                field_errors["rate"] = errors.RATE_REQUIRED % {"currency": self.currency}
            elif self.rate <= 0:
                field_errors["rate"] = errors.RATE_NOT_POSITIVE
            elif self.rate_date is None:
                field_errors["rate_date"] = errors.RATE_DATE_REQUIRED
        if field_errors:
            raise ValidationError(field_errors)
        self.amount_vnd = money.to_vnd(self.amount, self.currency, self.rate or 1)

    def save(self, *args, **kwargs):
        if self.amount is not None:
            self.amount_vnd = money.to_vnd(self.amount, self.currency, self.rate or 1)
        super().save(*args, **kwargs)


class AidPlace(Orderable):
    """A place the aid went to: an administrative unit as it was when the aid was given."""

    aid = ParentalKey(AidItem, on_delete=models.CASCADE, related_name="places")
    admin_unit = models.ForeignKey("core.AdminUnit", verbose_name=_("administrative unit"), on_delete=models.PROTECT,
                                   related_name="+")  # fmt: skip

    class Meta(Orderable.Meta):
        verbose_name = _("place")
        verbose_name_plural = _("places")

    def __str__(self):
        return str(self.admin_unit)


class ScholarshipAward(Orderable):
    """A scholarship (học bổng) given to one recipient."""

    aid = ParentalKey(AidItem, on_delete=models.CASCADE, related_name="awards")
    recipient = models.CharField(_("recipient"), max_length=200)
    school = models.CharField(_("school / class"), max_length=255, blank=True)
    amount_vnd = models.DecimalField(
        _("amount (VND)"), max_digits=20, decimal_places=0, validators=[MinValueValidator(1)]
    )

    class Meta(Orderable.Meta):
        verbose_name = _("scholarship")
        verbose_name_plural = _("scholarships")

    def __str__(self):
        return f"{self.recipient}: {money.format_vnd(self.amount_vnd)}"

    def recipient_key(self):
        return (fold(self.recipient), fold(self.school))
