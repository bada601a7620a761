"""Member cards: admin URL and menu entry (shown to officers only, who alone may print cards)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .cards_views import ICON, MemberCardsView, is_officer

URL_NAME = "members_cards_print"


class OfficerMenuItem(MenuItem):
    def is_shown(self, request):
        return is_officer(request.user)


@hooks.register("register_admin_urls")
def register_member_cards_url():
    return [path("member-cards/", MemberCardsView.as_view(), name=URL_NAME)]


@hooks.register("register_admin_menu_item")
def register_member_cards_menu_item():
    return OfficerMenuItem(_("Print member cards"), reverse(URL_NAME), name="member-cards", icon_name=ICON, order=130)
