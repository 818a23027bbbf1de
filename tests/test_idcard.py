"""居民身份证号: check character, parsing and its refusals, masking, and building numbers."""
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk.idcard import CHECK_CHARS, IdNumber, check_digit, make_id_number, mask_id_number, parse_id_number

TODAY = dt.date(2026, 1, 1)
PUBLIC_SAMPLE = "11010519491231002X"  # the sample number printed in GB 11643-1999 itself


def test_check_digit_of_the_public_sample_is_x():
    assert check_digit(PUBLIC_SAMPLE[:17]) == "X"


def test_check_digit_by_hand():
    # 4·7+1·9+0·10+1·5+0·8+1·4+1·2+9·1+9·6+0·3+1·7+0·9+0·10+1·5+0·8+0·4+1·2 = 125, 125 mod 11 = 4 -> '8'
    assert check_digit("41010119901001001") == "8"


@pytest.mark.parametrize("bad", ["1101051949123100", "110105194912310021", "1101051949123100A", "１1010519491231002"])
def test_check_digit_wants_exactly_17_ascii_digits(bad):
    with pytest.raises(ValueError):
        check_digit(bad)


def test_the_public_sample_parses():
    parsed = parse_id_number(PUBLIC_SAMPLE, today=TODAY)
    assert parsed == IdNumber(number=PUBLIC_SAMPLE, birth_date=dt.date(1949, 12, 31), sex="F", region="110105")


def test_spaces_and_a_lowercase_x_are_tidied_not_refused():
    assert parse_id_number(" 110105 19491231 002x ", today=TODAY).number == PUBLIC_SAMPLE
    assert parse_id_number("110105\u300019491231002X", today=TODAY).number == PUBLIC_SAMPLE


def test_odd_17th_digit_is_male():
    number = make_id_number("410900", dt.date(1980, 5, 17), 12, "M")
    assert int(number[16]) % 2 == 1
    assert parse_id_number(number, today=TODAY).sex == "M"


def test_without_today_the_clock_is_used():
    assert parse_id_number(PUBLIC_SAMPLE).birth_date == dt.date(1949, 12, 31)
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    with pytest.raises(ValueError, match="in the future"):
        parse_id_number(make_id_number("110105", tomorrow, 1, "F"))


@given(st.text("0123456789", min_size=17, max_size=17))
def test_check_digit_meets_the_iso_7064_definition(first17):
    # MOD 11-2 by its own definition, not through the weight table or the character map:
    # the sum of a_i * 2^(18-i) over all 18 characters (X = 10) is 1 mod 11.
    number = first17 + check_digit(first17)
    values = [10 if char == "X" else int(char) for char in number]
    assert sum(value * 2 ** (18 - position) for position, value in enumerate(values, start=1)) % 11 == 1


def _with_check(first17: str) -> str:
    return first17 + check_digit(first17)


@pytest.mark.parametrize("text, reason", [
    ("11010519491231002", "must be 18 characters, got 17"),
    ("11010519491231002X1", "must be 18 characters, got 19"),
    ("110105491231002", "must be 18 characters, got 15 (old 15-digit numbers must be converted to 18)"),
    ("", "must be 18 characters, got 0"),
    ("1101051949123100AX", "character 17 must be a digit, got 'A'"),
    ("１10105194912310021", "character 1 must be a digit, got '１'"),
    ("11010519491231002Y", "the last character must be a digit or X, got 'Y'"),
    ("110105194912310023", "check digit is 3, expected X"),
    (_with_check("11010519850230002"), "birth date 19850230 is not a date"),
    (_with_check("11010519851301002"), "birth date 19851301 is not a date"),
    (_with_check("11010518991231002"), "birth year 1899 is before 1900"),
    (_with_check("11010520310101002"), "birth date 2031-01-01 is in the future"),
    (_with_check("11010520260102002"), "birth date 2026-01-02 is in the future"),
])
def test_refusals_say_what_is_wrong(text, reason):
    with pytest.raises(ValueError) as err:
        parse_id_number(text, today=TODAY)
    assert str(err.value).startswith(reason)


def test_refusals_do_not_repeat_the_number():
    number = make_id_number("410900", dt.date(1990, 10, 1), 0, "M")
    wrong = number[:-1] + ("0" if number[-1] != "0" else "1")
    with pytest.raises(ValueError) as err:
        parse_id_number(wrong, today=TODAY)
    assert number[:17] not in str(err.value)


def test_born_today_is_not_the_future():
    assert parse_id_number(make_id_number("410900", TODAY, 5, "F"), today=TODAY).birth_date == TODAY


def test_mask_shows_only_the_first_three_and_last_four():
    assert mask_id_number(PUBLIC_SAMPLE) == "110***********002X"
    number = make_id_number("410900", dt.date(1975, 3, 8), 42, "F")
    masked = mask_id_number(number)
    assert len(masked) == 18 and masked[:3] == number[:3] and masked[-4:] == number[-4:]
    assert set(masked[3:14]) == {"*"}
    assert "1975" not in masked and "0308" not in masked


def test_mask_of_something_short_shows_nothing():
    assert mask_id_number("1234567") == "*******"
    assert mask_id_number("") == ""


@pytest.mark.parametrize("region, birth, sequence, sex", [
    ("41090", dt.date(1980, 1, 1), 1, "M"), ("41090A", dt.date(1980, 1, 1), 1, "M"),
    ("410900", dt.date(1899, 12, 31), 1, "M"), ("410900", dt.date(1980, 1, 1), 100, "M"),
    ("410900", dt.date(1980, 1, 1), -1, "M"), ("410900", dt.date(1980, 1, 1), 1, "male"),
])
def test_make_refuses_what_cannot_be_a_number(region, birth, sequence, sex):
    with pytest.raises(ValueError):
        make_id_number(region, birth, sequence, sex)


dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=TODAY)
regions = st.from_regex(r"\A[1-9][0-9]{5}\Z")


@given(regions, dates, st.integers(0, 99), st.sampled_from("MF"))
def test_make_then_parse_round_trips(region, birth, sequence, sex):
    number = make_id_number(region, birth, sequence, sex)
    parsed = parse_id_number(number, today=TODAY)
    assert (parsed.number, parsed.birth_date, parsed.sex, parsed.region) == (number, birth, sex, region)
    assert number[14:16] == f"{sequence:02d}"


@given(regions, dates, st.text("0123456789", min_size=3, max_size=3))
def test_exactly_one_of_the_eleven_check_characters_parses(region, birth, order):
    first17 = f"{region}{birth:%Y%m%d}{order}"
    accepted = []
    for char in CHECK_CHARS:
        try:
            parse_id_number(first17 + char, today=TODAY)
        except ValueError as err:
            assert str(err).startswith("check digit is")
        else:
            accepted.append(char)
    assert accepted == [check_digit(first17)]
