"""Demo emulation: Cluster No. 1 for 2024 (the 12 unions of the article, its coordination program,
the covenant signing in Điện Biên on 1–3/4/2024), a criteria set, scores for all 12 members
through the whole cycle, the final ranking and award proposals; and Cluster No. 1 for 2026 with
the unions as they are after the 2025 reform (DESIGN.md §5).

Facts: the members, the program's content, the place and dates of the signing and Nghệ An's
signer come from the article. Criteria, figures, other signers and scores are invented. Nghệ An's
figures are taken from its records (the statistics functions), like any union's would be.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from huunghi.core.services import record_ensure
from huunghi.emulation import services
from huunghi.emulation.choices import CriterionKind as K
from huunghi.emulation.choices import Measure as M
from huunghi.emulation.choices import NoTargetRule as R
from huunghi.emulation.choices import SheetStatus
from huunghi.emulation.models import (
    Award,
    AwardForm,
    ClusterMember,
    CovenantSignature,
    CriteriaSet,
    Criterion,
    EmulationCluster,
    ProgramItem,
)
from huunghi.orgs.choices import OrgKind
from huunghi.orgs.models import Organization

from .data import CLUSTER_1_2024, D

# The 2025 reform (from 1/7/2025): dissolved union → the union that took it over.
MERGERS = {
    "bac-giang": "bac-ninh",
    "hai-duong": "hai-phong",
    "thai-binh": "hung-yen",
    "nam-dinh": "ninh-binh",
    "vinh-phuc": "phu-tho",
}
NEW_UNIONS = [("hung-yen", "Hưng Yên"), ("phu-tho", "Phú Thọ")]
REFORM_DAY = D(2025, 7, 1)

PROGRAM_2024 = [
    "Tăng cường sự phối hợp giữa Liên hiệp các tổ chức hữu nghị Việt Nam với các Liên hiệp địa phương "
    "và giữa các thành viên trong Cụm.",
    "Đẩy mạnh phong trào thi đua, công tác khen thưởng giữa các thành viên trong Cụm.",
    "Phối hợp tổ chức các hoạt động hòa bình, đoàn kết, hữu nghị và công tác thông tin đối ngoại.",
    "Phối hợp vận động nguồn viện trợ phi chính phủ nước ngoài.",
    "Phối hợp trong công tác xây dựng tổ chức, củng cố và phát triển hội.",
]

SIGNING = {
    "signing_place": "Thành phố Điện Biên Phủ, tỉnh Điện Biên",
    "signing_starts_on": D(2024, 4, 1),
    "signing_ends_on": D(2024, 4, 3),
    "signing_note": "Trong chuỗi hoạt động kỷ niệm 70 năm Chiến thắng Điện Biên Phủ (7/5/1954 – 7/5/2024).",
}

# Signers: Nghệ An's from the article; the others invented.
SIGNERS = {
    "nghe-an": ("Nguyễn Văn Thông", "Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch Liên hiệp các tổ chức hữu nghị tỉnh"),
}
INVENTED_SIGNERS = [
    "Trần Minh Đức", "Lê Thị Hồng Nhung", "Phạm Văn Quyết", "Đỗ Thị Thanh", "Vũ Quang Huy", "Ngô Thị Mai",
    "Hoàng Văn Bình", "Bùi Thị Phương", "Đặng Văn Hải", "Nguyễn Thị Kim Oanh", "Trịnh Văn Long",
]  # fmt: skip

# code, title, kind, max, measure, unit, default target, points each, no-target rule
CRITERIA = [
    ("1", "Thực hiện chương trình phối hợp và giao ước thi đua", K.GROUP, 30, "", "", None, None, R.FULL_IF_ANY),
    ("1.1", "Ký kết và triển khai giao ước thi đua của Cụm", K.PASS_FAIL, 10, "", "", None, None, R.FULL_IF_ANY),
    ("1.2", "Tham gia các hoạt động chung của Cụm", K.PER_OCCURRENCE, 10, "", "hoạt động", None, "2.5", R.FULL_IF_ANY),
    ("1.3", "Gửi báo cáo định kỳ đúng hạn", K.PASS_FAIL, 10, "", "", None, None, R.FULL_IF_ANY),
    ("2", "Hoạt động đối ngoại nhân dân", K.GROUP, 40, "", "", None, None, R.FULL_IF_ANY),
    ("2.1", "Đón tiếp, làm việc với các đoàn nước ngoài", K.QUANTITATIVE, 15, M.DELEGATIONS_IN, "đoàn", "10", None, R.FULL_IF_ANY),
    ("2.2", "Tổ chức sự kiện, hội nghị, giao lưu hữu nghị", K.QUANTITATIVE, 10, M.EVENTS, "sự kiện", None, None, R.RELATIVE_TO_BEST),
    ("2.3", "Vận động viện trợ phi chính phủ nước ngoài", K.QUANTITATIVE, 15, M.AID_VND, "đồng", "1000000000", None, R.FULL_IF_ANY),
    ("3", "Xây dựng tổ chức", K.GROUP, 20, "", "", None, None, R.FULL_IF_ANY),
    ("3.1", "Thành lập chi hội, hội thành viên mới", K.PER_OCCURRENCE, 10, M.NEW_BRANCHES, "chi hội", None, "5", R.FULL_IF_ANY),
    ("3.2", "Cải cách hành chính, chuyển đổi số", K.PASS_FAIL, 10, "", "", None, None, R.FULL_IF_ANY),
    ("4", "Thông tin đối ngoại", K.GROUP, 10, "", "", None, None, R.FULL_IF_ANY),
    ("4.1", "Tin, bài trên trang thông tin điện tử của Liên hiệp", K.PER_OCCURRENCE, 10, "", "tin bài", None, "0.5", R.FULL_IF_ANY),
    ("5", "Điểm thưởng: sáng kiến, mô hình mới được Cụm ghi nhận", K.BONUS_PENALTY, 5, "", "lần", None, "1", R.FULL_IF_ANY),
    ("6", "Điểm trừ: báo cáo chậm, không tham gia hoạt động chung", K.BONUS_PENALTY, 5, "", "lần", None, "-1", R.FULL_IF_ANY),
]  # fmt: skip

# Invented 2024 results of the other members: activities (1.2), delegations (2.1), events (2.2),
# aid in VND (2.3), branches (3.1), articles (4.1), bonus count (5), penalty count (6), and the
# points the head took off in review (criterion code → points).
RESULTS_2024 = {
    "ha-noi": (4, 14, 9, 1_650_000_000, 1, 26, 2, 0, {}),
    "hai-phong": (4, 11, 7, 1_210_000_000, 2, 22, 1, 0, {}),
    "quang-ninh": (4, 12, 6, 980_000_000, 1, 20, 1, 0, {"2.3": "13"}),
    "thanh-hoa": (4, 9, 6, 1_120_000_000, 1, 18, 1, 0, {}),
    "bac-ninh": (3, 8, 5, 760_000_000, 1, 20, 0, 0, {}),
    "ninh-binh": (4, 7, 6, 540_000_000, 1, 16, 1, 0, {}),
    "hai-duong": (3, 6, 4, 620_000_000, 1, 14, 0, 1, {}),
    "bac-giang": (3, 6, 5, 480_000_000, 0, 15, 0, 0, {"1.2": "5"}),
    "vinh-phuc": (3, 5, 4, 350_000_000, 1, 12, 0, 0, {}),
    "nam-dinh": (3, 5, 3, 410_000_000, 0, 12, 0, 1, {}),
    "thai-binh": (2, 4, 3, 300_000_000, 0, 10, 0, 1, {}),
}
NGHE_AN_MANUAL = {"1.2": 4, "4.1": 24, "5": 2, "6": 0}  # what the records do not hold

HEAD_2024, DEPUTY_2024 = "hai-phong", "thanh-hoa"
HEAD_2026, DEPUTY_2026 = "nghe-an", "hai-phong"


def _orgs():
    return {o.slug: o for o in Organization.objects.filter(kind=OrgKind.PROVINCIAL_UNION)}


def load_reform(vufo):
    """The 2025 reform: five unions merged into their successors; two new unions joined the cluster."""
    from huunghi.core.models import AdminUnit

    for slug, province in NEW_UNIONS:
        record_ensure(
            Organization,
            lookup={"slug": slug},
            values={
                "name": f"Liên hiệp các tổ chức hữu nghị tỉnh {province}",
                "short_name": f"LHHN {province}",
                "kind": OrgKind.PROVINCIAL_UNION,
                "parent": vufo,
                "admin_unit": AdminUnit.objects.get(generation="legacy", level="province", short_name=province),
            },
            acting_user=None,
        )
    orgs = _orgs()
    for old, new in MERGERS.items():
        record_ensure(
            Organization,
            lookup={"slug": old},
            values={"dissolved_on": REFORM_DAY - datetime.timedelta(days=1), "successor": orgs[new]},
            acting_user=None,
        )


def _criteria_set(vufo, year):
    criteria_set = record_ensure(
        CriteriaSet,
        lookup={
            "organization": vufo,
            "year": year,
            "name": f"Bộ tiêu chí thi đua các cụm Liên hiệp hữu nghị năm {year}",
        },
        values={
            "total_points": Decimal("100.00"),
            "tie_break": "2, 1, 3",
            "note": "Điểm thưởng và điểm trừ (tiêu chí 5, 6) cộng, trừ ngoài tổng 100 điểm, mỗi loại tối đa 5 điểm.",
        },
        acting_user=None,
    )
    if not criteria_set.criteria.exists():
        for order, (code, title, kind, top, measure, unit, target, each, rule) in enumerate(CRITERIA):
            Criterion.objects.create(
                criteria_set=criteria_set,
                sort_order=order,
                code=code,
                title=title,
                kind=kind,
                max_points=Decimal(top),
                measure=measure,
                unit=unit,
                default_target=Decimal(target) if target else None,
                points_each=Decimal(each) if each else None,
                no_target_rule=rule,
            )
    return criteria_set


def _cluster(vufo, year, criteria_set, slugs, head, deputy, orgs):
    cluster = EmulationCluster.objects.filter(number=1, year=year).first()
    if cluster is None:
        cluster = EmulationCluster(
            organization=vufo,
            number=1,
            year=year,
            name="Cụm thi đua số 1 — Liên hiệp các tổ chức hữu nghị các tỉnh, thành phố phía Bắc",
            head=orgs[head],
            deputy_head=orgs[deputy],
            criteria_set=criteria_set,
            **(SIGNING if year == 2024 else {}),
        )
        cluster.members = [ClusterMember(organization=orgs[slug], sort_order=i) for i, slug in enumerate(slugs)]
        if year == 2024:
            cluster.program_items = [ProgramItem(content=text, sort_order=i) for i, text in enumerate(PROGRAM_2024)]
            signers = iter(INVENTED_SIGNERS)
            cluster.signatures = [
                CovenantSignature(
                    organization=orgs[slug],
                    signer=SIGNERS.get(slug, (None,))[0] or next(signers),
                    signer_title=SIGNERS.get(slug, (None, f"Chủ tịch {orgs[slug].name}"))[1],
                    signed_on=D(2024, 4, 2),
                    sort_order=i,
                )
                for i, slug in enumerate(slugs)
            ]
        from huunghi.core.services import record_create

        record_create(instance=cluster, acting_user=None)
    services.sheets_ensure(cluster)
    return cluster


def _user(username):
    return get_user_model().objects.get(username=username)


def _score_2024(cluster):
    """Every member through the cycle: figures (from the records for Nghệ An), self-assessment,
    submission, the head's review, Nghệ An's answer, final sheets, final results and proposals."""
    admin, head = _user("vufo.admin"), _user("cluster1.head")
    sheets = [s for s in cluster.sheets.select_related("organization") if s.status == SheetStatus.DRAFT]
    actors = {}
    for sheet in sheets:  # figures first: "relative to the best" needs everybody's
        slug = sheet.organization.slug
        if slug == "nghe-an":
            actors[slug] = _user("nghean.admin")
            services.propose_from_records(sheet, actors[slug])
            manual = NGHE_AN_MANUAL
        else:
            actors[slug] = admin
            acts, dels, events, aid, branches, articles, bonus, penalty, _cuts = RESULTS_2024[slug]
            manual = {"1.2": acts, "2.1": dels, "2.2": events, "2.3": aid, "3.1": branches, "4.1": articles,
                      "5": bonus, "6": penalty}  # fmt: skip
        rows = {}
        for entry in sheet.entries.select_related("criterion"):
            code, values = entry.criterion.code, {}
            if code in manual:
                values["achieved"] = Decimal(manual[code])
            if entry.criterion.kind == K.PASS_FAIL:
                values["passed"] = not (slug == "thai-binh" and code == "1.3")
            values["evidence"] = entry.evidence or "Báo cáo tổng kết năm 2024 của Liên hiệp."
            rows[entry.pk] = values
        services.save_self_assessment(
            sheet, actors[slug], rows, summary="Tự đánh giá kết quả thực hiện giao ước thi đua năm 2024."
        )
    for sheet in sheets:
        slug = sheet.organization.slug
        actor = actors[slug]
        entries = {e.criterion.code: e for e in sheet.entries.select_related("criterion")}
        proposed = services.proposed_for(sheet)
        services.save_self_assessment(sheet, actor, {pk: {"self_points": points} for pk, points in proposed.items()})
        services.submit(sheet, actor)
        services.accept_self_scores(sheet, head)
        head_cuts = RESULTS_2024[slug][-1] if slug in RESULTS_2024 else {}
        cuts = {entries[code].pk: {"points": Decimal(points), "comment": "Minh chứng chưa đầy đủ."}
                for code, points in head_cuts.items()}  # fmt: skip
        if slug == "nghe-an":
            cuts[entries["2.1"].pk] = {"comment": "Đề nghị bổ sung danh sách đoàn vào năm 2024."}
        if cuts:
            services.save_review(sheet, head, cuts, head_comment="Cụm trưởng đã chấm điểm.")
        services.send_review(sheet, head)
        if slug == "nghe-an":
            services.save_answer(
                sheet,
                actor,
                {entries["2.1"].pk: {"answer": "Các đoàn năm 2024 sẽ được cập nhật; thống nhất với điểm của Cụm."}},
                answer="Thống nhất với kết quả chấm điểm của Cụm trưởng.",
            )
            services.send_answer(sheet, actor)
        services.finalize_sheet(sheet, head)
    cluster.refresh_from_db()
    if not cluster.is_final:
        services.finalize_cluster(cluster, head)
    services.draft_proposals(cluster, head)


def _awards(vufo, cluster, orgs):
    """VUFO's decision on the cluster's flag, and one award inside Nghệ An's union."""
    proposal = cluster.proposals.filter(rank=1).select_related("award_form", "recipient_organization").first()
    if proposal is not None:
        record_ensure(
            Award,
            lookup={
                "organization": vufo,
                "decision_number": "35/QĐ-LHHN",
                "recipient_organization": proposal.recipient_organization,
            },
            values={
                "proposal": proposal,
                "year": 2024,
                "award_form": proposal.award_form,
                "decision_date": D(2025, 1, 20),
                "issuer": "Chủ tịch Liên hiệp các tổ chức hữu nghị Việt Nam",
                "reason": proposal.reason,
            },
            acting_user=None,
        )
    branch = Organization.objects.get(slug="nghe-an-viet-nga-dien-chau")
    form = AwardForm.objects.get(code="giay-khen-tap-the", valid_from=D(2024, 1, 1))
    record_ensure(
        Award,
        lookup={"organization": orgs["nghe-an"], "decision_number": "08/QĐ-LHHN", "recipient_organization": branch},
        values={
            "year": 2024,
            "award_form": form,
            "decision_date": D(2024, 12, 20),
            "issuer": "Chủ tịch Liên hiệp các tổ chức hữu nghị tỉnh Nghệ An",
            "reason": "Thành tích xuất sắc trong năm đầu thành lập chi hội.",
        },
        acting_user=None,
    )


@transaction.atomic
def load_emulation():
    vufo = Organization.objects.get(slug="vufo")
    orgs = _orgs()
    slugs_2024 = [slug for slug, _ in CLUSTER_1_2024]
    cluster_2024 = _cluster(vufo, 2024, _criteria_set(vufo, 2024), slugs_2024, HEAD_2024, DEPUTY_2024, orgs)
    _score_2024(cluster_2024)
    _awards(vufo, cluster_2024, orgs)
    slugs_2026 = list(dict.fromkeys(MERGERS.get(slug, slug) for slug in slugs_2024))
    _cluster(vufo, 2026, _criteria_set(vufo, 2026), slugs_2026, HEAD_2026, DEPUTY_2026, orgs)
