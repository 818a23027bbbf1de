"""山东 (seed 004, 鲁政办发〔2021〕22号): a framework of bounds that are shares of the provincial wage W.

The seed gives no figure for W, so these tests add one (100,000 yuan, a round test figure) to a
copy of the framework; the shipped framework refuses every city until W is filled in.
"""
import re

import pytest

from desk.policy.loader import Library, PackError
from support import city_pack, pack_text, quote, steps, write_pack

AT = "2024-03-01T10:00:00+08:00"
CITY = {
    "ordinary.deductible": '{ 0 = "200", 1 = "200", 2 = "500", 3 = "800" }',
    "ordinary.ratio": '{ 0 = "0.70", 1 = "0.70", 2 = "0.60", 3 = "0.55" }',
    "ordinary.retiree_addition": '"0.05"',
    "ordinary.annual_cap": '"5000"',
    "ordinary.inpatient_stops": "false",
}


def _with_wage(folder, wage="100000"):
    text = re.sub(r'unset = "the seed names no figure[^\n]*', f'value = {{ 2021-12-31 = "{wage}" }}',
                  pack_text("shandong"))
    write_pack(folder, "shandong", text)


@pytest.fixture()
def jinan(tmp_path):
    _with_wage(tmp_path)
    write_pack(tmp_path, "jinan", city_pack("jinan", "shandong", **CITY))
    return Library([tmp_path])


def test_section_2_2_a_city_within_the_bounds_settles(jinan):
    a = quote(jinan, "jinan", AT, level=3, items=[("1000.00", "A")])
    assert (a["deductible"], a["ratio"], a["pool_pay"]) == ("800.00", "0.5500", "110.00")
    r = quote(jinan, "jinan", AT, level=1, category="retired", items=[("300.00", "A")])
    assert (r["ratio"], r["pool_pay"]) == ("0.7500", "75.00")


def test_section_2_4_pharmacy_bills_share_the_clinics_deductible_and_cap(jinan):
    a = quote(jinan, "jinan", AT, level=0, type="pharmacy", prescriber_level=1, items=[("300.00", "A")],
              usage={"deductible_met": "150", "ordinary_pool_paid": "4990"})
    assert (a["deductible"], a["pool_pay"], a["over_cap"]) == ("50.00", "10.00", "165.00")
    assert a["usage_after"] == {"deductible_met": "200.00", "ordinary_pool_paid": "5000.00",
                                "same_day_deductible_met": "0.00"}
    assert "jinan" in steps(a)["deductible"]["source"]


@pytest.mark.parametrize("override, key, says", [
    ({"ordinary.deductible": '{ 0 = "200", 1 = "200", 2 = "500", 3 = "2000.01" }'}, "ordinary.deductible", "above 0.02 × W = 2000.00"),
    ({"ordinary.deductible": '"500"'}, "ordinary.deductible", "must differ by level"),
    ({"ordinary.ratio": '{ 0 = "0.60", 1 = "0.60", 2 = "0.50", 3 = "0.45" }'}, "ordinary.ratio", "below the floor 0.50"),
    ({"ordinary.ratio": '{ 0 = "0.60", 1 = "0.60", 2 = "0.55", 3 = "0.55" }'}, "ordinary.ratio", "below 0.10"),
    ({"ordinary.ratio": '{ 0 = "0.60", 1 = "0.70", 2 = "0.60", 3 = "0.50" }'}, "ordinary.ratio", "must fall"),
    ({"ordinary.retiree_addition": '"0.03"'}, "ordinary.retiree_addition", "averages 0.03, not 0.05"),
    ({"ordinary.annual_cap": '"6500"'}, "ordinary.annual_cap", "outside 4000.00–6000.00"),
    ({"pharmacy.mode": '"not_covered"'}, "pharmacy.mode", "is not one of prescriber_level"),
])
def test_section_2_a_city_outside_the_bounds_never_loads(tmp_path, override, key, says):
    _with_wage(tmp_path)
    write_pack(tmp_path, "zibo", city_pack("zibo", "shandong", **{**CITY, **override}))
    with pytest.raises(PackError) as err:
        Library([tmp_path]).get("zibo")
    assert err.value.key == key and says in str(err.value), str(err.value)


def test_retiree_additions_by_level_may_differ_if_they_average_five_points(tmp_path):
    _with_wage(tmp_path)
    tilt = '{ 0 = "0.08", 1 = "0.08", 2 = "0.02", 3 = "0.02" }'
    write_pack(tmp_path, "yantai", city_pack("yantai", "shandong", **{**CITY, "ordinary.retiree_addition": tilt}))
    assert Library([tmp_path]).get("yantai").id == "yantai"


def test_without_a_figure_for_w_the_shipped_framework_cannot_check_a_city(tmp_path):
    write_pack(tmp_path, "weifang", city_pack("weifang", "shandong", **CITY))
    with pytest.raises(PackError) as err:
        Library([tmp_path]).get("weifang")
    assert "average_wage" in str(err.value) and "cannot be checked" in str(err.value)


def test_a_new_w_from_a_later_date_rechecks_the_city(tmp_path):
    text = re.sub(r'unset = "the seed names no figure[^\n]*', 'value = { 2021-12-31 = "100000", 2024-01-01 = "60000" }',
                  pack_text("shandong"))
    write_pack(tmp_path, "shandong", text)
    write_pack(tmp_path, "linyi", city_pack("linyi", "shandong", **CITY))
    with pytest.raises(PackError, match="on 2024-01-01: 5000.00 for category=employed, scheme=employer is outside 2400.00–3600.00"):
        Library([tmp_path]).get("linyi")
