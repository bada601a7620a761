import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_dashboard_shows_the_users_part_of_the_tree_in_vietnamese(client_for):
    body = client_for("nghean.admin").get(reverse("wagtailadmin_home")).content.decode()
    assert "Tổ chức của bạn" in body
    assert "Liên hiệp các tổ chức hữu nghị Việt Nam → <strong>Liên hiệp các tổ chức hữu nghị tỉnh Nghệ An" in body
    assert "Hội Hữu nghị Việt – Lào tỉnh Nghệ An" in body and "7.000" in body
    assert "Thanh Hóa" not in body


def test_dashboard_of_another_union_shows_nothing_of_nghe_an(client_for):
    body = client_for("thanhhoa.admin").get(reverse("wagtailadmin_home")).content.decode()
    assert "Hội Hữu nghị Việt – Lào tỉnh Thanh Hóa" in body
    assert "Nghệ An" not in body
