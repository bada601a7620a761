"""The emulation cycle, written through the audited services.

A sheet moves: draft (the union assesses itself, with evidence) → submitted → reviewed (the
cluster head scored it) → answered (the union answered the head's scores) → final. The head may
finalize a reviewed sheet the union chose not to answer. When every sheet is final the head makes
the cluster's results final: the ranking is then published to the members and award proposals
are drafted from it. Every write is checked (who, which stage, which fields), validated first for
all rows — a bad row saves nothing — and logged with who changed which points.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from huunghi.core.services import record_create, record_update, snapshot

from . import access, errors, measures, scoring
from .choices import CriterionKind, ProposalStatus, SheetStatus
from .criteria import code_key
from .models import AwardForm, AwardProposal, ScoreEntry, ScoreSheet

ACTION_STAGE = "huunghi.emulation.stage"

SELF_FIELDS = ("target", "achieved", "passed", "evidence", "evidence_document", "self_points")
HEAD_FIELDS = ("points", "comment")
ANSWER_FIELDS = ("answer",)

FLAG_FORM = "co-thi-dua-vufo"  # the cluster's flag: Cờ thi đua of VUFO
MERIT_FORM = "bang-khen-vufo-tap-the"  # VUFO's certificate of merit to a collective


def _deny():
    raise PermissionDenied(_("You do not have permission to change records of this organization."))


def _require_stage(sheet, *stages):
    if sheet.cluster.is_final:
        raise ValidationError(errors.CLUSTER_FINAL % {"year": sheet.cluster.year})
    if sheet.status == SheetStatus.FINAL:
        raise ValidationError(errors.SHEET_FINAL)
    if sheet.status not in stages:
        raise ValidationError(errors.WRONG_STAGE % {"status": sheet.get_status_display()})


def sheets_ensure(cluster):
    """A sheet for every member and an entry for every scored criterion (system action, logged).
    Idempotent: new members and new criteria get theirs."""
    leaves = [c for c in cluster.criteria_set.criteria.all() if c.kind != CriterionKind.GROUP]
    with transaction.atomic():
        for member in cluster.members.select_related("organization"):
            sheet = ScoreSheet.objects.filter(cluster=cluster, organization=member.organization).first()
            if sheet is None:
                sheet = record_create(instance=ScoreSheet(cluster=cluster, organization=member.organization),
                                      acting_user=None)  # fmt: skip
            have = set(sheet.entries.values_list("criterion_id", flat=True))
            missing = [
                ScoreEntry(sheet=sheet, criterion=c, target=c.default_target) for c in leaves if c.pk not in have
            ]
            if missing:
                ScoreEntry.objects.bulk_create(missing)


def _entries(sheet):
    return {e.pk: e for e in sheet.entries.select_related("criterion")}


def _apply(sheet, user, rows, fields, stamp=None):
    """Validate every row, then save the changed ones (each audited). `rows` maps entry id → values.
    `stamp` = (points field, by field, at field) recorded when the points change."""
    entries = _entries(sheet)
    problems, changed = {}, []
    now = timezone.now()
    for entry_id, values in rows.items():
        entry = entries.get(int(entry_id))
        if entry is None:
            continue
        before = snapshot(entry)
        old_points = getattr(entry, stamp[0]) if stamp else None
        for name in fields:
            if name in values:
                setattr(entry, name, _as_stored(name, values[name]))
        try:
            entry.full_clean(exclude=["sheet", "criterion"])
        except ValidationError as error:
            problems[entry.pk] = error
            continue
        if stamp and getattr(entry, stamp[0]) != old_points:
            setattr(entry, stamp[1], user)
            setattr(entry, stamp[2], now)
        changed.append((entry, before))
    if problems:
        raise EntryErrors(problems)
    with transaction.atomic():
        for entry, before in changed:
            if snapshot(entry) != before:
                record_update(instance=entry, acting_user=user, before=before)
    return len(changed)


def _as_stored(name, value):
    """A decimal as the column keeps it (7 → 7.00), so an unchanged score is not logged as a change.
    More decimals than the column has are left for validation to refuse, never rounded."""
    field = ScoreEntry._meta.get_field(name)
    if isinstance(value, Decimal) and getattr(field, "decimal_places", None) is not None:
        if value.is_finite() and -value.as_tuple().exponent <= field.decimal_places:
            return value.quantize(Decimal(1).scaleb(-field.decimal_places))
    return value


class EntryErrors(ValidationError):
    """Validation errors per entry id (the form shows each beside its criterion)."""

    def __init__(self, by_entry):
        self.by_entry = by_entry
        messages = []
        for error in by_entry.values():
            messages.extend(error.messages)
        super().__init__(messages)


def _save_sheet_text(sheet, user, **values):
    before = snapshot(sheet)
    for name, value in values.items():
        setattr(sheet, name, value)
    if snapshot(sheet) != before:
        record_update(instance=sheet, acting_user=user, before=before)


def save_self_assessment(sheet, user, rows, summary=None):
    """The union's targets, figures, evidence and self-scores, while its sheet is a draft."""
    if not access.can_self_assess(user, sheet):
        _deny()
    _require_stage(sheet, SheetStatus.DRAFT)
    with transaction.atomic():
        count = _apply(sheet, user, rows, SELF_FIELDS, stamp=("self_points", "self_by", "self_at"))
        if summary is not None:
            _save_sheet_text(sheet, user, summary=summary)
    return count


def propose_from_records(sheet, user):
    """Fill the achieved figure, its evidence records and a proposed self-score of every criterion
    that takes its figure from the records (statistics functions); self-scores already entered stay."""
    if not access.can_self_assess(user, sheet):
        _deny()
    _require_stage(sheet, SheetStatus.DRAFT)
    year = sheet.cluster.year
    entries = list(_entries(sheet).values())
    bests = _bests(sheet.cluster)
    rows, links = {}, {}
    for entry in entries:
        found = measures.figure(entry.criterion.measure, sheet.organization, year)
        if found is None:
            continue
        entry.achieved = found.value
        values = {"achieved": found.value}
        if entry.self_points is None:
            values["self_points"] = scoring.proposed_points(entry.criterion, entry, bests.get(entry.criterion_id))
        rows[entry.pk] = values
        links[entry.pk] = found
    with transaction.atomic():
        _apply(sheet, user, rows, SELF_FIELDS, stamp=("self_points", "self_by", "self_at"))
        for entry in entries:
            found = links.get(entry.pk)
            if found is not None:
                entry.delegations.set(found.delegations)
                entry.events.set(found.events)
                entry.aid_items.set(found.aid_items)
                entry.branches.set(found.branches)
    return len(rows)


def _bests(cluster):
    """Best achieved figure per criterion among units without a target."""
    bests = {}
    for criterion_id, achieved in ScoreEntry.objects.filter(
        sheet__cluster=cluster, target__isnull=True, achieved__isnull=False
    ).values_list("criterion_id", "achieved"):
        bests[criterion_id] = max(bests.get(criterion_id, Decimal(0)), achieved)
    return bests


def proposed_for(sheet):
    """entry id → the points the rules give (shown beside each row as a suggestion)."""
    bests = _bests(sheet.cluster)
    return {e.pk: scoring.proposed_points(e.criterion, e, bests.get(e.criterion_id)) for e in _entries(sheet).values()}


def _missing(sheet, field):
    return sorted((e.criterion.code for e in _entries(sheet).values() if getattr(e, field) is None), key=code_key)


def _move(sheet, user, status, stamp_field):
    before = snapshot(sheet)
    sheet.status = status
    setattr(sheet, stamp_field, timezone.now())
    record_update(instance=sheet, acting_user=user, before=before)
    log(instance=sheet, action=ACTION_STAGE, user=user, data={"status": status})


def submit(sheet, user):
    if not access.can_self_assess(user, sheet):
        _deny()
    _require_stage(sheet, SheetStatus.DRAFT)
    missing = _missing(sheet, "self_points")
    if missing:
        raise ValidationError(errors.NOT_ALL_SCORED % {"codes": ", ".join(missing)})
    _move(sheet, user, SheetStatus.SUBMITTED, "submitted_at")


def save_review(sheet, user, rows, head_comment=None):
    """The head's scores and comments, once the union has submitted (again after its answer)."""
    if not access.is_head(user, sheet.cluster):
        _deny()
    _require_stage(sheet, SheetStatus.SUBMITTED, SheetStatus.REVIEWED, SheetStatus.ANSWERED)
    with transaction.atomic():
        count = _apply(sheet, user, rows, HEAD_FIELDS, stamp=("points", "points_by", "points_at"))
        if head_comment is not None:
            _save_sheet_text(sheet, user, head_comment=head_comment)
    return count


def accept_self_scores(sheet, user):
    """The head takes the union's self-score where the head has entered none yet."""
    rows = {e.pk: {"points": e.self_points} for e in _entries(sheet).values() if e.points is None}
    return save_review(sheet, user, rows)


def send_review(sheet, user):
    if not access.is_head(user, sheet.cluster):
        _deny()
    _require_stage(sheet, SheetStatus.SUBMITTED, SheetStatus.ANSWERED)
    missing = _missing(sheet, "points")
    if missing:
        raise ValidationError(errors.NOT_ALL_SCORED % {"codes": ", ".join(missing)})
    _move(sheet, user, SheetStatus.REVIEWED, "reviewed_at")


def save_answer(sheet, user, rows, answer=None):
    if not access.can_self_assess(user, sheet):
        _deny()
    _require_stage(sheet, SheetStatus.REVIEWED)
    with transaction.atomic():
        count = _apply(sheet, user, rows, ANSWER_FIELDS)
        if answer is not None:
            _save_sheet_text(sheet, user, answer=answer)
    return count


def send_answer(sheet, user):
    if not access.can_self_assess(user, sheet):
        _deny()
    _require_stage(sheet, SheetStatus.REVIEWED)
    _move(sheet, user, SheetStatus.ANSWERED, "answered_at")


def finalize_sheet(sheet, user):
    if not access.is_head(user, sheet.cluster):
        _deny()
    _require_stage(sheet, SheetStatus.REVIEWED, SheetStatus.ANSWERED)
    missing = _missing(sheet, "points")
    if missing:
        raise ValidationError(errors.NOT_ALL_SCORED % {"codes": ", ".join(missing)})
    _move(sheet, user, SheetStatus.FINAL, "finalized_at")


def finalize_cluster(cluster, user):
    """Make the year's results final: every sheet must be final. The ranking becomes visible to
    the members, and nothing can be scored any more."""
    if not access.is_head(user, cluster):
        _deny()
    if cluster.is_final:
        raise ValidationError(errors.CLUSTER_FINAL % {"year": cluster.year})
    open_sheets = [s.organization.name for s in cluster.sheets.select_related("organization") if not s.is_final]
    if open_sheets or not cluster.sheets.exists():
        raise ValidationError(errors.NOT_ALL_FINAL % {"names": ", ".join(open_sheets) or "—"})
    with transaction.atomic():
        type(cluster).objects.filter(pk=cluster.pk).update(finalized_at=timezone.now(), finalized_by=user)
        cluster.refresh_from_db()
        log(instance=cluster, action=ACTION_STAGE, user=user, data={"status": "final"})


def draft_proposals(cluster, user, flags=1, merits=2):
    """Proposals from the final ranking: the cluster flag (Cờ thi đua) for the top `flags` ranks,
    VUFO's certificate of merit (Bằng khen) for the next `merits` ranks. Units sharing a rank are
    treated alike. Forms are those in force at the end of the cluster's year. Idempotent."""
    if not access.is_head(user, cluster):
        _deny()
    if not cluster.is_final:
        raise ValidationError(errors.NOT_ALL_FINAL % {"names": _("the cluster's results")})
    day = datetime.date(cluster.year, 12, 31)
    forms = {}
    for code in (FLAG_FORM, MERIT_FORM):
        form = AwardForm.objects.filter(code=code, valid_from__lte=day).order_by("-valid_from").first()
        if form is None or not form.is_valid_on(day):
            raise ValidationError(errors.AWARD_FORM_NOT_VALID % {"form": code, "date": day.strftime("%d/%m/%Y"),
                                                                 "validity": "—"})  # fmt: skip
        forms[code] = form
    created = []
    with transaction.atomic():
        for score in scoring.cluster_ranking(cluster):
            if score.rank <= flags:
                form = forms[FLAG_FORM]
            elif score.rank <= flags + merits:
                form = forms[MERIT_FORM]
            else:
                continue
            organization = score.sheet.organization
            if AwardProposal.objects.filter(cluster=cluster, recipient_organization=organization).exists():
                continue
            proposal = AwardProposal(
                organization=cluster.head,
                cluster=cluster,
                year=cluster.year,
                award_form=form,
                recipient_organization=organization,
                rank=score.rank,
                total_points=score.total,
                reason=_("Ranked %(rank)s of %(count)s in %(cluster)s with %(points)s points.")
                % {
                    "rank": score.rank,
                    "count": cluster.sheets.count(),
                    "cluster": cluster,
                    "points": scoring.format_points(score.total),
                },
                status=ProposalStatus.DRAFT,
            )
            created.append(record_create(instance=proposal, acting_user=user))
    return created
