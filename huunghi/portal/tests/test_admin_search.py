"""The back office's article search: the same Vietnamese-aware search, limited to the user's portals."""

import pytest

from . import factories

pytestmark = pytest.mark.django_db
URL = "/admin/portal/tim-kiem/"


def test_union_editor_finds_own_drafts_without_diacritics(client_for):
    factories.article(title="Bản nháp về Điện Biên", publish=False, page_slug="nhap-dien-bien")
    html = client_for("nghean.editor").get(URL, {"q": "dien bien"}).content.decode()
    assert "<mark>Điện Biên</mark>" in html
    assert "Bản nháp về" in html


def test_other_unions_articles_are_out_of_reach(client_for):
    factories.article("thanh-hoa", title="Tin riêng của Thanh Hóa về Điện Biên", page_slug="rieng-thanh-hoa")

    def titles(username):
        response = client_for(username).get(URL, {"q": "dien bien"})
        return [hit.object.title for hit in response.context["hits"]]

    assert "Tin riêng của Thanh Hóa về Điện Biên" not in titles("nghean.editor")
    assert "Tin riêng của Thanh Hóa về Điện Biên" in titles("vufo.admin")


def test_anonymous_is_sent_to_login(client):
    assert client.get(URL).status_code == 302
