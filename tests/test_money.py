from decimal import Decimal

import pytest

from desk.money import InputError, fen, money_str, parse_money, parse_ratio


def test_fen_rounds_half_up_not_to_even():
    assert fen(Decimal("0.125")) == Decimal("0.13")
    assert fen(Decimal("0.135")) == Decimal("0.14")
    assert fen(Decimal("2.675")) == Decimal("2.68")


def test_floats_are_read_by_their_shortest_repr():
    assert parse_money(0.1, "x") == Decimal("0.10")
    assert parse_money(0.1, "x") + parse_money(0.2, "x") == Decimal("0.30")
    assert parse_ratio(0.15, "r") == Decimal("0.1500")


@pytest.mark.parametrize("raw", ["12.30", 12.3, 12, "12.3", " 12.30 ", Decimal("12.300")])
def test_money_accepts_strings_numbers_and_decimals(raw):
    value = parse_money(raw, "amount")
    assert value == Decimal("12.30") or value == Decimal("12.00")
    assert value.as_tuple().exponent == -2


@pytest.mark.parametrize("raw, says", [
    ("-1", "negative"), (-0.01, "negative"), ("abc", "not a number"), ("", "not a number"),
    (None, "not a number"), (True, "not a number"), ([1], "not a number"), ("NaN", "finite"),
    ("Infinity", "finite"), ("1.005", "more than two decimals"), (float("inf"), "finite"),
])
def test_bad_money_is_refused_naming_the_field(raw, says):
    with pytest.raises(InputError) as err:
        parse_money(raw, "items[3].amount")
    assert str(err.value).startswith("items[3].amount: ")
    assert says in str(err.value)


@pytest.mark.parametrize("raw", ["1.5", "-0.1", "0.12345", "x"])
def test_bad_ratios_are_refused(raw):
    with pytest.raises(InputError, match="selfpay_ratio"):
        parse_ratio(raw, "items[0].selfpay_ratio")


def test_money_crosses_json_with_two_decimals():
    assert money_str(Decimal("5")) == "5.00"
    assert money_str(Decimal("0.1")) == "0.10"
