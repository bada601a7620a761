"""Portal views reached through the routes of the portal pages (search, sitemap, organization)."""

from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone

from huunghi import search

from .selectors import article_list

SEARCH_RESULTS = 20
RESULT_FIELDS = ("id", "title", "url_path", "path", "depth", "locale_id", "date")


def search_view(request, *, home):
    """Search in the articles of this site and locale; folded, ranked, highlighted."""
    query_text = request.GET.get("q", "")
    hits = []
    if query_text.strip():
        articles = article_list(home=home)
        shown = articles.select_related(None).only(*RESULT_FIELDS)  # what a result shows: its address and date
        hits = search.search(articles, query_text, limit=SEARCH_RESULTS, shown=shown)
    for hit in hits:
        # What each result shows, prepared here: the template's tag and filters cost twice as much.
        hit.url = hit.object.get_url(request)
        date = timezone.localtime(hit.object.date) if hit.object.date else None
        hit.date_iso = date.isoformat() if date else ""
        hit.date_text = date.strftime("%d/%m/%Y") if date else ""
    return TemplateResponse(
        request,
        "portal/pages/search.html",
        {"page": home, "self": home, "query": query_text, "hits": hits, "search_page": True},
    )


def sitemap_view(request):
    from django.contrib.sitemaps.views import sitemap

    from .sitemap import PortalSitemap

    return sitemap(request, {"pages": PortalSitemap(request)})


def organization_view(request, *, page, slug):
    """One organization of the union's subtree, generated from the registry."""
    from huunghi.orgs.models import Organization
    from huunghi.orgs.selectors import organization_structure

    root = page.root_organization
    organization = Organization.objects.filter(slug=slug, path__startswith=root.path, dissolved_on__isnull=True).first()
    if organization is None:
        raise Http404
    return TemplateResponse(
        request,
        "portal/pages/organization.html",
        {
            "page": page,
            "self": page,
            "organization": organization,
            "structure": organization_structure(root=organization),
            "ancestors": [o for o in organization.ancestors() if o.path.startswith(root.path)],
        },
    )
