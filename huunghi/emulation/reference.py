"""Award forms and the basic salary as data with validity dates (loaded by a data migration and
editable by VUFO in the back office).

Bonus multiples of the basic salary are those of Decree 98/2023/NĐ-CP (Law 06/2022/QH15, in
force from 1/1/2024); Decree 152/2025/NĐ-CP replaced it from 1/7/2025, and its rows are recorded
separately so that a change of multiple is a change of data. The basic salary: Decree 24/2023/NĐ-CP
(1,800,000 đ from 1/7/2023) and Decree 73/2024/NĐ-CP (2,340,000 đ from 1/7/2024).
"""

import datetime

D = datetime.date

REGIMES = [
    ("Nghị định 98/2023/NĐ-CP", D(2024, 1, 1), D(2025, 6, 30)),
    ("Nghị định 152/2025/NĐ-CP", D(2025, 7, 1), None),
]

# code, name, recipient, awarded by, who may propose, multiple
AWARD_FORMS = [
    ("co-thi-dua-chinh-phu", "Cờ thi đua của Chính phủ", "collective", "Thủ tướng Chính phủ",
     "Chủ tịch Liên hiệp các tổ chức hữu nghị Việt Nam", "24.5"),
    ("co-thi-dua-vufo", "Cờ thi đua của Liên hiệp các tổ chức hữu nghị Việt Nam", "collective",
     "Chủ tịch Liên hiệp các tổ chức hữu nghị Việt Nam", "Cụm trưởng cụm thi đua", "15.5"),
    ("bang-khen-thu-tuong-tap-the", "Bằng khen của Thủ tướng Chính phủ", "collective", "Thủ tướng Chính phủ",
     "Chủ tịch Liên hiệp các tổ chức hữu nghị Việt Nam", "3.0"),
    ("bang-khen-thu-tuong-ca-nhan", "Bằng khen của Thủ tướng Chính phủ", "individual", "Thủ tướng Chính phủ",
     "Chủ tịch Liên hiệp các tổ chức hữu nghị Việt Nam", "1.5"),
    ("bang-khen-vufo-tap-the", "Bằng khen của Chủ tịch Liên hiệp các tổ chức hữu nghị Việt Nam", "collective",
     "Chủ tịch Liên hiệp các tổ chức hữu nghị Việt Nam", "Cụm trưởng cụm thi đua; Liên hiệp tỉnh", "2.0"),
    ("bang-khen-vufo-ca-nhan", "Bằng khen của Chủ tịch Liên hiệp các tổ chức hữu nghị Việt Nam", "individual",
     "Chủ tịch Liên hiệp các tổ chức hữu nghị Việt Nam", "Liên hiệp tỉnh", "1.0"),
    ("giay-khen-tap-the", "Giấy khen của Chủ tịch Liên hiệp các tổ chức hữu nghị tỉnh", "collective",
     "Chủ tịch Liên hiệp các tổ chức hữu nghị tỉnh", "Hội hữu nghị thành viên", "0.6"),
    ("giay-khen-ca-nhan", "Giấy khen của Chủ tịch Liên hiệp các tổ chức hữu nghị tỉnh", "individual",
     "Chủ tịch Liên hiệp các tổ chức hữu nghị tỉnh", "Hội hữu nghị thành viên; chi hội", "0.3"),
]  # fmt: skip

BASIC_SALARIES = [
    (D(2023, 7, 1), 1_800_000, "Nghị định 24/2023/NĐ-CP"),
    (D(2024, 7, 1), 2_340_000, "Nghị định 73/2024/NĐ-CP"),
]


def load_reference(award_form_model, basic_salary_model):
    """Create the rows that are missing. Idempotent; rows VUFO edited stay as they are."""
    from decimal import Decimal

    for legal_basis, valid_from, valid_to in REGIMES:
        for code, name, recipient, awarded_by, proposed_by, multiple in AWARD_FORMS:
            award_form_model.objects.get_or_create(
                code=code,
                valid_from=valid_from,
                defaults={
                    "name": name,
                    "recipient": recipient,
                    "awarded_by": awarded_by,
                    "proposed_by": proposed_by,
                    "bonus_multiple": Decimal(multiple),
                    "legal_basis": legal_basis,
                    "valid_to": valid_to,
                },
            )
    for valid_from, amount, legal_basis in BASIC_SALARIES:
        basic_salary_model.objects.get_or_create(
            valid_from=valid_from, defaults={"amount_vnd": Decimal(amount), "legal_basis": legal_basis}
        )
