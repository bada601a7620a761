from wagtail.snippets.models import register_snippet

from .viewsets import IntegrationTokenViewSet

register_snippet(IntegrationTokenViewSet)
