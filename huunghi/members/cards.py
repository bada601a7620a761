"""Member cards (thẻ hội viên): printable PDF sheets and the token behind their QR codes.

Each card carries a QR code with the address of a public verification page. The address holds a
signed token of the membership id: there is no database field to leak and nothing to guess —
without SECRET_KEY nobody can make a token, and a changed one fails the signature check. Rotating
SECRET_KEY invalidates every printed card unless the old key stays in SECRET_KEY_FALLBACKS.

The PDF is made by WeasyPrint from an HTML template, with fonts from the system ("DejaVu Sans",
"Liberation Sans": both cover Vietnamese) and nothing fetched from the network or the disk.
"""

from dataclasses import dataclass

import segno
from django.conf import settings
from django.core.signing import BadSignature, Signer
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from huunghi.core.access import ancestor_ids
from huunghi.orgs.choices import OrgKind
from huunghi.orgs.models import Membership, Organization
from huunghi.orgs.selectors import active_memberships

SALT = "huunghi.member-card"
CARDS_PER_PAGE = 10  # 2 columns × 5 rows of 85.6 × 54 mm (ISO/IEC 7810 ID-1) on A4
# The network's name, printed on every card as it is written in Vietnamese (a proper name).
NETWORK_NAME = "Liên hiệp các tổ chức hữu nghị"


def _signer():
    return Signer(salt=SALT)


def card_token(membership):
    return _signer().sign(str(membership.pk))


def membership_from_token(token):
    """The membership a token was made for, or None for a forged, changed or stale token."""
    try:
        value = _signer().unsign(token)
    except BadSignature:
        return None
    if not value.isdigit():
        return None
    return Membership.objects.select_related("person", "organization").filter(pk=int(value)).first()


def card_validity(membership, day=None):
    """A card is valid on a day when the membership counts then (joined, not left, latest status
    active) and the person has not been anonymized."""
    day = day or timezone.localdate()
    if membership.person.anonymized_on is not None:
        return False
    return active_memberships(day).filter(pk=membership.pk).exists()


def verification_url(membership, *, request):
    return request.build_absolute_uri(reverse("member_card:verify", args=[card_token(membership)]))


def qr_svg(data):
    """The QR code as inline SVG markup, sized by its container (no width or height of its own)."""
    return mark_safe(segno.make(data, error="m", micro=False).svg_inline(border=0, omitsize=True, svgclass="qr"))


def card_memberships(organization, *, only_active=False, day=None):
    """Memberships of an organization's subtree that get a card: those with a card number, of
    people who were not anonymized; with `only_active`, only those that count on `day`."""
    memberships = (
        Membership.objects.filter(organization__path__startswith=organization.path, person__anonymized_on__isnull=True)
        .exclude(card_number="")
        .select_related("person", "organization")
        .order_by("organization__path", "person__full_name", "pk")
    )
    if only_active:
        day = day or timezone.localdate()
        memberships = memberships.filter(pk__in=active_memberships(day).values("pk"))
    return memberships


@dataclass
class OrgLine:
    """Where a membership sits in the network, as the card and the verification page name it."""

    union: Organization | None
    association: Organization | None
    branch: Organization | None

    @property
    def union_heading(self):
        """The part of the union's name after the network's name ("tỉnh Nghệ An"), or its whole name."""
        if self.union is None:
            return ""
        name = self.union.name
        if name.casefold().startswith(NETWORK_NAME.casefold()):
            return name[len(NETWORK_NAME) :].strip()
        return name


def org_lines(organizations):
    """`OrgLine` for each organization (by pk), with one query for all their ancestors."""
    wanted = {i for o in organizations for i in ancestor_ids(o.path)}
    by_id = Organization.objects.in_bulk(wanted) if wanted else {}
    lines = {}
    for organization in organizations:
        chain = [by_id[i] for i in ancestor_ids(organization.path) if i in by_id] + [organization]
        lines[organization.pk] = _org_line(organization, chain)
    return lines


def org_line(organization):
    return org_lines([organization])[organization.pk]


def _org_line(organization, chain):
    def nearest(kind):
        return next((o for o in reversed(chain) if o.kind == kind), None)

    union = nearest(OrgKind.PROVINCIAL_UNION) or nearest(OrgKind.NATIONAL_UNION)
    association = nearest(OrgKind.ASSOCIATION) or organization
    if association == union:
        association = None
    branch = organization if organization.kind == OrgKind.BRANCH else None
    return OrgLine(union=union, association=association, branch=branch)


@dataclass
class Card:
    membership: Membership
    line: OrgLine
    url: str
    qr: str

    @property
    def name(self):
        return self.membership.person.full_name

    @property
    def card_number(self):
        return self.membership.card_number

    @property
    def joined(self):
        return self.membership.joined_on.strftime("%d/%m/%Y")


def build_cards(memberships, *, request):
    memberships = list(memberships)
    lines = org_lines({m.organization_id: m.organization for m in memberships}.values())
    cards = []
    for membership in memberships:
        url = verification_url(membership, request=request)
        cards.append(Card(membership=membership, line=lines[membership.organization_id], url=url, qr=qr_svg(url)))
    return cards


def cards_html(memberships, *, request):
    """The printable sheets as HTML: what WeasyPrint turns into the PDF (and what tests read)."""
    cards = build_cards(memberships, request=request)
    pages = [cards[i : i + CARDS_PER_PAGE] for i in range(0, len(cards), CARDS_PER_PAGE)]
    # A card is a Vietnamese document, whatever language the officer uses the back office in.
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(
            "members/cards/sheet.html", {"pages": pages, "network_name": NETWORK_NAME, "count": len(cards)}
        )


def cards_pdf(memberships, *, request):
    """A4 PDF of member cards, ten to a page."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    # Everything is inline (SVG QR codes, system fonts): refuse any URL, local files included.
    no_fetch = URLFetcher(allowed_protocols=set())
    return HTML(string=cards_html(memberships, request=request), url_fetcher=no_fetch).write_pdf()
