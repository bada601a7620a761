"""Administrative units (đơn vị hành chính) and the organization-scoped audit log."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.models.audit_log import BaseLogEntry, BaseLogEntryManager

from .choices import AdminLevel, Generation

# The 2025 reform (Resolution 202/2025/QH15 and the commune-level resolutions) took effect on this day.
REFORM_DATE = datetime.date(2025, 7, 1)
LEGACY_VALID_TO = datetime.date(2025, 6, 30)


class AdminUnitQuerySet(models.QuerySet):
    def valid_on(self, day):
        """Units that existed on `day` (both ends inclusive)."""
        return self.filter(Q(valid_from__lte=day) | Q(valid_from__isnull=True)).filter(
            Q(valid_to__gte=day) | Q(valid_to__isnull=True)
        )

    def provinces(self):
        return self.filter(level=AdminLevel.PROVINCE)


class AdminUnit(models.Model):
    """An administrative unit (đơn vị hành chính): tỉnh/thành phố, huyện/quận, xã/phường.

    Both generations are kept: the 63-province list with districts (valid until 2025-06-30) and the
    34-province two-level list (valid from 2025-07-01). `successors` links an old unit to the
    unit(s) that took it over, so a 2023 record keeps its district and still answers "what is it now".
    """

    code = models.CharField(_("code"), max_length=10)
    generation = models.CharField(_("generation"), max_length=10, choices=Generation.choices)
    level = models.CharField(_("level"), max_length=10, choices=AdminLevel.choices)
    unit_type = models.CharField(_("unit type"), max_length=40)
    name = models.CharField(_("name"), max_length=120)
    short_name = models.CharField(_("short name"), max_length=100)
    key = models.CharField(_("search key"), max_length=120, db_index=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent unit"), null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    successors = models.ManyToManyField(
        "self",
        verbose_name=_("successor units"),
        through="AdminUnitSuccession",
        symmetrical=False,
        related_name="predecessors",
        blank=True,
    )

    objects = AdminUnitQuerySet.as_manager()
    chooser_search_fields = ("name", "short_name", "parent__name", "parent__parent__name")

    class Meta:
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        ordering = ["generation", "code"]
        constraints = [
            models.UniqueConstraint(fields=["generation", "level", "code"], name="adminunit_unique_code"),
        ]

    def __str__(self):
        if self.parent_id and self.level != AdminLevel.PROVINCE:
            return f"{self.name}, {self.parent.full_path_name}"
        return self.name

    @property
    def full_path_name(self):
        if self.parent_id:
            return f"{self.name}, {self.parent.full_path_name}"
        return self.name

    def is_valid_on(self, day):
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)

    def validity_text(self):
        if self.valid_to:
            return _("until %(date)s") % {"date": self.valid_to.strftime("%d/%m/%Y")}
        if self.valid_from:
            return _("from %(date)s") % {"date": self.valid_from.strftime("%d/%m/%Y")}
        return ""


class AdminUnitSuccession(models.Model):
    """Old unit → new unit. A split commune has several successors, one marked default."""

    predecessor = models.ForeignKey(AdminUnit, on_delete=models.CASCADE, related_name="succession_links")
    successor = models.ForeignKey(AdminUnit, on_delete=models.CASCADE, related_name="predecession_links")
    is_default = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("administrative unit succession")
        verbose_name_plural = _("administrative unit successions")
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="adminunit_succession_unique"),
        ]

    def __str__(self):
        return f"{self.predecessor} → {self.successor}"


class OrgLogEntryManager(BaseLogEntryManager):
    """Audit entries carry the organization path of the record, so reports show each user only
    what lies inside their part of the organization tree."""

    def log_action(self, instance, action, **kwargs):
        kwargs.update(object_id=str(instance.pk), org_path=instance.audit_org_path())
        return super().log_action(instance, action, **kwargs)

    def for_instance(self, instance):
        return self.filter(
            content_type=ContentType.objects.get_for_model(instance, for_concrete_model=False),
            object_id=str(instance.pk),
        )

    def viewable_by_user(self, user):
        from .access import user_scope_path

        path = user_scope_path(user)
        if path is None:
            return self.none()
        return self.filter(org_path__startswith=path)


class OrgLogEntry(BaseLogEntry):
    """Audit log (nhật ký) of registry records: who did what, when, and which fields changed."""

    object_id = models.CharField(max_length=255, blank=False, db_index=True)
    org_path = models.CharField(_("organization path"), max_length=255, blank=True, db_index=True)

    objects = OrgLogEntryManager()

    class Meta(BaseLogEntry.Meta):
        ordering = ["-timestamp", "-id"]
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log entries")

    def __str__(self):
        return f"OrgLogEntry {self.pk}: {self.action} on {self.content_type_id}/{self.object_id}"
