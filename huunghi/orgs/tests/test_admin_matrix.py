"""Every back-office URL of the registry models, for every role: exactly what each may see and do.

Expectations are written from the roles of DESIGN.md §4, not derived from the policy code:
a user reaches the records of their own organization's subtree; outside it a record does not
exist for them (404) on every URL — inspect, edit, delete, history, usage, chooser — and appears in
no listing, filter choice, search result or export.
"""

import pytest
from django.urls import reverse

from huunghi.orgs.models import (
    Congress,
    ExecutiveMeeting,
    HeadcountReport,
    Membership,
    Organization,
    Person,
    Position,
    Term,
)

pytestmark = pytest.mark.django_db

# username → slug of the organization whose subtree the account reaches (None: everything)
SCOPE = {
    "vufo.admin": None,
    "auditor": None,
    "nghean.admin": "nghe-an",
    "nghean.editor": "nghe-an",
    "nghean.vietlao": "nghe-an-viet-lao",
    "thanhhoa.admin": "thanh-hoa",
    "cluster1.head": "hai-phong",
}
CAN_CHANGE = {"vufo.admin", "nghean.admin", "nghean.editor", "nghean.vietlao", "thanhhoa.admin"}
CAN_DELETE = {"vufo.admin", "nghean.admin", "nghean.vietlao", "thanhhoa.admin"}

# One record per model in three places: Nghệ An's Việt–Lào subtree, Nghệ An outside it, Thanh Hóa.
BRANCHES = {
    "vietlao": "nghe-an-viet-lao-nghi-loc",
    "vietnga": "nghe-an-viet-nga-dien-chau",
    "thanhhoa": "thanh-hoa-viet-lao-quan-hoa",
}
CHAINS = {
    "vietlao": {"vufo", "nghe-an", "nghe-an-viet-lao"},
    "vietnga": {"vufo", "nghe-an", "nghe-an-viet-nga"},
    "thanhhoa": {"vufo", "thanh-hoa", "thanh-hoa-viet-lao"},
}


def outcome(response):
    """What the user experienced: the page, a refusal (Wagtail redirects to the dashboard with a
    message), or nothing there at all."""
    if response.status_code == 200:
        return "ok"
    if response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    ):
        return "forbidden"
    if response.status_code == 404:
        return "missing"
    return f"HTTP {response.status_code}"


def records(place):
    branch = Organization.objects.get(slug=BRANCHES[place])
    person = Person.objects.filter(organization=branch).first()
    found = {
        Organization: branch,
        Person: person,
        Membership: Membership.objects.filter(organization=branch).first(),
        HeadcountReport: HeadcountReport.objects.filter(organization=branch).first(),
    }
    return found


def reaches(username, place):
    scope = SCOPE[username]
    return scope is None or scope in CHAINS[place]


def url(model, view, pk=None):
    name = f"wagtailsnippets_orgs_{model._meta.model_name}:{view}"
    return reverse(name, args=[pk] if pk is not None else [])


def chooser_url(model, view="choose", pk=None):
    name = f"wagtailsnippetchoosers_orgs_{model._meta.model_name}:{view}"
    return reverse(name, args=[pk] if pk is not None else [])


@pytest.mark.parametrize("username", sorted(SCOPE))
def test_object_urls_for_every_role(client_for, username):
    client = client_for(username)
    problems = []
    for place in BRANCHES:
        for model, obj in records(place).items():
            inside = reaches(username, place)
            expected = {
                "inspect": "ok" if inside else "missing",
                "history": "ok" if inside else "missing",
                "usage": "ok" if inside else "missing",
                "edit": ("ok" if username in CAN_CHANGE else "forbidden") if inside else "missing",
                "delete": ("ok" if username in CAN_DELETE else "forbidden") if inside else "missing",
            }
            for view, status in expected.items():
                got = outcome(client.get(url(model, view, obj.pk)))
                if got != status:
                    problems.append(f"{model.__name__} {place} {view}: {got} != {status}")
            chosen = outcome(client.get(chooser_url(model, "chosen", obj.pk)))
            chosen_expected = "ok" if inside and username in CAN_CHANGE else "missing"
            if chosen != chosen_expected:
                problems.append(f"{model.__name__} {place} chooser-chosen: {chosen} != {chosen_expected}")
    for model in (Organization, Person, Membership, HeadcountReport, Position, Congress, Term, ExecutiveMeeting):
        expected = "ok" if username in CAN_CHANGE else "forbidden"
        got = outcome(client.get(url(model, "add")))
        if got != expected:
            problems.append(f"{model.__name__} add: {got} != {expected}")
    assert not problems, "\n".join(problems)


def _names(place):
    branch = Organization.objects.get(slug=BRANCHES[place])
    return [branch.name] + [p.full_name for p in Person.objects.filter(organization=branch)]


@pytest.mark.parametrize("username", sorted(SCOPE))
@pytest.mark.parametrize(
    "model", [Organization, Person, Membership, HeadcountReport, Position, Congress, Term, ExecutiveMeeting]
)
def test_listings_exports_and_choosers_show_only_the_scope(client_for, username, model):
    client = client_for(username)
    pages = {
        "list": client.get(url(model, "list")),
        "search": client.get(url(model, "list"), {"q": "Chi hội"}),
        "csv": client.get(url(model, "list"), {"export": "csv"}),
        "xlsx": client.get(url(model, "list"), {"export": "xlsx"}),
        "chooser": client.get(chooser_url(model)),
    }
    assert pages["list"].status_code == 200
    text = {name: _body(response) for name, response in pages.items()}
    for place in BRANCHES:
        for name in _names(place):
            for page, body in text.items():
                if page == "chooser" and username not in CAN_CHANGE:
                    continue
                if not reaches(username, place):
                    assert name not in body, f"{username} sees {name!r} in {model.__name__} {page}"


def _body(response):
    if response.get("Content-Type", "").startswith("application/vnd.openxmlformats"):
        import io

        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
        return "\n".join(str(cell) for row in sheet.iter_rows(values_only=True) for cell in row if cell)
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def test_own_records_are_listed_and_personal_data_is_not_in_list_exports(client_for):
    client = client_for("nghean.vietlao")
    listing = client.get(url(Membership, "list")).content.decode()
    assert "Phan Văn Sơn" in listing  # a member of the Nghi Lộc branch
    assert "Trần Thị Minh Hoa" not in listing  # Việt–Nga's member: another association
    # Members and people leave only through the permission-checked, logged member export.
    for model in (Membership, Person):
        exported = _body(client.get(url(model, "list"), {"export": "csv"}))
        assert "Phan Văn Sơn" not in exported


def test_filter_choices_are_scoped(client_for):
    body = client_for("thanhhoa.admin").get(url(Membership, "list")).content.decode()
    assert "Thanh Hóa" in body
    assert "Nghệ An" not in body


def test_writes_by_hand_made_posts_outside_the_scope_change_nothing(client_for):
    branch = Organization.objects.get(slug=BRANCHES["vietlao"])
    membership = Membership.objects.filter(organization=branch).first()
    client = client_for("thanhhoa.admin")
    assert outcome(client.post(url(Membership, "edit", membership.pk), {"card_number": "X"})) == "missing"
    assert outcome(client.post(url(Membership, "delete", membership.pk))) == "missing"
    assert outcome(client.post(url(Organization, "delete", branch.pk))) == "missing"
    membership.refresh_from_db()
    assert membership.card_number == ""
    assert Organization.objects.filter(pk=branch.pk).exists()

    # Creating a record that points at another tenant's organization is a form error.
    thanh_hoa_person = Person.objects.filter(organization__slug=BRANCHES["thanhhoa"]).first()
    before = Membership.objects.count()
    response = client.post(
        url(Membership, "add"),
        {"organization": branch.pk, "person": thanh_hoa_person.pk, "joined_on": "01/06/2024"},
    )
    assert response.status_code == 200  # the form again, with the error
    assert Membership.objects.count() == before


def test_auditor_reads_everything_and_writes_nothing(client_for):
    client = client_for("auditor")
    branch = Organization.objects.get(slug=BRANCHES["thanhhoa"])
    assert outcome(client.get(url(Organization, "inspect", branch.pk))) == "ok"
    assert outcome(client.get(url(Organization, "add"))) == "forbidden"
    assert outcome(client.post(url(Organization, "edit", branch.pk), {"name": "X"})) == "forbidden"
    branch.refresh_from_db()
    assert branch.name != "X"


def test_union_admin_cannot_delete_their_own_union(client_for):
    nghe_an = Organization.objects.get(slug="nghe-an")
    client = client_for("nghean.admin")
    assert outcome(client.get(url(Organization, "edit", nghe_an.pk))) == "ok"
    assert outcome(client.get(url(Organization, "delete", nghe_an.pk))) == "forbidden"
    vufo = Organization.objects.get(slug="vufo")
    assert outcome(client.get(url(Organization, "inspect", vufo.pk))) == "ok"  # the chain above, read-only
    assert outcome(client.get(url(Organization, "edit", vufo.pk))) == "forbidden"


def test_list_pages_use_a_bounded_number_of_queries(client_for, django_assert_max_num_queries):
    client = client_for("nghean.admin")
    for model in (Organization, Person, Membership, HeadcountReport, Position, Congress, Term, ExecutiveMeeting):
        # The organizations' list counts members: stored counts looked up, counted, then stored
        # (old counts of other days than year ends dropped first).
        with django_assert_max_num_queries(23 if model is Organization else 20):
            assert client.get(url(model, "list")).status_code == 200
        with django_assert_max_num_queries(15):
            _body(client.get(url(model, "list"), {"export": "csv"}))


def test_bulk_delete_is_scoped_and_audited(client_for):
    from huunghi.core.models import OrgLogEntry

    branch = Organization.objects.get(slug=BRANCHES["vietlao"])
    membership = Membership.objects.filter(organization=branch).first()
    bulk = reverse("wagtail_bulk_action", args=["orgs", "membership", "delete"]) + f"?id={membership.pk}"

    other = client_for("thanhhoa.admin")
    assert outcome(other.get(bulk)) == "missing"
    assert outcome(other.post(bulk)) == "missing"
    everything = other.get(bulk.replace(f"id={membership.pk}", "id=all")).content.decode()
    assert membership.person.full_name not in everything
    assert Membership.objects.filter(pk=membership.pk).exists()

    editor = client_for("nghean.editor")  # may change, may not delete
    editor.post(bulk)
    assert Membership.objects.filter(pk=membership.pk).exists()

    secretary = client_for("nghean.vietlao")
    assert membership.person.full_name in secretary.get(bulk).content.decode()
    assert secretary.post(bulk).status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    entry = OrgLogEntry.objects.get(object_id=str(membership.pk), action="huunghi.delete")
    assert entry.user.username == "nghean.vietlao"
