"""Demo foreign relations of Nghệ An: partners, the 2023 delegations behind "more than 20
delegations of foreign states and people's organizations" (invented details, realistic partners),
and the two events of the articles.

Hand count for the tests: in 2023 the Nghệ An union and its associations received 22 delegations
(`INCOMING_2023`, 214 people) and sent 3 (`OUTGOING_2023`, 19 people). One of the received ones is
hosted jointly with the Thanh Hóa union, so Thanh Hóa's 2023 figures show 1 received.
"""

from huunghi.core.models import AdminUnit
from huunghi.core.services import record_ensure
from huunghi.orgs.models import ExecutiveMeeting, Organization
from huunghi.relations.models import CooperationAgreement, Delegation, Event, ForeignPartner

from .data import CLUSTER_1_2024, D

# key → (name, Vietnamese name, kind, country, city)
PARTNERS = {
    "xk-assoc": ("Lao–Vietnam Friendship Association of Xiangkhouang", "Hội Hữu nghị Lào – Việt Nam tỉnh Xiêng Khoảng",
                 "peoples_org", "LA", "Xiêng Khoảng"),
    "xk-gov": ("Xiangkhouang Provincial Administration", "Chính quyền tỉnh Xiêng Khoảng", "state", "LA", "Xiêng Khoảng"),
    "hp-party": ("Houaphanh Provincial Party Committee", "Tỉnh ủy Hủa Phăn", "party", "LA", "Hủa Phăn"),
    "bk-assoc": ("Lao–Vietnam Friendship Association of Bolikhamxay", "Hội Hữu nghị Lào – Việt Nam tỉnh Bôlykhămxay",
                 "peoples_org", "LA", "Bôlykhămxay"),
    "km-gov": ("Khammouane Provincial Administration", "Chính quyền tỉnh Khăm Muộn", "state", "LA", "Khăm Muộn"),
    "vt-youth": ("Lao People's Revolutionary Youth Union of Vientiane", "Đoàn Thanh niên Nhân dân Cách mạng Lào Thủ đô Viêng Chăn",
                 "peoples_org", "LA", "Viêng Chăn"),
    "ru-society": ("Russia–Vietnam Friendship Society", "Hội Hữu nghị Nga – Việt", "peoples_org", "RU", "Moskva"),
    "ru-consulate": ("Consulate General of the Russian Federation in Da Nang", "Tổng Lãnh sự quán Liên bang Nga tại Đà Nẵng",
                     "diplomatic", "RU", "Đà Nẵng"),
    "jp-aichi": ("Aichi Japan–Vietnam Friendship Association", "Hội Hữu nghị Nhật – Việt tỉnh Aichi", "peoples_org", "JP",
                 "Aichi"),
    "jp-school": ("Nagoya Vocational College of Technology", "Trường Cao đẳng Kỹ thuật Nagoya", "education", "JP", "Nagoya"),
    "kr-assoc": ("Korea–Vietnam Friendship Association of Gyeonggi", "Hội Hữu nghị Hàn – Việt tỉnh Gyeonggi", "peoples_org",
                 "KR", "Gyeonggi"),
    "kr-ngo": ("Good Neighbors International", "Tổ chức Good Neighbors Quốc tế", "ngo", "KR", "Seoul"),
    "cu-embassy": ("Embassy of the Republic of Cuba in Viet Nam", "Đại sứ quán Cộng hòa Cuba tại Việt Nam", "diplomatic",
                   "CU", "Hà Nội"),
    "th-ov": ("Association of Vietnamese in Udon Thani", "Hội người Việt Nam tại Udon Thani", "overseas_vietnamese", "TH",
              "Udon Thani"),
    "th-business": ("Udon Thani Chamber of Commerce", "Phòng Thương mại tỉnh Udon Thani", "business", "TH", "Udon Thani"),
    "cn-yunnan": ("Yunnan People's Association for Friendship with Foreign Countries",
                  "Hội Hữu nghị đối ngoại nhân dân tỉnh Vân Nam", "peoples_org", "CN", "Côn Minh"),
}  # fmt: skip

# (owner slug, partner keys, level, title, head, size, start, end, co-host slugs)
INCOMING_2023 = [
    ("nghe-an-viet-lao", ["xk-assoc"], "peoples_org", "Đoàn Hội Hữu nghị Lào – Việt Nam tỉnh Xiêng Khoảng chúc Tết",
     "Bua Khăm Thíp Pha Vông", 8, D(2023, 1, 12), D(2023, 1, 14), []),
    ("nghe-an", ["xk-gov"], "state", "Đoàn cán bộ tỉnh Xiêng Khoảng thăm và làm việc", "Xổm Phọn Xay Nhạ Vông", 15,
     D(2023, 2, 6), D(2023, 2, 8), []),
    ("nghe-an", ["hp-party"], "party", "Đoàn Tỉnh ủy Hủa Phăn trao đổi kinh nghiệm công tác đối ngoại", "Khăm Phăn Phôm Mạ Thăt",
     12, D(2023, 2, 20), D(2023, 2, 22), ["thanh-hoa"]),
    ("nghe-an-viet-nga", ["ru-consulate"], "state", "Tổng Lãnh sự Nga tại Đà Nẵng thăm Hội Hữu nghị Việt – Nga", "Ivan Kuznetsov",
     4, D(2023, 3, 9), D(2023, 3, 9), []),
    ("nghe-an", ["cu-embassy"], "state", "Đại sứ Cuba thăm và làm việc với Liên hiệp", "Orlando Hernández Guillén", 5,
     D(2023, 3, 24), D(2023, 3, 25), []),
    ("nghe-an-viet-lao", ["bk-assoc"], "peoples_org", "Đoàn Hội Hữu nghị Lào – Việt Nam tỉnh Bôlykhămxay", "Sỉ Khăm Vông Sả",
     10, D(2023, 4, 4), D(2023, 4, 6), []),
    ("nghe-an-viet-nhat", ["jp-aichi"], "peoples_org", "Đoàn Hội Hữu nghị Nhật – Việt tỉnh Aichi giao lưu văn hóa",
     "Tanaka Hiroshi", 11, D(2023, 4, 18), D(2023, 4, 21), []),
    ("nghe-an", ["km-gov"], "state", "Đoàn tỉnh Khăm Muộn dự kỷ niệm ngày sinh Chủ tịch Hồ Chí Minh", "Vông Phết Sủ Lị Vông",
     14, D(2023, 5, 17), D(2023, 5, 20), []),
    ("nghe-an-viet-han", ["kr-ngo"], "ngo", "Tổ chức Good Neighbors khảo sát dự án nước sạch", "Kim Min-jun", 6,
     D(2023, 5, 29), D(2023, 6, 1), []),
    ("nghe-an-viet-lao", ["vt-youth"], "peoples_org", "Đoàn thanh niên Viêng Chăn về nguồn", "Phon Sa Vẳn", 25,
     D(2023, 6, 12), D(2023, 6, 15), []),
    ("nghe-an-viet-nga", ["ru-society"], "peoples_org", "Đoàn Hội Hữu nghị Nga – Việt thăm Nghệ An", "Vladimir Mazyrin", 9,
     D(2023, 6, 26), D(2023, 6, 29), []),
    ("nghe-an", ["th-ov"], "overseas_vietnamese", "Đoàn Hội người Việt Nam tại Udon Thani về thăm quê hương",
     "Nguyễn Văn Thành", 18, D(2023, 7, 10), D(2023, 7, 13), []),
    ("nghe-an", ["hp-party"], "party", "Đoàn Tỉnh ủy Hủa Phăn dự kỷ niệm Ngày Thương binh – Liệt sĩ", "Xay Xổm Phon Phôm Vi Hản",
     10, D(2023, 7, 25), D(2023, 7, 27), []),
    ("nghe-an-viet-trung", ["cn-yunnan"], "peoples_org", "Đoàn Hội Hữu nghị đối ngoại nhân dân tỉnh Vân Nam", "Vương Minh",
     7, D(2023, 8, 15), D(2023, 8, 17), []),
    ("nghe-an", ["xk-gov", "xk-assoc"], "state", "Đoàn tỉnh Xiêng Khoảng dự Lễ Quốc khánh 2/9", "Xổm Phọn Xay Nhạ Vông", 12,
     D(2023, 8, 31), D(2023, 9, 2), []),
    ("nghe-an-viet-nhat", ["jp-school"], "peoples_org", "Trường Cao đẳng Kỹ thuật Nagoya trao học bổng", "Suzuki Kenji", 3,
     D(2023, 9, 19), D(2023, 9, 20), []),
    ("nghe-an-viet-han", ["kr-assoc"], "peoples_org", "Đoàn Hội Hữu nghị Hàn – Việt tỉnh Gyeonggi", "Park Ji-hoon", 8,
     D(2023, 10, 9), D(2023, 10, 11), []),
    ("nghe-an-viet-lao", ["km-gov"], "state", "Đoàn tỉnh Khăm Muộn thăm cựu quân tình nguyện Nghi Lộc", "Khăm Sỉ Phon Vi Lay",
     9, D(2023, 10, 23), D(2023, 10, 24), []),
    ("nghe-an-viet-thai", ["th-business"], "business", "Phòng Thương mại Udon Thani xúc tiến giao thương", "Somchai Wongsakul",
     6, D(2023, 11, 7), D(2023, 11, 9), []),
    ("nghe-an-viet-cuba", ["cu-embassy"], "state", "Đại sứ quán Cuba dự mít tinh kỷ niệm 63 năm quan hệ Việt Nam – Cuba",
     "Orlando Hernández Guillén", 3, D(2023, 12, 1), D(2023, 12, 1), []),
    ("nghe-an", ["bk-assoc"], "peoples_org", "Đoàn Bôlykhămxay chúc mừng Quốc khánh Lào 2/12", "Sỉ Khăm Vông Sả", 9,
     D(2023, 12, 4), D(2023, 12, 5), []),
    ("nghe-an-viet-nga", ["ru-society"], "peoples_org", "Đoàn nghệ sĩ Nga biểu diễn giao lưu", "Anna Sokolova", 10,
     D(2023, 12, 14), D(2023, 12, 16), []),
]  # fmt: skip

OUTGOING_2023 = [
    ("nghe-an", ["xk-gov"], "state", "Đoàn Nghệ An thăm và làm việc tại tỉnh Xiêng Khoảng", "Nguyễn Văn Thông", 8,
     D(2023, 3, 14), D(2023, 3, 17), []),
    ("nghe-an-viet-lao", ["bk-assoc"], "peoples_org", "Đoàn Hội Hữu nghị Việt – Lào dự lễ hội Bôlykhămxay", "Trần Văn Hùng", 6,
     D(2023, 8, 8), D(2023, 8, 11), []),
    ("nghe-an-viet-thai", ["th-ov"], "overseas_vietnamese", "Đoàn thăm Khu di tích Chủ tịch Hồ Chí Minh tại Udon Thani",
     "Lê Thị Mai", 5, D(2023, 11, 20), D(2023, 11, 23), []),
]  # fmt: skip

AGREEMENTS = [
    ("nghe-an", "xk-assoc", "Thỏa thuận hợp tác giai đoạn 2023–2027 với Hội Hữu nghị Lào – Việt Nam tỉnh Xiêng Khoảng",
     D(2023, 2, 7), D(2023, 2, 7), D(2027, 12, 31), "in_force"),
    ("nghe-an-viet-nhat", "jp-aichi", "Biên bản ghi nhớ giao lưu văn hóa với Hội Hữu nghị Nhật – Việt tỉnh Aichi",
     D(2023, 4, 20), D(2023, 4, 20), D(2025, 4, 19), "expired"),
]  # fmt: skip

COVENANT_2024 = {
    "title": "Lễ Ký giao ước chương trình phối hợp hoạt động đối ngoại nhân dân Cụm số 1 năm 2024",
    "starts_on": D(2024, 4, 1),
    "ends_on": D(2024, 4, 3),
    "venue": "Hội trường tỉnh Điện Biên",
    "description": (
        "Trong khuôn khổ các hoạt động hướng tới kỷ niệm 70 năm Chiến thắng Điện Biên Phủ, Liên hiệp các tổ chức "
        "hữu nghị các tỉnh, thành phố phía Bắc thuộc Cụm số 1 ký giao ước chương trình phối hợp hoạt động đối "
        "ngoại nhân dân năm 2024. Đoàn Nghệ An do đồng chí Nguyễn Văn Thông, Phó Bí thư Thường trực Tỉnh ủy, "
        "Chủ tịch Liên hiệp dẫn đầu."
    ),
}
EXECUTIVE_CONFERENCE_2024 = {
    "title": "Hội nghị Ban Chấp hành lần thứ 9, nhiệm kỳ 5: tổng kết công tác năm 2023, triển khai nhiệm vụ năm 2024",
    "starts_on": D(2024, 1, 24),
    "ends_on": D(2024, 1, 24),
    "venue": "Trụ sở Liên hiệp, thành phố Vinh",
    "description": "Đồng chí Nguyễn Văn Thông, Chủ tịch Liên hiệp, chủ trì hội nghị.",
}


def _legacy(level, name, province=None):
    units = AdminUnit.objects.filter(generation="legacy", level=level, name=name)
    if province:
        units = units.filter(parent__short_name=province)
    return units.get()


def load_relations():
    orgs = {o.slug: o for o in Organization.objects.filter(slug__startswith="nghe-an")}
    orgs.update({o.slug: o for o in Organization.objects.filter(slug__in=[slug for slug, _ in CLUSTER_1_2024])})
    nghe_an = orgs["nghe-an"]
    partners = {}
    for key, (name, name_vi, kind, country, city) in PARTNERS.items():
        partners[key] = record_ensure(
            ForeignPartner,
            lookup={"organization": nghe_an, "name": name},
            values={"name_vi": name_vi, "kind": kind, "country": country, "city": city},
            acting_user=None,
        )
    for direction, rows in (("incoming", INCOMING_2023), ("outgoing", OUTGOING_2023)):
        for owner, keys, level, title, head, size, starts, ends, hosts in rows:
            record_ensure(
                Delegation,
                lookup={"organization": orgs[owner], "title": title, "starts_on": starts},
                values={
                    "direction": direction,
                    "level": level,
                    "head_name": head,
                    "size": size,
                    "ends_on": ends,
                    "partners": [partners[k] for k in keys],
                    "countries": sorted({partners[k].country.code for k in keys}),
                    "hosts": list(Organization.objects.filter(slug__in=hosts)),
                },
                acting_user=None,
            )
    for owner, key, title, signed, starts, ends, status in AGREEMENTS:
        record_ensure(
            CooperationAgreement,
            lookup={"organization": orgs[owner], "title": title},
            values={
                "partner": partners[key],
                "signed_on": signed,
                "starts_on": starts,
                "ends_on": ends,
                "status": status,
            },
            acting_user=None,
        )
    cluster = [orgs[slug] for slug, _ in CLUSTER_1_2024]
    record_ensure(
        Event,
        lookup={"organization": nghe_an, "title": COVENANT_2024["title"]},
        values={
            **{k: v for k, v in COVENANT_2024.items() if k != "title"},
            "kind": "signing",
            "admin_unit": _legacy("district", "Thành phố Điện Biên Phủ", "Điện Biên"),
            "participants": [o for o in cluster if o.pk != nghe_an.pk],
        },
        acting_user=None,
    )
    meeting = ExecutiveMeeting.objects.filter(term__organization=nghe_an, number=9).first()
    record_ensure(
        Event,
        lookup={"organization": nghe_an, "title": EXECUTIVE_CONFERENCE_2024["title"]},
        values={
            **{k: v for k, v in EXECUTIVE_CONFERENCE_2024.items() if k != "title"},
            "kind": "executive_meeting",
            "admin_unit": _legacy("district", "Thành phố Vinh", "Nghệ An"),
            "executive_meeting": meeting,
        },
        acting_user=None,
    )
