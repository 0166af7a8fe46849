"""Properties that hold for every result: bounds and monotonicity."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prongsai.engine import Registry, compute_scores, parse_results

REGISTRY = Registry()
EDITIONS = REGISTRY.keys()
scores = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False)
indicator_sets = st.fixed_dictionaries({str(n): scores for n in range(1, 11)})


def overall(key: str, indicators: dict[str, Decimal]) -> Decimal:
    framework = REGISTRY.get(key)
    results = parse_results({"fiscal_year": framework.fiscal_year, "indicators": indicators})
    value = compute_scores(framework, results).overall
    assert value is not None
    return value


@pytest.mark.parametrize("key", EDITIONS)
@settings(max_examples=60, deadline=None)
@given(indicators=indicator_sets)
def test_scores_stay_within_0_and_100(key, indicators):
    framework = REGISTRY.get(key)
    results = parse_results({"fiscal_year": framework.fiscal_year, "indicators": indicators})
    computed = compute_scores(framework, results)
    for value in [computed.overall, *computed.tools.values()]:
        assert value is not None and 0 <= value <= 100


@pytest.mark.parametrize("key", EDITIONS)
@settings(max_examples=60, deadline=None)
@given(indicators=indicator_sets, which=st.integers(1, 10), raise_by=scores)
def test_raising_an_indicator_never_lowers_the_overall(key, indicators, which, raise_by):
    raised = dict(indicators)
    raised[str(which)] = min(Decimal(100), indicators[str(which)] + raise_by)
    assert overall(key, raised) >= overall(key, indicators)


@settings(max_examples=80, deadline=None)
@given(passed=st.lists(st.booleans(), min_size=43, max_size=43), which=st.integers(1, 43))
def test_passing_one_more_oit_item_adds_exactly_its_weight(passed, which):
    from prongsai.engine import item_weight

    framework = REGISTRY.get("nacc-2564")
    base = {f"O{n}": ok for n, ok in enumerate(passed, start=1)}
    fixed = dict(base, **{f"O{which}": True})

    def oit(items):
        results = parse_results({"fiscal_year": 2564, "oit_items": items})
        value = compute_scores(framework, results).tools["OIT"]
        assert value is not None and 0 <= value <= 100
        return value

    gain = Decimal("0.4") * (oit(fixed) - oit(base))
    expected = Decimal(0) if base[f"O{which}"] else item_weight(framework, f"O{which}")
    assert abs(gain - expected) < Decimal("1e-20")
