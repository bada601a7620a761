"""Each union's public site (Wagtail multi-site): <slug>.localhost, and 127.0.0.1 for VUFO."""

from django.db import transaction
from wagtail.models import Page, Site

from .models import UnionHomePage

DEV_PORT = 8000


@transaction.atomic
def union_site_ensure(*, organization, default=False):
    """Create (or keep) the home page and the Wagtail site of a union. Idempotent."""
    home = UnionHomePage.objects.filter(organization=organization).first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(
            instance=UnionHomePage(title=organization.name, slug=organization.slug, organization=organization)
        )
    hostname = "127.0.0.1" if default else f"{organization.slug}.localhost"
    site = Site.objects.filter(root_page=home).first() or Site(root_page=home)
    if default:
        # The site Wagtail's first migration made (its "Welcome" page) gives way to VUFO's.
        Site.objects.filter(is_default_site=True).exclude(pk=site.pk).update(is_default_site=False)
        Page.objects.filter(depth=2, content_type__model="page", title__startswith="Welcome").delete()
    site.hostname = hostname
    site.port = DEV_PORT
    site.site_name = organization.short_name or organization.name
    site.is_default_site = default
    site.save()
    return site
