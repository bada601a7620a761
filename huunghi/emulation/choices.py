"""Choices of the emulation domain (thi đua, khen thưởng)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CriterionKind(models.TextChoices):
    """How a criterion (tiêu chí) is scored."""

    GROUP = "group", _("Group of criteria")  # nhóm tiêu chí: its points are the sum of its children
    QUANTITATIVE = "quantitative", _("Quantitative, against a target")  # định lượng theo chỉ tiêu
    PASS_FAIL = "pass_fail", _("Pass / fail")  # đạt / không đạt
    PER_OCCURRENCE = "per_occurrence", _("Points per occurrence")  # điểm theo số lần
    BONUS_PENALTY = "bonus_penalty", _("Bonus or penalty")  # điểm cộng / điểm trừ


class NoTargetRule(models.TextChoices):
    """What a quantitative criterion gives a unit that was set no target."""

    FULL_IF_ANY = "full_if_any", _("Full points if anything was achieved")
    RELATIVE_TO_BEST = "relative_to_best", _("In proportion to the best result in the cluster")
    ZERO = "zero", _("No points")


class Measure(models.TextChoices):
    """Where the platform finds the achieved figure of a criterion (the statistics functions)."""

    MANUAL = "", _("Entered by the union")
    DELEGATIONS_IN = "delegations_in", _("Delegations received")
    DELEGATIONS_OUT = "delegations_out", _("Delegations sent")
    DELEGATIONS = "delegations", _("Delegations received and sent")
    EVENTS = "events", _("Events and conferences")
    AGREEMENTS = "agreements", _("Cooperation agreements signed")
    AID_VND = "aid_vnd", _("Aid received (VND)")
    NEW_BRANCHES = "new_branches", _("Branches founded")
    NEW_MEMBERS = "new_members", _("Growth in members")


class SheetStatus(models.TextChoices):
    """Stages of a member's score sheet (bảng chấm điểm) through the year."""

    DRAFT = "draft", _("Self-assessment in progress")
    SUBMITTED = "submitted", _("Submitted to the cluster head")
    REVIEWED = "reviewed", _("Scored by the cluster head")
    ANSWERED = "answered", _("Answered by the union")
    FINAL = "final", _("Final")


class Recipient(models.TextChoices):
    COLLECTIVE = "collective", _("Collective")  # tập thể
    INDIVIDUAL = "individual", _("Individual")  # cá nhân


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    AWARDED = "awarded", _("Awarded")
    NOT_AWARDED = "not_awarded", _("Not awarded")
