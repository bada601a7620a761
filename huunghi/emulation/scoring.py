"""Points and ranking. Every figure here is recomputed from the stored entries: a total is the sum
of its criteria, a group the sum of its children, a rank the order of totals with the stated
tie-break, so each number on the ranking page traces back to the entries that make it."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from .choices import CriterionKind, NoTargetRule
from .criteria import code_key, parent_code

CENT = Decimal("0.01")


def _round(value):
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def proposed_points(criterion, entry, best=None):
    """The points the rules give for what the union recorded (None when nothing is recorded yet).
    `best` is the best achieved figure among the cluster's units without a target (for the
    "relative to the best" rule)."""
    kind = criterion.kind
    top = criterion.max_points
    if kind == CriterionKind.PASS_FAIL:
        return None if entry.passed is None else (top if entry.passed else Decimal(0))
    if entry.achieved is None:
        return None
    achieved = max(entry.achieved, Decimal(0)) if kind != CriterionKind.BONUS_PENALTY else entry.achieved
    if kind == CriterionKind.QUANTITATIVE:
        target = entry.target
        if target:
            return _round(min(achieved / target, Decimal(1)) * top)
        rule = criterion.no_target_rule
        if rule == NoTargetRule.FULL_IF_ANY:
            return top if achieved > 0 else Decimal(0)
        if rule == NoTargetRule.RELATIVE_TO_BEST:
            return _round(top * achieved / best) if best else Decimal(0)
        return Decimal(0)
    if kind == CriterionKind.PER_OCCURRENCE:
        return min(_round(achieved * (criterion.points_each or 0)), top)
    if kind == CriterionKind.BONUS_PENALTY:
        low, high = criterion.points_range()
        return max(low, min(high, _round(abs(achieved) * (criterion.points_each or 0))))
    return None


@dataclass
class SheetScore:
    sheet: object
    total: Decimal = Decimal(0)
    by_code: dict = field(default_factory=dict)  # criterion code → points (groups included)
    missing: list = field(default_factory=list)  # leaf codes without points
    rank: int = 0


def sheet_score(sheet, criteria, entries, which="points"):
    """Totals of one sheet from its entries: `which` is "points" (the head's) or "self_points"."""
    score = SheetScore(sheet=sheet)
    by_criterion = {e.criterion_id: e for e in entries}
    for criterion in sorted(criteria, key=lambda c: code_key(c.code), reverse=True):  # children first
        if criterion.kind == CriterionKind.GROUP:
            score.by_code.setdefault(criterion.code, Decimal(0))
            value = score.by_code[criterion.code]
        else:
            entry = by_criterion.get(criterion.pk)
            value = getattr(entry, which) if entry is not None else None
            if value is None:
                score.missing.append(criterion.code)
                value = Decimal(0)
            score.by_code[criterion.code] = value
        parent = parent_code(criterion.code)
        if parent:
            score.by_code[parent] = score.by_code.get(parent, Decimal(0)) + value
        else:
            score.total += value
    score.missing.sort(key=code_key)
    return score


def tie_key(score, codes):
    return tuple(-score.by_code.get(code, Decimal(0)) for code in codes)


def rank_scores(scores, tie_codes):
    """Order by total, then by the tie-break criteria in order; units equal on all share a rank
    (1, 2, 2, 4)."""
    ordered = sorted(scores, key=lambda s: (-s.total, *tie_key(s, tie_codes), s.sheet.organization.name))
    previous, rank = None, 0
    for position, score in enumerate(ordered, start=1):
        key = (score.total, tie_key(score, tie_codes))
        if key != previous:
            rank, previous = position, key
        score.rank = rank
    return ordered


def cluster_ranking(cluster, which="points"):
    """The cluster's members ranked by their sheets' totals."""
    criteria = list(cluster.criteria_set.criteria.all())
    sheets = cluster.sheets.select_related("organization").prefetch_related("entries")
    scores = [sheet_score(sheet, criteria, list(sheet.entries.all()), which) for sheet in sheets]
    return rank_scores(scores, cluster.criteria_set.tie_break_codes())


def format_points(value):
    """Points the Vietnamese way: 87,5 — no trailing zeros."""
    from .criteria import fmt_points

    return fmt_points(value if value is not None else 0)
