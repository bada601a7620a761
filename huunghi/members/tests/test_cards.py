"""Member cards: the PDF sheet, the signed token behind the QR code, the public verification page
and the back-office page that prints cards (officers only, scoped, audited)."""

import datetime
import re
import subprocess
import zlib

import pytest
from django.core.signing import Signer
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from huunghi.core.models import OrgLogEntry
from huunghi.members import cards
from huunghi.members.cards_hooks import URL_NAME
from huunghi.members.privacy import ACTION_EXPORT, anonymize_person, anonymized_name
from huunghi.orgs.choices import MembershipStatus
from huunghi.orgs.models import Membership, MembershipStatusChange, Organization

pytestmark = pytest.mark.django_db

PRINT_URL = "/admin/member-cards/"


def vi(message):
    """The Vietnamese text of a message, as pages render it (the catalog may not have it yet)."""
    with translation.override("vi"):
        return gettext(message)


def demo_membership(name):
    return Membership.objects.select_related("person", "organization").get(person__full_name=name)


def verify_url(membership):
    return reverse("member_card:verify", args=[cards.card_token(membership)])


def pdf_text(pdf):
    """The PDF's objects, with compressed streams (object streams, fonts…) inflated."""
    chunks = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            chunks.append(zlib.decompress(match.group(1)))
        except zlib.error:
            pass
    return b"\n".join(chunks)


def pdf_page_count(pdf):
    return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", pdf_text(pdf)))


def export_entries(organization):
    return OrgLogEntry.objects.filter(action=ACTION_EXPORT, object_id=str(organization.pk))


# --- Token -------------------------------------------------------------------------------------


def test_token_resolves_to_its_membership_and_forgeries_do_not():
    membership = demo_membership("Trần Thị Minh Hoa")
    token = cards.card_token(membership)
    assert cards.membership_from_token(token) == membership
    assert str(membership.pk) in token and len(token) > 20  # the id plus a signature

    value, signature = token.split(":")
    other = Membership.objects.exclude(pk=membership.pk).first()
    assert cards.membership_from_token(f"{other.pk}:{signature}") is None  # another id, same signature
    assert cards.membership_from_token(token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    assert cards.membership_from_token(Signer().sign(value)) is None  # signed without the card salt
    assert cards.membership_from_token(Signer(salt=cards.SALT).sign("x")) is None
    assert cards.membership_from_token("") is None


# --- The PDF sheet -----------------------------------------------------------------------------


@pytest.fixture
def rf_request():
    return RequestFactory().get("/admin/member-cards/")


def carded(organization_slug="nghe-an"):
    return list(cards.card_memberships(Organization.objects.get(slug=organization_slug)))


@pytest.mark.parametrize(("count", "pages"), [(1, 1), (10, 1), (11, 2), (23, 3)])
def test_pdf_holds_ten_cards_a_page(rf_request, count, pages):
    memberships = (carded() * 5)[:count]
    pdf = cards.cards_pdf(memberships, request=rf_request)
    assert pdf.startswith(b"%PDF")
    assert pdf_page_count(pdf) == pages


def test_card_html_has_name_number_date_organizations_and_qr_code(rf_request):
    membership = demo_membership("Phan Văn Sơn")
    html = cards.cards_html([membership], request=rf_request)
    url = "http://testserver" + verify_url(membership)
    assert "Phan Văn Sơn" in html
    assert "VL-NL-0001" in html
    assert "12/05/2023" in html  # joined, dd/mm/yyyy
    assert "Liên hiệp các tổ chức hữu nghị".upper() in html
    assert ">tỉnh Nghệ An<" in html  # the union, after the network's name
    assert "Hội Hữu nghị Việt – Lào tỉnh Nghệ An" in html
    assert "Chi hội Quân tình nguyện và chuyên gia quân sự giúp Lào huyện Nghi Lộc" in html
    assert f'data-url="{url}"' in html
    assert re.search(r'<svg viewBox="0 0 \d+ \d+" class="qr"><path ', html)
    assert str(membership.person.birth_date.year) not in html and "0238" not in html  # no contact details
    assert re.search(r"https?://(?!testserver)", html) is None  # nothing to fetch


def test_qr_code_encodes_the_verification_url(rf_request):
    membership = demo_membership("Phan Văn Sơn")
    url = cards.verification_url(membership, request=rf_request)
    assert url == "http://testserver" + verify_url(membership)
    assert cards.qr_svg(url) == cards.qr_svg(url) != cards.qr_svg(url + "x")
    import segno

    assert segno.make(url, error="m", micro=False).svg_inline(border=0, omitsize=True, svgclass="qr") == cards.qr_svg(
        url
    )


def test_org_lines_for_a_branch_an_association_and_a_union():
    branch = Organization.objects.get(slug="nghe-an-viet-nga-dien-chau")
    association = Organization.objects.get(slug="nghe-an-viet-nga")
    union = Organization.objects.get(slug="nghe-an")
    lines = cards.org_lines([branch, association, union])
    line = lines[branch.pk]
    assert (line.union, line.association, line.branch) == (union, association, branch)
    assert (lines[association.pk].association, lines[association.pk].branch) == (association, None)
    assert (lines[union.pk].union, lines[union.pk].association) == (union, None)
    assert lines[branch.pk].union_heading == "tỉnh Nghệ An"


def test_only_members_with_a_card_number_who_were_not_anonymized_get_a_card():
    names = {m.person.full_name for m in carded()}
    assert "Lê Thị Thu Hằng" not in names and "Lê Đình Khang" not in names  # no card number
    assert {"Trần Thị Minh Hoa", "Phan Văn Sơn", "Võ Văn Hùng"} <= names
    anonymize_person(person=demo_membership("Võ Văn Hùng").person, acting_user=None)
    assert "Võ Văn Hùng" not in {m.person.full_name for m in carded()}
    assert all(not m.person.full_name.startswith("HV-") for m in carded())


def test_card_fonts_have_every_vietnamese_glyph(rf_request):
    """The PDF embeds the system's DejaVu Sans, and that font has a glyph for every character printed."""
    from fontTools.ttLib import TTFont

    memberships = carded()
    pdf_objects = pdf_text(cards.cards_pdf(memberships, request=rf_request))
    fonts = set(re.findall(rb"/BaseFont\s*/[A-Z]{6}\+([A-Za-z-]+)", pdf_objects))
    assert fonts and all(f.startswith((b"DejaVu-Sans", b"LiberationSans")) for f in fonts), fonts

    html = cards.cards_html(memberships, request=rf_request)
    text = re.sub(r"<[^>]+>|\{[^}]*\}", " ", html.split("<body>", 1)[1])
    characters = {c for c in text + text.upper() if not c.isspace()}
    assert {"ễ", "ữ", "ị", "Ệ", "ơ", "Đ"} <= characters
    for style in ("Book", "Bold", "Oblique"):
        path = subprocess.run(
            ["fc-match", "-f", "%{file}", f"DejaVu Sans:style={style}"], capture_output=True, text=True, check=True
        ).stdout
        cmap = TTFont(path, fontNumber=0).getBestCmap()
        missing = sorted(c for c in characters if ord(c) not in cmap)
        assert not missing, f"{path} has no glyph for {missing}"


# --- Public verification page ------------------------------------------------------------------


def test_verification_page_shows_name_organization_union_and_validity_only(client):
    membership = demo_membership("Trần Thị Minh Hoa")
    person = membership.person
    response = client.get(verify_url(membership))
    body = response.content.decode()
    assert response.status_code == 200
    assert '<meta name="robots" content="noindex' in body and "noindex" in response["X-Robots-Tag"]
    assert "Trần Thị Minh Hoa" in body
    assert "Chi hội Hữu nghị Việt – Nga huyện Diễn Châu" in body
    assert "Liên hiệp các tổ chức hữu nghị tỉnh Nghệ An" in body
    assert 'data-valid="true"' in body and vi("Valid") in body
    assert person.phone and person.phone not in body and person.phone.replace(" ", "") not in body
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d.%m.%Y"):
        assert person.birth_date.strftime(fmt) not in body
    assert membership.card_number not in body
    assert membership.joined_on.strftime("%d/%m/%Y") not in body


@pytest.mark.parametrize(
    "token",
    ["1:abc", "not-a-token", "123", Signer().sign("1"), Signer(salt=cards.SALT).sign("999999999")],
)
def test_bad_or_forged_token_is_404(client, token):
    assert client.get(f"/the-hoi-vien/{token}/").status_code == 404


def test_changed_token_is_404(client):
    url = verify_url(demo_membership("Phan Văn Sơn"))
    assert client.get(url).status_code == 200
    assert client.get(url[:-2] + ("A/" if url[-2] != "A" else "B/")).status_code == 404


def test_member_who_left_is_not_valid(client):
    membership = demo_membership("Phan Văn Sơn")
    Membership.objects.filter(pk=membership.pk).update(left_on=timezone.localdate() - datetime.timedelta(days=1))
    body = client.get(verify_url(membership)).content.decode()
    assert 'data-valid="false"' in body and vi("Not valid") in body
    assert "Phan Văn Sơn" in body
    assert cards.card_validity(membership, timezone.localdate() - datetime.timedelta(days=2))


def test_deceased_member_is_not_valid(client):
    membership = demo_membership("Nguyễn Đình Lâm")
    MembershipStatusChange.objects.create(
        membership=membership,
        status=MembershipStatus.DECEASED,
        effective_on=timezone.localdate() - datetime.timedelta(days=3),
    )
    body = client.get(verify_url(membership)).content.decode()
    assert 'data-valid="false"' in body and vi("Not valid") in body


def test_anonymized_person_shows_no_name_and_is_not_valid(client):
    membership = demo_membership("Nguyễn Thị Lan")
    url = verify_url(membership)
    anonymize_person(person=membership.person, acting_user=None)
    response = client.get(url)
    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-valid="false"' in body
    assert "Nguyễn Thị Lan" not in body and anonymized_name(membership.person_id) not in body
    assert 'class="member-name"' not in body
    assert "Chi hội Quân tình nguyện và chuyên gia quân sự giúp Lào huyện Hưng Nguyên" in body


# --- Back office: printing ---------------------------------------------------------------------


def test_officer_gets_the_pdf_and_the_export_is_audited(client_for):
    nghe_an = Organization.objects.get(slug="nghe-an")
    expected = sorted({m.person_id for m in carded()})
    response = client_for("nghean.admin").post(PRINT_URL, {"organization": nghe_an.pk, "only_active": "on"})
    assert response.status_code == 200, response.content.decode()[:2000]
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="the-hoi-vien-nghe-an.pdf"'
    assert response.content.startswith(b"%PDF") and pdf_page_count(response.content) == 1
    entry = export_entries(nghe_an).get()
    assert entry.user.username == "nghean.admin"
    assert entry.data == {"format": "pdf", "count": len(expected), "person_ids": expected, "purpose": "member_cards"}


def test_association_secretary_prints_own_association_and_only_active_leaves_out_leavers(client_for):
    association = Organization.objects.get(slug="nghe-an-viet-lao")
    leaver = demo_membership("Võ Văn Hùng")
    Membership.objects.filter(pk=leaver.pk).update(left_on=timezone.localdate() - datetime.timedelta(days=1))
    client = client_for("nghean.vietlao")

    response = client.post(PRINT_URL, {"organization": association.pk, "only_active": "on"})
    assert response["Content-Disposition"] == 'attachment; filename="the-hoi-vien-nghe-an-viet-lao.pdf"'
    assert leaver.person_id not in export_entries(association).get().data["person_ids"]

    client.post(PRINT_URL, {"organization": association.pk})  # everyone with a card number
    assert leaver.person_id in export_entries(association).order_by("-pk").first().data["person_ids"]


def test_form_lists_only_organizations_in_scope_and_explains_card_numbers(client_for):
    response = client_for("nghean.vietlao").get(PRINT_URL)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Hội Hữu nghị Việt – Lào tỉnh Nghệ An" in body
    assert "Chi hội Quân tình nguyện và chuyên gia quân sự giúp Lào huyện Nam Đàn" in body
    assert "Hội Hữu nghị Việt – Nga tỉnh Nghệ An" not in body and "Thanh Hóa" not in body
    assert vi("Print member cards") in body
    note = body.split('id="member-cards-note"', 1)[1].split("</div>", 1)[0]
    assert "số thẻ" in note or "card number" in note  # only members with a card number get one


def test_organization_without_carded_members_gives_a_message_and_no_pdf(client_for):
    association = Organization.objects.get(slug="nghe-an-viet-trung")
    response = client_for("nghean.editor").post(PRINT_URL, {"organization": association.pk, "only_active": "on"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert not export_entries(association).exists()


@pytest.mark.parametrize("username", ["auditor", "vufo.admin", "cluster1.head"])
def test_non_officers_are_refused(client_for, username):
    client = client_for(username)
    nghe_an = Organization.objects.get(slug="nghe-an")
    assert client.get(PRINT_URL).status_code == 403
    response = client.post(PRINT_URL, {"organization": nghe_an.pk, "only_active": "on"})
    assert response.status_code == 403
    assert not response.content.startswith(b"%PDF")
    assert not OrgLogEntry.objects.filter(action=ACTION_EXPORT).exists()


@pytest.mark.parametrize(
    ("username", "slug"),
    [
        ("nghean.admin", "thanh-hoa"),
        ("nghean.admin", "thanh-hoa-viet-lao-quan-hoa"),
        ("nghean.vietlao", "nghe-an-viet-nga-dien-chau"),
    ],
)
def test_organization_outside_the_scope_is_404(client_for, username, slug):
    organization = Organization.objects.get(slug=slug)
    response = client_for(username).post(PRINT_URL, {"organization": organization.pk, "only_active": "on"})
    assert response.status_code == 404
    assert not OrgLogEntry.objects.filter(action=ACTION_EXPORT).exists()


def test_union_seen_from_below_is_refused(client_for):
    """An association secretary sees the union above (read-only) but is no officer of it."""
    nghe_an = Organization.objects.get(slug="nghe-an")
    response = client_for("nghean.vietlao").post(PRINT_URL, {"organization": nghe_an.pk, "only_active": "on"})
    assert response.status_code == 403
    assert not export_entries(nghe_an).exists()


def test_officer_with_wider_scope_but_not_of_the_owning_organization_is_refused(client_for, demo_user):
    """A superuser's scope is everything, but personal data belongs to the officers of the owner."""
    user = demo_user("nghean.admin")
    user.is_superuser = True
    user.save()
    thanh_hoa = Organization.objects.get(slug="thanh-hoa")
    response = client_for("nghean.admin").post(PRINT_URL, {"organization": thanh_hoa.pk})
    assert response.status_code == 403
    assert not export_entries(thanh_hoa).exists()


def test_menu_item_only_for_officers(client_for):
    assert reverse(URL_NAME) == PRINT_URL
    assert PRINT_URL in client_for("nghean.editor").get("/admin/").content.decode()
    assert PRINT_URL not in client_for("auditor").get("/admin/").content.decode()
