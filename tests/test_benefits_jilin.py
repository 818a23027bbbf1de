"""吉林 (seed 002, 吉医保联〔2022〕22号) 二（三）–（六）, 一、 and 六（三）: the benefits beside 普通门诊.

Settled under tests/packs/changchun.toml, an example city pack that sets what the framework leaves
to the city: ordinary deductible 200 (annual), chronic ratio 70 % with per-disease caps (高血压 I10
2000, 糖尿病 E11 the pack's 3000, 冠心病 I25 4500), inpatient deductible 200/300/500/800 and ratio
90/90/85/80 % by level (retirees +5 points), inpatient cap 100,000, day surgery without deductible.
Every expected figure below is worked by hand in the comment beside it.
"""
import pytest

from desk.money import InputError
from desk.policy.loader import Library, PackError
from desk.quote import quote_one
from support import EXAMPLE_PACKS, benefit_request, certified, steps, write_pack

AT = "2023-05-10T10:00:00+08:00"


@pytest.fixture(scope="module")
def lib():
    return Library([EXAMPLE_PACKS])


def q(lib, benefit, disease=None, **kwargs):
    return quote_one(lib, benefit_request("changchun", kwargs.pop("at", AT), benefit, disease, **kwargs))


def figures(a, *keys):
    return tuple(a[k] for k in keys)


# --- 二（三） 门诊慢性病 ---

def test_2_3_chronic_shares_the_ordinary_annual_deductible(lib):
    # 150 of the 200 met by ordinary bills: 50 left; (400 − 50) × 0.70 = 245.00
    a = q(lib, "chronic", "I10", level=2, items=[("400.00", "A")], usage={"deductible_met": "150"})
    assert figures(a, "benefit", "disease", "deductible", "ratio", "pool_pay", "self_pay") == (
        "chronic", "I10", "50.00", "0.7000", "245.00", "155.00")
    assert a["usage_after"]["deductible_met"] == "200.00"
    assert a["usage_after"]["disease_pool_paid"] == {"I10": "245.00"}
    assert a["usage_after"]["ordinary_pool_paid"] == "0.00"  # its own cap, not the ordinary one
    assert "长春 二、（三）" in steps(a)["deductible"]["source"]


def test_2_3_chronic_ratio_gets_no_retiree_addition(lib):
    # deductible met; 100 × 0.70 = 70.00 for a retiree too (the seed gives chronic no tilt)
    a = q(lib, "chronic", "E11", level=1, category="retired", usage={"deductible_met": "200"})
    assert figures(a, "ratio", "pool_pay") == ("0.7000", "70.00")


def test_2_3_the_bill_that_crosses_a_disease_cap_is_paid_in_part(lib):
    # 高血压 cap 2000, 1900 paid: (300 − 0) × 0.70 = 210.00 computed, 100.00 paid, 110.00 over the cap
    a = q(lib, "chronic", "I10", level=1, items=[("300.00", "A")],
          usage={"deductible_met": "200", "disease_pool_paid": {"I10": "1900.00"}})
    assert figures(a, "pool_pay", "over_cap", "self_pay", "cash_pay") == ("100.00", "110.00", "200.00", "200.00")
    assert a["usage_after"]["disease_pool_paid"]["I10"] == "2000.00"
    assert "高血压年度最高支付限额2000.00元" in steps(a)["pool_pay"]["why"]
    # the next 高血压 bill gets nothing, the 糖尿病 cap (3000, the pack's default) is its own: 100 × 0.70
    again = q(lib, "chronic", "I10", level=1, usage={"deductible_met": "200", "disease_pool_paid": {"I10": "2000"}})
    other = q(lib, "chronic", "E11", level=1, usage={"deductible_met": "200", "disease_pool_paid": {"I10": "2000"}})
    assert (again["pool_pay"], again["over_cap"]) == ("0.00", "70.00")
    assert other["pool_pay"] == "70.00" and other["usage_after"]["disease_pool_paid"] == {"I10": "2000.00", "E11": "70.00"}


def test_2_3_one_chronic_cap_for_all_diseases_where_the_city_sets_no_per_disease_caps(tmp_path):
    # per_year: one 3000 cap over the member's chronic diseases: 2950 used by I10 and E11 together
    text = pack_text_changchun().replace('value = "per_disease"', 'value = "per_year"').replace(
        'id = "changchun"', 'id = "songyuan"')
    write_pack(tmp_path, "songyuan", text)
    a = quote_one(Library([tmp_path]), benefit_request(
        "songyuan", AT, "chronic", "I25", level=1, items=[("200.00", "A")],
        usage={"deductible_met": "200", "disease_pool_paid": {"I10": "1500", "E11": "1450"}}))
    # 200 × 0.70 = 140.00; 3000 − 2950 = 50.00 left
    assert figures(a, "pool_pay", "over_cap") == ("50.00", "90.00")


def pack_text_changchun():
    return (EXAMPLE_PACKS / "changchun.toml").read_text(encoding="utf-8")


def test_1_chronic_is_not_paid_at_a_level_3_institution(lib):
    with pytest.raises(InputError) as err:
        q(lib, "chronic", "I10", level=3)
    assert str(err.value).startswith("institution.level: 门诊慢性病 (chronic) is not paid at a level-3")
    assert "长春 一、" in str(err.value)


def test_2_1_chronic_needs_a_certification_in_force_on_the_bills_day(lib):
    expired = [certified("chronic", "I10", "2022-01-01", "2022-12-31")]
    with pytest.raises(InputError) as err:
        q(lib, "chronic", "I10", certs=expired)
    assert str(err.value) == ("member.certified: the chronic certification for I10 (高血压) is valid"
                              " 2022-01-01 to 2022-12-31, not on 2023-05-10")
    with pytest.raises(InputError, match=r"^member.certified: no chronic certification for I10"):
        q(lib, "chronic", "I10", certs=[certified("chronic", "E11")])


def test_certifications_run_to_their_last_day_inclusive_in_china_standard_time(lib):
    cert = [certified("chronic", "I10", "2023-01-01", "2023-05-10")]
    last = q(lib, "chronic", "I10", level=1, certs=cert, at="2023-05-10T23:30:00+08:00",
             usage={"deductible_met": "200"})
    assert last["pool_pay"] == "70.00"
    # 16:30 UTC on the 10th is 00:30 on the 11th in China: the certification has lapsed
    with pytest.raises(InputError, match="not on 2023-05-11"):
        q(lib, "chronic", "I10", level=1, certs=cert, at="2023-05-10T16:30:00+00:00")


def test_6_3_chronic_pays_nothing_while_in_hospital(lib):
    a = q(lib, "chronic", "I10", level=1, inpatient=True, usage={"deductible_met": "200"})
    assert figures(a, "pool_pay", "deductible", "cash_pay") == ("0.00", "0.00", "100.00")
    assert steps(a)["inpatient"]["source"] == "长春 六、（三）"
    assert "disease_pool_paid" not in a["usage_after"]


def test_6_3_a_certified_diseases_benefit_comes_before_ordinary(lib):
    # asked as ordinary, for 高血压 certified: settled as chronic, 400 × 0.70 = 280.00 (ordinary: 0.60 → 240)
    req = benefit_request("changchun", AT, "ordinary", "I10", level=1, items=[("400.00", "A")],
                          usage={"deductible_met": "200"}, certs=[certified("chronic", "I10")])
    a = quote_one(lib, req)
    assert figures(a, "benefit", "disease", "ratio", "pool_pay") == ("chronic", "I10", "0.7000", "280.00")
    assert steps(a)["precedence"]["source"] == "长春 六、（三）"


def test_6_3_no_precedence_where_the_disease_benefit_does_not_apply(lib):
    # level 3: chronic is not paid there, so the ordinary benefit settles: 400 × 0.50 = 200.00
    req = benefit_request("changchun", AT, "ordinary", "I10", level=3, items=[("400.00", "A")],
                          usage={"deductible_met": "200"}, certs=[certified("chronic", "I10")])
    a = quote_one(lib, req)
    assert figures(a, "benefit", "disease", "pool_pay") == ("ordinary", None, "200.00")
    # an expired certification: ordinary at level 1, 400 × 0.60 = 240.00
    req = benefit_request("changchun", AT, "ordinary", "I10", level=1, items=[("400.00", "A")],
                          usage={"deductible_met": "200"}, certs=[certified("chronic", "I10", "2022-01-01", "2022-12-31")])
    assert quote_one(lib, req)["pool_pay"] == "240.00"


# --- 二（四） 门诊特殊疾病 ---

def test_2_4_special_takes_the_inpatient_deductible_and_ratio_of_the_level(lib):
    # level 2: inpatient deductible 500, ratio 0.85; (2000 − 500) × 0.85 = 1275.00
    a = q(lib, "special", "N18", level=2, items=[("2000.00", "A")], usage={"inpatient_pool_paid": "0"})
    assert figures(a, "deductible", "ratio", "pool_pay", "self_pay") == ("500.00", "0.8500", "1275.00", "725.00")
    assert a["usage_after"]["special_deductible_met"] == "500.00"
    assert a["usage_after"]["inpatient_pool_paid"] == "1275.00"
    assert a["usage_after"]["deductible_met"] == "0.00"  # not the ordinary deductible


def test_2_4_special_deductible_once_a_year_topping_up_at_a_higher_level(lib):
    # 500 met at level 2; at level 3 the deductible is 800: 300 more; (1000 − 300) × 0.80 = 560.00
    a = q(lib, "special", "N18", level=3, items=[("1000.00", "A")],
          usage={"special_deductible_met": "500", "inpatient_pool_paid": "1275"})
    assert figures(a, "deductible", "ratio", "pool_pay") == ("300.00", "0.8000", "560.00")
    assert a["usage_after"]["special_deductible_met"] == "800.00"
    assert "补差" in steps(a)["deductible"]["why"] and "长春 二、（四）" in steps(a)["deductible"]["source"]
    # back at level 2, nothing more: 1000 × 0.85 = 850.00
    b = q(lib, "special", "N18", level=2, items=[("1000.00", "A")],
          usage={"special_deductible_met": "800", "inpatient_pool_paid": "1835"})
    assert figures(b, "deductible", "pool_pay") == ("0.00", "850.00")


def test_2_4_special_retirees_get_the_citys_inpatient_tilt(lib):
    # 0.85 + 0.05 = 0.90; deductible met: 1000 × 0.90 = 900.00
    a = q(lib, "special", "N18", level=2, category="retired", items=[("1000.00", "A")],
          usage={"special_deductible_met": "500", "inpatient_pool_paid": "0"})
    assert figures(a, "ratio", "pool_pay") == ("0.9000", "900.00")


def test_2_4_special_shares_the_inpatient_cap(lib):
    # 100,000 cap, 99,900 paid: 1000 × 0.85 = 850.00 computed, 100.00 paid, 750.00 over
    a = q(lib, "special", "N18", level=2, items=[("1000.00", "A")],
          usage={"special_deductible_met": "500", "inpatient_pool_paid": "99900"})
    assert figures(a, "pool_pay", "over_cap") == ("100.00", "750.00")
    assert a["usage_after"]["inpatient_pool_paid"] == "100000.00"


def test_2_4_special_needs_this_years_inpatient_pool_pay(lib):
    with pytest.raises(InputError, match=r"^usage.inpatient_pool_paid: is unknown"):
        q(lib, "special", "N18", level=2)


def test_1_special_below_level_2_only_at_a_specialty_institution(lib):
    with pytest.raises(InputError, match=r"^institution.level: 门诊特殊疾病"):
        q(lib, "special", "N18", level=1, usage={"inpatient_pool_paid": "0"})
    req = benefit_request("changchun", AT, "special", "N18", level=1, items=[("1000.00", "A")],
                          usage={"inpatient_pool_paid": "0"})
    req["institution"]["specialty"] = True
    a = quote_one(lib, req)
    # level 1: deductible 300, ratio 0.90; (1000 − 300) × 0.90 = 630.00
    assert figures(a, "deductible", "ratio", "pool_pay") == ("300.00", "0.9000", "630.00")
    assert "专科医疗机构" in steps(a)["benefit"]["why"]


def test_6_3_special_pays_nothing_while_in_hospital(lib):
    a = q(lib, "special", "N18", level=2, inpatient=True, usage={"inpatient_pool_paid": "0"})
    assert (a["pool_pay"], steps(a)["inpatient"]["source"]) == ("0.00", "长春 六、（三）")


# --- 二（五） 急诊抢救, 二（六） 日间手术 ---

def test_2_5_emergency_as_inpatient_of_the_level_each_bill_its_own_deductible(lib):
    # level 3: deductible 800 on this bill, ratio 0.80; (2000 − 800) × 0.80 = 960.00; no certification needed
    a = q(lib, "emergency", level=3, items=[("2000.00", "A")], usage={"inpatient_pool_paid": "0"})
    assert figures(a, "benefit", "deductible", "ratio", "pool_pay") == ("emergency", "800.00", "0.8000", "960.00")
    again = q(lib, "emergency", level=3, items=[("2000.00", "A")], usage=a["usage_after"])
    assert again["deductible"] == "800.00" and again["usage_after"]["inpatient_pool_paid"] == "1920.00"


def test_2_5_emergency_is_not_stopped_in_hospital(lib):
    a = q(lib, "emergency", level=3, inpatient=True, items=[("2000.00", "A")], usage={"inpatient_pool_paid": "0"})
    assert a["pool_pay"] == "960.00"


def test_2_6_day_surgery_without_deductible_at_the_inpatient_ratio(lib):
    # the city sets no deductible; level 2: 3000 × 0.85 = 2550.00
    a = q(lib, "day_surgery", level=2, items=[("3000.00", "A")], usage={"inpatient_pool_paid": "0"})
    assert figures(a, "deductible", "ratio", "pool_pay") == ("0.00", "0.8500", "2550.00")
    assert a["usage_after"]["inpatient_pool_paid"] == "2550.00"


# --- the template refuses what the province leaves to the city by name: tests/cases/jilin.toml ---

@pytest.mark.parametrize("find, replace, key, says", [
    ('value = "0.70"', 'value = "0.65"', "chronic.ratio", "is not one of 0.60, 0.70"),
    ('{ code = "I10", name = "高血压", cap = "2000" }', '{ code = "I10", name = "高血压", cap = "7000" }',
     "chronic.diseases", "7000.00 for disease=I10 is above the ceiling 6500"),
    ('value = "3000"\nsource = "二、（三）"', 'value = "6600"\nsource = "二、（三）"', "chronic.cap", "above the ceiling 6500"),
    ('value = "yearly_top_up"', 'value = "per_bill"', "special.deductible_basis", "is not one of yearly_top_up"),
])
def test_2_3_and_2_4_a_city_outside_the_bounds_is_refused(tmp_path, find, replace, key, says):
    text = pack_text_changchun()
    assert find in text
    path = write_pack(tmp_path, "changchun", text.replace(find, replace, 1))
    with pytest.raises(PackError) as err:
        Library([tmp_path]).get("changchun")
    assert err.value.file == str(path) and err.value.key == key
    assert says in str(err.value) and "吉林 二、（" in str(err.value)


def test_the_example_city_pack_keeps_every_bound():
    assert Library([EXAMPLE_PACKS]).get("changchun").follows == "jilin"
