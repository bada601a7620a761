"""Public pages of the members app: the member card verification page (no login)."""

from django.urls import path

from . import cards_views

app_name = "member_card"

urlpatterns = [
    path("<str:token>/", cards_views.verify_card, name="verify"),
]
