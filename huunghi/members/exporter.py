"""The member template and the member export, in the sheet format of `columns.py`.

The export writes exactly what the importer reads back: re-importing an exported sheet finds
every row unchanged.
"""

import csv
import io

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from huunghi.core.text import fold
from huunghi.orgs.models import Membership, MembershipStatusChange, Organization

from .columns import COLUMNS, GENDER_LABELS, STATUS_LABELS
from .reader import SHEET_NAME, column_letter

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
DATE_FORMAT = "DD/MM/YYYY"
LIST_SHEET = "Danh mục"
NOTES_SHEET = "Hướng dẫn"
DATE_KEYS = {"birth_date", "joined_on", "left_on", "status_on"}


def _org_labels(organizations):
    """Name of each organization, or its code where two share a name."""
    by_name = {}
    for org in organizations:
        by_name.setdefault(fold(org.name), []).append(org)
    return {org.pk: org.name if len(by_name[fold(org.name)]) == 1 else org.slug for org in organizations}


def build_template(organization):
    """The member template for an organization's subtree: header, notes, drop-down lists."""
    organizations = list(Organization.objects.filter(path__startswith=organization.path).order_by("path"))
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_NAME
    _write_header(sheet)
    sheet.freeze_panes = "A2"
    labels = _org_labels(organizations)

    lists = workbook.create_sheet(LIST_SHEET)
    lists.append(["Chi hội / tổ chức", "Mã", "Giới tính", "Trạng thái"])
    for cell in lists[1]:
        cell.font = Font(bold=True)
    rows = max(len(organizations), len(GENDER_LABELS), len(STATUS_LABELS))
    genders, statuses = list(GENDER_LABELS.values()), list(STATUS_LABELS.values())
    for i in range(rows):
        org = organizations[i] if i < len(organizations) else None
        lists.append(
            [
                labels[org.pk] if org else None,
                org.slug if org else None,
                genders[i] if i < len(genders) else None,
                statuses[i] if i < len(statuses) else None,
            ]
        )
    lists.column_dimensions["A"].width = 70
    lists.column_dimensions["B"].width = 32
    lists.column_dimensions["C"].width = 10
    lists.column_dimensions["D"].width = 20

    letters = {c.key: column_letter(i) for i, c in enumerate(COLUMNS)}
    ranges = {
        "organization": f"'{LIST_SHEET}'!$A$2:$A${len(organizations) + 1}",
        "gender": f"'{LIST_SHEET}'!$C$2:$C${len(genders) + 1}",
        "status": f"'{LIST_SHEET}'!$D$2:$D${len(statuses) + 1}",
    }
    for key, formula in ranges.items():
        validation = DataValidation(type="list", formula1=formula, allow_blank=True)
        validation.error = _("Choose a value from the list.")
        validation.errorTitle = _("Value not in the list")
        validation.showErrorMessage = key != "organization"  # a code typed by hand is accepted too
        sheet.add_data_validation(validation)
        validation.add(f"{letters[key]}2:{letters[key]}20000")
    for key in DATE_KEYS:
        for row in range(2, 202):
            sheet[f"{letters[key]}{row}"].number_format = DATE_FORMAT
    for key in ("phone", "card_number"):
        for row in range(2, 202):
            sheet[f"{letters[key]}{row}"].number_format = "@"  # text: Excel keeps the leading 0

    notes = workbook.create_sheet(NOTES_SHEET)
    notes.append([_("Column"), _("Required"), _("How to fill it in")])
    for cell in notes[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    for column in COLUMNS:
        notes.append([column.header, _("yes") if column.required else "", str(column.note)])
    notes.append([])
    for line in (
        _("Import into: %(organization)s.") % {"organization": organization.name},
        _("The header row may start on any of the first 20 rows; titles above it are ignored."),
        _("Dates are day/month/year. Phone numbers may be written in any common form."),
        _("An empty cell never erases a recorded value; correct such data in the back office."),
        _("Do not merge cells or use formulas in the member rows."),
        _("Rows that repeat a person already recorded are shown before anything is written."),
    ):
        notes.append([line])
    notes.column_dimensions["A"].width = 26
    notes.column_dimensions["B"].width = 10
    notes.column_dimensions["C"].width = 110
    for row in notes.iter_rows(min_row=2):
        row[-1].alignment = Alignment(wrap_text=True, vertical="top")
    return workbook


def _write_header(sheet):
    sheet.append([c.header for c in COLUMNS])
    for index, column in enumerate(COLUMNS):
        cell = sheet.cell(row=1, column=index + 1)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        sheet.column_dimensions[column_letter(index)].width = column.width


def member_queryset(organization):
    return (
        Membership.objects.filter(organization__path__startswith=organization.path)
        .select_related("person", "organization")
        .prefetch_related(Prefetch("status_changes", queryset=MembershipStatusChange.objects.order_by("effective_on")))
        .order_by("organization__path", "person__name_folded", "pk")
    )


def member_rows(memberships, labels):
    """One list of cell values per membership, in column order."""
    for membership in memberships:
        person = membership.person
        changes = list(membership.status_changes.all())
        latest = changes[-1] if changes else None
        values = {
            "id": membership.pk,
            "full_name": person.full_name,
            "gender": GENDER_LABELS.get(person.gender, ""),
            "birth_date": person.birth_date,
            "phone": person.phone,
            "email": person.email,
            "address": person.address,
            "occupation": person.occupation,
            "organization": labels.get(membership.organization_id, membership.organization.slug),
            "card_number": membership.card_number,
            "joined_on": membership.joined_on,
            "left_on": membership.left_on,
            "status": STATUS_LABELS.get(latest.status, "") if latest else "",
            "status_on": latest.effective_on if latest else None,
            "note": membership.note,
        }
        yield membership, [values[c.key] for c in COLUMNS]


def _csv_value(value):
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    return "" if value is None else value


def export_members(organization, file_format="xlsx"):
    """(bytes, person ids) of the export of every member in the organization's subtree."""
    labels = _org_labels(Organization.objects.filter(path__startswith=organization.path))
    person_ids = set()
    if file_format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([c.header for c in COLUMNS])
        for membership, row in member_rows(member_queryset(organization).iterator(chunk_size=2000), labels):
            person_ids.add(membership.person_id)
            writer.writerow(
                [v.strftime("%d/%m/%Y") if hasattr(v, "strftime") else ("" if v is None else v) for v in row]
            )
        return ("\ufeff" + buffer.getvalue()).encode("utf-8"), person_ids
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET_NAME)
    for index, column in enumerate(COLUMNS):
        sheet.column_dimensions[column_letter(index)].width = column.width
    from openpyxl.cell import WriteOnlyCell

    header = []
    for column in COLUMNS:
        cell = WriteOnlyCell(sheet, value=column.header)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        header.append(cell)
    sheet.append(header)
    date_indexes = {i for i, c in enumerate(COLUMNS) if c.key in DATE_KEYS}
    for membership, row in member_rows(member_queryset(organization).iterator(chunk_size=2000), labels):
        person_ids.add(membership.person_id)
        cells = []
        for index, value in enumerate(row):
            if index in date_indexes and value is not None:
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = DATE_FORMAT
                cells.append(cell)
            else:
                cells.append(value)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), person_ids


def report_workbook(result, *, file_name, organization):
    """The downloadable result of an import: summary, every rejected row, every duplicate."""
    workbook = Workbook(write_only=True)
    summary = workbook.create_sheet(_("Summary"))
    counts = result.counts
    for label, value in (
        (_("File"), file_name),
        (_("Imported into"), organization.name),
        (_("Header row"), result.header_row),
        (_("New members"), counts["new"]),
        (_("Updated"), counts["updated"]),
        (_("Unchanged"), counts["unchanged"]),
        (_("Possible duplicates"), counts["duplicates"]),
        (_("Rejected rows"), counts["rejected"]),
        (_("Blank rows skipped"), counts["blank"]),
        (_("Ignored columns"), ", ".join(result.extra_columns)),
        (_("Written"), _("yes") if result.written else _("no")),
        (_("Problem with the whole file"), result.fatal),
    ):
        summary.append([str(label), value])
    rejected = workbook.create_sheet(_("Rejected rows"))
    rejected.append([_("Row"), _("Column"), _("Value"), _("Reason")])
    for rejection in result.rejections:
        rejected.append([rejection.row, rejection.column, rejection.value, rejection.message])
    duplicates = workbook.create_sheet(_("Duplicates"))
    duplicates.append([_("Row"), _("Name"), _("Date of birth"), _("Phone"), _("Same as"), _("Why"), _("Decision")])
    for duplicate in result.duplicates:
        other = duplicate.other
        same_as = (
            _("row %(row)s") % {"row": other["row"]}
            if "row" in other
            else _("recorded person #%(id)s") % {"id": other["person_id"]}
        )
        incoming = duplicate.incoming
        duplicates.append(
            [
                duplicate.row,
                incoming["full_name"],
                incoming["birth_date"],
                incoming["phone"],
                same_as,
                duplicate.reason,
                duplicate.decision,
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
