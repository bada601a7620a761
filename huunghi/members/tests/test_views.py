"""The back-office flow: upload → preview → decisions → confirm → result, and the personal-data
rules around it. Jobs run inline here (the test settings make the background backend immediate);
the browser test runs them in a real worker."""

import io
from pathlib import Path

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse

from huunghi.core.models import OrgLogEntry
from huunghi.members.models import ImportJob
from huunghi.members.privacy import ACTION_EXPORT, anonymize_person
from huunghi.orgs.models import Membership, Organization, Person
from huunghi.orgs.selectors import member_count

FIXTURES = Path(__file__).parent / "fixtures"
INDEX = "members_import_index"


@pytest.fixture(autouse=True)
def jobs_run_on_commit(monkeypatch):
    """Each test runs inside a transaction that never commits; run the jobs a commit would start."""
    monkeypatch.setattr("huunghi.members.jobs.transaction.on_commit", lambda callback, **kwargs: callback())


def upload(client, path, organization):
    with open(path, "rb") as handle:
        return client.post(reverse(INDEX), {"organization": organization.pk, "file": handle})


def latest_job():
    return ImportJob.objects.latest("pk")


@pytest.fixture
def union(db):
    return Organization.objects.get(slug="nghe-an")


def test_secretary_previews_decides_and_confirms(client_for, union):
    client = client_for("nghean.admin")
    people_before = Person.objects.count()
    response = upload(client, FIXTURES / "messy.xlsx", union)
    job = latest_job()
    assert response.status_code == 302 and response["Location"] == reverse("members_import_job", args=[job.pk])
    assert job.status == ImportJob.Status.READY
    assert Person.objects.count() == people_before  # nothing written before confirming

    page = client.get(reverse("members_import_job", args=[job.pk])).content.decode()
    assert 'data-count="new">11<' in page
    assert "Sở thích" in page  # ignored column reported
    assert 'name="decision_13"' in page  # the duplicate, with both rows
    progress = client.get(reverse("members_import_progress", args=[job.pk])).json()
    assert progress["percent"] == 100 and not progress["running"]

    # Confirming without deciding the duplicate is refused.
    client.post(reverse("members_import_confirm", args=[job.pk]), {"action": "confirm"})
    job.refresh_from_db()
    assert job.status == ImportJob.Status.READY
    assert Person.objects.count() == people_before

    client.post(reverse("members_import_confirm", args=[job.pk]), {"action": "confirm", "decision_13": "merge"})
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE, job.error
    assert Person.objects.count() == people_before + 11
    result = client.get(reverse("members_import_job", args=[job.pk])).content.decode()
    assert 'data-testid="written"' in result
    report = client.get(reverse("members_import_report", args=[job.pk]))
    workbook = openpyxl.load_workbook(io.BytesIO(report.content))
    assert workbook.sheetnames == ["Tóm tắt", "Dòng bị từ chối", "Trùng lặp"]
    assert OrgLogEntry.objects.filter(action="huunghi.import", user__username="nghean.admin").count() >= 11


def test_rejected_rows_are_listed_with_row_column_and_reason(client_for, union):
    client = client_for("nghean.admin")
    upload(client, FIXTURES / "other-union.xlsx", union)
    page = client.get(reverse("members_import_job", args=[latest_job().pk])).content.decode()
    assert 'data-testid="rejections"' in page
    assert "Chi hội / tổ chức" in page and "không thuộc" in page


def test_unreadable_file_fails_with_its_message_and_writes_nothing(client_for, union):
    client = client_for("nghean.admin")
    people = Person.objects.count()
    upload(client, FIXTURES / "password.xlsx", union)
    job = latest_job()
    assert job.status == ImportJob.Status.FAILED
    page = client.get(reverse("members_import_job", args=[job.pk])).content.decode()
    assert "mật khẩu" in page
    assert Person.objects.count() == people


def test_upload_above_the_limit_is_refused_before_it_is_read(client_for, union, settings):
    settings.MEMBER_IMPORT_MAX_BYTES = 1024
    client = client_for("nghean.admin")
    response = upload(client, FIXTURES / "messy.xlsx", union)
    assert response.status_code == 200
    assert "tối đa 1 MB" in response.content.decode() or "MB" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_changes_between_preview_and_confirm_write_nothing(client_for, union):
    client = client_for("nghean.admin")
    upload(client, FIXTURES / "header-row-3.xlsx", union)
    job = latest_job()
    # Someone records one of the sheet's people meanwhile: the preview no longer holds.
    first = openpyxl.load_workbook(FIXTURES / "header-row-3.xlsx").active
    name, birth = first.cell(row=4, column=1).value, first.cell(row=4, column=2).value
    from huunghi.core.text import parse_date

    Person.objects.create(organization=union, full_name=name, birth_date=parse_date(birth))
    people = Person.objects.count()
    client.post(reverse("members_import_confirm", args=[job.pk]), {"action": "confirm", "decision_all": "keep"})
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED and "thay đổi" in job.error
    assert Person.objects.count() == people


def test_other_unions_cannot_see_the_job(client_for, union):
    upload(client_for("nghean.admin"), FIXTURES / "header-row-3.xlsx", union)
    job = latest_job()
    other = client_for("thanhhoa.admin")
    assert other.get(reverse("members_import_job", args=[job.pk])).status_code == 404
    assert other.get(reverse("members_import_report", args=[job.pk])).status_code == 404
    assert other.post(reverse("members_import_confirm", args=[job.pk]), {"action": "confirm"}).status_code == 404


@pytest.mark.parametrize("username", ["auditor", "cluster1.head", "vufo.admin"])
def test_non_officers_have_no_import_page(client_for, username):
    response = client_for(username).get(reverse(INDEX))
    assert response.status_code in (302, 403)


def test_template_download(client_for, union):
    response = client_for("nghean.vietlao").get(
        reverse("members_template"), {"organization": Organization.objects.get(slug="nghe-an-viet-lao").pk}
    )
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Hội viên", "Danh mục", "Hướng dẫn"]
    # Another association's template is not offered to the Việt–Lào secretary.
    other = client_for("nghean.vietlao").get(reverse("members_template"), {"organization": union.pk})
    assert other.status_code == 404


def test_export_needs_the_permission_and_is_logged(client_for, demo_user, union):
    admin = demo_user("nghean.admin")
    assert admin.has_perm("orgs.export_personal_data")
    response = client_for("nghean.admin").get(reverse("members_export"), {"organization": union.pk, "format": "csv"})
    assert response.status_code == 200
    body = response.content.decode("utf-8-sig")
    assert "Phan Văn Sơn" in body and "02383861204" in body
    entry = OrgLogEntry.objects.filter(action=ACTION_EXPORT).latest("pk")
    assert entry.user == admin
    assert entry.data["count"] == len(entry.data["person_ids"]) > 0
    assert Person.objects.get(full_name="Phan Văn Sơn").pk in entry.data["person_ids"]

    editor = demo_user("nghean.editor")
    assert not editor.has_perm("orgs.export_personal_data")
    refused = client_for("nghean.editor").get(reverse("members_export"), {"organization": union.pk})
    assert refused.status_code in (302, 403)


# --- Contact details and anonymization ---------------------------------------------------------


def test_contact_details_only_for_officers_of_the_owning_organization(client_for):
    person = Person.objects.get(full_name="Phan Văn Sơn")
    inspect = reverse("wagtailsnippets_orgs_person:inspect", args=[person.pk])
    listing = reverse("wagtailsnippets_orgs_person:list")
    officer = client_for("nghean.vietlao")
    assert person.phone in officer.get(inspect).content.decode()
    assert person.phone in officer.get(listing).content.decode()
    for username in ("auditor", "vufo.admin"):
        client = client_for(username)
        assert person.phone not in client.get(inspect).content.decode()
        page = client.get(listing).content.decode()
        assert "Phan Văn Sơn" in page and person.phone not in page


def test_platform_admin_edit_form_has_no_contact_fields(client_for):
    person = Person.objects.get(full_name="Phan Văn Sơn")
    page = client_for("vufo.admin").get(reverse("wagtailsnippets_orgs_person:edit", args=[person.pk]))
    assert 'name="full_name"' in page.content.decode()
    assert 'name="phone"' not in page.content.decode()
    officer_page = client_for("nghean.admin").get(reverse("wagtailsnippets_orgs_person:edit", args=[person.pk]))
    assert 'name="phone"' in officer_page.content.decode()


def test_anonymization_keeps_counts_and_scrubs_the_log(client_for, demo_user):
    person = Person.objects.get(full_name="Phan Văn Sơn")
    branch = Organization.objects.get(slug="nghe-an-viet-lao-nghi-loc")
    union = Organization.objects.get(slug="nghe-an")
    counts = (member_count(organization=branch), member_count(organization=union))
    memberships = Membership.objects.filter(person=person).count()
    client = client_for("nghean.vietlao")
    url = reverse("members_anonymize", args=[person.pk])
    assert "Phan Văn Sơn" in client.get(url).content.decode()
    client.post(url)
    person.refresh_from_db()
    assert person.anonymized_on is not None
    assert (person.phone, person.birth_date, person.address) == ("", None, "")
    assert "Phan" not in person.full_name
    assert Membership.objects.filter(person=person).count() == memberships
    assert (member_count(organization=branch), member_count(organization=union)) == counts
    logged = OrgLogEntry.objects.filter(object_id=str(person.pk), content_type__model="person")
    assert not any("Phan" in str(entry.data) or "Phan" in entry.label for entry in logged)
    assert logged.filter(action="huunghi.anonymize", user__username="nghean.vietlao").exists()


def test_anonymization_refused_to_non_officers(client_for, demo_user):
    person = Person.objects.get(full_name="Phan Văn Sơn")
    assert client_for("auditor").post(reverse("members_anonymize", args=[person.pk])).status_code in (302, 403, 404)
    with pytest.raises(Exception):  # noqa: B017
        anonymize_person(person=person, acting_user=demo_user("vufo.admin"))
    person.refresh_from_db()
    assert person.anonymized_on is None


def test_sensitive_fields_check():
    from huunghi.members.checks import sensitive_fields_check

    assert sensitive_fields_check() == []
    Person.religion = None  # a model field would be caught the same way; see the check's name list
    try:
        fields = [f.name for f in Person._meta.get_fields()]
        assert "religion" not in fields
    finally:
        del Person.religion


# --- Command line -----------------------------------------------------------------------------


def test_command_exit_status_and_report(db, capsys):
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_members", str(FIXTURES / "future-date.xlsx"), org="nghe-an", dry_run=True)
    assert exit_info.value.code == 1
    output = capsys.readouterr().out
    assert "2099" in output and "Chạy thử" in output

    people = Person.objects.count()
    call_command("import_members", str(FIXTURES / "header-row-3.xlsx"), org="nghe-an")  # exit 0: no SystemExit
    assert Person.objects.count() == people + 4
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_members", str(FIXTURES / "corrupt.xlsx"), org="nghe-an")
    assert exit_info.value.code == 2


def test_audit_log_says_contact_details_changed_but_not_their_values(client_for):
    from huunghi.members.privacy import CONTACT_FIELDS

    assert set(CONTACT_FIELDS) == set(Person.audit_redact)
    person = Person.objects.get(full_name="Phan Văn Sơn")
    client = client_for("nghean.admin")
    response = client.post(
        reverse("wagtailsnippets_orgs_person:edit", args=[person.pk]),
        {
            "organization": person.organization_id,
            "full_name": person.full_name,
            "gender": person.gender,
            "birth_date": person.birth_date.strftime("%d/%m/%Y"),
            "phone": "0913 555 666",
            "email": "",
            "address": "",
            "occupation": "",
            "consents-TOTAL_FORMS": "0",
            "consents-INITIAL_FORMS": "0",
            "consents-MIN_NUM_FORMS": "0",
            "consents-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    person.refresh_from_db()
    assert person.phone == "0913555666"  # normalized on save
    entry = OrgLogEntry.objects.filter(object_id=str(person.pk), action="huunghi.edit").latest("pk")
    assert [c["field"] for c in entry.data["changes"]] == ["phone"]
    assert "0913555666" not in str(entry.data) and "02383861204" not in str(entry.data)
    history = client_for("auditor").get(reverse("wagtailsnippets_orgs_person:history", args=[person.pk]))
    assert history.status_code == 200 and "0913555666" not in history.content.decode()
