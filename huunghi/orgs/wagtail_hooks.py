from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .components import RegistrySummaryPanel
from .viewsets import RegistryViewSetGroup

register_snippet(RegistryViewSetGroup)


@hooks.register("construct_homepage_panels")
def add_registry_summary(request, panels):
    panels.append(RegistrySummaryPanel(request))
