"""Emulation and commendation (thi đua, khen thưởng): clusters of unions, their yearly program and
covenant, criteria, score sheets, ranking, award proposals and awards.

Law 06/2022/QH15 on emulation and commendation and its decrees (98/2023/NĐ-CP, replaced by
152/2025/NĐ-CP from 1/7/2025) frame the award forms; the forms, their bonus multiples of the basic
salary and the basic salary itself are data with validity dates (`AwardForm`, `BasicSalary`).
"""

import datetime
import re
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from huunghi.core.access import OrgScopedMixin
from huunghi.orgs.choices import OrgKind

from . import errors
from .access import ClusterPolicy, ProposalPolicy, ReferencePolicy, SheetPolicy
from .choices import CriterionKind, Measure, NoTargetRule, ProposalStatus, Recipient, SheetStatus
from .criteria import Row, code_key, fmt_points, tree_errors

POINTS = {"max_digits": 7, "decimal_places": 2}
DECISION_NUMBER_RE = re.compile(r"^\d+[A-Za-z]?/[0-9A-ZĐ]+(-[0-9A-ZĐ]+)*$")


def _fmt(day):
    return day.strftime("%d/%m/%Y") if day else "…"


def _validity(start, end):
    return f"{_fmt(start)} – {_fmt(end) if end else '…'}"


# --- Reference data --------------------------------------------------------------------------


class AwardForm(OrgScopedMixin, models.Model):
    """A form of commendation (hình thức khen thưởng): cờ thi đua, bằng khen, giấy khen… with who
    awards it, who may propose it, and its bonus as a multiple of the basic salary, valid for a
    period (the decree in force)."""

    permission_policy_class = ReferencePolicy

    code = models.SlugField(_("code"), max_length=60)
    name = models.CharField(_("name"), max_length=255)
    recipient = models.CharField(_("awarded to"), max_length=20, choices=Recipient.choices)
    awarded_by = models.CharField(_("awarded by"), max_length=255)
    proposed_by = models.CharField(_("who may propose it"), max_length=255, blank=True)
    bonus_multiple = models.DecimalField(
        _("bonus (times the basic salary)"), max_digits=6, decimal_places=2, validators=[MinValueValidator(0)]
    )
    legal_basis = models.CharField(_("legal basis"), max_length=255)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        verbose_name = _("award form")
        verbose_name_plural = _("award forms")
        ordering = ["-valid_from", "-bonus_multiple", "name"]
        constraints = [models.UniqueConstraint(fields=["code", "valid_from"], name="award_form_code_from")]

    def __str__(self):
        return f"{self.name} ({self.get_recipient_display().lower()})"

    def audit_org_path(self):
        return ""  # national data: its audit entries are VUFO's

    def is_valid_on(self, day):
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def validity_text(self):
        return _validity(self.valid_from, self.valid_to)

    def clean(self):
        if self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("The end date cannot be earlier than the start date.")})


class BasicSalary(OrgScopedMixin, models.Model):
    """The basic salary (mức lương cơ sở) that award bonuses are multiples of, from a date on."""

    permission_policy_class = ReferencePolicy

    amount_vnd = models.DecimalField(_("amount (VND)"), max_digits=12, decimal_places=0)
    valid_from = models.DateField(_("valid from"), unique=True)
    legal_basis = models.CharField(_("legal basis"), max_length=255)

    class Meta:
        verbose_name = _("basic salary")
        verbose_name_plural = _("basic salaries")
        ordering = ["-valid_from"]

    def __str__(self):
        return f"{int(self.amount_vnd):,} đ ({_fmt(self.valid_from)})".replace(",", ".")

    def audit_org_path(self):
        return ""

    @classmethod
    def on(cls, day):
        return cls.objects.filter(valid_from__lte=day).order_by("-valid_from").first()


# --- Criteria --------------------------------------------------------------------------------


class CriteriaSet(OrgScopedMixin, ClusterableModel):
    """A criteria set (bộ tiêu chí thi đua) for a year, issued by VUFO: a tree of criteria with
    maximum points adding up to the declared total, and the tie-break rule of the ranking."""

    permission_policy_class = ClusterPolicy

    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("issued by"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("name"), max_length=255)
    year = models.PositiveSmallIntegerField(_("year"))
    total_points = models.DecimalField(_("total points"), **POINTS)
    tie_break = models.CharField(
        _("tie-break criteria"),
        max_length=120,
        blank=True,
        help_text=_("Codes compared in order when totals are equal, e.g. “1, 2, 3”. Units still equal share the rank."),
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("criteria set")
        verbose_name_plural = _("criteria sets")
        ordering = ["-year", "name"]

    def __str__(self):
        return f"{self.name} ({self.year})"

    def tie_break_codes(self):
        return [code.strip() for code in self.tie_break.replace(";", ",").split(",") if code.strip()]

    def ordered_criteria(self):
        return sorted(self.criteria.all(), key=lambda c: code_key(c.code))

    def leaves(self):
        return [c for c in self.ordered_criteria() if c.kind != CriterionKind.GROUP]

    def tree_errors(self):
        rows = [Row(c.code, c.kind, c.max_points or Decimal(0)) for c in self.criteria.all()]
        problems = tree_errors(rows, self.total_points)
        known = {c.code for c in self.criteria.all()}
        for code in self.tie_break_codes():
            if code not in known:
                problems.append((None, _("The tie-break names %(code)s, which is not a criterion.") % {"code": code}))
        return problems

    def clean(self):
        super().clean()
        problems = self.tree_errors() if self.pk or self.criteria.all() else []
        if problems:
            raise ValidationError([message for _code, message in problems])


class Criterion(Orderable):
    """One criterion (tiêu chí) of a set: a group, or a leaf scored by one of four rules."""

    criteria_set = ParentalKey(CriteriaSet, on_delete=models.CASCADE, related_name="criteria")
    code = models.CharField(_("code"), max_length=20, help_text=_("Its place in the tree: 1, 1.1, 1.2, 2 …"))
    title = models.CharField(_("criterion"), max_length=500)
    kind = models.CharField(_("scoring"), max_length=20, choices=CriterionKind.choices)
    max_points = models.DecimalField(_("maximum points"), validators=[MinValueValidator(0)], **POINTS)
    measure = models.CharField(
        _("figure from the records"), max_length=30, choices=Measure.choices, blank=True, default=Measure.MANUAL
    )
    unit = models.CharField(_("unit"), max_length=40, blank=True, help_text=_("e.g. delegations, VND, branches"))
    default_target = models.DecimalField(_("default target"), max_digits=18, decimal_places=2, null=True, blank=True)
    points_each = models.DecimalField(
        _("points per occurrence"),
        null=True,
        blank=True,
        help_text=_("Negative for a penalty."),
        **POINTS,
    )
    no_target_rule = models.CharField(
        _("when a unit has no target"),
        max_length=20,
        choices=NoTargetRule.choices,
        default=NoTargetRule.FULL_IF_ANY,
    )

    class Meta(Orderable.Meta):
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self):
        return f"{self.code}. {self.title}"

    @property
    def depth(self):
        return self.code.count(".")

    def clean(self):
        problems = {}
        if self.kind in (CriterionKind.PER_OCCURRENCE, CriterionKind.BONUS_PENALTY) and self.points_each is None:
            problems["points_each"] = errors.POINTS_EACH_REQUIRED
        if self.measure and self.kind not in (CriterionKind.QUANTITATIVE, CriterionKind.PER_OCCURRENCE):
            problems["measure"] = errors.MEASURE_FOR_QUANTITATIVE
        if self.default_target is not None and self.default_target <= 0:
            problems["default_target"] = errors.TARGET_NOT_POSITIVE
        if problems:
            raise ValidationError(problems)

    def points_range(self):
        """(lowest, highest) points a unit can get on this criterion."""
        if self.kind == CriterionKind.BONUS_PENALTY:
            return (-self.max_points, Decimal(0)) if (self.points_each or 0) < 0 else (Decimal(0), self.max_points)
        return Decimal(0), self.max_points

    def check_points(self, points):
        """The message for points this criterion does not allow, or None."""
        if points is None:
            return None
        low, high = self.points_range()
        if self.kind == CriterionKind.BONUS_PENALTY and not low <= points <= high:
            return errors.BONUS_OUT_OF_RANGE % {"max": fmt_points(self.max_points)}
        if points > high:
            return errors.POINTS_ABOVE_MAX % {"points": fmt_points(points), "max": fmt_points(high)}
        if points < low:
            return errors.POINTS_BELOW_ZERO
        return None


# --- Clusters --------------------------------------------------------------------------------


class EmulationCluster(OrgScopedMixin, ClusterableModel):
    """An emulation cluster (cụm thi đua) for one year: member unions, the rotating head (cụm
    trưởng) and deputy head (cụm phó), the coordination program (chương trình phối hợp) and the
    covenant signing (lễ ký kết giao ước thi đua). Set up by VUFO (`organization`)."""

    permission_policy_class = ClusterPolicy

    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("set up by"), on_delete=models.PROTECT, related_name="+"
    )
    number = models.PositiveSmallIntegerField(_("cluster number"))
    name = models.CharField(_("name"), max_length=255)
    year = models.PositiveSmallIntegerField(_("year"))
    head = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("cluster head"),
        on_delete=models.PROTECT,
        related_name="clusters_headed",
    )
    deputy_head = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("deputy cluster head"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="clusters_deputy",
    )
    criteria_set = models.ForeignKey(
        CriteriaSet, verbose_name=_("criteria set"), on_delete=models.PROTECT, related_name="clusters"
    )
    signing_place = models.CharField(_("signing ceremony: place"), max_length=255, blank=True)
    signing_starts_on = models.DateField(_("signing ceremony: from"), null=True, blank=True)
    signing_ends_on = models.DateField(_("signing ceremony: until"), null=True, blank=True)
    signing_note = models.TextField(_("signing ceremony: note"), blank=True)
    finalized_at = models.DateTimeField(_("results final at"), null=True, blank=True, editable=False)
    finalized_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    class Meta:
        verbose_name = _("emulation cluster")
        verbose_name_plural = _("emulation clusters")
        ordering = ["-year", "number"]
        constraints = [models.UniqueConstraint(fields=["number", "year"], name="cluster_number_year")]

    def __str__(self):
        return f"{self.name} ({self.year})"

    @property
    def is_final(self):
        return self.finalized_at is not None

    def member_ids(self):
        return {m.organization_id for m in self.members.all()}

    def clean(self):
        super().clean()
        problems = {}
        if self.signing_starts_on and self.signing_ends_on and self.signing_ends_on < self.signing_starts_on:
            problems["signing_ends_on"] = _("The end date cannot be earlier than the start date.")
        if self.criteria_set_id and self.year and self.criteria_set.year != self.year:
            problems["criteria_set"] = errors.CRITERIA_YEAR % {"set_year": self.criteria_set.year, "year": self.year}
        if self.head_id and self.deputy_head_id == self.head_id:
            problems["deputy_head"] = errors.HEAD_IS_DEPUTY
        members = self.member_ids()
        if (
            members
            and self.head_id
            and (self.head_id not in members or (self.deputy_head_id and self.deputy_head_id not in members))
        ):
            problems["head"] = errors.HEAD_NOT_MEMBER
        messages = self.member_errors() + self.signature_errors()
        if messages:
            problems.setdefault("__all__", []).extend(messages)
        if problems:
            raise ValidationError(problems)

    def member_errors(self):
        messages, seen = [], set()
        members = [m for m in self.members.all() if m.organization_id]
        taken = {
            m.organization_id: m.cluster
            for m in ClusterMember.objects.filter(
                organization_id__in=[m.organization_id for m in members], year=self.year
            )
            .exclude(cluster_id=self.pk)
            .select_related("cluster")
        }
        for member in members:
            union = member.organization
            if member.organization_id in seen:
                messages.append(errors.MEMBER_TWICE % {"union": union})
                continue
            seen.add(member.organization_id)
            if union.kind != OrgKind.PROVINCIAL_UNION:
                messages.append(errors.NOT_A_UNION)
            if union.dissolved_on and self.year and union.dissolved_on < datetime.date(self.year, 1, 1):
                messages.append(
                    errors.DISSOLVED_MEMBER % {"union": union, "date": _fmt(union.dissolved_on), "year": self.year}
                )
            if member.organization_id in taken:
                messages.append(
                    errors.UNION_IN_TWO_CLUSTERS
                    % {"union": union, "cluster": taken[member.organization_id].name, "year": self.year}
                )
        return messages

    def signature_errors(self):
        messages, seen = [], set()
        members = self.member_ids()
        for signature in self.signatures.all():
            if not signature.organization_id:
                continue
            union = signature.organization
            if signature.organization_id not in members:
                messages.append(errors.SIGNER_NOT_MEMBER % {"union": union})
            elif signature.organization_id in seen:
                messages.append(errors.SIGNED_TWICE % {"union": union})
            seen.add(signature.organization_id)
            start, end = self.signing_starts_on, self.signing_ends_on or self.signing_starts_on
            if start and signature.signed_on and not start <= signature.signed_on <= end:
                messages.append(errors.SIGNED_OUTSIDE_CEREMONY % {"start": _fmt(start), "end": _fmt(end)})
        return messages


class ClusterMember(Orderable):
    """A member union of a cluster in its year (thành viên cụm). A union is in one cluster a year."""

    cluster = ParentalKey(EmulationCluster, on_delete=models.CASCADE, related_name="members")
    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("union"), on_delete=models.PROTECT, related_name="cluster_memberships"
    )
    year = models.PositiveSmallIntegerField(editable=False)

    class Meta(Orderable.Meta):
        verbose_name = _("cluster member")
        verbose_name_plural = _("cluster members")
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="one_cluster_a_year")]

    def __str__(self):
        return str(self.organization)

    def save(self, *args, **kwargs):
        self.year = self.cluster.year
        super().save(*args, **kwargs)


class ProgramItem(Orderable):
    """One content item of the cluster's yearly coordination program (nội dung chương trình phối hợp)."""

    cluster = ParentalKey(EmulationCluster, on_delete=models.CASCADE, related_name="program_items")
    content = models.TextField(_("content"))

    class Meta(Orderable.Meta):
        verbose_name = _("program item")
        verbose_name_plural = _("coordination program")

    def __str__(self):
        return self.content[:80]


class CovenantSignature(Orderable):
    """A member's signature of the covenant (ký giao ước thi đua): who signed, as what, when."""

    cluster = ParentalKey(EmulationCluster, on_delete=models.CASCADE, related_name="signatures")
    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("union"), on_delete=models.PROTECT, related_name="+"
    )
    signer = models.CharField(_("signed by"), max_length=255)
    signer_title = models.CharField(_("title"), max_length=255, blank=True)
    signed_on = models.DateField(_("signed on"))

    class Meta(Orderable.Meta):
        verbose_name = _("covenant signature")
        verbose_name_plural = _("covenant signatures")

    def __str__(self):
        return f"{self.organization} — {self.signer}"


# --- Scores ----------------------------------------------------------------------------------


class ScoreSheet(OrgScopedMixin, models.Model):
    """A member union's score sheet for its cluster's year (bảng chấm điểm thi đua): self-assessment
    by the union, scores by the cluster head, the union's answer, then final."""

    permission_policy_class = SheetPolicy

    cluster = models.ForeignKey(EmulationCluster, on_delete=models.CASCADE, related_name="sheets")
    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("union"), on_delete=models.PROTECT, related_name="score_sheets"
    )
    status = models.CharField(_("status"), max_length=20, choices=SheetStatus.choices, default=SheetStatus.DRAFT)
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    finalized_at = models.DateTimeField(null=True, blank=True)
    summary = models.TextField(_("self-assessment summary"), blank=True)
    head_comment = models.TextField(_("cluster head's comment"), blank=True)
    answer = models.TextField(_("union's answer"), blank=True)

    class Meta:
        verbose_name = _("score sheet")
        verbose_name_plural = _("score sheets")
        ordering = ["cluster", "organization__name"]
        constraints = [models.UniqueConstraint(fields=["cluster", "organization"], name="one_sheet_per_member")]

    def __str__(self):
        return f"{self.organization} — {self.cluster}"

    @property
    def is_final(self):
        return self.status == SheetStatus.FINAL


class ScoreEntry(OrgScopedMixin, models.Model):
    """The score of one leaf criterion on a sheet (điểm tiêu chí): target, achieved figure and
    evidence from the union, its self-score, the head's score and comment, the union's answer.
    Who entered each score and when is kept beside it and in the audit log."""

    org_path_lookup = "sheet__organization__path"
    permission_policy_class = SheetPolicy

    sheet = models.ForeignKey(ScoreSheet, on_delete=models.CASCADE, related_name="entries")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    target = models.DecimalField(_("target"), max_digits=18, decimal_places=2, null=True, blank=True)
    achieved = models.DecimalField(_("achieved"), max_digits=18, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    evidence = models.TextField(_("evidence"), blank=True)
    evidence_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("evidence file"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    delegations = models.ManyToManyField("relations.Delegation", blank=True, related_name="+")
    events = models.ManyToManyField("relations.Event", blank=True, related_name="+")
    aid_items = models.ManyToManyField("aid.AidItem", blank=True, related_name="+")
    branches = models.ManyToManyField("orgs.Organization", blank=True, related_name="+")
    self_points = models.DecimalField(_("self-score"), null=True, blank=True, **POINTS)
    self_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("self-scored by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    self_at = models.DateTimeField(_("self-scored at"), null=True, blank=True)
    points = models.DecimalField(_("cluster head's score"), null=True, blank=True, **POINTS)
    points_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("scored by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    points_at = models.DateTimeField(_("scored at"), null=True, blank=True)
    comment = models.TextField(_("cluster head's comment"), blank=True)
    answer = models.TextField(_("union's answer"), blank=True)

    class Meta:
        verbose_name = _("criterion score")
        verbose_name_plural = _("criterion scores")
        constraints = [models.UniqueConstraint(fields=["sheet", "criterion"], name="one_entry_per_criterion")]

    def __str__(self):
        return f"{self.criterion.code} — {self.sheet.organization}"

    def clean(self):
        problems = {}
        for field in ("self_points", "points"):
            message = self.criterion.check_points(getattr(self, field))
            if message:
                problems[field] = message
        if self.target is not None and self.target <= 0:
            problems["target"] = errors.TARGET_NOT_POSITIVE
        if problems:
            raise ValidationError(problems)


# --- Awards ----------------------------------------------------------------------------------


def check_decision_number(value):
    if value and not DECISION_NUMBER_RE.match(value.strip()):
        raise ValidationError(errors.DECISION_NUMBER_SHAPE)


class AwardProposal(OrgScopedMixin, models.Model):
    """A proposal for an award (đề nghị khen thưởng): drafted from a cluster's ranking by its head,
    or by a union for its own member organizations and people. `organization` proposes."""

    permission_policy_class = ProposalPolicy

    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("proposed by"), on_delete=models.PROTECT, related_name="+"
    )
    cluster = models.ForeignKey(
        EmulationCluster,
        verbose_name=_("emulation cluster"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="proposals",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    award_form = models.ForeignKey(AwardForm, verbose_name=_("award form"), on_delete=models.PROTECT)
    recipient_organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("organization awarded"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="award_proposals",
    )
    recipient_person = models.ForeignKey(
        "orgs.Person",
        verbose_name=_("person awarded"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="award_proposals",
    )
    rank = models.PositiveSmallIntegerField(_("rank"), null=True, blank=True)
    total_points = models.DecimalField(_("total points"), null=True, blank=True, **POINTS)
    reason = models.TextField(_("achievements"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.DRAFT)

    class Meta:
        verbose_name = _("award proposal")
        verbose_name_plural = _("award proposals")
        ordering = ["-year", "rank", "id"]

    def __str__(self):
        return f"{self.award_form.name} — {self.recipient_organization or self.recipient_person}"

    def clean(self):
        _check_recipient(self)


class Award(OrgScopedMixin, models.Model):
    """An award given (khen thưởng), with the decision that gave it (số, ngày quyết định). Recorded by
    `organization`: a cluster's awards by VUFO, a union's awards to its own organizations and
    people by the union. The bonus is the form's multiple of the basic salary on the decision date."""

    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    proposal = models.ForeignKey(
        AwardProposal,
        verbose_name=_("proposal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="awards",
    )
    year = models.PositiveSmallIntegerField(_("for the year"))
    award_form = models.ForeignKey(AwardForm, verbose_name=_("award form"), on_delete=models.PROTECT)
    recipient_organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("organization awarded"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="awards",
    )
    recipient_person = models.ForeignKey(
        "orgs.Person",
        verbose_name=_("person awarded"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="awards",
    )
    decision_number = models.CharField(
        _("decision number"), max_length=60, validators=[check_decision_number], help_text=_("e.g. 125/QĐ-LHHN")
    )
    decision_date = models.DateField(_("decision date"))
    issuer = models.CharField(_("issued by"), max_length=255)
    bonus_vnd = models.DecimalField(_("bonus (VND)"), max_digits=14, decimal_places=0, null=True, editable=False)
    reason = models.TextField(_("achievements"), blank=True)

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        ordering = ["-decision_date", "id"]

    def __str__(self):
        return (
            f"{self.award_form.name} — {self.recipient_organization or self.recipient_person} ({self.decision_number})"
        )

    def clean(self):
        _check_recipient(self)
        problems = {}
        if self.award_form_id and self.decision_date:
            if not self.award_form.is_valid_on(self.decision_date):
                problems["award_form"] = errors.AWARD_FORM_NOT_VALID % {
                    "form": self.award_form.name,
                    "date": _fmt(self.decision_date),
                    "validity": self.award_form.validity_text(),
                }
            else:
                salary = BasicSalary.on(self.decision_date)
                if salary is None:
                    problems["decision_date"] = errors.NO_BASIC_SALARY % {"date": _fmt(self.decision_date)}
                else:
                    self.bonus_vnd = (self.award_form.bonus_multiple * salary.amount_vnd).quantize(Decimal(1))
        if self.decision_number:
            self.decision_number = self.decision_number.strip()
        if problems:
            raise ValidationError(problems)


def _check_recipient(record):
    """One recipient, of the kind the form is for, inside the recording organization's subtree
    (a cluster's proposals: a member of the cluster)."""
    org, person = record.recipient_organization, record.recipient_person
    if org is None and person is None:
        raise ValidationError({"recipient_organization": errors.RECIPIENT_REQUIRED})
    if org is not None and person is not None:
        raise ValidationError({"recipient_person": errors.RECIPIENT_BOTH})
    if record.award_form_id:
        wanted = Recipient.COLLECTIVE if org is not None else Recipient.INDIVIDUAL
        if record.award_form.recipient != wanted:
            field = "recipient_organization" if org is not None else "recipient_person"
            raise ValidationError(
                {
                    field: errors.RECIPIENT_KIND
                    % {"form": record.award_form.name, "recipient": record.award_form.get_recipient_display().lower()}
                }
            )
    owner = record.organization
    if owner is None:
        return
    cluster = getattr(record, "cluster", None) or getattr(getattr(record, "proposal", None), "cluster", None)
    if cluster is not None and org is not None:
        if org.pk not in cluster.member_ids():
            raise ValidationError({"recipient_organization": errors.RECIPIENT_OUTSIDE % {"org": cluster}})
        return
    if owner.kind == OrgKind.NATIONAL_UNION:
        return
    path = org.path if org is not None else person.organization.path
    if not path.startswith(owner.path):
        field = "recipient_organization" if org is not None else "recipient_person"
        raise ValidationError({field: errors.RECIPIENT_OUTSIDE % {"org": owner}})
