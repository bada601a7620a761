"""Signals only flush the portal's page cache (STYLE.md): anything a public page shows changed."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from .cache import portal_cache_flush


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
@receiver(page_slug_changed)
def _page_changed(sender, **kwargs):
    portal_cache_flush()


def _flush(sender, **kwargs):
    portal_cache_flush()


def connect_registry_signals():
    """Home and organization pages show registry data: organizations and headcounts; every page
    depends on its site, the locales and the view restrictions (huunghi.portal.site_cache)."""
    from wagtail.models import Locale, Page, PageViewRestriction, Site

    from huunghi.orgs.models import HeadcountReport, Organization

    from .models import NewsCategory

    for model in (Organization, HeadcountReport, NewsCategory, Site, Locale, PageViewRestriction):
        post_save.connect(_flush, sender=model, dispatch_uid=f"portal-flush-save-{model.__name__}")
        post_delete.connect(_flush, sender=model, dispatch_uid=f"portal-flush-delete-{model.__name__}")
    post_delete.connect(_flush, sender=Page, dispatch_uid="portal-flush-delete-page")
