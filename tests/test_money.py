from decimal import Decimal

import pytest

from desk.money import InputError, fen, format_yuan, from_fen, money_str, parse_money, parse_ratio, to_fen


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


@pytest.mark.parametrize("yuan, count", [("12.30", 1230), ("0", 0), ("0.01", 1), ("-0.05", -5), ("3000", 300000),
                                         ("1E+3", 100000), ("99999999.99", 9999999999), ("0.10", 10)])
def test_to_fen_and_from_fen_cross_exactly(yuan, count):
    assert to_fen(Decimal(yuan)) == count
    assert from_fen(count) == Decimal(yuan)
    assert from_fen(count).as_tuple().exponent == -2


@pytest.mark.parametrize("raw", ["0.001", "12.345", "0.999", "-0.005"])
def test_to_fen_refuses_sub_fen_rather_than_truncating(raw):
    """int(Decimal("0.999") * 100) is 99: a fen lost without a word. to_fen says which field."""
    with pytest.raises(InputError, match=r"balance: .* more than two decimals"):
        to_fen(Decimal(raw), "balance")


@pytest.mark.parametrize("raw", [12.3, 1230, "12.30", None, True])
def test_to_fen_takes_only_decimals(raw):
    with pytest.raises(TypeError):
        to_fen(raw)


@pytest.mark.parametrize("raw", [12.3, Decimal("12.30"), "1230", True])
def test_from_fen_takes_only_integers(raw):
    with pytest.raises(TypeError):
        from_fen(raw)


@pytest.mark.parametrize("amount, shown", [("12345.6", "12,345.60"), ("0", "0.00"), ("999.99", "999.99"),
                                           ("1000", "1,000.00"), ("-1234567.89", "-1,234,567.89"),
                                           ("0.005", "0.01")])
def test_format_yuan_groups_thousands_with_two_decimals(amount, shown):
    assert format_yuan(Decimal(amount)) == shown


def test_fen_of_two_decimals_is_to_fen_of_the_same_text():
    """The hub reads ~40 amounts per uploaded bill through this short way; it must give what the Decimal
    way gives, digit for digit, and refuse what is not exactly two decimals of ASCII digits."""
    import random

    from desk.money import fen_of_two_decimals

    rng = random.Random(7)
    texts = ["0.00", "-0.00", "-0.05", "00.10", "12.30", "-12.30", "999999999999.99"]
    texts += [("-" if rng.random() < 0.3 else "") + str(rng.randrange(10 ** rng.randrange(1, 13)))
              + f".{rng.randrange(100):02d}" for _ in range(5000)]
    for text in texts:
        assert fen_of_two_decimals(text) == to_fen(Decimal(text)), text
    for bad in ("12", "1.2", "1.234", "-", ".12", "1.-2", "１.00", "1 .00", "+1.00"):
        with pytest.raises(ValueError):
            fen_of_two_decimals(bad)


def test_the_protocol_refuses_an_amount_with_a_trailing_newline():
    """`re.match` with `$` let "12.30\\n" through as an amount; it is not one."""
    from desk.sync.protocol import ProtocolError, amount_fen

    assert amount_fen("-12.30", "total") == -1230
    with pytest.raises(ProtocolError, match="total"):
        amount_fen("12.30\n", "total")
