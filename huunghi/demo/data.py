"""Demo data: the organizations and figures of DESIGN.md §5, with invented people and details.

Facts that tests check (DESIGN.md §5): the 12 unions of Cluster No. 1 (2024); Nghệ An's Việt–Nga
association gained the Diễn Châu district branch (~100 members) in 2023 and its Việt–Lào
association three branches of former volunteer soldiers and military experts in Laos in Nghi Lộc,
Hưng Nguyên and Nam Đàn (7,000 members together); the 9th executive committee conference of the
5th term on 24/01/2024. Everything else (dates of founding, people, phone numbers) is invented.
"""

import datetime as dt

D = dt.date

VUFO = {
    "slug": "vufo",
    "name": "Liên hiệp các tổ chức hữu nghị Việt Nam",
    "short_name": "VUFO",
    "name_en": "Vietnam Union of Friendship Organizations",
    "kind": "national_union",
    "founded_on": D(1950, 5, 17),
    "address": "105A Quán Thánh, Ba Đình, Hà Nội",
}

# Cluster No. 1 (Cụm số 1), 2024: (slug, province as named before the 2025 reform).
CLUSTER_1_2024 = [
    ("bac-giang", "Bắc Giang"),
    ("bac-ninh", "Bắc Ninh"),
    ("ha-noi", "Hà Nội"),
    ("hai-duong", "Hải Dương"),
    ("hai-phong", "Hải Phòng"),
    ("nam-dinh", "Nam Định"),
    ("ninh-binh", "Ninh Bình"),
    ("nghe-an", "Nghệ An"),
    ("thai-binh", "Thái Bình"),
    ("thanh-hoa", "Thanh Hóa"),
    ("vinh-phuc", "Vĩnh Phúc"),
    ("quang-ninh", "Quảng Ninh"),
]

CITIES = {"Hà Nội", "Hải Phòng"}

# Nghệ An's member associations: (slug suffix, partner name, ISO country, founded).
NGHE_AN_ASSOCIATIONS = [
    ("viet-nga", "Việt – Nga", "RU", D(2008, 11, 20)),
    ("viet-lao", "Việt – Lào", "LA", D(2006, 7, 18)),
    ("viet-trung", "Việt – Trung", "CN", D(2010, 9, 9)),
    ("viet-nhat", "Việt – Nhật", "JP", D(2012, 3, 27)),
    ("viet-cuba", "Việt Nam – Cuba", "CU", D(2011, 12, 2)),
    ("viet-han", "Việt – Hàn", "KR", D(2015, 6, 12)),
    ("viet-thai", "Việt – Thái", "TH", D(2017, 4, 25)),
]

# Members attached directly to an association that has no branches yet: (suffix, as of, count).
NGHE_AN_ASSOCIATION_HEADCOUNTS = [
    ("viet-trung", D(2022, 12, 31), 160),
    ("viet-cuba", D(2022, 12, 31), 75),
    ("viet-han", D(2022, 12, 31), 120),
    ("viet-thai", D(2022, 12, 31), 64),
]

# Branches (chi hội): (slug, association suffix, name, admin unit (generation, level, name, province),
# founded, headcount as of founding, source).
NGHE_AN_BRANCHES = [
    (
        "nghe-an-viet-nga-vinh",
        "viet-nga",
        "Chi hội Hữu nghị Việt – Nga thành phố Vinh",
        ("legacy", "district", "Thành phố Vinh", "Nghệ An"),
        D(2016, 5, 10),
        85,
        "Báo cáo đại hội chi hội nhiệm kỳ 2016–2021",
    ),
    (
        "nghe-an-viet-nga-dien-chau",
        "viet-nga",
        "Chi hội Hữu nghị Việt – Nga huyện Diễn Châu",
        ("legacy", "district", "Huyện Diễn Châu", "Nghệ An"),
        D(2023, 8, 18),
        98,
        "Quyết định thành lập chi hội và danh sách hội viên ban đầu",
    ),
    (
        "nghe-an-viet-lao-nghi-loc",
        "viet-lao",
        "Chi hội Quân tình nguyện và chuyên gia quân sự giúp Lào huyện Nghi Lộc",
        ("legacy", "district", "Huyện Nghi Lộc", "Nghệ An"),
        D(2023, 5, 12),
        2600,
        "Báo cáo thành lập chi hội gửi Hội Hữu nghị Việt – Lào tỉnh",
    ),
    (
        "nghe-an-viet-lao-hung-nguyen",
        "viet-lao",
        "Chi hội Quân tình nguyện và chuyên gia quân sự giúp Lào huyện Hưng Nguyên",
        ("legacy", "district", "Huyện Hưng Nguyên", "Nghệ An"),
        D(2023, 7, 20),
        2150,
        "Báo cáo thành lập chi hội gửi Hội Hữu nghị Việt – Lào tỉnh",
    ),
    (
        "nghe-an-viet-lao-nam-dan",
        "viet-lao",
        "Chi hội Quân tình nguyện và chuyên gia quân sự giúp Lào huyện Nam Đàn",
        ("legacy", "district", "Huyện Nam Đàn", "Nghệ An"),
        D(2023, 10, 6),
        2250,
        "Báo cáo thành lập chi hội gửi Hội Hữu nghị Việt – Lào tỉnh",
    ),
    (
        "nghe-an-viet-nhat-truong-vinh",
        "viet-nhat",
        "Chi hội Hữu nghị Việt – Nhật phường Trường Vinh",
        ("2025", "commune", "Phường Trường Vinh", "Nghệ An"),
        D(2025, 10, 15),
        42,
        "Biên bản hội nghị thành lập chi hội",
    ),
]

# Invented members: (branch slug, full name, gender, birth date, phone, joined).
NGHE_AN_MEMBERS = [
    ("nghe-an-viet-nga-dien-chau", "Trần Thị Minh Hoa", "female", D(1968, 3, 14), "0912 345 671", D(2023, 8, 18)),
    ("nghe-an-viet-nga-dien-chau", "Nguyễn Đình Lâm", "male", D(1959, 11, 2), "0983 220 415", D(2023, 8, 18)),
    ("nghe-an-viet-nga-dien-chau", "Hoàng Văn Tuấn", "male", D(1975, 6, 30), "0868 117 209", D(2023, 8, 18)),
    ("nghe-an-viet-nga-dien-chau", "Lê Thị Thu Hằng", "female", D(1981, 9, 21), "0977 604 338", D(2023, 9, 5)),
    ("nghe-an-viet-nga-vinh", "Phạm Quang Vinh", "male", D(1962, 1, 8), "0915 880 126", D(2016, 5, 10)),
    ("nghe-an-viet-lao-nghi-loc", "Phan Văn Sơn", "male", D(1951, 4, 17), "0238 386 1204", D(2023, 5, 12)),
    ("nghe-an-viet-lao-nghi-loc", "Lê Đình Khang", "male", D(1949, 12, 1), "0389 551 772", D(2023, 5, 12)),
    ("nghe-an-viet-lao-hung-nguyen", "Nguyễn Thị Lan", "female", D(1955, 8, 9), "0945 310 668", D(2023, 7, 20)),
    ("nghe-an-viet-lao-nam-dan", "Võ Văn Hùng", "male", D(1953, 2, 26), "0356 902 144", D(2023, 10, 6)),
]

# Member card numbers (số thẻ hội viên) by member name. Lê Thị Thu Hằng, who joined later, and Lê Đình
# Khang have no card yet, so the card sheet skips them (the registry tests give Lê Đình Khang one).
MEMBER_CARD_NUMBERS = {
    "Trần Thị Minh Hoa": "VN-DC-0001",
    "Nguyễn Đình Lâm": "VN-DC-0002",
    "Hoàng Văn Tuấn": "VN-DC-0003",
    "Phạm Quang Vinh": "VN-VI-0027",
    "Phan Văn Sơn": "VL-NL-0001",
    "Nguyễn Thị Lan": "VL-HN-0001",
    "Võ Văn Hùng": "VL-ND-0001",
    "Hà Văn Thắng": "VL-QH-0001",
}

THANH_HOA_ASSOCIATION = ("thanh-hoa-viet-lao", "Hội Hữu nghị Việt – Lào tỉnh Thanh Hóa", "LA", D(2007, 10, 12))
THANH_HOA_BRANCH = (
    "thanh-hoa-viet-lao-quan-hoa",
    "Chi hội Hữu nghị Việt – Lào huyện Quan Hóa",
    ("legacy", "district", "Huyện Quan Hóa", "Thanh Hóa"),
    D(2019, 4, 3),
    120,
)
THANH_HOA_MEMBERS = [
    ("thanh-hoa-viet-lao-quan-hoa", "Hà Văn Thắng", "male", D(1958, 5, 19), "0912 778 301", D(2019, 4, 3)),
]

DEMO_PASSWORD = "huunghi-demo"
# Officers who may also export members' personal data (a separate, logged right).
PERSONAL_DATA_EXPORTERS = ("nghean.admin", "nghean.vietlao", "thanhhoa.admin")

# username → (organization slug, role, superuser, full name)
DEMO_ACCOUNTS = [
    ("vufo.admin", "vufo", "platform_admin", True, "Quản trị VUFO"),
    ("nghean.admin", "nghe-an", "union_admin", False, "Quản trị Nghệ An"),
    ("nghean.editor", "nghe-an", "union_editor", False, "Biên tập Nghệ An"),
    ("nghean.vietlao", "nghe-an-viet-lao", "association_secretary", False, "Thư ký Hội Việt – Lào Nghệ An"),
    ("thanhhoa.admin", "thanh-hoa", "union_admin", False, "Quản trị Thanh Hóa"),
    ("cluster1.head", "hai-phong", "cluster_head", False, "Trưởng Cụm thi đua số 1"),
    ("phutho.admin", "phu-tho", "union_admin", False, "Quản trị Phú Thọ"),
    ("auditor", "vufo", "auditor", False, "Kiểm tra viên"),
]
