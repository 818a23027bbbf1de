"""吉林 (seed 002, 吉医保联〔2022〕22号): city packs within and outside its bounds (the template: tests/cases/jilin.toml)."""
import pytest

from desk.money import InputError
from desk.policy.loader import Library, PackError
from support import city_pack, quote, write_pack

AT = "2023-10-20T11:00:00+08:00"


def test_section_2_2_retirees_are_refused_until_the_city_sets_its_tilt(library):
    with pytest.raises(InputError) as err:
        quote(library, "jilin", AT, category="retired")
    message = str(err.value)
    assert message.startswith("member.category: jilin@2022-08-30: 退休人员支付比例增加")
    assert "由统筹区确定" in message and "吉林 二、（二）" in message


def test_a_city_within_the_bounds_loads_and_settles_retirees_with_its_tilt(tmp_path):
    write_pack(tmp_path, "changchun", city_pack("changchun", "jilin", **{"ordinary.deductible": '"200"'}))
    lib = Library([tmp_path])
    a = quote(lib, "changchun", AT, level=3, category="retired", items=[("300.00", "A")])
    assert (a["policy_version"], a["deductible"], a["ratio"], a["pool_pay"]) == (
        "changchun@2023-01-01", "200.00", "0.5500", "55.00")


@pytest.mark.parametrize("override, key, says", [
    ({"ordinary.deductible": '"300.01"'}, "ordinary.deductible", "above the ceiling 300"),
    ({"ordinary.annual_cap": '"2500"'}, "ordinary.annual_cap", "above the ceiling 2000"),
    ({"ordinary.ratio": '{ 0 = "0.60", 1 = "0.60", 2 = "0.60", 3 = "0.50" }'}, "ordinary.ratio", "must equal 0.5500"),
    ({"ordinary.retiree_addition": "unset:not decided"}, "ordinary.retiree_addition", "must be set by the city"),
    ({"ordinary.inpatient_stops": "false"}, "ordinary.inpatient_stops", "is not one of true"),
    ({"ordinary.deductible_basis": '"per_visit"'}, "ordinary.deductible_basis", "is not one of annual"),
])
def test_section_2_2_a_city_outside_the_bounds_is_refused_with_file_key_and_bound(tmp_path, override, key, says):
    path = write_pack(tmp_path, "siping", city_pack("siping", "jilin", **override))
    with pytest.raises(PackError) as err:
        Library([tmp_path]).get("siping")
    assert err.value.file == str(path) and err.value.key == key
    assert says in str(err.value) and "吉林 " in str(err.value)
