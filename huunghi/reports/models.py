"""What only people can write in an annual report: its narrative sections and the document's
particulars (number, place, date, signer, recipients). The figures are never stored: they are
computed from the records each time the report is made."""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.models import RevisionMixin

from huunghi.core.access import OrgScopedMixin

from .policies import ReportDraftPolicy


class Scope(models.TextChoices):
    UNION = "union", _("Union")
    CLUSTER = "cluster", _("Emulation cluster")
    NATIONAL = "national", _("Whole country")


class ReportDraft(OrgScopedMixin, RevisionMixin, models.Model):
    """The editable part of one annual report (phần nội dung do cán bộ viết), kept with revisions."""

    permission_policy_class = ReportDraftPolicy

    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("issuing organization"), on_delete=models.PROTECT, related_name="+"
    )
    scope = models.CharField(_("report on"), max_length=20, choices=Scope.choices, default=Scope.UNION)
    cluster = models.ForeignKey(
        "emulation.EmulationCluster",
        verbose_name=_("emulation cluster"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("year reviewed"))
    # The document's particulars (Decree 30/2020/NĐ-CP, Article 8).
    superior_body = models.CharField(
        _("superior body"), max_length=255, blank=True, help_text=_("Printed above the issuing body; may be empty.")
    )
    number = models.CharField(_("number"), max_length=10, blank=True, help_text=_("Left blank until issued."))
    symbol = models.CharField(_("symbol"), max_length=40, default="BC-LHHN")
    place = models.CharField(_("place"), max_length=100, blank=True)
    signed_on = models.DateField(_("date"), null=True, blank=True)
    signer_authority = models.CharField(_("signing on behalf of"), max_length=100, default="TM. BAN THƯỜNG VỤ")
    signer_title = models.CharField(_("signer's title"), max_length=100, default="CHỦ TỊCH")
    signer_name = models.CharField(_("signer's name"), max_length=100, blank=True)
    recipients = models.TextField(_("recipients"), blank=True, help_text=_("One per line."))
    # The narrative sections.
    situation = models.TextField(_("situation"), blank=True)
    assessment = models.TextField(_("overall assessment: strengths"), blank=True)
    shortcomings = models.TextField(_("shortcomings and their causes"), blank=True)
    lessons = models.TextField(_("lessons learned"), blank=True)
    directions = models.TextField(_("directions and tasks for the next year"), blank=True)
    proposals = models.TextField(_("proposals and recommendations"), blank=True)

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="report_draft")

    class Meta:
        verbose_name = _("annual report text")
        verbose_name_plural = _("annual report texts")
        ordering = ["-year", "organization__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "scope", "year"], condition=Q(cluster__isnull=True), name="reports_draft_unique"
            ),
            models.UniqueConstraint(
                fields=["cluster"], condition=Q(cluster__isnull=False), name="reports_draft_cluster"
            ),
        ]

    def __str__(self):
        who = self.cluster if self.cluster_id else self.organization
        return _("Annual report %(year)s — %(who)s") % {"year": self.year, "who": who}

    @property
    def revisions(self):
        return self._revisions

    def clean(self):
        super().clean()
        if (self.scope == Scope.CLUSTER) != bool(self.cluster_id):
            raise ValidationError({"cluster": _("Choose the cluster for a cluster report, and only then.")})

    def recipient_lines(self):
        return [line.strip(" -;.") for line in self.recipients.splitlines() if line.strip(" -;.")]
