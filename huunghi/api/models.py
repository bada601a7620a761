"""Integration tokens (khóa tích hợp): how another system reads and writes one organization's
records through the API.

A token belongs to an organization and to the officer who issued it. It acts with that officer's
role, narrowed to the token's organization subtree and, for a "read" token, to reading — through
the same permission policy as the back office (`huunghi.api.authentication`). Only a SHA-256
digest of the key is stored: the key is 256 random bits, so a fast digest is enough (no password
stretching needed) and the plain key is shown once, when the token is issued.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from huunghi.core.access import OrgScopedMixin


class TokenScope(models.TextChoices):
    READ = "read", _("Read only")
    READ_WRITE = "read_write", _("Read and write")


class IntegrationToken(OrgScopedMixin, models.Model):
    chooser_search_fields = ("name", "prefix")

    organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="integration_tokens",
        help_text=_("The token reaches this organization and the organizations below it."),
    )
    name = models.CharField(
        _("name"), max_length=120, help_text=_("Which system uses it, e.g. the province's public service portal.")
    )
    scope = models.CharField(_("scope"), max_length=20, choices=TokenScope.choices, default=TokenScope.READ)
    prefix = models.CharField(_("key prefix"), max_length=12, editable=False, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.CASCADE,
        related_name="integration_tokens",
        editable=False,
    )
    created_at = models.DateTimeField(_("issued at"), default=timezone.now, editable=False)
    expires_on = models.DateField(_("valid until"), null=True, blank=True, help_text=_("Empty: until revoked."))
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    audit_exclude = ("key_hash", "last_used_at")

    class Meta:
        verbose_name = _("integration token")
        verbose_name_plural = _("integration tokens")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_revoked(self):
        return self.revoked_at is not None

    def is_usable(self, today=None):
        today = today or timezone.localdate()
        return not self.is_revoked and (self.expires_on is None or self.expires_on >= today)

    def status_label(self):
        if self.is_revoked:
            return _("Revoked")
        if not self.is_usable():
            return _("Expired")
        return _("Active")

    status_label.short_description = _("status")
