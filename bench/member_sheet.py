"""A realistic member sheet of any size, as an association's secretaries would fill the template.

Used by bench/import_members.py; runnable alone to look at one:
    .venv/bin/python bench/member_sheet.py --rows 1000 /tmp/members.xlsx

Rows follow the template's headers (huunghi/members/columns.py) and the demo data (huunghi/demo/data.py):
members of Nghệ An's Việt–Lào branches (Nghi Lộc, Hưng Nguyên, Nam Đàn), joining after each branch
was founded. What real sheets hold is mixed in: dates as Excel dates and as dd/mm/yyyy text, phones
in every common shape (and some number cells that lost their leading 0), untidy names, the branch
written by name or by code, a few status changes. About 1% of the rows repeat a person already in
the file, written differently (same folded name and birth date); about 0.5% are bad rows that the
importer must refuse (no name, unreadable or future dates, a joining date before the branch was
founded, an unknown organization, a phone that is not one, an unknown gender).

Deterministic for a given row count and seed.
"""

import datetime
import random
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from huunghi.demo import data  # noqa: E402  (plain data, no Django needed)
from huunghi.members.columns import COLUMNS, GENDER_LABELS, STATUS_LABELS  # noqa: E402
from huunghi.orgs.choices import Gender, MembershipStatus  # noqa: E402

VERSION = 2  # bump when the rows change, so cached sheets are rebuilt
DUPLICATE_SHARE = 0.01
BAD_SHARE = 0.005
LAST_JOINING = datetime.date(2025, 10, 31)

# Family names with rough weights (Nguyễn is about 38% of Vietnamese people).
FAMILY = [("Nguyễn", 38), ("Trần", 11), ("Lê", 9.5), ("Phạm", 7), ("Hoàng", 5), ("Phan", 4.5), ("Võ", 3.9),
          ("Đặng", 2.1), ("Bùi", 2), ("Đỗ", 1.4), ("Hồ", 1.3), ("Ngô", 1.3), ("Dương", 1), ("Lý", 0.5),
          ("Đinh", 0.8), ("Cao", 0.6), ("Thái", 0.5), ("Chu", 0.4), ("Trương", 0.9), ("Hà", 0.7),
          ("Lưu", 0.5), ("Tạ", 0.3), ("Vương", 0.3), ("Lương", 0.4), ("Mai", 0.4), ("Kiều", 0.2)]  # fmt: skip
MIDDLE = {
    Gender.MALE: ["Văn", "Văn", "Văn", "Đình", "Hữu", "Quang", "Minh", "Đức", "Công", "Xuân", "Ngọc", "Sỹ",
                  "Trọng", "Bá", "Thanh", "Viết", "Duy", "Khắc", "Thế", "Kim"],
    Gender.FEMALE: ["Thị", "Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Minh", "Hồng", "Phương", "Mỹ",
                    "Thúy", "Bích", "Diệu", "Xuân"],
}  # fmt: skip
GIVEN = {
    Gender.MALE: ["Anh", "Bình", "Cường", "Dũng", "Đức", "Giang", "Hải", "Hiếu", "Hòa", "Hùng", "Huy", "Khang",
                  "Khoa", "Lâm", "Lợi", "Long", "Lực", "Mạnh", "Minh", "Nam", "Nghĩa", "Phong", "Phúc", "Quân",
                  "Quang", "Quý", "Sơn", "Tài", "Tâm", "Thái", "Thắng", "Thành", "Thịnh", "Thông", "Tiến",
                  "Toàn", "Trung", "Tuấn", "Tùng", "Việt", "Vinh", "Vũ", "Bảy", "Sáu", "Tám", "Chiến", "Hưng",
                  "Kiên", "Lộc", "Tư"],
    Gender.FEMALE: ["An", "Anh", "Ánh", "Bích", "Châu", "Chi", "Dung", "Duyên", "Giang", "Hà", "Hạnh", "Hằng",
                    "Hiền", "Hoa", "Hòa", "Hồng", "Huệ", "Hương", "Lan", "Liên", "Linh", "Loan", "Lý", "Mai",
                    "Minh", "My", "Nga", "Ngân", "Nguyệt", "Nhung", "Oanh", "Phương", "Quyên", "Quỳnh", "Tâm",
                    "Thảo", "Thoa", "Thu", "Thủy", "Trang", "Tuyết", "Vân", "Yến", "Xuân", "Sen", "Cúc",
                    "Đào", "Lụa", "Nhàn", "Thơm"],
}  # fmt: skip
MOBILE_PREFIXES = ["91", "94", "88", "83", "84", "85", "81", "82", "90", "93", "70", "76", "77", "78",
                   "79", "96", "97", "98", "86", "32", "33", "34", "35", "36", "37", "38", "39", "92", "56",
                   "58"]  # fmt: skip
OCCUPATIONS = ["Hưu trí", "Hưu trí", "Hưu trí", "Cựu chiến binh", "Nông dân", "Cán bộ hưu trí", "Giáo viên hưu trí",
               "Kinh doanh tự do", None, None]  # fmt: skip
COMMUNES = {
    "nghi-loc": ["Nghi Phong", "Nghi Xuân", "Nghi Thạch", "Nghi Trung", "Nghi Hưng", "Nghi Long", "Quán Hành"],
    "hung-nguyen": ["Hưng Đạo", "Hưng Tây", "Hưng Thịnh", "Hưng Lĩnh", "Hưng Nguyên", "Hưng Thông"],
    "nam-dan": ["Kim Liên", "Nam Giang", "Xuân Hòa", "Hùng Tiến", "Nam Đàn", "Vân Diên", "Thượng Tân Lộc"],
}
CARD_PREFIX = {"nghi-loc": "VL-NL", "hung-nguyen": "VL-HN", "nam-dan": "VL-ND"}

HEADERS = [c.header for c in COLUMNS]
COL = {c.key: i for i, c in enumerate(COLUMNS)}


def bench_branches():
    """(slug, name, founded, suffix) of the demo association's branches the sheet fills."""
    return [
        (slug, name, founded, slug.removeprefix("nghe-an-viet-lao-"))
        for slug, suffix, name, _unit, founded, _count, _source in data.NGHE_AN_BRANCHES
        if suffix == "viet-lao"
    ]


def _day_between(rng, start, end):
    return start + datetime.timedelta(days=rng.randrange((end - start).days + 1))


def _date_cell(rng, day):
    """Mostly an Excel date; one cell in four typed as text, as sheets merged from several hands are."""
    if rng.random() < 0.25:
        return day.strftime("%d/%m/%Y")
    return day


def _phone_cell(rng, digits):
    """`digits`: the 9 national digits after the 0. Returned in one of the shapes people write."""
    shape = rng.random()
    if shape < 0.35:
        return f"0{digits[:3]} {digits[3:6]} {digits[6:]}"
    if shape < 0.60:
        return f"0{digits}"
    if shape < 0.70:
        return f"+84 {digits[:3]} {digits[3:6]} {digits[6:]}"
    if shape < 0.78:
        return f"0{digits[:2]}.{digits[2:5]}.{digits[5:]}"
    if shape < 0.90:
        return int(digits)  # a number cell: Excel dropped the leading 0
    if shape < 0.95:
        return f"84{digits}"
    return f"0{digits[:3]}-{digits[3:6]}-{digits[6:]}"


def _messy_name(rng, name):
    """The same name as someone else would type it (fold() still matches it)."""
    variant = rng.random()
    if variant < 0.3:
        return name.upper()
    if variant < 0.55:
        folded = unicodedata.normalize("NFD", name.replace("Đ", "D").replace("đ", "d"))
        return "".join(c for c in folded if not unicodedata.combining(c)).lower()
    if variant < 0.8:
        return "  " + name.replace(" ", "  ", 1) + " "
    return unicodedata.normalize("NFD", name)


class _People:
    def __init__(self, rng, branches):
        self.rng = rng
        self.branches = branches
        self.families, self.family_weights = zip(*FAMILY, strict=True)
        self.used_phones = set()
        self.cards = dict.fromkeys(CARD_PREFIX, 0)

    def phone(self):
        while True:
            digits = self.rng.choice(MOBILE_PREFIXES) + f"{self.rng.randrange(10_000_000):07d}"
            if digits not in self.used_phones:
                self.used_phones.add(digits)
                return digits

    def person(self):
        rng = self.rng
        gender = Gender.MALE if rng.random() < 0.62 else Gender.FEMALE
        family = rng.choices(self.families, self.family_weights)[0]
        middle = rng.choice(MIDDLE[gender])
        if rng.random() < 0.35:  # two middle names: "Nguyễn Thị Minh Hoa"
            second = rng.choice(MIDDLE[gender][3:])
            middle = f"{middle} {second}" if second != middle else middle
        name = f"{family} {middle} {rng.choice(GIVEN[gender])}"
        slug, branch_name, founded, suffix = rng.choice(self.branches)
        born = _day_between(rng, datetime.date(1940, 1, 1), datetime.date(2005, 12, 31))
        adult = datetime.date(born.year + 18, born.month, 1)
        joined = _day_between(rng, max(founded, adult), LAST_JOINING)
        self.cards[suffix] += 1
        row = [None] * len(HEADERS)
        row[COL["full_name"]] = name
        row[COL["gender"]] = GENDER_LABELS[gender] if rng.random() < 0.97 else None
        row[COL["birth_date"]] = _date_cell(rng, born) if rng.random() < 0.96 else None
        row[COL["phone"]] = _phone_cell(rng, self.phone()) if rng.random() < 0.85 else None
        if rng.random() < 0.04:
            row[COL["email"]] = f"hoivien{len(self.used_phones)}@example.vn"
        row[COL["address"]] = f"Xóm {rng.randrange(1, 15)}, xã {rng.choice(COMMUNES[suffix])}"
        row[COL["occupation"]] = rng.choice(OCCUPATIONS)
        row[COL["organization"]] = slug if rng.random() < 0.2 else branch_name
        row[COL["card_number"]] = f"{CARD_PREFIX[suffix]}-{self.cards[suffix]:06d}" if rng.random() < 0.9 else None
        row[COL["joined_on"]] = _date_cell(rng, joined)
        status = rng.random()
        if status < 0.02 and joined < LAST_JOINING:
            row[COL["status"]] = STATUS_LABELS[MembershipStatus.INACTIVE]
            row[COL["status_on"]] = _date_cell(rng, _day_between(rng, joined, LAST_JOINING))
        elif status < 0.03 and joined < LAST_JOINING:
            row[COL["status"]] = STATUS_LABELS[MembershipStatus.DECEASED]
            row[COL["status_on"]] = _date_cell(rng, _day_between(rng, joined, LAST_JOINING))
        elif status < 0.6:
            row[COL["status"]] = STATUS_LABELS[MembershipStatus.ACTIVE]
        return row, founded

    def duplicate_of(self, row):
        """The same person again, written by another hand: same folded name and birth date."""
        rng = self.rng
        copy = list(row)
        copy[COL["full_name"]] = _messy_name(rng, row[COL["full_name"]])
        copy[COL["card_number"]] = None
        copy[COL["status"]] = copy[COL["status_on"]] = None
        born = row[COL["birth_date"]]
        if isinstance(born, datetime.date):
            copy[COL["birth_date"]] = born.strftime("%d/%m/%Y") if rng.random() < 0.5 else born
        if born is None:  # no birth date to match on: match on the phone, written in another shape
            phone = row[COL["phone"]]
            if phone is None:
                return None
            digits = "".join(ch for ch in str(phone) if ch.isdigit())[-9:]
            copy[COL["phone"]] = _phone_cell(rng, digits)
        return copy

    def bad(self, row, founded):
        """A row the importer must refuse, and why."""
        rng = self.rng
        row = list(row)
        kind = rng.randrange(7)
        if kind == 0:
            row[COL["full_name"]] = None
        elif kind == 1:
            row[COL["birth_date"]] = rng.choice(["31/02/1955", "không rõ", "1955/13/40", "12/1955"])
        elif kind == 2:
            row[COL["joined_on"]] = (founded - datetime.timedelta(days=rng.randrange(30, 3000))).strftime("%d/%m/%Y")
        elif kind == 3:
            row[COL["joined_on"]] = datetime.date(2099, rng.randrange(1, 13), 1)
        elif kind == 4:
            row[COL["organization"]] = "Chi hội Quân tình nguyện huyện Không Có"
        elif kind == 5:
            row[COL["phone"]] = rng.choice(["123", "không có", "0912 34", "abc@xyz"])
        else:
            row[COL["gender"]] = rng.choice(["X", "Ông", "?"])
        return row


def member_rows(rows, seed=2025):
    """Yields `rows` data rows (lists in the template's column order)."""
    rng = random.Random(f"{seed}-{rows}")
    people = _People(rng, bench_branches())
    recent = []  # earlier rows a duplicate may repeat
    for _ in range(rows):
        draw = rng.random()
        if draw < DUPLICATE_SHARE and recent:
            copy = people.duplicate_of(rng.choice(recent))
            if copy is not None:
                yield copy
                continue
        row, founded = people.person()
        if draw > 1 - BAD_SHARE:
            yield people.bad(row, founded)
            continue
        if len(recent) < 5000:
            recent.append(row)
        else:
            recent[rng.randrange(5000)] = row
        yield row


def write_member_sheet(path, rows, seed=2025):
    """Writes the sheet with openpyxl's write-only mode (constant memory)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Hội viên")
    sheet.append(HEADERS)
    for row in member_rows(rows, seed):
        sheet.append(row)
    workbook.save(path)
    return Path(path)


if __name__ == "__main__":
    import argparse
    import time

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("path")
    args = parser.parse_args()
    started = time.perf_counter()
    written = write_member_sheet(args.path, args.rows)
    print(f"{args.rows} rows → {written} ({written.stat().st_size:,} bytes) in {time.perf_counter() - started:.1f} s")
