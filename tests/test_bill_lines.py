"""A bill line's quantity, unit price and amount: checked once in the core, for the CLI, the store and the counter."""
from decimal import Decimal

import pytest

from desk.store.settling import LineError, line_amount, line_quantity, line_unit_price


@pytest.mark.parametrize("raw, quantity", [("1", "1"), (" 2 ", "2"), ("0.5", "0.5"), ("0.125", "0.125"), (3, "3")])
def test_a_quantity_is_positive_with_at_most_three_decimals(raw, quantity):
    assert line_quantity(raw) == Decimal(quantity)


@pytest.mark.parametrize("raw, kind", [("abc", "not_a_number"), ("", "not_a_number"), (None, "not_a_number"),
                                       ("0", "out_of_range"), ("-1", "out_of_range"), ("0.0001", "out_of_range"),
                                       ("NaN", "out_of_range"), ("Infinity", "out_of_range")])
def test_a_bad_quantity_is_refused_by_kind(raw, kind):
    with pytest.raises(LineError) as err:
        line_quantity(raw)
    assert (err.value.field, err.value.kind) == ("quantity", kind)


@pytest.mark.parametrize("raw, kind", [("x", "not_a_number"), ("-0.01", "out_of_range"), ("1.005", "out_of_range")])
def test_a_bad_unit_price_is_refused_by_kind(raw, kind):
    with pytest.raises(LineError) as err:
        line_unit_price(raw)
    assert (err.value.field, err.value.kind) == ("unit price", kind)
    assert str(err.value).startswith("unit price: ")


def test_a_free_line_is_allowed_and_the_amount_rounds_half_up_to_the_fen():
    assert line_unit_price("0") == Decimal("0")
    assert line_amount(Decimal("0.5"), Decimal("0.25")) == Decimal("0.13")  # 0.125 → 0.13, not 0.12
    assert line_amount(Decimal("3"), Decimal("10.00")) == Decimal("30.00")
