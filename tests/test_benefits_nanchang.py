"""南昌 (seed 003) 四（二）2: 门诊特殊慢性病 — 33 diseases, no deductible, 80 %–98 %, caps 4,000–600,000.

The drafting note lists no diseases, so the shipped pack refuses the benefit naming the table;
tests/packs/nanchang.toml fills the table in (M01 高血压（合并并发症） 0.85 / 4000, M02 糖尿病 0.85 / 5000,
M10 恶性肿瘤门诊放化疗 0.90 / 200000, M20 器官移植抗排异治疗 0.98 / 600000) and keeps the shipped bounds.
"""
import pytest

from desk.money import InputError
from desk.policy.loader import Library, PackError
from desk.quote import quote_one
from support import EXAMPLE_PACKS, benefit_request, certified, steps, write_pack

AT = "2023-08-08T09:10:00+08:00"


@pytest.fixture(scope="module")
def lib():
    return Library([EXAMPLE_PACKS])


def q(lib, disease, **kwargs):
    return quote_one(lib, benefit_request("nanchang", AT, "chronic", disease, **kwargs))


def test_4_2_2_no_deductible_and_the_diseases_ratio(lib):
    # first bill of the year at level 3: no deductible; 1000 × 0.85 = 850.00 (ordinary would be 600 deductible, 50 %)
    a = q(lib, "M01", level=3, items=[("1000.00", "A")])
    assert (a["deductible"], a["ratio"], a["pool_pay"], a["self_pay"]) == ("0.00", "0.8500", "850.00", "150.00")
    assert a["usage_after"]["deductible_met"] == "0.00"
    assert steps(a)["deductible"]["source"] == "南昌 四（二）2"


def test_4_2_2_retirees_get_no_addition_on_the_chronic_ratio(lib):
    a = q(lib, "M10", level=2, category="retired", items=[("1000.00", "A")])
    assert (a["ratio"], a["pool_pay"]) == ("0.9000", "900.00")


def test_4_2_2_class_b_and_c_lines_as_in_any_bill(lib):
    # 1000 B with 10 % pre-self-pay → 100 pre, 200 C → full; in scope 900 × 0.98 = 882.00
    a = q(lib, "M20", level=3, items=[("1000.00", "B", "0.10"), ("200.00", "C")])
    assert (a["pre_self_pay"], a["full_self_pay"], a["in_scope"], a["pool_pay"]) == ("100.00", "200.00", "900.00", "882.00")
    assert a["self_pay"] == "318.00"


def test_4_2_2_each_disease_has_its_own_cap_and_the_crossing_bill_is_paid_in_part(lib):
    # M01 cap 4000, 3500 paid: 1000 × 0.85 = 850.00 computed, 500.00 paid, 350.00 over
    a = q(lib, "M01", level=1, items=[("1000.00", "A")], usage={"disease_pool_paid": {"M01": "3500", "M02": "100"}})
    assert (a["pool_pay"], a["over_cap"]) == ("500.00", "350.00")
    assert a["usage_after"]["disease_pool_paid"] == {"M01": "4000.00", "M02": "100.00"}
    # M02's 5000 is untouched by M01's: 1000 × 0.85 = 850.00
    b = q(lib, "M02", level=1, items=[("1000.00", "A")], usage=a["usage_after"])
    assert (b["pool_pay"], b["usage_after"]["disease_pool_paid"]["M02"]) == ("850.00", "950.00")


def test_4_2_2_does_not_touch_the_ordinary_deductible_or_cap(lib):
    a = q(lib, "M01", level=2, usage={"deductible_met": "100", "ordinary_pool_paid": "1800"})
    assert a["usage_after"]["deductible_met"] == "100.00" and a["usage_after"]["ordinary_pool_paid"] == "1800.00"
    assert a["pool_pay"] == "85.00"


def test_4_2_2_an_expired_certification_is_refused(lib):
    with pytest.raises(InputError, match=r"^member.certified: the chronic certification for M01 .* valid 2022-01-01 to 2022-12-31"):
        q(lib, "M01", certs=[certified("chronic", "M01", "2022-01-01", "2022-12-31")])


# the shipped pack refuses until the table is filled in: tests/cases/nanchang.toml


@pytest.mark.parametrize("row, says", [
    ('ratio = "0.85", cap = "4000"', None),
    ('ratio = "0.99", cap = "4000"', "0.9900 for disease=M01 is above the ceiling 0.98"),
    ('ratio = "0.79", cap = "4000"', "0.7900 for disease=M01 is below the floor 0.80"),
    ('ratio = "0.85", cap = "3999"', "3999.00 for disease=M01 is below the floor 4000"),
    ('ratio = "0.85", cap = "600000.01"', "600000.01 for disease=M01 is above the ceiling 600000"),
])
def test_4_2_2_a_local_table_outside_the_ranges_is_refused_even_without_the_bounds_in_its_file(tmp_path, row, says):
    text = (EXAMPLE_PACKS / "nanchang.toml").read_text(encoding="utf-8")
    text = text.replace('ratio = "0.85", cap = "4000"', row)
    # an administrator who also deletes the bounds from the copy is still held to the shipped pack's
    text = text.replace('key = "chronic.diseases"', 'key = "chronic.cap"')
    write_pack(tmp_path, "nanchang", text)
    if says is None:
        assert Library([tmp_path]).get("nanchang").id == "nanchang"
        return
    with pytest.raises(PackError) as err:
        Library([tmp_path]).get("nanchang")
    assert err.value.key == "chronic.diseases" and says in str(err.value) and "南昌 四（二）2" in str(err.value)


def test_4_2_2_desk_policy_check_holds_a_local_copy_to_the_shipped_bounds(tmp_path):
    from test_quote_cli import run

    text = (EXAMPLE_PACKS / "nanchang.toml").read_text(encoding="utf-8").replace('cap = "5000"', 'cap = "1000"')
    path = write_pack(tmp_path, "nanchang", text.replace('key = "chronic.diseases"', 'key = "chronic.cap"'))
    done = run("policy", "check", str(path))
    assert done.returncode == 2
    assert "chronic.diseases" in done.stderr and "1000.00 for disease=M02 is below the floor 4000" in done.stderr
    assert run("policy", "check", str(EXAMPLE_PACKS / "nanchang.toml")).returncode == 0
