"""Criteria trees, the scoring rules and the ranking's tie-break, without the database."""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from huunghi.emulation import errors
from huunghi.emulation.choices import CriterionKind as K
from huunghi.emulation.choices import NoTargetRule
from huunghi.emulation.criteria import Row, tree_errors
from huunghi.emulation.models import Criterion
from huunghi.emulation.scoring import SheetScore, proposed_points, rank_scores

D = Decimal

SOUND = [
    Row("1", K.GROUP, D(60)),
    Row("1.1", K.QUANTITATIVE, D(40)),
    Row("1.2", K.PASS_FAIL, D(20)),
    Row("2", K.PER_OCCURRENCE, D(40)),
    Row("3", K.BONUS_PENALTY, D(5)),
]


def messages(rows, total):
    return [str(message) for _code, message in tree_errors(rows, total)]


def test_a_sound_tree_has_no_errors():
    assert tree_errors(SOUND, D(100)) == []


def test_maxima_that_do_not_add_up_to_the_declared_total():
    assert messages(SOUND, D(90)) == [str(errors.TOTAL_MISMATCH % {"sum": "100", "total": "90"})]


def test_children_that_do_not_add_up_to_their_group():
    rows = [*SOUND[:2], Row("1.2", K.PASS_FAIL, D(15)), *SOUND[3:]]
    found = messages(rows, D(95))
    assert str(errors.CHILDREN_MISMATCH % {"code": "1", "sum": "55", "max": "60"}) in found


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([Row("1", K.GROUP, D(10))], errors.GROUP_WITHOUT_CHILDREN % {"code": "1"}),
        ([Row("1", K.PASS_FAIL, D(10)), Row("1.1", K.PASS_FAIL, D(10))], errors.LEAF_WITH_CHILDREN % {"code": "1"}),
        ([Row("2.1", K.PASS_FAIL, D(10))], errors.PARENT_MISSING % {"code": "2.1", "parent": "2"}),
        ([Row("1.a", K.PASS_FAIL, D(10))], errors.CODE_SHAPE),
        ([Row("1", K.PASS_FAIL, D(5)), Row("1", K.PASS_FAIL, D(5))], errors.CODE_TWICE % {"code": "1"}),
        (
            [Row("1", K.GROUP, D(10)), Row("1.1", K.PASS_FAIL, D(10)), Row("1.2", K.BONUS_PENALTY, D(2))],
            errors.BONUS_NOT_TOP % {"code": "1.2"},
        ),
    ],
)
def test_malformed_trees(rows, expected):
    assert str(expected) in messages(rows, None)


def criterion(kind, top, **extra):
    return Criterion(code="1", title="t", kind=kind, max_points=D(top), **extra)


def entry(**values):
    return SimpleNamespace(**{"achieved": None, "target": None, "passed": None, **values})


def test_quantitative_against_a_target_is_proportional_and_capped():
    c = criterion(K.QUANTITATIVE, 15)
    assert proposed_points(c, entry(achieved=D(5), target=D(10))) == D("7.50")
    assert proposed_points(c, entry(achieved=D(30), target=D(10))) == D(15)
    assert proposed_points(c, entry()) is None


def test_quantitative_without_a_target_follows_the_rule():
    full = criterion(K.QUANTITATIVE, 10, no_target_rule=NoTargetRule.FULL_IF_ANY)
    assert proposed_points(full, entry(achieved=D(1))) == D(10)
    assert proposed_points(full, entry(achieved=D(0))) == D(0)
    relative = criterion(K.QUANTITATIVE, 10, no_target_rule=NoTargetRule.RELATIVE_TO_BEST)
    assert proposed_points(relative, entry(achieved=D(3)), best=D(9)) == D("3.33")
    zero = criterion(K.QUANTITATIVE, 10, no_target_rule=NoTargetRule.ZERO)
    assert proposed_points(zero, entry(achieved=D(3))) == D(0)


def test_pass_fail_per_occurrence_bonus_and_penalty():
    assert proposed_points(criterion(K.PASS_FAIL, 10), entry(passed=True)) == D(10)
    assert proposed_points(criterion(K.PASS_FAIL, 10), entry(passed=False)) == D(0)
    each = criterion(K.PER_OCCURRENCE, 10, points_each=D("2.5"))
    assert proposed_points(each, entry(achieved=D(3))) == D("7.50")
    assert proposed_points(each, entry(achieved=D(9))) == D(10)
    bonus = criterion(K.BONUS_PENALTY, 5, points_each=D(1))
    assert proposed_points(bonus, entry(achieved=D(7))) == D(5)
    penalty = criterion(K.BONUS_PENALTY, 5, points_each=D(-1))
    assert proposed_points(penalty, entry(achieved=D(2))) == D(-2)
    assert penalty.check_points(D(-6)) == errors.BONUS_OUT_OF_RANGE % {"max": "5"}
    assert penalty.check_points(D(1)) is not None


def test_points_above_the_maximum_are_refused():
    c = criterion(K.PASS_FAIL, 10)
    assert c.check_points(D("10.5")) == errors.POINTS_ABOVE_MAX % {"points": "10,5", "max": "10"}
    assert c.check_points(D(-1)) == errors.POINTS_BELOW_ZERO
    assert c.check_points(D(10)) is None


def score(name, total, **by_code):
    return SheetScore(sheet=SimpleNamespace(organization=SimpleNamespace(name=name)), total=D(total),
                      by_code={k.replace("_", "."): D(v) for k, v in by_code.items()})  # fmt: skip


def test_tie_break_orders_equal_totals_by_the_stated_criteria_then_shares_the_rank():
    scores = [
        score("A", 90, **{"2": 30, "1": 30}),
        score("B", 90, **{"2": 35, "1": 25}),
        score("C", 95, **{"2": 30, "1": 30}),
        score("D", 90, **{"2": 30, "1": 30}),
        score("E", 80, **{"2": 40, "1": 40}),
    ]
    ranked = rank_scores(scores, ["2", "1"])
    assert [(s.sheet.organization.name, s.rank) for s in ranked] == [("C", 1), ("B", 2), ("A", 3), ("D", 3), ("E", 5)]


@given(st.lists(st.integers(min_value=0, max_value=100), min_size=1, max_size=15))
def test_ranks_follow_totals(totals):
    ranked = rank_scores([score(f"U{i}", t) for i, t in enumerate(totals)], [])
    for better, worse in zip(ranked, ranked[1:], strict=False):
        assert better.total >= worse.total
        assert (better.rank == worse.rank) == (better.total == worse.total)
    assert ranked[0].rank == 1
