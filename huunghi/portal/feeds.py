"""RSS 2.0 and Atom feeds of a union's news, for the whole site or one category (Django syndication)."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from .selectors import article_list

FEED_ITEMS = 20


class NewsFeed(Feed):
    def __init__(self, *, home, category=None):
        super().__init__()
        self.home = home
        self.category = category

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        name = self.home.organization.name
        return f"{name} — {self.category.name}" if self.category else name

    def link(self):
        return self.home.get_url(self.request)

    def description(self):
        return _("News of %(union)s") % {"union": self.home.organization.name}

    def items(self):
        return article_list(home=self.home, category=self.category)[:FEED_ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return item.date

    def item_updateddate(self, item):
        return item.last_published_at or item.date

    def item_author_name(self, item):
        return item.author or None

    def item_categories(self, item):
        return [item.category.name] if item.category else []

    @property
    def language(self):
        return self.home.locale.language_code


class AtomNewsFeed(NewsFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()
