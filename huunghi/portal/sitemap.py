"""sitemap.xml of a union's site: its pages in every language, each with its translations as
hreflang alternates (<xhtml:link rel="alternate">), as search engines ask for multilingual sites."""

from wagtail.contrib.sitemaps.sitemap_generator import Sitemap


class PortalSitemap(Sitemap):
    def items(self):
        from wagtail.models import Page

        root = self.get_wagtail_site().root_page
        trees = Page.objects.filter(translation_key=root.translation_key, depth=root.depth).live()
        pages = Page.objects.none()
        for tree in trees:  # the home page in each language (the site root and its translations)
            pages |= Page.objects.descendant_of(tree, inclusive=True)
        return pages.live().public().order_by("path").select_related("locale").defer_streamfields().specific()

    def _urls(self, page, protocol, domain):
        entries = []  # (page, its sitemap entries: the page's own address first)
        for item in self.paginator.page(page).object_list:
            entries.append((item, item.get_sitemap_urls(self.request)))
        versions = {}
        for item, urls in entries:
            if urls:
                versions.setdefault(item.translation_key, []).append((item.locale.language_code, urls[0]["location"]))
        urls_out, last_mods = [], set()
        for item, urls in entries:
            alternates = versions.get(item.translation_key, [])
            for position, url_info in enumerate(urls):
                if position == 0 and len(alternates) > 1:
                    url_info["alternates"] = [{"lang_code": code, "location": url} for code, url in alternates]
                urls_out.append(url_info)
                last_mods.add(url_info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls_out
