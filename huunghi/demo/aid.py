"""Demo aid of Nghệ An in 2023 (invented but realistic): scholarships, support for war invalids,
flood relief, a clean-water project and medical equipment — "nearly 1.5 billion VND" in the
article, 1,475,190,000 VND received here, from individual money movements in four currencies.

Hand count (received in 2023, VND at the recorded rates):
  5,000 USD × 24,050 = 120,250,000 · 600,000 JPY × 165.50 = 99,300,000 · 4,000 USD × 23,650 =
  94,600,000 · 185,000,000 VND · 20,000 USD × 23,800 = 476,000,000 · 10,000 USD × 24,300 =
  243,000,000 · 1,200,000 JPY × 164.20 = 197,040,000 · 60,000,000 VND → 1,475,190,000 VND.
"""

from decimal import Decimal

from huunghi.aid.models import AidItem, AidPlace, AidTransaction, ScholarshipAward
from huunghi.core.models import AdminUnit
from huunghi.core.services import record_ensure
from huunghi.orgs.models import Organization
from huunghi.relations.models import ForeignPartner

from .data import D

TOTAL_RECEIVED_2023 = Decimal("1475190000")

# title → (owner slug, kind, sector, donor partner names, domestic donors, place (legacy district), status,
#          start, beneficiaries, count, movements [(kind, date, amount, currency, rate, rate date)], awards)
ITEMS = {
    "Học bổng Good Neighbors cho học sinh nghèo vượt khó năm học 2023–2024": (
        "nghe-an-viet-han", "scholarship", "11220", ["Good Neighbors International"], "", "Huyện Nghi Lộc", "4",
        D(2023, 9, 1), "Học sinh tiểu học nghèo vượt khó", 24,
        [("disbursement", D(2023, 9, 20), "5000", "USD", "24050", D(2023, 9, 20))],
        [(f"Học sinh {i:02d}", "Trường Tiểu học Nghi Long", 5_000_000) for i in range(1, 25)],
    ),
    "Học bổng Trường Cao đẳng Kỹ thuật Nagoya cho sinh viên nghề": (
        "nghe-an-viet-nhat", "scholarship", "11320", ["Nagoya Vocational College of Technology"], "", "Thành phố Vinh",
        "4", D(2023, 9, 19), "Sinh viên Trường Cao đẳng Kỹ thuật Việt – Đức Nghệ An", 10,
        [("disbursement", D(2023, 9, 19), "600000", "JPY", "165.50", D(2023, 9, 19))],
        [(f"Sinh viên {i:02d}", "Cao đẳng Kỹ thuật Việt – Đức", 9_930_000) for i in range(1, 11)],
    ),
    "Hỗ trợ thương binh, bệnh binh nhân Ngày Thương binh – Liệt sĩ": (
        "nghe-an-viet-nga", "non_project", "16010", ["Russia–Vietnam Friendship Society"], "", "Huyện Diễn Châu", "4",
        D(2023, 7, 24), "Thương binh, bệnh binh", 80,
        [("commitment", D(2023, 7, 1), "4000", "USD", "23650", D(2023, 7, 1)),
         ("disbursement", D(2023, 7, 24), "4000", "USD", "23650", D(2023, 7, 24))],
        [],
    ),
    "Cứu trợ khắc phục hậu quả mưa lũ tháng 10/2023": (
        "nghe-an", "emergency", "72010", ["Association of Vietnamese in Udon Thani"], "Doanh nghiệp trong tỉnh",
        "Huyện Kỳ Sơn", "4", D(2023, 10, 5), "Hộ dân vùng lũ huyện Kỳ Sơn", 370,
        [("disbursement", D(2023, 10, 12), "185000000", "VND", None, None)],
        [],
    ),
    "Dự án nước sạch cho các trường học huyện Nam Đàn": (
        "nghe-an", "project", "14030", ["Good Neighbors International"], "", "Huyện Nam Đàn", "2",
        D(2023, 6, 1), "Học sinh và giáo viên 6 trường", 2400,
        [("pledge", D(2023, 5, 29), "40000", "USD", "23500", D(2023, 5, 29)),
         ("commitment", D(2023, 6, 1), "40000", "USD", "23500", D(2023, 6, 1)),
         ("disbursement", D(2023, 8, 15), "20000", "USD", "23800", D(2023, 8, 15)),
         ("disbursement", D(2023, 11, 20), "10000", "USD", "24300", D(2023, 11, 20))],
        [],
    ),
    "Trang thiết bị y tế cho Trạm y tế xã": (
        "nghe-an-viet-nhat", "non_project", "12230", ["Aichi Japan–Vietnam Friendship Association"], "",
        "Huyện Hưng Nguyên", "4", D(2023, 11, 5), "Trạm y tế xã", 3,
        [("disbursement", D(2023, 11, 5), "1200000", "JPY", "164.20", D(2023, 11, 5))],
        [],
    ),
    "Học bổng doanh nghiệp cho con em cựu quân tình nguyện": (
        "nghe-an-viet-lao", "scholarship", "11220", [], "Các doanh nghiệp tỉnh Nghệ An", "Huyện Nghi Lộc", "4",
        D(2023, 8, 28), "Con em cựu quân tình nguyện và chuyên gia giúp Lào", 20,
        [("disbursement", D(2023, 8, 28), "60000000", "VND", None, None)],
        [(f"Học sinh {i:02d}", "Huyện Nghi Lộc", 3_000_000) for i in range(1, 21)],
    ),
}  # fmt: skip


def load_aid():
    units = {}
    for title, (owner, kind, sector, donors, domestic, place, status, starts, who, count, movements, awards) in ITEMS.items():
        if place not in units:
            units[place] = AdminUnit.objects.get(generation="legacy", level="district", name=place,
                                                 parent__short_name="Nghệ An")  # fmt: skip
        item = record_ensure(
            AidItem,
            lookup={"organization": Organization.objects.get(slug=owner), "title": title},
            values={
                "kind": kind, "sector": sector, "domestic_donors": domestic, "status": status, "starts_on": starts,
                "beneficiaries": who, "beneficiary_count": count,
                "donors": list(ForeignPartner.objects.filter(name__in=donors)),
                "places": [AidPlace(admin_unit=units[place])],
            },
            acting_user=None,
        )  # fmt: skip
        if not item.transactions.exists():
            for kind_, day, amount, currency, rate, rate_day in movements:
                AidTransaction.objects.create(
                    aid=item, kind=kind_, date=day, amount=Decimal(amount), currency=currency,
                    rate=Decimal(rate) if rate else None, rate_date=rate_day,
                )  # fmt: skip
        if awards and not item.awards.exists():
            ScholarshipAward.objects.bulk_create(
                ScholarshipAward(aid=item, recipient=name, school=school, amount_vnd=amount, sort_order=i)
                for i, (name, school, amount) in enumerate(awards)
            )
