from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class CustomImage(AbstractImage):
    """A photo with what a news caption needs: caption (chú thích), photographer credit (Ảnh: …), licence."""

    caption = models.TextField(_("caption"), blank=True)
    credit = models.CharField(_("photographer credit"), max_length=255, blank=True)
    licence = models.CharField(_("licence"), max_length=255, blank=True)

    admin_form_fields = Image.admin_form_fields + ("caption", "credit", "licence")

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")


class Rendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
