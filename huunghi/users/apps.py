from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class UsersConfig(AppConfig):
    name = "huunghi.users"
    label = "users"
    verbose_name = _("Users")
    default = True


class WagtailUsersConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with our forms (organization and role on every account)."""

    user_viewset = "huunghi.users.viewsets.UserViewSet"
