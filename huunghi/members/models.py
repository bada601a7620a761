"""Member import jobs (lượt nhập hội viên): the uploaded file, its preview, decisions and report."""

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils.translation import gettext_lazy as _

from huunghi.core.access import OrgScopedMixin


def private_storage():
    """Uploaded member files and reports hold personal data: never under the public media URL."""
    return storages["private"]


class ImportJob(OrgScopedMixin, models.Model):
    """One upload of a member sheet into an organization's subtree, from preview to result."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to be checked")
        ANALYSING = "analysing", _("Checking the file")
        READY = "ready", _("Preview ready: waiting for confirmation")
        QUEUED_IMPORT = "queued_import", _("Confirmed: waiting to be written")
        IMPORTING = "importing", _("Writing the members")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Stopped: nothing was written")
        CANCELLED = "cancelled", _("Cancelled")

    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("organization"), on_delete=models.CASCADE, related_name="import_jobs"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    file = models.FileField(_("file"), upload_to="imports/%Y/%m/", storage=private_storage)
    original_name = models.CharField(_("file name"), max_length=255)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.QUEUED)
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    decisions = models.JSONField(_("duplicate decisions"), default=dict, blank=True)
    fingerprint = models.CharField(max_length=64, blank=True)
    error = models.TextField(_("error"), blank=True)
    report = models.FileField(_("report"), upload_to="import-reports/%Y/%m/", storage=private_storage, blank=True)

    class Meta:
        verbose_name = _("member import")
        verbose_name_plural = _("member imports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.original_name} → {self.organization}"

    @property
    def is_running(self):
        return self.status in {
            self.Status.QUEUED,
            self.Status.ANALYSING,
            self.Status.QUEUED_IMPORT,
            self.Status.IMPORTING,
        }
