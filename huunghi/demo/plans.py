"""Demo directives, plans and a written annual report text (DESIGN.md §5, written fresh).

VUFO records the Party's directives once; Nghệ An's 2023 and 2024 plans take their targets from
them. The 2023 targets are those an officer would have set before the year the article reviews;
the report's figures (22 delegations received, 1,48 billion đồng, the four new branches) come
from the records loaded by `relations`, `aid` and the registry, never from here."""

import datetime
from decimal import Decimal

from huunghi.emulation.choices import Measure
from huunghi.orgs.models import Organization
from huunghi.plans.choices import Unit
from huunghi.plans.models import Directive, Target, YearPlan
from huunghi.reports.models import ReportDraft, Scope

D = datetime.date

DIRECTIVES = [
    # number, issued on, issuer, title
    ("12-CT/TW", D(2022, 1, 5), "Ban Bí thư Trung ương Đảng",
     "Tăng cường sự lãnh đạo của Đảng, nâng cao hiệu quả công tác đối ngoại nhân dân trong tình hình mới"),
    ("12-KL/TW", D(2021, 8, 12), "Bộ Chính trị",
     "Công tác người Việt Nam ở nước ngoài trong tình hình mới"),
    ("25-CT/TW", D(2018, 8, 8), "Ban Bí thư Trung ương Đảng",
     "Đẩy mạnh và nâng tầm đối ngoại đa phương đến năm 2030"),
]  # fmt: skip

PLANS = {
    2023: ("Kế hoạch công tác năm 2023", "02/KH-LHHN", D(2023, 1, 16), [
        (Measure.DELEGATIONS_IN, "20", Unit.DELEGATION, "12-CT/TW"),
        (Measure.AID_VND, "1.5", Unit.BILLION_VND, "12-CT/TW"),
        (Measure.NEW_BRANCHES, "3", Unit.BRANCH, ""),
        (Measure.EVENTS, "6", Unit.EVENT, "25-CT/TW"),
    ]),
    2024: ("Kế hoạch công tác năm 2024", "01/KH-LHHN", D(2024, 1, 24), [
        (Measure.DELEGATIONS_IN, "22", Unit.DELEGATION, "12-CT/TW"),
        (Measure.AID_VND, "1500", Unit.MILLION_VND, "12-CT/TW"),
        (Measure.EVENTS, "10", Unit.EVENT, "25-CT/TW"),
        (Measure.NEW_BRANCHES, "2", Unit.BRANCH, ""),
    ]),
}  # fmt: skip

REPORT_2023 = {
    "number": "05",
    "signed_on": D(2024, 1, 20),
    "recipients": "Liên hiệp các tổ chức hữu nghị Việt Nam\nThường trực Tỉnh ủy, HĐND, UBND tỉnh\n"
    "Ban Tuyên giáo và Dân vận Tỉnh ủy\nCác tổ chức thành viên\nLưu: VT",
    "situation": "Năm 2023, tình hình thế giới và khu vực tiếp tục diễn biến phức tạp; trong tỉnh, kinh tế – "
    "xã hội phục hồi, giao lưu quốc tế được mở lại sau dịch bệnh, tạo điều kiện cho công tác đối ngoại nhân dân.",
    "assessment": "- Hoạt động đối ngoại nhân dân được triển khai chủ động, đúng định hướng của Tỉnh ủy.\n"
    "- Công tác vận động viện trợ hướng vào thương binh, học sinh nghèo và nhân dân vùng lũ.\n"
    "- Tổ chức được củng cố: Hội Việt – Nga và Hội Việt – Lào có thêm các chi hội ở cơ sở.\n"
    "- Cải cách hành chính gắn với chuyển đổi số trong quản lý hồ sơ, số liệu.",
    "shortcomings": "Nguồn lực vận động còn phụ thuộc vào một số đối tác truyền thống; việc cập nhật số liệu "
    "của các chi hội chưa đều.",
    "directions": "- Đẩy mạnh thông tin đối ngoại, nhất là đối ngoại nhân dân của tỉnh Nghệ An.\n"
    "- Tiếp tục thực hiện Chỉ thị số 12-CT/TW ngày 05/01/2022 của Ban Bí thư về đối ngoại nhân dân.\n"
    "- Sử dụng hiệu quả trang thông tin điện tử của Liên hiệp để quảng bá hình ảnh, văn hóa và sự phát "
    "triển kinh tế – xã hội của tỉnh.\n"
    "- Vận động nguồn lực cho an sinh xã hội và bảo vệ môi trường.",
}


def load_plans():
    vufo = Organization.objects.get(slug="vufo")
    nghe_an = Organization.objects.get(slug="nghe-an")
    directives = {}
    for number, issued_on, issuer, title in DIRECTIVES:
        directives[number], _ = Directive.objects.update_or_create(
            organization=vufo, number=number, issued_on=issued_on, defaults={"issuer": issuer, "title": title}
        )
    for year, (title, number, adopted_on, targets) in PLANS.items():
        plan, _ = YearPlan.objects.update_or_create(
            organization=nghe_an, year=year, defaults={"title": title, "number": number, "adopted_on": adopted_on}
        )
        plan.directives.set([directives["12-CT/TW"], directives["25-CT/TW"]])
        plan.targets.all().delete()
        for order, (measure, value, unit, directive) in enumerate(targets):
            target = Target(plan=plan, sort_order=order, measure=measure, value=Decimal(value), unit=unit,
                            directive=directives.get(directive))  # fmt: skip
            target.full_clean()
            target.save()
    ReportDraft.objects.update_or_create(
        organization=nghe_an, scope=Scope.UNION, year=2023, cluster=None, defaults=REPORT_2023
    )
