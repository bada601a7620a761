from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "huunghi.portal"
    label = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from . import signals

        signals.connect_registry_signals()
