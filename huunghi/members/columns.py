"""The member sheet: its columns, the header names people actually write, and the fixed values.

Headers and fixed values are Vietnamese constants, not translated strings: they are a file format,
and a sheet exported in any interface language must import back the same.

One definition serves the template, the importer's header matching and the export, so that an
exported sheet imports back unchanged.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from huunghi.core.text import fold
from huunghi.orgs.choices import Gender, MembershipStatus


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # the template's header (Vietnamese: what the sheet shows)
    note: object  # explanation on the notes sheet (translatable)
    aliases: tuple = ()
    required: bool = False
    choices: tuple = field(default=())  # fixed values offered as a drop-down list
    width: int = 18


GENDER_VALUES = {"nam": Gender.MALE, "nu": Gender.FEMALE, "khac": Gender.OTHER, "m": Gender.MALE, "f": Gender.FEMALE,
                 "male": Gender.MALE, "female": Gender.FEMALE, "other": Gender.OTHER}  # fmt: skip
GENDER_LABELS = {Gender.MALE: "Nam", Gender.FEMALE: "Nữ", Gender.OTHER: "Khác"}

STATUS_LABELS = {
    MembershipStatus.ACTIVE: "Đang sinh hoạt",
    MembershipStatus.INACTIVE: "Tạm ngừng sinh hoạt",
    MembershipStatus.MOVED: "Chuyển đi",
    MembershipStatus.DECEASED: "Từ trần",
}
STATUS_VALUES = {fold(label): status for status, label in STATUS_LABELS.items()}
STATUS_VALUES.update({"active": MembershipStatus.ACTIVE, "inactive": MembershipStatus.INACTIVE,
                      "moved": MembershipStatus.MOVED, "deceased": MembershipStatus.DECEASED,
                      "da mat": MembershipStatus.DECEASED, "chuyen sinh hoat": MembershipStatus.MOVED,
                      "ngung sinh hoat": MembershipStatus.INACTIVE})  # fmt: skip

COLUMNS = (
    Column(
        "id",
        "Mã hệ thống",
        _("Filled in by the export; keep it to update that member. Leave empty for new members."),
        aliases=("ma he thong", "id", "ma"),
        width=12,
    ),
    Column(
        "full_name",
        "Họ và tên",
        _("Required. Family name, middle name and given name."),
        aliases=("ho ten", "ho va ten", "ten hoi vien", "full name", "name", "ho ten hoi vien"),
        required=True,
        width=28,
    ),
    Column(
        "gender",
        "Giới tính",
        _("Nam, Nữ or Khác."),
        aliases=("gioi tinh", "gender", "nam/nu"),
        choices=tuple(GENDER_LABELS.values()),
        width=10,
    ),
    Column(
        "birth_date",
        "Ngày sinh",
        _("Day/month/year, e.g. 05/09/1975, or an Excel date."),
        aliases=("ngay sinh", "ngay thang nam sinh", "sinh ngay", "date of birth", "birth date"),
        width=12,
    ),
    Column(
        "phone",
        "Điện thoại",
        _("Any common form: 0912 345 678, +84 912 345 678, 091.234.5678."),
        aliases=("dien thoai", "so dien thoai", "sdt", "so dt", "dt", "phone", "di dong"),
        width=15,
    ),
    Column("email", "Email", _("Optional."), aliases=("email", "e-mail", "thu dien tu"), width=24),
    Column("address", "Địa chỉ", _("Optional."), aliases=("dia chi", "noi o", "cho o hien nay", "address"), width=30),
    Column(
        "occupation",
        "Nghề nghiệp, nơi công tác",
        _("Optional."),
        aliases=("nghe nghiep", "noi cong tac", "don vi cong tac", "nghe nghiep, noi cong tac", "occupation"),
        width=24,
    ),
    Column(
        "organization",
        "Chi hội / tổ chức",
        _(
            "The branch or association the member belongs to: its name or its code, from the list sheet. "
            "Empty means the organization chosen for the import."
        ),
        aliases=("chi hoi", "to chuc", "chi hoi / to chuc", "sinh hoat tai", "organization", "branch"),
        width=32,
    ),
    Column(
        "card_number",
        "Số thẻ hội viên",
        _("Optional. Unique within the organization."),
        aliases=("so the", "so the hoi vien", "ma hoi vien", "card number"),
        width=14,
    ),
    Column(
        "joined_on",
        "Ngày vào hội",
        _("Required. Day/month/year."),
        aliases=("ngay vao hoi", "ngay gia nhap", "ngay ket nap", "joined", "joining date"),
        required=True,
        width=13,
    ),
    Column(
        "left_on",
        "Ngày rời hội",
        _("Only when the member has left."),
        aliases=("ngay roi hoi", "ngay ra hoi"),
        width=13,
    ),
    Column(
        "status",
        "Trạng thái",
        _("Đang sinh hoạt, Tạm ngừng sinh hoạt, Chuyển đi or Từ trần. Empty means active."),
        aliases=("trang thai", "tinh trang", "status"),
        choices=tuple(STATUS_LABELS.values()),
        width=18,
    ),
    Column(
        "status_on",
        "Ngày đổi trạng thái",
        _("The date the status took effect; required unless the member is active."),
        aliases=("ngay doi trang thai", "ngay trang thai", "tu ngay"),
        width=13,
    ),
    Column("note", "Ghi chú", _("Optional."), aliases=("ghi chu", "note"), width=24),
)
COLUMN_BY_KEY = {c.key: c for c in COLUMNS}


def _header_key(text):
    return fold(text).replace(":", "").replace("*", "").strip(" .")


HEADER_LOOKUP = {}
for _column in COLUMNS:
    for _name in (_column.header, *_column.aliases):
        HEADER_LOOKUP[_header_key(str(_name))] = _column.key


def match_header(text):
    """The column key a header cell names, or None."""
    if text is None:
        return None
    return HEADER_LOOKUP.get(_header_key(str(text)))
