"""Directives and yearly plans with targets (chỉ thị, nghị quyết; kế hoạch công tác năm, chỉ tiêu).

A target names a measure of the statistics functions (the same ones emulation scoring reads), so
its progress is computed from the records and never typed twice.
"""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from huunghi.core.access import OrgScopedMixin
from huunghi.core.text import format_date

from . import errors
from .choices import MEASURE_UNITS, TARGET_MEASURES, DirectiveKind, Unit
from .policies import DirectivePolicy

# "12-CT/TW", "05-NQ/TU", "12-KL/TW" (Party documents) or "30/2020/NĐ-CP", "06/2022/QH15",
# "35/QĐ-LHHN" (state and union documents): number, optional year, symbol in capitals.
_SYMBOL = r"[A-ZĐ][A-ZĐa-z0-9]*(-[A-ZĐ][A-ZĐa-z0-9]*)*"
DOCUMENT_NUMBER_RE = re.compile(rf"^\d+[a-z]?(-[A-ZĐ]+/{_SYMBOL}|(/\d{{4}})?/{_SYMBOL})$")


def validate_document_number(value):
    if not DOCUMENT_NUMBER_RE.match(value or ""):
        raise ValidationError(errors.DIRECTIVE_NUMBER_SHAPE, code="shape")


def document_kind(number):
    """The kind a number and symbol names: 12-CT/TW → directive, 30/2020/NĐ-CP → decree."""
    number = number or ""
    if "-" in number.split("/")[0]:  # Party shape: the kind follows the number
        code = number.split("/")[0].split("-", 1)[1]
    else:
        code = number.rsplit("/", 1)[-1].split("-")[0]
        code = "QH" if code.startswith("QH") else code
    return code if code in DirectiveKind.values else ""


class Directive(OrgScopedMixin, models.Model):
    """A directive, resolution or conclusion that guides the work (văn bản chỉ đạo), e.g.
    Directive 12-CT/TW of 5 January 2022 on people-to-people diplomacy.

    Recorded by one organization; those below it read it too (VUFO records the Party's directives
    once for every union)."""

    permission_policy_class = DirectivePolicy
    chooser_search_fields = ("number", "title")

    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="directives"
    )
    number = models.CharField(
        _("number and symbol"), max_length=60, validators=[validate_document_number], help_text=_("e.g. 12-CT/TW")
    )
    issued_on = models.DateField(_("date issued"))
    issuer = models.CharField(_("issued by"), max_length=255, help_text=_("e.g. Ban Bí thư Trung ương Đảng"))
    title = models.CharField(_("title"), max_length=500)
    summary = models.TextField(_("summary"), blank=True)

    class Meta:
        verbose_name = _("directive or resolution")
        verbose_name_plural = _("directives and resolutions")
        ordering = ["-issued_on", "number"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "number", "issued_on"], name="plans_directive_unique")
        ]

    def __str__(self):
        return f"{self.number} ({format_date(self.issued_on)})"

    @property
    def kind(self):
        return document_kind(self.number)

    def get_kind_display(self):
        return DirectiveKind(self.kind).label

    def clean(self):
        super().clean()
        if self.number:
            self.number = self.number.strip()


class YearPlan(OrgScopedMixin, ClusterableModel):
    """A yearly work plan (kế hoạch công tác năm) of a union or association, with its targets."""

    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("organization"), on_delete=models.PROTECT, related_name="year_plans"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=500)
    number = models.CharField(
        _("number and symbol"), max_length=60, blank=True, validators=[validate_document_number],
        help_text=_("e.g. 01/KH-LHHN"),
    )  # fmt: skip
    adopted_on = models.DateField(_("date adopted"), null=True, blank=True)
    directives = models.ManyToManyField(Directive, verbose_name=_("guided by"), blank=True, related_name="plans")
    summary = models.TextField(_("main tasks"), blank=True)

    class Meta:
        verbose_name = _("yearly plan")
        verbose_name_plural = _("yearly plans")
        ordering = ["-year", "organization__path"]
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="plans_yearplan_unique")]

    def __str__(self):
        return f"{self.title} ({self.year})"

    def clean(self):
        super().clean()
        if self.adopted_on and self.year and self.adopted_on.year > self.year:
            raise ValidationError({"adopted_on": errors.ADOPTED_AFTER_YEAR % {"year": self.year}})
        if self.organization_id and self.year:
            taken = YearPlan.objects.filter(organization_id=self.organization_id, year=self.year).exclude(pk=self.pk)
            if taken.exists():
                raise ValidationError({"year": errors.PLAN_YEAR_TAKEN % {"year": self.year}})


class Target(Orderable):
    """A target of the plan (chỉ tiêu): at least `value` `unit` of a measure, tied to a directive."""

    plan = ParentalKey(YearPlan, on_delete=models.CASCADE, related_name="targets")
    measure = models.CharField(_("measure"), max_length=30, choices=TARGET_MEASURES)
    value = models.DecimalField(_("target"), max_digits=18, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=20, choices=Unit.choices)
    directive = models.ForeignKey(
        Directive,
        verbose_name=_("implements"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="targets",
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("target")
        verbose_name_plural = _("targets")

    def __str__(self):
        return f"{self.get_measure_display()} ≥ {self.value.normalize():f} {self.get_unit_display()}"

    def clean(self):
        super().clean()
        allowed = MEASURE_UNITS.get(self.measure, {})
        if self.measure and self.unit and self.unit not in allowed:
            raise ValidationError({"unit": errors.UNIT_MISMATCH % {
                "unit": Unit(self.unit).label,
                "measure": self.get_measure_display(),
                "allowed": ", ".join(str(Unit(u).label) for u in allowed),
            }})  # fmt: skip
        if self.value is not None and self.value < 0:
            raise ValidationError({"value": errors.NEGATIVE_TARGET})

    @property
    def value_in_measure_unit(self):
        """The target in the measure's own unit: "1,5 tỷ đồng" → 1,500,000,000."""
        return Decimal(self.value) * MEASURE_UNITS[self.measure][self.unit]
