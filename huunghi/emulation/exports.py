"""The ranking table and each member's score sheet as XLSX (to work on) and PDF (to print and
sign). Both formats carry the same figures, computed by `scoring` from the stored entries."""

import io

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .choices import CriterionKind
from .criteria import fmt_points
from .scoring import sheet_score

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BOLD = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE7F0")


def _workbook(title, heading, subheading, header):
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append([heading])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([subheading])
    sheet.append([])
    sheet.append(header)
    for cell in sheet[4]:
        cell.font = BOLD
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A5"
    return book, sheet


def _widths(sheet, widths):
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def _save(book):
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _number(text):
    """ "87,5" → 87.5 for a numeric cell."""
    try:
        return float(str(text).replace(",", "."))
    except ValueError:
        return text


def ranking_context(cluster, rows):
    from .views import tie_break_text, top_codes

    return {
        "cluster": cluster,
        "rows": rows,
        "top": top_codes(cluster),
        "tie_break": tie_break_text(cluster),
        "generated": timezone.localtime(),
        "final": cluster.is_final,
    }


def ranking_xlsx(cluster, rows):
    with translation.override(settings.LANGUAGE_CODE):
        context = ranking_context(cluster, rows)
        top = context["top"]
        header = [_("Rank"), _("Union")] + [f"{c.code}. {c.title}" for c in top] + [_("Total points"), _("Status")]
        book, sheet = _workbook(
            _("Ranking"),
            _("Ranking of %(cluster)s") % {"cluster": cluster},
            context["tie_break"] + ("" if cluster.is_final else " " + _("(provisional: not final yet)")),
            header,
        )
        for row in rows:
            sheet.append(
                [row["rank"], row["organization"].name]
                + [_number(row["by_code"].get(c.code, "0")) for c in top]
                + [_number(row["total"]), row["status"]]
            )
        _widths(sheet, [7, 46] + [14] * len(top) + [12, 24])
    return _save(book)


def sheet_rows(sheet):
    criteria = sheet.cluster.criteria_set.ordered_criteria()
    entries = {e.criterion_id: e for e in sheet.entries.select_related("self_by", "points_by")}
    self_score = sheet_score(sheet, criteria, list(entries.values()), "self_points")
    head_score = sheet_score(sheet, criteria, list(entries.values()), "points")
    rows = []
    for criterion in criteria:
        entry = entries.get(criterion.pk)
        is_group = criterion.kind == CriterionKind.GROUP
        passed = ""
        if entry is not None and criterion.kind == CriterionKind.PASS_FAIL and entry.passed is not None:
            passed = _("Passed") if entry.passed else _("Not passed")
        rows.append(
            {
                "code": criterion.code,
                "title": criterion.title,
                "group": is_group,
                "max": fmt_points(criterion.max_points),
                "target": fmt_points(entry.target) if entry is not None and entry.target is not None else "",
                "achieved": (
                    fmt_points(entry.achieved) if entry is not None and entry.achieved is not None else passed
                ),
                "self": fmt_points(self_score.by_code.get(criterion.code, 0)),
                "points": fmt_points(head_score.by_code.get(criterion.code, 0)),
                "evidence": entry.evidence if entry is not None else "",
                "comment": entry.comment if entry is not None else "",
                "answer": entry.answer if entry is not None else "",
                "by": str(entry.points_by or "") if entry is not None else "",
            }
        )
    return rows, fmt_points(self_score.total), fmt_points(head_score.total)


def sheet_xlsx(sheet):
    with translation.override(settings.LANGUAGE_CODE):
        rows, self_total, head_total = sheet_rows(sheet)
        header = [_("Code"), _("Criterion"), _("Maximum"), _("Target"), _("Achieved"), _("Self-score"),
                  _("Cluster head's score"), _("Evidence"), _("Comment"), _("Answer"), _("Scored by")]  # fmt: skip
        book, ws = _workbook(
            _("Score sheet"),
            _("Score sheet of %(union)s — %(cluster)s") % {"union": sheet.organization.name, "cluster": sheet.cluster},
            _("Status: %(status)s") % {"status": sheet.get_status_display()},
            header,
        )
        for row in rows:
            ws.append([row["code"], row["title"], _number(row["max"]), _number(row["target"]) if row["target"] else "",
                       _number(row["achieved"]) if row["achieved"] else "", _number(row["self"]),
                       _number(row["points"]), row["evidence"], row["comment"], row["answer"], row["by"]])  # fmt: skip
            if row["group"]:
                for cell in ws[ws.max_row]:
                    cell.font = BOLD
        ws.append(["", _("Total"), "", "", "", _number(self_total), _number(head_total)])
        for cell in ws[ws.max_row]:
            cell.font = BOLD
        _widths(ws, [7, 50, 9, 14, 16, 10, 12, 40, 30, 30, 20])
    return _save(book)


def _pdf(template, context):
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(template, context)
    return HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=set())).write_pdf()


def ranking_html(cluster, rows):
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string("emulation/pdf/ranking.html", ranking_context(cluster, rows))


def ranking_pdf(cluster, rows):
    return _pdf("emulation/pdf/ranking.html", ranking_context(cluster, rows))


def sheet_context(sheet):
    rows, self_total, head_total = sheet_rows(sheet)
    return {"sheet": sheet, "rows": rows, "self_total": self_total, "head_total": head_total,
            "generated": timezone.localtime()}  # fmt: skip


def sheet_pdf(sheet):
    with translation.override(settings.LANGUAGE_CODE):
        context = sheet_context(sheet)
    return _pdf("emulation/pdf/sheet.html", context)
