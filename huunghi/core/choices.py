from django.db import models
from django.utils.translation import gettext_lazy as _


class Generation(models.TextChoices):
    """Which official list a unit comes from: before or after the 1/7/2025 reform."""

    LEGACY = "legacy", _("63 provinces (until 30/06/2025)")
    Y2025 = "2025", _("34 provinces (from 01/07/2025)")


class AdminLevel(models.TextChoices):
    PROVINCE = "province", _("Province / centrally-run city")
    DISTRICT = "district", _("District")
    COMMUNE = "commune", _("Commune / ward")
