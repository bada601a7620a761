"""Importing a member sheet (nhập hội viên) into an organization's subtree.

One function, `run_import`, serves the back office (preview, then confirm) and the command line.
Every row ends in exactly one bucket — new, updated, unchanged, duplicate (needs a decision),
rejected (with row, column and a reason), or blank — so no row disappears silently. Writing
happens only when asked (`dry_run=False`), in one transaction: every accepted row or none.

Rules (each mirrors a model rule, checked here once per row instead of `full_clean` per object,
which would be far too slow for 100,000 rows):
- names are tidied (NFC, spaces, title case for all-caps), phones normalized, dates read day-first;
- the member's organization must lie in the import's subtree (tenancy), exist on the joining date;
- dates are not in the future, a member leaves after joining, a status change after joining;
- an empty cell never erases a recorded value (editing in the back office does);
- the same person — same folded name and the same birth date or phone — is a duplicate, in the
  file or against the database; the user decides: merge, keep both, or skip. Never silently.
"""

import datetime
import hashlib
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from huunghi.core.access import policy_for
from huunghi.core.models import OrgLogEntry
from huunghi.core.text import DateError, PhoneError, fold, format_date, normalize_phone, parse_date, tidy, tidy_name
from huunghi.orgs import tallies
from huunghi.orgs.choices import MembershipStatus
from huunghi.orgs.models import Membership, MembershipStatusChange, Organization, Person

from . import bulk, privacy
from .columns import COLUMN_BY_KEY, GENDER_VALUES, STATUS_LABELS, STATUS_VALUES
from .reader import SheetError, column_letter, open_sheet

MERGE, KEEP, SKIP = "merge", "keep", "skip"
DECISIONS = (MERGE, KEEP, SKIP)
PERSON_FIELDS = ("full_name", "gender", "birth_date", "phone", "email", "address", "occupation")
MEMBERSHIP_FIELDS = ("card_number", "joined_on", "left_on", "note")
PREVIEW_LIMIT = 500  # rows of rejections / duplicates kept in the job summary; the report has all
PROGRESS_EVERY = 500
EARLIEST_BIRTH = datetime.date(1900, 1, 1)


@dataclass
class Rejection:
    row: int
    column: str
    value: str
    message: str


@dataclass
class Duplicate:
    row: int
    reason: str
    incoming: dict
    other: dict  # {"row": n} for a row of the file, {"person_id": id} for a recorded person; + values
    decision: str = ""


@dataclass
class ImportResult:
    counts: dict = field(default_factory=lambda: dict.fromkeys(
        ("new", "updated", "unchanged", "duplicates", "rejected", "blank"), 0))  # fmt: skip
    rejections: list = field(default_factory=list)
    duplicates: list = field(default_factory=list)
    header_row: int = 0
    extra_columns: list = field(default_factory=list)
    sheet_name: str = ""
    rows_total: int = 0
    fatal: str = ""
    written: bool = False
    fingerprint: str = ""
    undecided: int = 0
    merged: int = 0
    kept: int = 0
    skipped: int = 0

    @property
    def ok(self):
        return not self.fatal and not self.counts["rejected"] and not self.undecided

    def summary(self, limit=PREVIEW_LIMIT):
        """JSON-friendly summary for the job record and the preview page."""
        return {
            "counts": self.counts,
            "header_row": self.header_row,
            "extra_columns": self.extra_columns,
            "sheet_name": self.sheet_name,
            "rows_total": self.rows_total,
            "rejections": [r.__dict__ for r in self.rejections[:limit]],
            "rejections_total": len(self.rejections),
            "duplicates": [d.__dict__ for d in self.duplicates[:limit]],
            "duplicates_total": len(self.duplicates),
            "undecided": self.undecided,
            "merged": self.merged,
            "kept": self.kept,
            "skipped": self.skipped,
            "written": self.written,
            "fatal": self.fatal,
        }


@dataclass(slots=True)
class _Row:
    number: int
    org: Organization
    person: dict  # parsed person values (only the columns present and filled)
    membership: dict
    status: tuple = None  # (status, effective date) or None
    existing: dict = None  # recorded membership + person values
    kind: str = "new"
    changes: dict = field(default_factory=dict)
    duplicate: Duplicate = None
    merge_into: object = None  # a person id ("merge_db") or the earlier _Row ("merge_file")
    person_id: int = None  # set while writing
    fresh: dict = None  # values of a new person, completed by rows merged into it


def _display(value):
    if value is None:
        return ""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return format_date(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class _Importer:
    def __init__(self, organization, user, progress):
        self.target = organization
        self.user = user
        self.progress = progress
        self.today = timezone.localdate()
        self.result = ImportResult()
        self.rows = []  # accepted _Row objects (new, update, unchanged, duplicate)

    # ---------------------------------------------------------------- reference data
    def load(self):
        self.orgs = list(
            Organization.objects.filter(path__startswith=self.target.path).only(
                "id", "name", "short_name", "slug", "path", "founded_on", "dissolved_on", "kind", "parent_id"
            )
        )
        self.org_by_id = {o.pk: o for o in self.orgs}
        self.org_lookup, ambiguous = {}, set()
        for org in self.orgs:
            for key in {org.slug.lower(), fold(org.name), fold(org.short_name)} - {""}:
                if key in self.org_lookup and self.org_lookup[key] is not org:
                    ambiguous.add(key)
                self.org_lookup[key] = org
        for key in ambiguous:
            self.org_lookup[key] = None  # the same name twice in the subtree: the code must be used
        subtree = Q(organization__path__startswith=self.target.path)
        self.existing = {}
        self.by_card = {}
        latest_status = {}
        for membership_id, status, effective_on in (
            MembershipStatusChange.objects.filter(membership__organization__path__startswith=self.target.path)
            .order_by("membership_id", "effective_on")
            .values_list("membership_id", "status", "effective_on")
        ):
            latest_status[membership_id] = (status, effective_on)
        for values in Membership.objects.filter(subtree).values(
            "id", "organization_id", "person_id", "card_number", "joined_on", "left_on", "note",
            *(f"person__{name}" for name in (*PERSON_FIELDS, "anonymized_on")),
        ):  # fmt: skip
            values["status"] = latest_status.get(values["id"])
            self.existing[values["id"]] = values
            if values["card_number"]:
                self.by_card[(values["organization_id"], values["card_number"])] = values["id"]
        self.people_index = {}
        for person_id, folded, birth_date, phone in (
            Person.objects.filter(Q(organization__path__startswith=self.target.path) | Q(memberships__in=self.existing))
            .filter(anonymized_on__isnull=True)
            .distinct()
            .values_list("id", "name_folded", "birth_date", "phone")
        ):
            self.people_index.setdefault(folded, []).append(("db", person_id, birth_date, phone))
        self.person_orgs = {}
        for values in self.existing.values():
            self.person_orgs.setdefault(values["person_id"], {})[values["organization_id"]] = values["id"]

    # ---------------------------------------------------------------- analysis
    def analyse(self, sheet):
        result = self.result
        result.header_row = sheet.header_row
        result.extra_columns = sheet.extra_columns
        result.sheet_name = sheet.sheet_name
        result.rows_total = sheet.total_rows
        formula_rows = {}
        for (row, col), formula in sheet.formulas.items():
            formula_rows.setdefault(row, []).append((col, formula))
        self.seen_ids = {}
        self.file_index = {}
        by_letter = {column_letter(i): key for i, key in sheet.columns.items()}
        processed = 0
        for number, cells in sheet.rows:
            processed += 1
            if processed % PROGRESS_EVERY == 0 and self.progress:
                self.progress(processed, sheet.total_rows, "analyse")
            values = {}
            for index, key in sheet.columns.items():
                values[key] = cells[index] if index < len(cells) else None
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in values.values()) and (
                number not in formula_rows
            ):
                result.counts["blank"] += 1
                continue
            errors = []
            for label in sheet.merged.get(number, ()):
                errors.append(
                    (
                        by_letter.get(
                            label.split(":")[0].rstrip("0123456789"), label.split(":")[0].rstrip("0123456789")
                        ),
                        label,
                        _("Merged cells %(range)s: unmerge them and write the value on every row.") % {"range": label},
                    )
                )
            for col, formula in formula_rows.get(number, ()):
                errors.append(
                    (
                        sheet.columns.get(col, column_letter(col)),
                        formula,
                        _(
                            "The cell holds a formula (%(formula)s). Replace formulas with their values (Copy, then "
                            "Paste Special → Values) and upload again."
                        )
                        % {"formula": formula[:60]},
                    )
                )
            row = self.parse_row(number, values, sheet, errors)
            if errors:
                result.counts["rejected"] += 1
                letters = {key: column_letter(i) for i, key in sheet.columns.items()}
                for column, value, message in errors:
                    letter = letters.get(column, column)
                    header = COLUMN_BY_KEY[column].header if column in COLUMN_BY_KEY else ""
                    label = f"{letter} ({header})" if header else letter
                    result.rejections.append(Rejection(number, label, _display(value), str(message)))
                continue
            self.classify(row)
            self.rows.append(row)
        if self.progress:
            self.progress(processed, max(processed, sheet.total_rows), "analyse")
        for row in self.rows:
            bucket = {"new": "new", "update": "updated", "unchanged": "unchanged", "duplicate": "duplicates"}[row.kind]
            result.counts[bucket] += 1
        result.fingerprint = self.fingerprint()

    def parse_row(self, number, values, sheet, errors):
        def add(key, message):
            errors.append((key, values.get(key), message))

        person, membership = {}, {}
        name = tidy_name(values.get("full_name"))
        if not name:
            add("full_name", _("The name is missing."))
        elif len(name) > 200:
            add("full_name", _("The name is longer than 200 characters."))
        person["full_name"] = name
        gender = values.get("gender")
        if gender not in (None, ""):
            key = fold(gender)
            if key in GENDER_VALUES:
                person["gender"] = GENDER_VALUES[key]
            else:
                add("gender", _("Write the gender as Nam, Nữ or Khác."))
        birth_date = self.date(values, "birth_date", add)
        if birth_date:
            if birth_date > self.today:
                add("birth_date", _("The date of birth %(date)s is in the future.") % {"date": format_date(birth_date)})
            elif birth_date < EARLIEST_BIRTH:
                add("birth_date", _("The date of birth %(date)s is before 1900.") % {"date": format_date(birth_date)})
            person["birth_date"] = birth_date
        phone = values.get("phone")
        if phone not in (None, ""):
            try:
                person["phone"] = normalize_phone(phone)
            except PhoneError:
                add("phone", _("This is not a phone number. Write it like 0912 345 678 or +84 912 345 678."))
        email = tidy(values.get("email"))
        if email:
            try:
                validate_email(email)
                person["email"] = email
            except ValidationError:
                add("email", _("This is not an email address."))
        for key, limit in (("address", 255), ("occupation", 255)):
            text = tidy(values.get(key))
            if len(text) > limit:
                add(key, _("The text is longer than %(limit)s characters.") % {"limit": limit})
            elif text:
                person[key] = text
        note = tidy(values.get("note"))
        if len(note) > 255:
            add("note", _("The text is longer than %(limit)s characters.") % {"limit": 255})
        elif note:
            membership["note"] = note
        card = values.get("card_number")
        card = _display(card).strip() if card not in (None, "") else ""
        if len(card) > 40:
            add("card_number", _("The card number is longer than 40 characters."))
        elif card:
            membership["card_number"] = card

        org = self.organization(values, add)
        joined_on = self.date(values, "joined_on", add)
        if joined_on is None and "joined_on" not in {e[0] for e in errors}:
            add("joined_on", _("The joining date is missing."))
        if joined_on:
            if joined_on > self.today:
                add("joined_on", _("The joining date %(date)s is in the future.") % {"date": format_date(joined_on)})
            elif org and org.founded_on and joined_on < org.founded_on:
                add(
                    "joined_on",
                    _("The member cannot join on %(joined)s: “%(organization)s” was founded on %(founded)s.")
                    % {
                        "joined": format_date(joined_on),
                        "organization": org.name,
                        "founded": format_date(org.founded_on),
                    },
                )
            elif org and org.dissolved_on and joined_on >= org.dissolved_on:
                add(
                    "organization",
                    _("“%(organization)s” was dissolved on %(date)s.")
                    % {"organization": org.name, "date": format_date(org.dissolved_on)},
                )
            membership["joined_on"] = joined_on
        left_on = self.date(values, "left_on", add)
        if left_on:
            if left_on > self.today:
                add("left_on", _("The leaving date %(date)s is in the future.") % {"date": format_date(left_on)})
            elif joined_on and left_on < joined_on:
                add("left_on", _("The leaving date cannot be earlier than the joining date."))
            membership["left_on"] = left_on

        status = None
        raw_status = values.get("status")
        status_on = self.date(values, "status_on", add)
        if raw_status not in (None, ""):
            status_value = STATUS_VALUES.get(fold(raw_status))
            if status_value is None:
                add(
                    "status",
                    _("Unknown status. Use one of: %(values)s.") % {"values": ", ".join(STATUS_LABELS.values())},
                )
            elif status_value != MembershipStatus.ACTIVE and status_on is None:
                add("status_on", _("Give the date this status took effect."))
            else:
                status = (status_value, status_on)
        if status_on:
            if status_on > self.today:
                add("status_on", _("The date %(date)s is in the future.") % {"date": format_date(status_on)})
            elif joined_on and status_on < joined_on:
                add("status_on", _("The status cannot change before the member joined."))

        existing = None
        raw_id = values.get("id")
        if raw_id not in (None, ""):
            try:
                membership_id = int(float(raw_id))
            except (TypeError, ValueError):
                membership_id = None
            existing = self.existing.get(membership_id)
            if existing is None:
                add(
                    "id",
                    _("No member with this system code in “%(organization)s”. Leave the code empty for a new member.")
                    % {"organization": self.target.name},
                )
            elif membership_id in self.seen_ids:
                add("id", _("Row %(row)s already has this system code.") % {"row": self.seen_ids[membership_id]})
            else:
                self.seen_ids[membership_id] = number
        elif card and org:
            membership_id = self.by_card.get((org.pk, card))
            if membership_id is not None:
                if membership_id in self.seen_ids:
                    add(
                        "card_number",
                        _("Row %(row)s already has this card number.") % {"row": self.seen_ids[membership_id]},
                    )
                else:
                    existing = self.existing[membership_id]
                    self.seen_ids[membership_id] = number
        if existing and existing["person__anonymized_on"]:
            add("id", _("This member was anonymized on request; their data cannot be imported again."))
        if errors:
            return None
        return _Row(number, org, person, membership, status, existing)

    def date(self, values, key, add):
        value = values.get(key)
        try:
            return parse_date(value)
        except DateError:
            add(key, _("Unreadable date. Write it as day/month/year, e.g. 24/01/2024."))
            return None

    def organization(self, values, add):
        raw = values.get("organization")
        text = tidy(_display(raw)) if raw not in (None, "") else ""
        if not text:
            return self.target
        for key in (text.lower(), fold(text)):
            if key in self.org_lookup:
                org = self.org_lookup[key]
                if org is None:
                    add(
                        "organization",
                        _("Several organizations here are called “%(name)s”; write its code instead.") % {"name": text},
                    )
                return org
        elsewhere = Organization.objects.filter(Q(slug__iexact=text) | Q(name__iexact=text)).first()
        if elsewhere is not None:
            add(
                "organization",
                _(
                    "“%(name)s” is not part of “%(target)s”: members can only be imported into the organizations "
                    "you manage there."
                )
                % {"name": elsewhere.name, "target": self.target.name},
            )
        else:
            add(
                "organization",
                _("No organization “%(name)s” in “%(target)s”. Use a name or code from the template's list sheet.")
                % {"name": text, "target": self.target.name},
            )
        return None

    def classify(self, row):
        if row.existing:
            row.changes = self.changes(row)
            row.kind = "update" if row.changes else "unchanged"
            return
        folded = fold(row.person["full_name"])
        birth, phone = row.person.get("birth_date"), row.person.get("phone")
        for source, ident, other_birth, other_phone in self.file_index.get(folded, []) + self.people_index.get(
            folded, []
        ):
            reason = None
            if birth and other_birth == birth:
                reason = _("same name and date of birth")
            elif phone and other_phone == phone:
                reason = _("same name and phone")
            if reason:
                row.kind = "duplicate"
                other = {"row": ident} if source == "file" else {"person_id": ident}
                row.duplicate = Duplicate(row.number, str(reason), self.describe(row.person, row.org), other)
                self.result.duplicates.append(row.duplicate)
                break
        if row.kind == "new":
            self.file_index.setdefault(folded, []).append(("file", row.number, birth, phone))

    def changes(self, row):
        existing, changes = row.existing, {}
        for name, value in row.person.items():
            if value != existing[f"person__{name}"]:
                changes[f"person.{name}"] = (existing[f"person__{name}"], value)
        for name, value in row.membership.items():
            if value != existing[name]:
                changes[name] = (existing[name], value)
        if row.org.pk != existing["organization_id"]:
            changes["organization"] = (existing["organization_id"], row.org.pk)
        if row.status:
            current = existing["status"] or (MembershipStatus.ACTIVE, None)
            if row.status[0] != current[0]:
                if row.status[1] is None:
                    row.status = (row.status[0], self.today)
                changes["status"] = (current[0], row.status[0])
        return changes

    def describe(self, person, org):
        return {
            "full_name": person.get("full_name", ""),
            "birth_date": format_date(person.get("birth_date")),
            "phone": person.get("phone", ""),
            "organization": org.name if org else "",
        }

    def fingerprint(self):
        digest = hashlib.sha256()
        for row in self.rows:
            other = row.duplicate.other if row.duplicate else {}
            existing = row.existing["id"] if row.existing else 0
            digest.update(f"{row.number}:{row.kind}:{existing}:{sorted(other.items())}:{sorted(row.changes)}|".encode())
        for rejection in self.result.rejections:
            digest.update(f"{rejection.row}:{rejection.column}|".encode())
        return digest.hexdigest()

    # ---------------------------------------------------------------- writing
    def decide(self, decisions, on_duplicate):
        result = self.result
        people_rows = {}  # row number → ("new", _Row) or ("db", person id): who a row's member is
        for row in self.rows:
            if row.kind != "duplicate":
                if row.kind == "new":
                    people_rows[row.number] = ("new", row)
                continue
            decision = decisions.get(str(row.number)) or decisions.get("*") or on_duplicate or ""
            row.duplicate.decision = decision
            other = row.duplicate.other
            if decision == SKIP:
                result.skipped += 1
                row.kind = "skip"
            elif decision == KEEP:
                result.kept += 1
                row.kind = "new"
                people_rows[row.number] = ("new", row)
            elif decision == MERGE:
                result.merged += 1
                if "person_id" in other:
                    row.kind = "merge_db"
                    row.merge_into = other["person_id"]
                else:
                    target = people_rows.get(other["row"])
                    if target is None:  # the earlier row was itself skipped: nothing to merge into
                        row.kind = "new"
                        people_rows[row.number] = ("new", row)
                    elif target[0] == "db":
                        row.kind = "merge_db"
                        row.merge_into = target[1]
                    else:
                        row.kind = "merge_file"
                        row.merge_into = target[1]
                        people_rows[row.number] = target
            else:
                result.undecided += 1
                row.kind = "undecided"
            if row.kind == "merge_db":
                people_rows[row.number] = ("db", row.merge_into)

    def write(self, file_name, job_id=None):
        """Write the decided rows in one transaction: plain INSERTs of ready values (COPY on
        PostgreSQL) with ids reserved up front, updates through `bulk_update`, and one audit
        entry per person touched."""
        now = timezone.now()
        user_id = self.user.pk if self.user else None
        person_type = ContentType.objects.get_for_model(Person)
        source = {"file": file_name, "job": job_id}
        person_updates, membership_updates, status_changes = {}, {}, []
        with transaction.atomic():
            creating = [row for row in self.rows if row.kind == "new"]
            person_ids = bulk.reserve_ids(Person, len(creating))
            people = []
            for row, person_id in zip(creating, person_ids, strict=True):
                row.person_id = person_id
                row.fresh = dict(row.person)
                people.append(row)
            db_people = Person.objects.in_bulk({row.merge_into for row in self.rows if row.kind == "merge_db"})
            memberships = []  # (row, person id)
            for row in self.rows:
                if row.kind == "new":
                    self.add_membership(memberships, row, row.person_id)
                elif row.kind == "merge_file":
                    target = row.merge_into
                    row.person_id = target.person_id
                    for name, value in row.person.items():
                        if value and not target.fresh.get(name):
                            target.fresh[name] = value
                    self.add_membership(memberships, row, target.person_id)
                elif row.kind == "merge_db":
                    person = db_people.get(row.merge_into)
                    if person is None:
                        continue
                    row.person_id = person.pk
                    for name, value in row.person.items():
                        if value and not getattr(person, name):
                            setattr(person, name, value)
                            person_updates[person.pk] = person
                    self.add_membership(memberships, row, person.pk)
                elif row.kind == "update":
                    self.apply_update(row, person_updates, membership_updates, status_changes)

            bulk.insert(
                Person,
                ("id", "organization", "full_name", "name_folded", "gender", "birth_date", "phone", "email",
                 "address", "occupation"),
                [
                    (row.person_id, row.org.pk, p["full_name"], fold(p["full_name"]), p.get("gender", ""),
                     p.get("birth_date"), p.get("phone", ""), p.get("email", ""), p.get("address", ""),
                     p.get("occupation", ""))
                    for row in people
                    for p in (row.fresh,)
                ],
            )  # fmt: skip
            membership_ids = bulk.reserve_ids(Membership, len(memberships))
            membership_rows = []
            for (row, person_id), membership_id in zip(memberships, membership_ids, strict=True):
                values = _membership_values(row)
                membership_rows.append(
                    (membership_id, row.org.pk, person_id, values["joined_on"], values["left_on"],
                     values["card_number"], values["note"])
                )  # fmt: skip
                if row.status and row.status[0] != MembershipStatus.ACTIVE:
                    status_changes.append((membership_id, row.status[0], row.status[1]))
            bulk.insert(
                Membership,
                ("id", "organization", "person", "joined_on", "left_on", "card_number", "note"),
                membership_rows,
            )
            if person_updates:
                for person in person_updates.values():
                    person.name_folded = fold(person.full_name)
                Person.objects.bulk_update(
                    list(person_updates.values()), [*PERSON_FIELDS, "name_folded"], batch_size=1000
                )
            if membership_updates:
                Membership.objects.bulk_update(
                    list(membership_updates.values()), [*MEMBERSHIP_FIELDS, "organization"], batch_size=1000
                )
            bulk.insert(
                MembershipStatusChange,
                ("membership", "status", "effective_on", "note"),
                [(membership_id, status, day, "") for membership_id, status, day in status_changes],
            )

            log_rows = []

            def entry(person_id, org_id, label, data):
                log_rows.append(
                    (person_type.pk, str(person_id), label[:255], privacy.ACTION_IMPORT, data, now, user_id,
                     True, False, self.org_by_id[org_id].path)
                )  # fmt: skip

            for row in people:
                entry(row.person_id, row.org.pk, row.fresh["full_name"], {**source, "row": row.number, "new": True})
            for row in self.rows:
                if row.kind == "update":
                    changes = [
                        {"field": k, "old": _redacted(k, old), "new": _redacted(k, new)}
                        for k, (old, new) in row.changes.items()
                    ]
                    entry(row.existing["person_id"], row.org.pk, row.person.get("full_name", ""),
                          {**source, "row": row.number, "changes": changes})  # fmt: skip
                elif row.kind in ("merge_db", "merge_file") and getattr(row, "person_id", None):
                    entry(row.person_id, row.org.pk, row.person.get("full_name", ""),
                          {**source, "row": row.number, "merged": True})  # fmt: skip
            bulk.insert(
                OrgLogEntry,
                ("content_type", "object_id", "label", "action", "data", "timestamp", "user", "content_changed",
                 "deleted", "org_path"),
                log_rows,
            )  # fmt: skip
            # Bulk writes send no signals: stored member counts of the subtree are out of date.
            tallies.mark_changed(self.org_by_id)
            if log_rows or status_changes:  # an import that changes nothing leaves no trace
                log(instance=self.target, action=privacy.ACTION_IMPORT, user=self.user,
                    data={**source, "counts": self.result.counts})  # fmt: skip
        self.result.written = True

    def add_membership(self, memberships, row, person_id):
        """A membership for the row, unless the person is already a member of that organization."""
        known = self.person_orgs.setdefault(person_id, {})
        if row.org.pk in known:
            return
        known[row.org.pk] = None
        memberships.append((row, person_id))

    def apply_update(self, row, person_updates, membership_updates, status_changes):
        existing = row.existing
        person_changes = {k.split(".", 1)[1]: new for k, (_old, new) in row.changes.items() if k.startswith("person.")}
        if person_changes:
            person = person_updates.get(existing["person_id"])
            if person is None:
                person = Person(pk=existing["person_id"], organization_id=0)
                for name in PERSON_FIELDS:
                    setattr(person, name, existing[f"person__{name}"])
                person_updates[person.pk] = person
            for name, value in person_changes.items():
                setattr(person, name, value)
        membership_changes = {k: new for k, (_old, new) in row.changes.items() if k in MEMBERSHIP_FIELDS}
        if membership_changes or "organization" in row.changes:
            membership = Membership(pk=existing["id"], person_id=existing["person_id"], organization_id=row.org.pk)
            for name in MEMBERSHIP_FIELDS:
                setattr(membership, name, membership_changes.get(name, existing[name]))
            membership_updates[membership.pk] = membership
        if "status" in row.changes:
            status_changes.append((existing["id"], row.status[0], row.status[1]))


def _redacted(key, value):
    """Audit value of a change: contact details are logged as changed, never with their values."""
    if key.split(".", 1)[-1] in Person.audit_redact:
        return privacy.MASK if value not in (None, "") else ""
    return _display(value)


def _membership_values(row):
    values = {name: row.membership.get(name) for name in MEMBERSHIP_FIELDS}
    values["card_number"] = values["card_number"] or ""
    values["note"] = values["note"] or ""
    return values


def check_permission(user, organization):
    """Importing writes personal data: only officers of the organization with the right to add."""
    if user is None:
        return
    policy = policy_for(Membership)
    allowed = (
        privacy.can_view_contact(user, organization)
        and policy.user_has_permission(user, "add")
        and policy.user_has_permission(user, "change")
        and organization.path.startswith(user.organization.path)
    )
    if not allowed:
        raise PermissionDenied(
            _("Only officers of “%(organization)s” may import its members.") % {"organization": organization}
        )


def run_import(source, *, organization, user=None, dry_run=False, on_duplicate=None, decisions=None,
               file_name="", progress=None, expected_fingerprint=None, job_id=None):  # fmt: skip
    """Check a member sheet and, unless `dry_run`, write its accepted rows in one transaction.

    `source`: a path or a binary file object. `on_duplicate`: the decision for every duplicate
    without one in `decisions` ({"row number": "merge" | "keep" | "skip"}); duplicates left
    undecided are not written. `expected_fingerprint`: the preview's fingerprint; when the file or
    the database changed since, nothing is written and `fatal` says so.
    """
    check_permission(user, organization)
    if on_duplicate not in (None, *DECISIONS):
        raise ValueError(on_duplicate)
    importer = _Importer(organization, user, progress)
    result = importer.result
    close = False
    if isinstance(source, (str, bytes)) or hasattr(source, "__fspath__"):
        file_name = file_name or str(source)
        source = open(source, "rb")  # noqa: SIM115  (closed below)
        close = True
    try:
        try:
            sheet = open_sheet(source, file_name)
        except SheetError as error:
            result.fatal = error.message
            return result
        importer.load()
        importer.analyse(sheet)
    finally:
        if close:
            source.close()
    counts = result.counts
    if not any(counts[key] for key in ("new", "updated", "unchanged", "duplicates", "rejected")):
        result.fatal = _("The sheet has its header on row %(row)s but no member rows below it.") % {
            "row": result.header_row
        }
        return result
    importer.decide(decisions or {}, on_duplicate)
    if expected_fingerprint and expected_fingerprint != result.fingerprint:
        result.fatal = _(
            "The file or the recorded members changed since the preview, so nothing was written. "
            "Check the file again to see the new preview."
        )
        return result
    if dry_run:
        return result
    if progress:
        progress(0, 1, "write")
    importer.write(file_name.rsplit("/", 1)[-1], job_id=job_id)
    if progress:
        progress(1, 1, "write")
    return result
