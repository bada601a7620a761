"""The criteria tree (cây tiêu chí): codes "1", "1.2", "2.3.1" give each criterion its place.

A group's maximum is the sum of its children's; the top-level maxima add up to the set's declared
total. Bonus and penalty criteria stand apart at the top level: they move a total up or down
within their own maximum and are not part of the declared total.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from . import errors
from .choices import CriterionKind

CODE_RE = re.compile(r"^\d+(\.\d+)*$")


@dataclass(frozen=True)
class Row:
    code: str
    kind: str
    max_points: Decimal


def parent_code(code):
    return code.rpartition(".")[0]


def code_key(code):
    """Sort key: 1.2 before 1.10."""
    return tuple(int(part) for part in code.split(".")) if CODE_RE.match(code or "") else (10**9,)


def fmt_points(value):
    value = Decimal(value).normalize()
    text = f"{value:f}"
    return text.replace(".", ",")


def tree_errors(rows, total):
    """Every inconsistency of a criteria tree as (code or None, message). Empty when it is sound."""
    problems = []
    by_code = {}
    for row in rows:
        if not CODE_RE.match(row.code or ""):
            problems.append((row.code, errors.CODE_SHAPE))
            continue
        if row.code in by_code:
            problems.append((row.code, errors.CODE_TWICE % {"code": row.code}))
            continue
        by_code[row.code] = row
    children = {}
    for code, row in by_code.items():
        parent = parent_code(code)
        if parent:
            if parent not in by_code:
                problems.append((code, errors.PARENT_MISSING % {"code": code, "parent": parent}))
                continue
            if row.kind == CriterionKind.BONUS_PENALTY:
                problems.append((code, errors.BONUS_NOT_TOP % {"code": code}))
            children.setdefault(parent, []).append(row)
    for code, row in sorted(by_code.items(), key=lambda item: code_key(item[0])):
        kids = children.get(code, [])
        if row.kind == CriterionKind.GROUP:
            if not kids:
                problems.append((code, errors.GROUP_WITHOUT_CHILDREN % {"code": code}))
                continue
            kid_sum = sum((k.max_points for k in kids if k.kind != CriterionKind.BONUS_PENALTY), Decimal(0))
            if kid_sum != row.max_points:
                problems.append(
                    (
                        code,
                        errors.CHILDREN_MISMATCH
                        % {"code": code, "sum": fmt_points(kid_sum), "max": fmt_points(row.max_points)},
                    )
                )
        elif kids:
            problems.append((code, errors.LEAF_WITH_CHILDREN % {"code": code}))
    top_sum = sum(
        (r.max_points for c, r in by_code.items() if not parent_code(c) and r.kind != CriterionKind.BONUS_PENALTY),
        Decimal(0),
    )
    if total is not None and top_sum != Decimal(total):
        problems.append((None, errors.TOTAL_MISMATCH % {"sum": fmt_points(top_sum), "total": fmt_points(total)}))
    return problems
