"""Public portal pages. Each union has its own Wagtail site rooted at a `UnionHomePage`.

Under the home page: the news index (trang tin tức) with its articles (tin bài), the organization
pages generated from the registry (cơ cấu tổ chức) and the contact page (liên hệ). English pages
are Wagtail translations of the Vietnamese ones (locale "en", served under /en/).
"""

from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from huunghi.core.text import fold

from .blocks import ArticleBodyBlock

NEWS_PER_PAGE = 12


class BasePage(Page):
    """What every portal page shares: a sharing image and summary for Open Graph (Zalo, Facebook)."""

    social_image = models.ForeignKey(
        "images.CustomImage",
        verbose_name=_("sharing image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown when the page is shared on Zalo or Facebook."),
    )

    promote_panels = Page.promote_panels + [FieldPanel("social_image")]

    class Meta:
        abstract = True

    def og_image(self):
        return self.social_image

    def og_description(self):
        return self.search_description

    def get_view_restrictions(self):
        """Wagtail's check reads every ancestor on each request; the portal knows where restrictions
        and aliases sit in this cache generation, so a page under neither costs no query."""
        from wagtail.models import PageViewRestriction

        from .site_cache import restricted_paths

        known = restricted_paths()
        if self.alias_of_id or any(self.path.startswith(path) for path in known["aliases"]):
            return super().get_view_restrictions()  # aliases take their source's restrictions
        ids = [pk for path, pks in known["restrictions"].items() if self.path.startswith(path) for pk in pks]
        return PageViewRestriction.objects.filter(pk__in=ids) if ids else PageViewRestriction.objects.none()

    @cached_property
    def union_home(self):
        """The union home page above this page (the site root, in any locale)."""
        if isinstance(self, UnionHomePage):
            return self
        # Home pages sit right under the tree root (depth 2): one query on the path's prefix
        # rather than every ancestor and then its specific page.
        if not self.path:
            return None
        home = UnionHomePage.objects.filter(path=self.path[: 2 * Page.steplen]).first()
        if home is None:
            home = self.get_ancestors().type(UnionHomePage).specific().first()
        return home


class UnionHomePage(RoutablePageMixin, BasePage):
    """Home page (trang chủ) of a union's portal: latest news, the union and its structure from the
    registry. Also answers the site-wide routes: search, feeds and sitemap."""

    organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="home_pages",
    )
    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + ["organization", "introduction"]
    template = "portal/pages/union_home_page.html"
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["portal.NewsIndexPage", "portal.OrganizationIndexPage", "portal.ContactPage"]

    class Meta:
        verbose_name = _("union home page")
        verbose_name_plural = _("union home pages")

    @property
    def localized(self):
        """The home page in the active language, from the site's cached translations
        (huunghi.portal.site_cache) when the page came from there: no locale query."""
        translations = self.__dict__.get("_portal_translations")
        if translations is None:
            return super().localized
        return translations.get(get_language(), self)

    def get_context(self, request, *args, **kwargs):
        from huunghi.orgs.selectors import organization_structure

        from .selectors import article_list

        context = super().get_context(request, *args, **kwargs)
        # Read only when the structure's HTML is not kept for this generation (templatetags.portal).
        context["structure"] = SimpleLazyObject(lambda: organization_structure(root=self.organization))
        context["latest"] = article_list(home=self)[:6]
        context["news_index"] = self.get_children().live().type(NewsIndexPage).first()
        return context

    def route(self, request, path_components):
        """An article (<news index>/<article>/) in one query (its slug, then its url_path), rather
        than Wagtail's walk (each level's child, then its specific page: four queries). The news
        index has no route of one component, so the walk would find the same page."""
        if len(path_components) == 2:
            from .site_cache import article_at

            url_path = f"{self.url_path}{'/'.join(path_components)}/"
            article = article_at(self, request, url_path, path_components[1])
            if article is not None and article.live:
                article.__dict__["union_home"] = self  # the cached_property, known here
                return article.route(request, [])
        return super().route(request, path_components)

    @path("")
    def index_route(self, request, *args, **kwargs):
        return self.render(request)

    @path("tim-kiem/", name="search")
    def search_route(self, request):
        from .views import search_view

        return search_view(request, home=self)

    @path("rss/", name="rss")
    def rss_route(self, request):
        from .feeds import NewsFeed

        return NewsFeed(home=self)(request)

    @path("atom/", name="atom")
    def atom_route(self, request):
        from .feeds import AtomNewsFeed

        return AtomNewsFeed(home=self)(request)


@register_snippet
class NewsCategory(TranslatableMixin, models.Model):
    """A news category (chuyên mục), shared by every union's site: e.g. Đối ngoại nhân dân."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100)

    panels = ["name", "slug"]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("news category")
        verbose_name_plural = _("news categories")
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self):
        return self.name


class NewsIndexPage(RoutablePageMixin, BasePage):
    """The news list of a union (tin tức), all categories or one, with its RSS and Atom feeds."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + ["introduction"]
    template = "portal/pages/news_index_page.html"
    parent_page_types = ["portal.UnionHomePage"]
    subpage_types = ["portal.NewsArticlePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index")
        verbose_name_plural = _("news indexes")

    def get_context(self, request, *args, category=None, **kwargs):
        from django.core.paginator import Paginator

        from .selectors import article_list, category_list

        context = super().get_context(request, *args, **kwargs)
        articles = article_list(home=self.get_parent().specific, category=category)
        context["articles"] = Paginator(articles, NEWS_PER_PAGE).get_page(request.GET.get("trang"))
        context["category"] = category
        context["categories"] = category_list(locale=self.locale)
        return context

    def _category(self, slug):
        return get_object_or_404(NewsCategory, slug=slug, locale=self.locale)

    @path("")
    def all_route(self, request):
        return self.render(request)

    @path("chuyen-muc/<slug:slug>/", name="category")
    def category_route(self, request, slug):
        return self.render(request, category=self._category(slug))

    @path("chuyen-muc/<slug:slug>/rss/", name="category_rss")
    def category_rss_route(self, request, slug):
        from .feeds import NewsFeed

        return NewsFeed(home=self.get_parent().specific, category=self._category(slug))(request)

    @path("chuyen-muc/<slug:slug>/atom/", name="category_atom")
    def category_atom_route(self, request, slug):
        from .feeds import AtomNewsFeed

        return AtomNewsFeed(home=self.get_parent().specific, category=self._category(slug))(request)


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey("portal.NewsArticlePage", related_name="tagged_items", on_delete=models.CASCADE)


class NewsArticlePage(BasePage):
    """A news article (tin bài): lead (sapo), body with paragraphs and photos (caption, photographer
    credit), author, date, category, tags, and the delegations and events it reports."""

    lead = models.TextField(
        _("lead"), blank=True, help_text=_("One or two sentences shown under the title and in lists.")
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"), blank=True)
    author = models.CharField(_("author"), max_length=200, blank=True)
    date = models.DateTimeField(_("date"), default=timezone.now)
    category = models.ForeignKey(
        NewsCategory, verbose_name=_("category"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    tags = ClusterTaggableManager(through=ArticleTag, verbose_name=_("tags"), blank=True)
    delegations = ParentalManyToManyField(
        "relations.Delegation", verbose_name=_("delegations reported"), blank=True, related_name="articles"
    )
    events = ParentalManyToManyField(
        "relations.Event", verbose_name=_("events reported"), blank=True, related_name="articles"
    )
    import_notes = models.TextField(
        _("import notes"),
        blank=True,
        help_text=_("Problems found when the article was imported (e.g. missing photos)."),
    )

    content_panels = Page.content_panels + [
        "lead",
        "body",
        MultiFieldPanel(["author", "date", "category", "tags"], heading=_("Byline and classification")),
        MultiFieldPanel(["delegations", "events"], heading=_("What the article reports")),
        "import_notes",
    ]
    template = "portal/pages/news_article_page.html"
    parent_page_types = ["portal.NewsIndexPage"]
    subpage_types = []

    # Original fields boosted above their folded copies: a query typed with the right diacritics
    # ranks exact matches first; the folded copies let "nghe an" and "NGHE AN" find "Nghệ An".
    search_fields = Page.search_fields + [
        index.SearchField("lead", boost=2),
        index.SearchField("body_text"),
        index.SearchField("folded_title", boost=3),
        index.SearchField("folded_lead", boost=1.5),
        index.SearchField("folded_body"),
        index.AutocompleteField("folded_title"),
        index.FilterField("date"),
    ]

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")
        ordering = ["-date"]

    def get_context(self, request, *args, **kwargs):
        from .selectors import article_links
        from .site_cache import parent_url

        context = super().get_context(request, *args, **kwargs)
        if getattr(request, "is_preview", False):  # a preview shows the unsaved form's relations
            links = {"tags": list(self.tags.all()), "delegations": self.delegations.all(), "events": self.events.all()}
        else:
            links = article_links(article=self)
        context.update(links)
        context["news_index_url"] = parent_url(self, request) or self.get_parent().get_url(request)
        return context

    def body_text(self):
        """The body as plain text: paragraphs and photo captions."""
        from .blocks import stream_text

        return stream_text(self.body)

    def folded_title(self):
        return fold(self.title)

    def folded_lead(self):
        return fold(self.lead)

    def folded_body(self):
        return fold(self.body_text())

    def search_texts(self):
        """Fields huunghi.search ranks and highlights, most important first."""
        return {"title": self.title, "lead": self.lead, "body": self.body_text()}

    @classmethod
    def search_texts_bulk(cls, queryset, pks):
        """{pk: (search_texts, date)} of many articles in one query, without building pages."""
        import json

        from django.db.models import TextField
        from django.db.models.functions import Cast

        from .blocks import stream_text

        # The body's stored JSON as text: a StreamField value per row costs more than the ranking.
        rows = (
            queryset.order_by()
            .filter(pk__in=pks)
            .annotate(body_json=Cast("body", output_field=TextField()))
            .values_list("pk", "title", "lead", "body_json", "date")
        )
        return {
            pk: ({"title": title, "lead": lead, "body": stream_text(json.loads(body or "[]"))}, date)
            for pk, title, lead, body, date in rows
        }

    def og_image(self):
        if self.social_image:
            return self.social_image
        for block in self.body:
            if block.block_type == "image" and block.value.get("image"):
                return block.value["image"]
        return None

    def og_description(self):
        return self.search_description or self.lead

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        for entry in urls:
            entry["lastmod"] = self.last_published_at or self.latest_revision_created_at
        return urls


class OrganizationIndexPage(RoutablePageMixin, BasePage):
    """Organization pages generated from the registry (cơ cấu tổ chức): the union's structure, and
    one page per organization of its subtree at <slug>/ — nothing is typed twice."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + ["introduction"]
    template = "portal/pages/organization_index_page.html"
    parent_page_types = ["portal.UnionHomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("organization pages")
        verbose_name_plural = _("organization pages")

    @cached_property
    def root_organization(self):
        return self.get_parent().specific.organization

    def get_context(self, request, *args, **kwargs):
        from huunghi.orgs.selectors import organization_structure

        context = super().get_context(request, *args, **kwargs)
        context["structure"] = SimpleLazyObject(lambda: organization_structure(root=self.root_organization))
        return context

    @path("")
    def index_route(self, request):
        return self.render(request)

    @path("<slug:slug>/", name="organization")
    def organization_route(self, request, slug):
        from .views import organization_view

        return organization_view(request, page=self, slug=slug)

    def organizations_for_sitemap(self):
        from huunghi.orgs.models import Organization

        root = self.root_organization
        return Organization.objects.filter(path__startswith=root.path, dissolved_on__isnull=True).exclude(pk=root.pk)

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        for organization in self.organizations_for_sitemap():
            urls.append({"location": base + organization.slug + "/", "lastmod": self.last_published_at})
        return urls


class ContactPage(BasePage):
    """Contact (liên hệ): address, phone and e-mail come from the registry; a text may add to them."""

    body = RichTextField(_("text"), blank=True, features=["bold", "italic", "link", "ol", "ul"])

    content_panels = Page.content_panels + ["body"]
    template = "portal/pages/contact_page.html"
    parent_page_types = ["portal.UnionHomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("contact page")
        verbose_name_plural = _("contact pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        home = self.get_parent().specific
        if not isinstance(home, UnionHomePage):
            raise Http404
        context["organization"] = home.organization
        return context
