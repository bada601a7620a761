"""An `AnnualReport` and its `ReportDraft` written out as an administrative document.

The document is in Vietnamese whatever the user's language: an administrative document of a
Vietnamese body is (Decree 30/2020/NĐ-CP, Article 8); labels of choices are taken in Vietnamese.
Every number printed is the report's, through `format_cell` or the money helpers.
"""

from decimal import Decimal

from django.utils import translation

from huunghi.aid.money import format_vnd_words
from huunghi.core.text import format_date
from huunghi.emulation.choices import Measure
from huunghi.orgs.choices import PositionTitle
from huunghi.orgs.models import Position
from huunghi.relations.choices import Direction, EventKind, Level

from .document import AdminDocument, Column, Heading, Kind, Paragraph, Signature, Table, format_cell
from .generator import HEADLINES, MEMBERS, Scope, report_date

NOT_WRITTEN = "(Phần này chưa được viết: nhập nội dung tại mục “Nội dung báo cáo” trước khi phát hành.)"
MAX_LISTED = 15  # events listed in the body; all of them are in the annex

HEADLINE_KINDS = {Measure.AID_VND: Kind.VND}
DEFAULT_RECIPIENTS = {
    Scope.UNION: ["Liên hiệp các tổ chức hữu nghị Việt Nam", "Thường trực Tỉnh ủy, HĐND, UBND tỉnh",
                  "Các tổ chức thành viên", "Lưu: VT"],
    Scope.CLUSTER: ["Liên hiệp các tổ chức hữu nghị Việt Nam", "Các Liên hiệp thành viên Cụm", "Lưu: VT"],
    Scope.NATIONAL: ["Ban Bí thư Trung ương Đảng", "Ban Đối ngoại Trung ương", "Bộ Ngoại giao",
                     "Các Liên hiệp các tổ chức hữu nghị tỉnh, thành phố", "Lưu: VT"],
}  # fmt: skip


def _vi(label):
    with translation.override("vi"):
        return str(label)


def percent(current, previous):
    """This year against last, in per cent; None when last year had nothing."""
    if not previous:
        return None
    return (Decimal(current) * 100 / Decimal(previous)).quantize(Decimal("0.1"))


def _compare(current, previous, kind=Kind.INT):
    """ "(năm trước: 18; bằng 122,2%)" for running text."""
    if not previous:
        return f"(năm trước: {format_cell(previous or 0, kind)})"
    return f"(năm trước: {format_cell(previous, kind)}; bằng {format_cell(percent(current, previous), Kind.PERCENT)})"


def _paragraphs(text):
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if not lines:
        return [Paragraph(NOT_WRITTEN, italic=True)]
    return [Paragraph(line[1:].strip(), bullet=True) if line.startswith(("-", "+", "•")) else Paragraph(line)
            for line in lines]  # fmt: skip


def headline_table(report, key="chi-tieu-chu-yeu"):
    y = report.year
    rows = []
    for measure, label in HEADLINES:
        kind = HEADLINE_KINDS.get(measure, Kind.INT)
        now, before = report.current.get(measure, 0), report.previous.get(measure, 0)
        rows.append([_vi(label), _cell(before, kind), _cell(now, kind), percent(now, before)])
    columns = [Column("Chỉ tiêu"), Column(f"Năm {y - 1}", Kind.INT), Column(f"Năm {y}", Kind.INT),
               Column(f"Năm {y} so với năm {y - 1} (%)", Kind.PERCENT)]  # fmt: skip
    return Table(key, f"Một số chỉ tiêu chủ yếu năm {y} so với năm {y - 1}", columns, rows)


def _cell(value, kind):
    return int(value) if kind in (Kind.INT, Kind.VND) else value


def progress_table(progress, key="chi-tieu-ke-hoach"):
    rows = []
    for row in progress:
        kind = Kind.VND if row.target.measure == Measure.AID_VND else Kind.INT
        directive = row.target.directive.number if row.target.directive else ""
        rows.append([_vi(row.target.get_measure_display()), int(row.goal) if kind else row.goal, int(row.achieved),
                     row.percent, directive])  # fmt: skip
    columns = [Column("Chỉ tiêu"), Column("Kế hoạch", Kind.INT), Column("Thực hiện", Kind.INT),
               Column("Tỷ lệ (%)", Kind.PERCENT), Column("Văn bản chỉ đạo")]  # fmt: skip
    return Table(key, "Kết quả thực hiện các chỉ tiêu kế hoạch", columns, rows)


def units_table(report, key="theo-don-vi"):
    y = report.year
    rows, notes = [], []
    for row in report.rows:
        rows.append([row.organization.name, int(row.current[Measure.DELEGATIONS_IN]),
                     int(row.current[Measure.DELEGATIONS_OUT]), int(row.current[Measure.EVENTS]),
                     int(row.current[Measure.AID_VND]), int(row.previous[Measure.AID_VND]),
                     int(row.current[Measure.NEW_BRANCHES]), int(row.current[MEMBERS]), row.rank])  # fmt: skip
        if row.predecessors:
            names = ", ".join(p.name for p in row.predecessors)
            notes.append(f"{row.organization.name}: số liệu năm {y - 1} gồm cả {names} (hợp nhất).")
    total = ["Tổng cộng", *(int(report.current[m]) for m in (Measure.DELEGATIONS_IN, Measure.DELEGATIONS_OUT,
             Measure.EVENTS, Measure.AID_VND)), int(report.previous[Measure.AID_VND]),
             int(report.current[Measure.NEW_BRANCHES]), int(report.current[MEMBERS]), None]  # fmt: skip
    columns = [Column("Đơn vị"), Column("Đoàn vào", Kind.INT), Column("Đoàn ra", Kind.INT),
               Column("Sự kiện", Kind.INT), Column(f"Viện trợ năm {y} (đồng)", Kind.VND),
               Column(f"Viện trợ năm {y - 1} (đồng)", Kind.VND), Column("Chi hội mới", Kind.INT),
               Column("Hội viên cuối năm", Kind.INT), Column("Xếp hạng thi đua", Kind.INT)]  # fmt: skip
    return Table(key, f"Kết quả năm {y} theo đơn vị", columns, rows, total=total, note=" ".join(notes))


def country_table(figures):
    rows = [[name, incoming, outgoing] for _code, name, incoming, outgoing in figures.relations.country_rows()]
    columns = [Column("Quốc gia"), Column("Đoàn vào", Kind.INT), Column("Đoàn ra", Kind.INT)]
    return Table("doan-theo-nuoc", "Đoàn vào, đoàn ra theo quốc gia", columns, rows)


def level_table(figures):
    rows = [[_vi(label), incoming, outgoing] for _level, label, incoming, outgoing in figures.relations.level_rows()]
    columns = [Column("Cấp đoàn"), Column("Đoàn vào", Kind.INT), Column("Đoàn ra", Kind.INT)]
    return Table("doan-theo-cap", "Đoàn vào, đoàn ra theo cấp", columns, rows)


def aid_table(figures):
    from huunghi.aid.models import AidKind

    rows = [[_vi(AidKind(kind).label), int(amount)] for kind, amount in sorted(figures.aid.by_kind.items()) if amount]
    columns = [Column("Loại viện trợ"), Column("Giá trị tiếp nhận (đồng)", Kind.VND)]
    total = ["Tổng cộng", int(figures.aid.received_vnd)]
    return Table("vien-tro-theo-loai", "Viện trợ tiếp nhận theo loại", columns, rows, total=total)


def branches_table(report):
    rows = [[b.name, b.parent.name if b.parent else "", format_date(b.founded_on), report.branch_members.get(b.pk, 0)]
            for b in report.figures.new_branches]  # fmt: skip
    columns = [Column("Chi hội"), Column("Thuộc"), Column("Ngày thành lập"), Column("Hội viên cuối năm", Kind.INT)]
    total = ["Tổng cộng", "", "", sum(report.branch_members.get(b.pk, 0) for b in report.figures.new_branches)]
    return Table("chi-hoi-moi", f"Chi hội thành lập năm {report.year}", columns, rows, total=total)


def events_table(events):
    rows = [[format_date(e.starts_on), e.title, _vi(EventKind(e.kind).label) if e.kind else "", e.place]
            for e in events]  # fmt: skip
    columns = [Column("Ngày"), Column("Sự kiện"), Column("Loại"), Column("Địa điểm")]
    return Table("su-kien", "Các sự kiện trong năm", columns, rows)


def delegations_table(delegations):
    rows = [[format_date(d.starts_on), d.title, "Đoàn vào" if d.direction == Direction.INCOMING else "Đoàn ra",
             _vi(Level(d.level).label) if d.level else "", d.size] for d in delegations]  # fmt: skip
    columns = [Column("Ngày"), Column("Đoàn"), Column("Chiều"), Column("Cấp"), Column("Số người", Kind.INT)]
    return Table("doan", "Các đoàn vào, đoàn ra trong năm", columns, rows)


def _issuer_place(organization):
    unit = organization.admin_unit
    while unit is not None and unit.level != "province":
        unit = unit.parent
    name = unit.name if unit is not None else "Hà Nội"
    for prefix in ("Tỉnh ", "Thành phố "):
        name = name.removeprefix(prefix)
    return name


def _president(organization, day):
    position = (
        Position.objects.filter(organization=organization, title=PositionTitle.PRESIDENT)
        .exclude(ends_on__lt=day)
        .exclude(starts_on__gt=day)
        .select_related("person")
        .order_by("-starts_on")
        .first()
    )
    return position.person.full_name if position else ""


def _title(report):
    y = report.year
    if report.scope == Scope.CLUSTER:
        return f"Tổng kết công tác thi đua năm {y} của {report.cluster.name.split(' (')[0]}"
    return f"Tổng kết công tác năm {y}, triển khai nhiệm vụ năm {y + 1}"


def compose(report, draft=None):
    """The `AdminDocument` of a report; `draft` holds what people wrote (None: nothing yet)."""
    y, org = report.year, report.organization
    signed_on = (draft.signed_on if draft else None) or report_date(y)
    document = AdminDocument(
        superior_body=draft.superior_body if draft else "",
        issuing_body=org.name.upper(),
        number=draft.number if draft else "",
        symbol=draft.symbol if draft else "BC-LHHN",
        place=(draft.place if draft and draft.place else _issuer_place(org)),
        signed_on=signed_on,
        doc_type="BÁO CÁO",
        title=_title(report),
        signature=Signature(
            authority=draft.signer_authority if draft else "TM. BAN THƯỜNG VỤ",
            title=draft.signer_title if draft else "CHỦ TỊCH",
            name=(draft.signer_name if draft and draft.signer_name else _president(org, signed_on)),
        ),
        recipients=(
            draft.recipient_lines() if draft and draft.recipients.strip() else DEFAULT_RECIPIENTS[report.scope]
        ),
    )
    blocks = document.blocks
    if report.is_empty:
        blocks.append(Paragraph(f"Năm {y} chưa có hoạt động nào được ghi nhận trong hệ thống; "
                                "các số liệu dưới đây bằng 0.", italic=True))  # fmt: skip
    blocks += [Heading("I. ĐẶC ĐIỂM TÌNH HÌNH")]
    if report.scope != Scope.CLUSTER:
        blocks.append(Paragraph(
            f"Đến ngày 31/12/{y}, {org.name} có {format_cell(report.associations, Kind.INT)} tổ chức thành viên, "
            f"{format_cell(report.branches, Kind.INT)} chi hội với "
            f"{format_cell(report.current[MEMBERS], Kind.INT)} hội viên."))  # fmt: skip
    else:
        cluster = report.cluster
        blocks.append(Paragraph(f"Cụm gồm {len(report.rows)} Liên hiệp thành viên; Trưởng Cụm năm {y}: "
                                f"{cluster.head.name}; Phó Trưởng Cụm: {cluster.deputy_head.name}."))  # fmt: skip
    blocks += _paragraphs(draft.situation if draft else "") if draft and draft.situation else []

    blocks.append(Heading(f"II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM {y}"))
    blocks.append(headline_table(report))
    if report.scope == Scope.UNION:
        blocks += _union_results(report)
    else:
        blocks += _units_results(report)

    blocks.append(Heading("III. ĐÁNH GIÁ CHUNG"))
    blocks += [Heading("1. Ưu điểm", 2), *_paragraphs(draft.assessment if draft else "")]
    blocks += [Heading("2. Tồn tại, hạn chế và nguyên nhân", 2), *_paragraphs(draft.shortcomings if draft else "")]
    if draft and draft.lessons.strip():
        blocks += [Heading("3. Bài học kinh nghiệm", 2), *_paragraphs(draft.lessons)]

    blocks.append(Heading(f"IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {y + 1}"))
    blocks += _paragraphs(draft.directions if draft else "")
    if report.next_plan is not None and report.next_plan.targets.exists():
        blocks.append(Paragraph(f"Các chỉ tiêu chủ yếu năm {y + 1} theo {report.next_plan.title}:"))
        for target in report.next_plan.targets.all():
            blocks.append(Paragraph(_target_text(target), bullet=True))
    if draft and draft.proposals.strip():
        blocks += [Heading("V. ĐỀ XUẤT, KIẾN NGHỊ"), *_paragraphs(draft.proposals)]

    document.annex = [t for t in _annex(report) if t.rows]
    return document


def _target_text(target):
    value = format_cell(target.value, Kind.DECIMAL)
    text = f"{_vi(target.get_measure_display())}: ít nhất {value} {_vi(target.get_unit_display())}"
    if target.directive:
        text += f" (thực hiện {_vi(target.directive.get_kind_display())} số {target.directive.number})"
    return text


def _union_results(report):
    y, f, cur, prev = report.year, report.figures, report.current, report.previous
    people_in, people_out = f.relations.people[Direction.INCOMING], f.relations.people[Direction.OUTGOING]
    blocks = [Heading("1. Công tác đối ngoại nhân dân", 2)]
    blocks.append(Paragraph(
        f"Trong năm {y}, Liên hiệp và các tổ chức thành viên đã đón tiếp, làm việc với "
        f"{format_cell(cur[Measure.DELEGATIONS_IN], Kind.INT)} đoàn ({format_cell(people_in, Kind.INT)} lượt người) "
        f"của các cơ quan, tổ chức nước ngoài {_compare(cur[Measure.DELEGATIONS_IN], prev[Measure.DELEGATIONS_IN])}; "
        f"cử {format_cell(cur[Measure.DELEGATIONS_OUT], Kind.INT)} đoàn ({format_cell(people_out, Kind.INT)} lượt "
        f"người) đi công tác nước ngoài {_compare(cur[Measure.DELEGATIONS_OUT], prev[Measure.DELEGATIONS_OUT])}; "
        f"tổ chức, phối hợp tổ chức {format_cell(cur[Measure.EVENTS], Kind.INT)} sự kiện; ký kết "
        f"{format_cell(cur[Measure.AGREEMENTS], Kind.INT)} thỏa thuận hợp tác."))  # fmt: skip
    if f.relations.by_country:
        blocks.append(country_table(f))
    if report.events:
        blocks.append(Paragraph("Một số hoạt động tiêu biểu:"))
        for event in report.events[:MAX_LISTED]:
            blocks.append(Paragraph(f"{format_date(event.starts_on)}: {event.title}.", bullet=True))
        if len(report.events) > MAX_LISTED:
            blocks.append(Paragraph(f"Và {len(report.events) - MAX_LISTED} hoạt động khác (xem Phụ lục).", italic=True))

    blocks.append(Heading("2. Công tác vận động viện trợ phi chính phủ nước ngoài", 2))
    aid, aid_before = cur[Measure.AID_VND], prev[Measure.AID_VND]
    if aid:
        blocks.append(Paragraph(
            f"Vận động, tiếp nhận và trao học bổng, viện trợ, hỗ trợ trị giá {format_vnd_words(aid)} "
            f"({format_cell(aid, Kind.VND)} đồng) {_compare(aid, aid_before, Kind.VND)}, "
            f"thuộc {format_cell(f.aid.items, Kind.INT)} khoản viện trợ."))  # fmt: skip
    else:
        blocks.append(Paragraph(f"Trong năm chưa tiếp nhận khoản viện trợ nào {_compare(aid, aid_before, Kind.VND)}."))
    if f.aid.received_vnd:
        blocks.append(aid_table(f))

    blocks.append(Heading("3. Công tác xây dựng tổ chức", 2))
    new = f.new_branches
    if new:
        total = sum(report.branch_members.get(b.pk, 0) for b in new)
        blocks.append(Paragraph(f"Trong năm thành lập mới {len(new)} chi hội với {format_cell(total, Kind.INT)} "
                                "hội viên:"))  # fmt: skip
        for branch in new:
            parent = f" ({branch.parent.name})" if branch.parent else ""
            members = format_cell(report.branch_members.get(branch.pk, 0), Kind.INT)
            blocks.append(Paragraph(f"{branch.name}{parent}, thành lập ngày {format_date(branch.founded_on)}, "
                                    f"{members} hội viên;", bullet=True))  # fmt: skip
    else:
        blocks.append(Paragraph("Trong năm không thành lập thêm chi hội."))
    blocks.append(Paragraph(
        f"Tổng số hội viên đến 31/12/{y}: {format_cell(cur[MEMBERS], Kind.INT)} "
        f"{_compare(cur[MEMBERS], prev[MEMBERS])}."))  # fmt: skip

    blocks.append(Heading("4. Công tác thi đua, khen thưởng", 2))
    blocks += _emulation_paragraphs(report)

    if report.plan is not None:
        blocks.append(Heading("5. Thực hiện kế hoạch và các văn bản chỉ đạo", 2))
        for directive in report.plan.directives.all():
            blocks.append(Paragraph(f"{_vi(directive.get_kind_display())} số {directive.number} ngày "
                                    f"{format_date(directive.issued_on)} của {directive.issuer} về {directive.title}.",
                                    bullet=True))  # fmt: skip
        if report.progress:
            blocks.append(progress_table(report.progress))
    return blocks


def _emulation_paragraphs(report):
    blocks = []
    emulation = report.emulation
    if emulation is None:
        blocks.append(Paragraph(f"Năm {report.year}, Liên hiệp không tham gia cụm thi đua nào trong hệ thống."))
    elif emulation["rank"] is None:
        blocks.append(Paragraph(f"Liên hiệp là thành viên {emulation['cluster'].name}; kết quả chấm điểm thi đua "
                                "của Cụm chưa được công bố."))  # fmt: skip
    else:
        blocks.append(Paragraph(
            f"Liên hiệp là thành viên {emulation['cluster'].name}, đạt {format_cell(emulation['points'], Kind.DECIMAL)}"
            f" điểm, xếp thứ {emulation['rank']}/{emulation['out_of']}."))  # fmt: skip
    for award in report.awards:
        blocks.append(Paragraph(_award_text(award), bullet=True))
    return blocks


def _award_text(award):
    recipient = award.recipient_organization or award.recipient_person
    return (f"{award.award_form.name} tặng {recipient}, Quyết định số {award.decision_number} ngày "
            f"{format_date(award.decision_date)} của {award.issuer}.")  # fmt: skip


def _units_results(report):
    blocks = [units_table(report)]
    if report.scope == Scope.CLUSTER and report.cluster.is_final:
        first = report.rows[0] if report.rows else None
        if first and first.rank == 1:
            blocks.append(Paragraph(f"Dẫn đầu Cụm: {first.organization.name} với "
                                    f"{format_cell(first.points, Kind.DECIMAL)} điểm."))  # fmt: skip
    elif report.scope == Scope.CLUSTER:
        blocks.append(Paragraph("Kết quả chấm điểm thi đua của Cụm chưa được công bố.", italic=True))
    for award in report.awards:
        blocks.append(Paragraph(_award_text(award), bullet=True))
    return blocks


def _annex(report):
    tables = [headline_table(report, key="tong-hop")]
    if report.rows:
        tables.append(units_table(report, key="don-vi"))
    if report.figures is not None:
        tables += [level_table(report.figures), country_table(report.figures)]
        if report.figures.aid.received_vnd:
            tables.append(aid_table(report.figures))
        if report.figures.new_branches:
            tables.append(branches_table(report))
    if report.progress:
        tables.append(progress_table(report.progress, key="ke-hoach"))
    tables.append(events_table(report.events))
    if report.delegations:
        tables.append(delegations_table(report.delegations))
    return tables
