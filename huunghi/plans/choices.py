from django.db import models
from django.utils.translation import gettext_lazy as _

from huunghi.emulation.choices import Measure


class Unit(models.TextChoices):
    """The unit a target is written in (đơn vị tính). Money targets may be written in millions or
    billions of đồng, as plans usually are ("1,5 tỷ đồng")."""

    DELEGATION = "delegation", _("delegations")
    EVENT = "event", _("events")
    AGREEMENT = "agreement", _("agreements")
    VND = "vnd", _("đồng")
    MILLION_VND = "million_vnd", _("million đồng")
    BILLION_VND = "billion_vnd", _("billion đồng")
    BRANCH = "branch", _("branches")
    MEMBER = "member", _("members")


# The units each measure may be written in, and the factor to the measure's own unit.
MEASURE_UNITS = {
    Measure.DELEGATIONS_IN: {Unit.DELEGATION: 1},
    Measure.DELEGATIONS_OUT: {Unit.DELEGATION: 1},
    Measure.DELEGATIONS: {Unit.DELEGATION: 1},
    Measure.EVENTS: {Unit.EVENT: 1},
    Measure.AGREEMENTS: {Unit.AGREEMENT: 1},
    Measure.AID_VND: {Unit.VND: 1, Unit.MILLION_VND: 10**6, Unit.BILLION_VND: 10**9},
    Measure.NEW_BRANCHES: {Unit.BRANCH: 1},
    Measure.NEW_MEMBERS: {Unit.MEMBER: 1},
}

TARGET_MEASURES = [(value, label) for value, label in Measure.choices if value in MEASURE_UNITS]


class DirectiveKind(models.TextChoices):
    """Kinds of guiding documents, by the abbreviation in their symbol (Decree 30/2020, Appendix III;
    Party documents by Regulation 66-QĐ/TW)."""

    DIRECTIVE = "CT", _("Directive")  # chỉ thị
    RESOLUTION = "NQ", _("Resolution")  # nghị quyết
    CONCLUSION = "KL", _("Conclusion")  # kết luận
    DECISION = "QĐ", _("Decision")  # quyết định
    DECREE = "NĐ", _("Decree")  # nghị định
    PLAN = "KH", _("Plan")  # kế hoạch
    GUIDANCE = "HD", _("Guidance")  # hướng dẫn
    LAW = "QH", _("Law")  # luật (symbol QH15)
    OTHER = "", _("Other document")
