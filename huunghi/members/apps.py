from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "huunghi.members"
    verbose_name = _("Members: import, export, personal data, cards")

    def ready(self):
        from . import checks  # noqa: F401  (registers the sensitive-data check)
