"""Policy packs: the shipped ones load, and a malformed pack is refused naming file and key."""
import datetime as dt
import re

import pytest

from desk.policy.loader import Library, PackError, read_pack
from desk.policy.params import SETTLEMENT_KEYS
from support import city_pack, pack_text, write_pack

SHIPPED = ["chongqing", "jilin", "nanchang", "puyang", "shandong"]


def test_every_seed_place_ships_a_pack_that_loads(library):
    assert library.ids() == SHIPPED
    for pack_id in SHIPPED:
        pack = library.get(pack_id)
        assert pack.id == pack_id


def test_every_shipped_parameter_cites_its_article(library):
    for pack_id in SHIPPED:
        for version in library.get(pack_id).versions:
            assert version.source
            for param in version.params.values():
                assert param.source.strip(), (pack_id, param.key)
            for bound in version.bounds:
                assert bound.source.strip(), (pack_id, bound.key)


def test_puyang_half_cap_for_2022_is_dated_data_in_one_version(library):
    pack = library.get("puyang")
    assert len(pack.versions) == 1
    ctx = {"category": "employed", "scheme": "employer"}
    assert str(pack.on(dt.date(2022, 12, 31)).get("ordinary.annual_cap", ctx)) == "750.00"
    assert str(pack.on(dt.date(2023, 1, 1)).get("ordinary.annual_cap", ctx)) == "1500.00"
    assert pack.on(dt.date(2023, 1, 1)).version_id == "puyang@2022-07-01"


def test_a_later_version_inherits_what_it_does_not_change(tmp_path):
    text = pack_text("nanchang") + '\n[[versions]]\nfrom = 2025-01-01\nsource = "调整通知"\n\n' \
        '[versions.ordinary.deductible]\nvalue = "500"\nsource = "调整通知 一"\n'
    write_pack(tmp_path, "nanchang", text)
    pack = Library([tmp_path]).get("nanchang")
    later = pack.on(dt.date(2025, 6, 1))
    assert later.version_id == "nanchang@2025-01-01"
    assert str(later.get("ordinary.deductible", {"category": "employed", "level": "1"})) == "500.00"
    assert str(later.get("ordinary.annual_cap", {"category": "retired", "scheme": "employer"})) == "2000.00"
    assert later.source("ordinary.deductible") == "南昌 调整通知 一"
    assert pack.on(dt.date(2024, 12, 31)).version_id == "nanchang@2023-01-01"


def _refused(tmp_path, pack_id, text):
    write_pack(tmp_path, pack_id, text)
    with pytest.raises(PackError) as err:
        Library([tmp_path]).get(pack_id)
    assert err.value.file.endswith(f"{pack_id}.toml")
    return err.value


@pytest.mark.parametrize("edit, key, says", [
    (lambda t: t.replace('2 = "30", ', ""), "versions[0].ordinary.deductible.value", "table by level lacks 2"),
    (lambda t: t.replace('3 = "50"', '3 = "-50"'), "versions[0].ordinary.deductible.value.3", "negative"),
    (lambda t: t.replace('3 = "0.50" }', '3 = "1.50" }'), "versions[0].ordinary.ratio.value.3", "not a ratio between 0 and 1"),
    (lambda t: t.replace('value = "per_visit"', 'value = "weekly"'), "versions[0].ordinary.deductible_basis.value", "not one of per_visit, annual"),
    (lambda t: t.replace("employed = {", "staff = {"), "versions[0].ordinary.annual_cap.value", "match no dimension"),
    (lambda t: t.replace('[versions.ordinary.ratio]\nvalue', '[versions.ordinary.ratio]\nvalu'), "versions[0].ordinary.ratio", "unknown field valu"),
    (lambda t: t.replace("[versions.ordinary.ratio]", "[versions.ordinary.ratios]"), "versions[0].ordinary.ratios", "not a parameter"),
    (lambda t: t.replace('source = "第十二条（一）"\nnote = "一级', 'note = "一级'), "versions[0].ordinary.deductible.source", "non-empty string"),
    (lambda t: re.sub(r"\[versions.account.pays_self_pay\][^\[]*", "", t), "versions[0].account.pays_self_pay", "is required"),
    (lambda t: t.replace('id = "puyang"', 'id = "puyang2"'), "id", "must match the file name"),
    (lambda t: t.replace("from = 2022-07-01", "from = 2022-13-01"), "", "not valid TOML"),
    (lambda t: t.replace('employed = { 2022-07-01 = "750"', 'employed = { 2022-08-01 = "750"'),
     "versions[0].ordinary.annual_cap", "no value in force on 2022-07-01"),
    (lambda t: "currency = 'CNY'\n" + t, "currency", "unknown top-level key"),
])
def test_a_malformed_pack_is_refused_with_file_and_key(tmp_path, edit, key, says):
    error = _refused(tmp_path, "puyang", edit(pack_text("puyang")))
    assert error.key == key and says in error.reason, str(error)


def test_a_pack_following_an_unknown_framework_is_refused(tmp_path):
    error = _refused(tmp_path, "atlantis", city_pack("atlantis", "nowhere"))
    assert error.key == "follows" and "unknown policy 'nowhere'" in str(error)


def test_a_city_may_not_follow_a_city(tmp_path):
    error = _refused(tmp_path, "suburb", city_pack("suburb", "puyang"))
    assert "puyang is not a framework pack" in str(error)


def test_a_template_must_keep_its_own_frameworks_bounds(tmp_path):
    error = _refused(tmp_path, "jilin", pack_text("jilin").replace('value = "2000"', 'value = "2100"'))
    assert error.key == "ordinary.annual_cap" and "above the ceiling 2000" in str(error)


def test_unknown_policy_lists_the_known_ones(library):
    from desk.policy.pack import PolicyError

    with pytest.raises(PolicyError, match="unknown policy 'atlantis' .known: chongqing, jilin, nanchang, puyang, shandong"):
        library.get("atlantis")
    with pytest.raises(PolicyError):
        library.get("../etc/passwd")


def test_settlement_keys_are_all_declared_by_every_settling_pack(library):
    for pack_id in ("puyang", "chongqing", "nanchang", "jilin"):
        assert set(SETTLEMENT_KEYS) <= set(library.get(pack_id).versions[0].params)


def test_read_pack_reports_an_unreadable_file(tmp_path):
    path = tmp_path / "x.toml"
    path.write_bytes(b"\xff\xfe")
    with pytest.raises(PackError, match="cannot be read"):
        read_pack(path)
