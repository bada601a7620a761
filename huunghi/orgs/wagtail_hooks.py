from wagtail.snippets.models import register_snippet

from .viewsets import RegistryViewSetGroup

register_snippet(RegistryViewSetGroup)
