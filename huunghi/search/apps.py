from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "huunghi.search"
    label = "huunghi_search"
    verbose_name = _("Search")

    def ready(self):
        from . import signals

        signals.connect(self)
