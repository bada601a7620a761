"""Public portal pages. Each union has its own Wagtail site rooted at a `UnionHomePage`."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page


class UnionHomePage(Page):
    """Home page (trang chủ) of a union's portal: the union and its structure, read from the registry."""

    organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="home_pages",
    )
    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + ["organization", "introduction"]
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("union home page")
        verbose_name_plural = _("union home pages")

    def get_context(self, request, *args, **kwargs):
        from huunghi.orgs.selectors import organization_structure

        context = super().get_context(request, *args, **kwargs)
        context["structure"] = organization_structure(root=self.organization)
        return context
