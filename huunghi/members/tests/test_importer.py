"""The importer against the committed bad-input files and the tolerant-mapping sheet.

Every bad file must give a clear message and leave the database exactly as it was: the
`unchanged_database` fixture compares a fingerprint of every member table before and after.
"""

import datetime
import io
from pathlib import Path

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from huunghi.core.models import OrgLogEntry
from huunghi.members.columns import COLUMNS
from huunghi.members.exporter import build_template, export_members
from huunghi.members.importer import run_import
from huunghi.orgs.models import Membership, MembershipStatusChange, Organization, Person
from huunghi.orgs.selectors import member_count

FIXTURES = Path(__file__).parent / "fixtures"
HEADERS = [c.header for c in COLUMNS]
VIET_LAO = "nghe-an-viet-lao"
NGHI_LOC = "nghe-an-viet-lao-nghi-loc"


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


def _state():
    return (
        list(Person.objects.order_by("pk").values_list("pk", "full_name", "phone", "birth_date")),
        list(Membership.objects.order_by("pk").values_list("pk", "organization_id", "card_number", "joined_on")),
        MembershipStatusChange.objects.count(),
        OrgLogEntry.objects.count(),
    )


@pytest.fixture
def unchanged_database(db):
    before = _state()
    yield
    assert _state() == before, "the database changed"


def org(slug):
    return Organization.objects.get(slug=slug)


def sheet(rows, headers=HEADERS):
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = "Hội viên"
    ws.append(headers)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def member(name, *, birth=None, phone="", branch=NGHI_LOC, joined="01/06/2024", card="", status="", status_on=""):
    values = dict.fromkeys(HEADERS, "")
    values.update(
        {
            "Họ và tên": name,
            "Ngày sinh": birth or "",
            "Điện thoại": phone,
            "Chi hội / tổ chức": branch,
            "Số thẻ hội viên": card,
            "Ngày vào hội": joined,
            "Trạng thái": status,
            "Ngày đổi trạng thái": status_on,
        }
    )
    return [values[h] for h in HEADERS]


# --- Bad input: one committed file each -------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("empty.xlsx", "0 byte"),
        ("csv-named.xlsx", "văn bản (CSV)"),
        ("password.xlsx", "mật khẩu"),
        ("corrupt.xlsx", "bị hỏng"),
        ("max-rows.xlsx", "1.048.576"),
        ("oversize-50mb.xlsx", "20"),
    ],
)
def test_unreadable_files_are_refused_with_a_clear_message(name, expected, unchanged_database):
    result = run_import(FIXTURES / name, organization=org("nghe-an"), file_name=name)
    assert result.fatal, name
    assert expected in result.fatal
    assert not result.written


def test_oversize_limit_is_the_documented_one(settings):
    assert settings.MEMBER_IMPORT_MAX_BYTES == 20 * 1024 * 1024
    assert (FIXTURES / "oversize-50mb.xlsx").stat().st_size == 50 * 1024 * 1024


def test_header_only_sheet_says_there_are_no_members(unchanged_database):
    result = run_import(FIXTURES / "header-only.xlsx", organization=org("nghe-an"))
    assert "không có dòng hội viên" in result.fatal
    assert result.counts == {"new": 0, "updated": 0, "unchanged": 0, "duplicates": 0, "rejected": 0, "blank": 0}
    assert not result.written


def test_merged_cells_reject_the_rows_they_cover(unchanged_database):
    result = run_import(FIXTURES / "merged.xlsx", organization=org("nghe-an"), dry_run=True)
    assert result.header_row == 2  # the merged title above the header is fine
    merged_rows = sorted({r.row for r in result.rejections})
    assert merged_rows == [4, 5, 6]
    assert all("gộp" in r.message for r in result.rejections)
    assert result.counts["new"] == 2


def test_formulas_are_reported_per_cell(unchanged_database):
    result = run_import(FIXTURES / "formulas.xlsx", organization=org("nghe-an"), dry_run=True)
    formulas = [r for r in result.rejections if "công thức" in r.message]
    assert {r.column.split(" ")[0] for r in formulas} == {"A", "G"}
    assert any("CONCATENATE" in r.value for r in formulas)
    assert result.counts["rejected"] == 2


def test_header_on_row_three_without_diacritics(db):
    result = run_import(FIXTURES / "header-row-3.xlsx", organization=org("nghe-an"), dry_run=True)
    assert not result.fatal
    assert result.header_row == 3
    assert result.counts["new"] == 4
    assert result.counts["rejected"] == 0


def test_dates_in_2099_are_refused(unchanged_database):
    result = run_import(FIXTURES / "future-date.xlsx", organization=org("nghe-an"), dry_run=True)
    messages = {r.row: r.message for r in result.rejections}
    assert "01/01/2099" in messages[2] and "tương lai" in messages[2]
    assert "15/03/2099" in messages[3]
    assert result.counts["rejected"] == 2


def test_confirming_writes_only_the_accepted_rows(db):
    people = Person.objects.count()
    result = run_import(FIXTURES / "future-date.xlsx", organization=org("nghe-an"))
    assert result.written and result.counts["new"] == 1
    assert Person.objects.count() == people + 1
    assert not Membership.objects.filter(joined_on__year=2099).exists()
    assert not Person.objects.filter(birth_date__year=2099).exists()


def test_member_of_another_union_is_refused_and_nothing_of_it_is_written(db):
    result = run_import(FIXTURES / "other-union.xlsx", organization=org("nghe-an"), on_duplicate="skip")
    assert result.counts["rejected"] == 1
    rejection = result.rejections[0]
    assert "Quan Hóa" in rejection.message and "không thuộc" in rejection.message
    assert not Membership.objects.filter(organization__slug__startswith="thanh-hoa", note__contains="import").exists()
    assert Membership.objects.filter(organization__path__startswith=org("thanh-hoa").path).count() == 1


def test_importing_as_another_unions_officer_is_refused(demo_user, unchanged_database):
    with pytest.raises(PermissionDenied):
        run_import(FIXTURES / "header-row-3.xlsx", organization=org("nghe-an"), user=demo_user("thanhhoa.admin"))


def test_auditor_and_platform_admin_cannot_import_personal_data(demo_user, unchanged_database):
    for username in ("auditor", "vufo.admin", "cluster1.head"):
        with pytest.raises(PermissionDenied):
            run_import(FIXTURES / "header-row-3.xlsx", organization=org("nghe-an"), user=demo_user(username))


# --- Tolerant mapping --------------------------------------------------------------------------


def test_messy_sheet_is_mapped_and_normalized(demo_user, db):
    result = run_import(
        FIXTURES / "messy.xlsx", organization=org("nghe-an"), user=demo_user("nghean.admin"), on_duplicate="merge"
    )
    assert not result.fatal
    assert result.extra_columns == ["Sở thích", "Cột phụ"]
    assert result.counts["rejected"] == 0, result.rejections
    assert result.counts["duplicates"] == 1
    assert result.written
    phones = set(Person.objects.exclude(phone="").values_list("phone", flat=True))
    for expected in ("0912345678", "0912345679", "0912345680", "0912345681", "0912345682", "0389123456"):
        assert expected in phones
    names = set(Person.objects.values_list("full_name", flat=True))
    assert all(name == name.strip() and "  " not in name for name in names)
    assert "Nguyễn Văn Đức" in names and "nguyen van duc" not in {n.lower() for n in names if n != "Nguyễn Văn Đức"}
    assert Person.objects.filter(full_name="Nguyễn Văn Đức").count() == 1  # merged, not doubled


# --- Duplicates: shown, decided, never merged silently -----------------------------------------


def test_duplicate_against_the_database_needs_a_decision(db):
    known = Person.objects.get(full_name="Phan Văn Sơn")
    upload = sheet([member("PHAN VĂN SƠN", birth=known.birth_date, branch="nghe-an-viet-lao-nam-dan")])
    result = run_import(upload, organization=org(VIET_LAO))
    assert result.counts["duplicates"] == 1 and result.undecided == 1
    assert result.duplicates[0].other == {"person_id": known.pk}
    assert Person.objects.filter(name_folded="phan van son").count() == 1  # nothing written for it


@pytest.mark.parametrize(("decision", "people", "memberships"), [("merge", 1, 2), ("keep", 2, 2), ("skip", 1, 1)])
def test_duplicate_decisions(decision, people, memberships, db):
    known = Person.objects.get(full_name="Phan Văn Sơn")
    upload = sheet([member("phan van son", phone=known.phone, branch="nghe-an-viet-lao-nam-dan")])
    result = run_import(upload, organization=org(VIET_LAO), decisions={"2": decision})
    assert result.written
    assert Person.objects.filter(name_folded="phan van son").count() == people
    assert Membership.objects.filter(person__name_folded="phan van son").count() == memberships


def test_in_file_duplicates_by_folded_name_and_phone(db):
    upload = sheet(
        [
            member("Đỗ Thị Hạnh", phone="0912 000 111"),
            member("do thi hanh", phone="+84912000111", branch="nghe-an-viet-lao-hung-nguyen"),
            member("Đỗ Thị Hạnh", phone="0988 000 111"),  # same name, nothing else in common: two people
        ]
    )
    result = run_import(upload, organization=org(VIET_LAO), dry_run=True)
    assert [d.row for d in result.duplicates] == [3]
    assert result.duplicates[0].other == {"row": 2}
    assert result.counts["new"] == 2


# --- Transactions and round trip ---------------------------------------------------------------


def test_a_failure_while_writing_leaves_nothing(monkeypatch, unchanged_database):
    from huunghi.members import bulk

    real_insert = bulk.insert

    def insert(model, *args):
        if model is MembershipStatusChange:  # the third table written: people and members are in
            raise RuntimeError("disk full")
        return real_insert(model, *args)

    monkeypatch.setattr(bulk, "insert", insert)
    upload = sheet([member("Lò Văn Một"), member("Lò Văn Hai", status="Từ trần", status_on="01/02/2025")])
    with pytest.raises(RuntimeError):
        run_import(upload, organization=org(VIET_LAO))


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_export_then_import_changes_nothing(file_format, demo_user, db):
    union = org("nghe-an")
    run_import(sheet([member("Quán Văn Tròn", birth="02/03/1960", phone="0912 777 888", card="VL-9",
                             status="Tạm ngừng sinh hoạt", status_on="01/01/2025")]), organization=union)  # fmt: skip
    data, person_ids = export_members(union, file_format)
    assert len(person_ids) == Membership.objects.filter(organization__path__startswith=union.path).count()
    before = _state()
    result = run_import(io.BytesIO(data), organization=union, file_name=f"export.{file_format}")
    assert result.counts["unchanged"] == len(person_ids)
    assert result.counts["new"] == result.counts["updated"] == result.counts["rejected"] == 0
    assert result.counts["duplicates"] == 0
    state = _state()
    assert state[:3] == before[:3]


def test_update_by_system_code_and_empty_cells_never_erase(db):
    union = org("nghe-an")
    membership = Membership.objects.select_related("person").get(person__full_name="Phan Văn Sơn")
    row = member("Phan Văn Sơn", branch=NGHI_LOC, joined=membership.joined_on, card="NL-77")
    row[0] = membership.pk
    result = run_import(sheet([row]), organization=union)
    assert result.counts["updated"] == 1
    membership.refresh_from_db()
    membership.person.refresh_from_db()
    assert membership.card_number == "NL-77"
    assert membership.person.phone  # the empty phone cell did not erase it
    entry = OrgLogEntry.objects.filter(action="huunghi.import", object_id=str(membership.person_id)).latest("pk")
    assert entry.data["changes"][0]["new"] == "NL-77"


def test_status_over_time_drives_counts(db):
    branch = org("nghe-an-viet-lao-nam-dan")
    before = member_count(organization=branch, on=datetime.date(2025, 1, 1))
    upload = sheet(
        [
            member("Vi Văn Ba", branch=branch.slug, joined="01/11/2023", status="Từ trần", status_on="01/03/2025"),
            member("Vi Văn Bốn", branch=branch.slug, joined="01/11/2023", status="Chuyển đi", status_on="01/06/2024"),
        ]
    )
    assert run_import(upload, organization=branch).written
    # Headcount reports stand for their members; the recorded ones add only where they exceed it.
    assert member_count(organization=branch, on=datetime.date(2025, 1, 1)) >= before
    people = Membership.objects.filter(person__full_name__startswith="Vi Văn").values_list("pk", flat=True)
    from huunghi.orgs.selectors import active_memberships

    active_then = set(
        active_memberships(datetime.date(2025, 1, 1)).filter(pk__in=people).values_list("person__full_name", flat=True)
    )
    assert active_then == {"Vi Văn Ba"}
    assert not active_memberships(datetime.date(2025, 6, 1)).filter(pk__in=people).exists()


def test_template_has_notes_lists_and_the_header(db):
    workbook = build_template(org(VIET_LAO))
    assert workbook.sheetnames == ["Hội viên", "Danh mục", "Hướng dẫn"]
    assert [c.value for c in workbook["Hội viên"][1]] == HEADERS
    validations = workbook["Hội viên"].data_validations.dataValidation
    assert len(validations) == 3
    listed = [c.value for c in workbook["Danh mục"]["A"][1:] if c.value]
    assert "Chi hội Quân tình nguyện và chuyên gia quân sự giúp Lào huyện Nghi Lộc" in listed
    assert all("Thanh Hóa" not in name for name in listed)
    notes = [row[0].value for row in workbook["Hướng dẫn"].iter_rows(min_row=2) if row[0].value]
    assert set(HEADERS) <= set(notes)


def test_empty_template_is_refused_as_having_no_members(db, tmp_path):
    path = tmp_path / "mau.xlsx"
    build_template(org(VIET_LAO)).save(path)
    result = run_import(path, organization=org(VIET_LAO))
    assert result.fatal and not result.written and result.counts["new"] == 0


def test_counts_at_any_date_follow_the_status_history(db):
    from huunghi.core.services import record_create
    from huunghi.orgs.choices import OrgKind

    nghi_loc = org(NGHI_LOC)
    branch = record_create(
        instance=Organization(
            name="Chi hội thử nghiệm trạng thái",
            slug="nghe-an-viet-lao-thu-trang-thai",
            kind=OrgKind.BRANCH,
            parent=nghi_loc.parent,
            admin_unit=nghi_loc.admin_unit,
            founded_on=datetime.date(2023, 6, 1),
        ),
        acting_user=None,
    )  # no headcount report: every recorded member counts
    upload = sheet(
        [
            member("Vi Thị Một", branch=branch.slug, joined="01/07/2023"),
            member("Vi Thị Hai", branch=branch.slug, joined="01/07/2023", status="Tạm ngừng sinh hoạt",
                   status_on="01/01/2024"),
            member("Vi Thị Ba", branch=branch.slug, joined="01/07/2023", status="Từ trần", status_on="01/03/2025"),
            member("Vi Thị Bốn", branch=branch.slug, joined="01/07/2023", status="Chuyển đi", status_on="01/06/2024"),
        ]
    )  # fmt: skip
    assert run_import(upload, organization=branch).written
    on = {day: member_count(organization=branch, on=datetime.date.fromisoformat(day))
          for day in ("2023-06-30", "2023-12-31", "2024-01-01", "2024-06-01", "2025-03-01")}  # fmt: skip
    assert on == {"2023-06-30": 0, "2023-12-31": 4, "2024-01-01": 3, "2024-06-01": 2, "2025-03-01": 1}
    # Becoming active again is a new status change, effective on its own date.
    hai = Membership.objects.get(person__full_name="Vi Thị Hai")
    MembershipStatusChange.objects.create(membership=hai, status="active", effective_on=datetime.date(2025, 5, 1))
    assert member_count(organization=branch, on=datetime.date(2025, 5, 1)) == 2
